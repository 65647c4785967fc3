import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/gateway/logging.js';
import { providers } from '../../src/providers/registry.js';
import { type DemoUpstreams, startDemoUpstreams } from '../../src/sandbox/demo.js';
import { createGateway, type Gateway, listen, type RunningServer } from '../../src/server.js';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  upstream?: Record<string, { calls: number; failed: number }>;
  upstreamFailures?: { provider: string; route: string; errors: number }[];
}

let demo: DemoUpstreams;
let gateway: Gateway;
let server: RunningServer;
const lines: string[] = [];

beforeAll(async () => {
  demo = await startDemoUpstreams();
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  const env = { ...demo.env, GATEWAY_AUTH: 'none', UPSTREAM_RETRY_ATTEMPTS: '1' };
  gateway = createGateway(loadConfig(env, providers), { logger });
  server = await listen(gateway, '127.0.0.1', 0);
});

afterAll(async () => {
  await server.close();
  await gateway.close();
  await demo.close();
});

async function query<T>(document: string, variables: Record<string, unknown> = {}, requestId?: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(requestId ? { 'x-request-id': requestId } : {}),
    },
    body: JSON.stringify({ query: document, variables }),
  });
  return { requestId: response.headers.get('x-request-id'), body: (await response.json()) as { data?: T } };
}

async function ids(provider: string, count: number): Promise<string[]> {
  const { body } = await query<{ dataSources: { edges: { node: { id: string } }[] } }>(
    'query($p: [Provider!]) { dataSources(first: 10, filter: { providers: $p }) { edges { node { id } } } }',
    { p: [provider] },
  );
  return (body.data?.dataSources.edges ?? []).slice(0, count).map((edge) => edge.node.id);
}

const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';

describe('each request’s log lines', () => {
  it('count only the upstream calls and failures of that request, however requests overlap', async () => {
    const imports = await ids('PREQUEL_IMPORT', 3);
    const rivergen = await ids('RIVERGEN', 2);
    expect(imports).toHaveLength(3);
    expect(rivergen).toHaveLength(2);
    // Slow upstreams keep the two requests in flight together; Prequel import fails for `a` alone.
    for (const sim of demo.simulators) sim.setFaults({ latencyMs: 40 });
    demo.simulators
      .find((sim) => sim.provider === 'prequel-import')
      ?.setFaults({ latencyMs: 40, errorRate: 1, errorStatus: 503, operations: ['getSource'] });
    lines.length = 0;
    try {
      const [a, b] = await Promise.all([
        query(NODES, { ids: imports }, 'request-a'),
        query(NODES, { ids: rivergen }, 'request-b'),
      ]);
      expect([a.requestId, b.requestId]).toEqual(['request-a', 'request-b']);
    } finally {
      for (const sim of demo.simulators) sim.setFaults(undefined);
    }

    const logged = lines.map((line) => JSON.parse(line) as LogLine);
    const done = (id: string) => logged.find((l) => l.msg === 'request done' && l.requestId === id);
    expect(done('request-a')?.upstream).toEqual({
      'prequel-import': { calls: 3, ms: expect.any(Number), failed: 3 },
    });
    expect(done('request-b')?.upstream).toEqual({
      rivergen: { calls: 2, ms: expect.any(Number), failed: 0 },
    });
    const warned = logged.filter((l) => l.upstreamFailures);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({
      requestId: 'request-a',
      upstreamFailures: [{ provider: 'prequel-import', route: 'getSource', errors: 3 }],
    });
  });
});
