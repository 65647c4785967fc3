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

describe('x-request-id', () => {
  it('keeps a caller’s id of letters, digits and `_.:-` up to 128 characters, and replaces any other', async () => {
    const longest = `a.b:c-d_${'9'.repeat(120)}`;
    expect((await query('{ __typename }', {}, longest)).requestId).toBe(longest);
    for (const sent of [`${longest}x`, 'two words', 'ok\u00e9', 'a/b']) {
      const { requestId } = await query('{ __typename }', {}, sent);
      expect(requestId, sent).not.toBe(sent);
      expect(requestId, sent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});

describe('the request line', () => {
  /** The `request done` line of a request sent with `init`, found by its request id. */
  async function requestLine(init: RequestInit & { search?: string }) {
    const requestId = `named-${Math.random().toString(36).slice(2)}`;
    const response = await fetch(`${server.url}${init.search ?? ''}`, {
      ...init,
      headers: { accept: 'application/json', 'x-request-id': requestId, ...init.headers },
    });
    await response.text();
    const line = lines.find((l) => l.includes(`"requestId":"${requestId}"`) && l.includes('"request done"'));
    return { raw: line ?? '', fields: JSON.parse(line ?? '{}') as Record<string, unknown> };
  }
  const post = (body: Record<string, unknown>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const TWO = 'query Count { __typename } query Names { __typename }';

  it('names the operation the request sends as operationName, by POST or GET', async () => {
    expect((await requestLine(post({ query: TWO, operationName: 'Names' }))).fields).toMatchObject({
      operationName: 'Names',
      status: 200,
    });
    const search = `?${new URLSearchParams({ query: TWO, operationName: 'Count' })}`;
    expect((await requestLine({ search })).fields).toMatchObject({ operationName: 'Count', method: 'GET' });
  });

  it('names the document’s only operation when the request names none, and no operation when it has no name', async () => {
    expect((await requestLine(post({ query: 'query Overview { __typename }' }))).fields.operationName).toBe(
      'Overview',
    );
    const anonymous = await requestLine(post({ query: '{ __typename }' }));
    expect(anonymous.fields.status).toBe(200);
    expect(anonymous.fields).not.toHaveProperty('operationName');
    // Two operations and no operationName: the request fails, and no name is guessed.
    expect((await requestLine(post({ query: TWO }))).fields).not.toHaveProperty('operationName');
  });

  it('names a refused request’s operation too, and never logs the document or its variables', async () => {
    const secret = 'pa55-in-a-variable';
    const refused = await requestLine(
      post({
        query: `query Deep($v: String) { ${'a { '.repeat(20)}b${' }'.repeat(20)} }`,
        variables: { v: secret },
      }),
    );
    expect(refused.fields).toMatchObject({ operationName: 'Deep' });
    const answered = await requestLine(
      post({ query: 'query Lookup($name: String) { __typename }', variables: { name: secret } }),
    );
    expect(answered.fields).toMatchObject({ operationName: 'Lookup', status: 200 });
    for (const { raw } of [refused, answered]) {
      expect(raw).not.toContain(secret);
      expect(raw).not.toContain('__typename');
      expect(raw).not.toContain('a {');
    }
  });

  it('names the operation on the warn line of its upstream failures too', async () => {
    const [id] = await ids('PREQUEL_IMPORT', 1);
    const prequel = demo.simulators.find((sim) => sim.provider === 'prequel-import');
    prequel?.setFaults({ errorRate: 1, errorStatus: 503, operations: ['getSource'] });
    try {
      await query('query Look($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [id] }, 'request-look');
    } finally {
      prequel?.setFaults(undefined);
    }
    const warned = lines.map((line) => JSON.parse(line) as LogLine & { operationName?: string });
    expect(warned.find((l) => l.upstreamFailures && l.requestId === 'request-look')).toMatchObject({
      operationName: 'Look',
    });
  });

  it('logs no name that is not a GraphQL name, and cuts a very long one', async () => {
    const odd = await requestLine(post({ query: '{ __typename }', operationName: 'not a name\n{"x":1}' }));
    expect(odd.fields).not.toHaveProperty('operationName');
    const long = `Q${'x'.repeat(5000)}`;
    const cut = await requestLine(post({ query: `query ${long} { __typename }` }));
    expect(cut.fields.operationName).toBe(long.slice(0, 100));
  });
});

describe('the gateway’s logger', () => {
  it('never writes the value of a secret key, at the top of a line or one level down', () => {
    const written: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void written.push(line) });
    const secret = 'sk_live_never_logged';
    const keys = [
      'password',
      'secret',
      'secretKey',
      'secret_key',
      'token',
      'apiKey',
      'api_key',
      'authorization',
      'x-api-key',
      'x-pdc-token',
      'x-rivergen-token',
      'accessToken',
    ];
    for (const key of keys) {
      logger.info({ [key]: secret, headers: { [key]: secret }, kept: 'shown' }, 'a line');
      const line = JSON.parse(written.at(-1) ?? '{}') as Record<string, unknown>;
      expect(line, key).toMatchObject({
        [key]: '[redacted]',
        headers: { [key]: '[redacted]' },
        kept: 'shown',
        service: 'datasource-gateway',
      });
    }
    expect(written.join('\n')).not.toContain(secret);
  });
});
