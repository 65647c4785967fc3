import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { providers } from '../../src/providers/registry.js';
import { listen } from '../../src/server.js';
import { startTestGateway } from '../support/gateway.js';

const query = JSON.stringify({ query: '{ __typename }' });

/** Sends one POST on a raw connection; resolves with the answer's head, when it came, and when the server closed the connection. */
async function postOnRawSocket(url: string) {
  const { hostname, port, pathname } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString();
  });
  const closed = once(socket, 'close').then(() => performance.now());
  socket.write(
    `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(query)}\r\n\r\n${query}`,
  );
  while (!received.includes('__typename')) await once(socket, 'data');
  return { head: received.split('\r\n\r\n')[0] ?? '', answeredAt: performance.now(), closed };
}

describe('idle client connections', () => {
  it('stay open 65 s by default, longer than a load balancer idles, and clients are told so', async () => {
    const gw = await startTestGateway();
    const server = await listen(gw.gateway, '127.0.0.1', 0);
    try {
      const answer = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: query,
      });
      expect(answer.headers.get('keep-alive')).toBe('timeout=65');
      await answer.text();
    } finally {
      await server.close();
      await gw.close();
    }
  });

  it('are closed by the gateway once HTTP_KEEP_ALIVE_TIMEOUT_MS has passed', async () => {
    const gw = await startTestGateway({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000' });
    const server = await listen(gw.gateway, '127.0.0.1', 0);
    try {
      const { head, answeredAt, closed } = await postOnRawSocket(server.url);
      expect(head).toMatch(/^HTTP\/1\.1 200/);
      expect(head.toLowerCase()).toContain('keep-alive: timeout=1');
      const idled = (await closed) - answeredAt;
      expect(idled).toBeGreaterThanOrEqual(900);
      expect(idled).toBeLessThan(5_000);
    } finally {
      await server.close();
      await gw.close();
    }
  });

  it('refuses a timeout under one second, naming the variable and the least it takes', () => {
    const load = () => loadConfig({ GATEWAY_AUTH: 'none', HTTP_KEEP_ALIVE_TIMEOUT_MS: '500' }, providers);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/HTTP_KEEP_ALIVE_TIMEOUT_MS: Too small: expected number to be >=1000/);
  });
});
