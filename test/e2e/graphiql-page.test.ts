import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// The page as a browser fetches it, bytes and headers as they travel (undici's `request` does not decode).
let gw: TestGateway;
let server: RunningServer;

async function open(headers: Record<string, string>, path = '/graphql') {
  const answer = await request(`${server.url.replace(/\/graphql$/, '')}${path}`, {
    headers: { accept: 'text/html,application/xhtml+xml', ...headers },
  });
  return {
    status: answer.statusCode,
    headers: answer.headers,
    body: Buffer.from(await answer.body.arrayBuffer()),
  };
}

beforeAll(async () => {
  // Authentication on: the page itself holds no data and opens without a token, as GraphiQL needs.
  gw = await startTestGateway({ GATEWAY_AUTH: 'tokens', GATEWAY_TOKENS: 'page-test-token' });
  server = await listen(gw.gateway, '127.0.0.1', 0);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await gw?.close();
});

describe('the GraphiQL page over HTTP', () => {
  it('is sent gzipped to a browser that takes gzip, about a quarter of its size, and opens without a token', {
    timeout: 30_000,
  }, async () => {
    const plain = await open({});
    const gzipped = await open({ 'accept-encoding': 'gzip, deflate, br' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toContain('<title>datasource-gateway</title>');
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toContain('Accept-Encoding');
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
  });

  it('is sent plain to a client that refuses gzip with q=0', async () => {
    const answer = await open({ 'accept-encoding': 'gzip;q=0, identity' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.toString('utf8')).toContain('query PostgresEverywhere');
  });

  it('answers 304 with no body to a browser that still holds it, and the page again to one holding another', async () => {
    const first = await open({ 'accept-encoding': 'gzip' });
    const etag = first.headers.etag;
    expect(typeof etag).toBe('string');
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await open({ 'accept-encoding': 'gzip', 'if-none-match': String(etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const stale = await open({ 'accept-encoding': 'gzip', 'if-none-match': '"an-older-page"' });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(first.body.length);
  });

  it('is the page only for /graphql: a GraphQL GET still needs the token, and other paths are not it', async () => {
    const query = await request(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(query.statusCode).toBe(401);
    await query.body.dump();
    const elsewhere = await open({}, '/graphiql');
    expect(elsewhere.body.toString('utf8')).not.toContain('<title>datasource-gateway</title>');
  });
});
