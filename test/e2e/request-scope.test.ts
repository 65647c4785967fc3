import { createHash } from 'node:crypto';
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
  upstream?: Record<string, { calls: number; ms: number; failed: number }>;
  upstreamFailures?: { provider: string; route: string; failure: string; errors: number }[];
  batch?: (string | null)[];
  provider?: string;
  operation?: string;
  status?: number;
  ms?: number;
}

let demo: DemoUpstreams;
let gateway: Gateway;
let server: RunningServer;
const lines: string[] = [];

beforeAll(async () => {
  demo = await startDemoUpstreams();
  // At debug: each upstream call has a line of its own.
  const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
  const env = {
    ...demo.env,
    GATEWAY_AUTH: 'none',
    UPSTREAM_RETRY_ATTEMPTS: '1',
    PERSISTED_OPERATIONS: 'allow',
  };
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
    // Time spent waiting on upstreams that each took 40 ms or more, in whole milliseconds.
    for (const id of ['request-a', 'request-b'])
      for (const spent of Object.values(done(id)?.upstream ?? {})) {
        expect(spent.ms, id).toBeGreaterThan(0);
        expect(Number.isInteger(spent.ms), id).toBe(true);
      }
    // Each call's own line, at debug.
    const calls = (id: string) => logged.filter((l) => l.msg === 'upstream call' && l.requestId === id);
    expect(calls('request-a').map((l) => [l.provider, l.operation, l.status])).toEqual(
      Array(3).fill(['prequel-import', 'getSource', 503]),
    );
    expect(calls('request-b').map((l) => [l.provider, l.status])).toEqual(Array(2).fill(['rivergen', 200]));
    for (const line of calls('request-b'))
      expect(Number.isInteger(line.ms) && (line.ms ?? -1) >= 0).toBe(true);
    const warned = logged.filter((l) => l.upstreamFailures);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({
      requestId: 'request-a',
      upstreamFailures: [{ provider: 'prequel-import', route: 'getSource', errors: 3 }],
    });
  });
});

describe('an upstream failure on the log lines', () => {
  it('names each failing route and what happened, and counts an answer of 400 as failed', async () => {
    const [importId] = await ids('PREQUEL_IMPORT', 1);
    const [riverGenId] = await ids('RIVERGEN', 1);
    const sim = (provider: string) => demo.simulators.find((one) => one.provider === provider);
    sim('prequel-import')?.setFaults({ errorRate: 1, errorStatus: 503, operations: ['getSource'] });
    sim('rivergen')?.setFaults({ malformed: true });
    lines.length = 0;
    try {
      await query(NODES, { ids: [importId, riverGenId] }, 'request-c');
      sim('rivergen')?.setFaults(undefined);
      sim('prequel-import')?.setFaults({ errorRate: 1, errorStatus: 400, operations: ['getSource'] });
      await query(NODES, { ids: [importId] }, 'request-d');
    } finally {
      for (const one of demo.simulators) one.setFaults(undefined);
    }
    const logged = lines.map((line) => JSON.parse(line) as LogLine);
    const warned = logged.find((l) => l.upstreamFailures && l.requestId === 'request-c');
    expect(
      warned?.upstreamFailures?.map(({ provider, failure, errors }) => ({ provider, failure, errors })),
    ).toEqual(
      expect.arrayContaining([
        { provider: 'prequel-import', failure: 'http 503', errors: 1 },
        { provider: 'rivergen', failure: 'malformed', errors: 1 },
      ]),
    );
    expect(warned?.upstreamFailures).toHaveLength(2);
    expect(warned?.msg).toMatch(/^upstream failures: .+ \(.+\) ×1, .+ \(.+\) ×1$/);
    // A refusal of the caller's own request is no incident (no warn line), but a failed call all the same.
    const done = logged.find((l) => l.msg === 'request done' && l.requestId === 'request-d');
    expect(done?.upstream).toEqual({ 'prequel-import': { calls: 1, ms: expect.any(Number), failed: 1 } });
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
    const body = await response.text();
    const line = lines.find((l) => l.includes(`"requestId":"${requestId}"`) && l.includes('"request done"'));
    const warned = lines.find(
      (l) => l.includes(`"requestId":"${requestId}"`) && l.includes('upstreamFailures'),
    );
    return {
      raw: line ?? '',
      fields: JSON.parse(line ?? '{}') as Record<string, unknown>,
      warned: JSON.parse(warned ?? '{}') as LogLine,
      body,
    };
  }
  const post = (body: Record<string, unknown> | unknown[]) => ({
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
    for (const operationName of ['not a name\n{"x":1}', 'not a name']) {
      const odd = await requestLine(post({ query: '{ __typename }', operationName }));
      expect(odd.fields, operationName).not.toHaveProperty('operationName');
    }
    const long = `Q${'x'.repeat(5000)}`;
    const cut = await requestLine(post({ query: `query ${long} { __typename }` }));
    expect(cut.fields.operationName).toBe(long.slice(0, 100));
    const sent = await requestLine(post({ query: `query ${long} { __typename }`, operationName: long }));
    expect(sent.fields).toMatchObject({ operationName: long.slice(0, 100), status: 200 });
  });

  it('names the one operation of a document with fragments, and none of a document without one', async () => {
    const withFragment = await requestLine(
      post({ query: 'query Spread { ...Typename } fragment Typename on Query { __typename }' }),
    );
    expect(withFragment.fields).toMatchObject({ operationName: 'Spread', status: 200 });
    expect(JSON.parse(withFragment.body)).toEqual({ data: { __typename: 'Query' } });
    // Neither is named; each answers its own error, as without the name being looked for.
    const fragmentsOnly = await requestLine(post({ query: 'fragment Typename on Query { __typename }' }));
    expect(fragmentsOnly.fields).not.toHaveProperty('operationName');
    expect(fragmentsOnly.body).toContain('Could not determine what operation to execute.');
    const unparsed = await requestLine(post({ query: 'query Broken {' }));
    expect(unparsed.fields).not.toHaveProperty('operationName');
    expect(unparsed.body).toContain('Syntax Error');
  });

  it('names each operation of a batch of persisted documents sent by their hash, in the order sent', async () => {
    const documents = ['query Saved { __typename }', 'query Kept { __typename }'];
    const hashed = (document: string) => ({
      extensions: {
        persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(document).digest('hex') },
      },
    });
    // Each is registered first, with its text; the batch then sends only the hashes.
    for (const document of documents) await requestLine(post({ query: document, ...hashed(document) }));
    const batch = await requestLine(post(documents.map(hashed)));
    expect(JSON.parse(batch.body)).toEqual([
      { data: { __typename: 'Query' } },
      { data: { __typename: 'Query' } },
    ]);
    expect(batch.fields).toMatchObject({ batch: ['Saved', 'Kept'], status: 200 });
    expect(batch.fields).not.toHaveProperty('operationName');
  });

  it('names each operation of a batch in the order sent, on its warn line too', async () => {
    const [id] = await ids('PREQUEL_IMPORT', 1);
    const prequel = demo.simulators.find((sim) => sim.provider === 'prequel-import');
    prequel?.setFaults({ errorRate: 1, errorStatus: 503, operations: ['getSource'] });
    let batch: Awaited<ReturnType<typeof requestLine>>;
    try {
      batch = await requestLine(
        post([
          { query: 'query First($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: [id] } },
          42,
          { query: '{ __typename }' },
        ]),
      );
    } finally {
      prequel?.setFaults(undefined);
    }
    expect(batch.fields).toMatchObject({ batch: ['First', null, null], status: 200 });
    expect(batch.fields).not.toHaveProperty('operationName');
    expect(batch.warned).toMatchObject({ batch: ['First', null, null] });
    expect(JSON.parse(batch.body)).toHaveLength(3);
  });
});

describe('requests that share one failed login', () => {
  it('each answer the failure, and each has its own warn line', async () => {
    const own: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void own.push(line) });
    const env = { ...demo.env, GATEWAY_AUTH: 'none', UPSTREAM_RETRY_ATTEMPTS: '1' };
    // A gateway of its own: it has not logged in to PDC yet.
    const fresh = createGateway(loadConfig(env, providers), { logger });
    const freshServer = await listen(fresh, '127.0.0.1', 0);
    const pdc = demo.simulators.find((sim) => sim.provider === 'pdc');
    // Slow enough that the requests overlap: those that waited on a failed login share the next one.
    pdc?.setFaults({ latencyMs: 300, errorRate: 1, errorStatus: 503, operations: ['authenticate'] });
    const ids = ['login-a', 'login-b', 'login-c'];
    let answers: { errors?: { extensions?: { code?: string } }[] }[];
    try {
      answers = await Promise.all(
        ids.map((requestId) =>
          fetch(freshServer.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              accept: 'application/json',
              'x-request-id': requestId,
            },
            body: JSON.stringify({ query: '{ catalogDataSources(first: 1) { totalCount } }' }),
          }).then((response) => response.json()),
        ),
      );
    } finally {
      pdc?.setFaults(undefined);
      await freshServer.close();
      await fresh.close();
    }
    for (const answer of answers)
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    const warned = own.map((line) => JSON.parse(line) as LogLine).filter((l) => l.upstreamFailures);
    expect(warned.map((l) => l.requestId).sort()).toEqual(ids);
    for (const line of warned)
      expect(line.upstreamFailures).toMatchObject([
        { provider: 'pdc', route: 'authenticate', failure: 'http 503' },
      ]);
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

describe('a request refused on its variables', () => {
  it('is answered what was wrong, and logged with its request id and operation', async () => {
    const lineOf = (id: string) =>
      lines
        .map((line) => JSON.parse(line) as LogLine & { operationName?: string })
        .find((l) => l.msg === 'request done' && l.requestId === id);
    const missing = await query<unknown>(
      'query Sized($n: Int!) { dataSources(first: $n) { totalCount } }',
      {},
      'request-missing',
    );
    expect(missing.body).toEqual({
      errors: [
        {
          message: 'Variable "$n" of required type "Int!" was not provided.',
          locations: [{ line: 1, column: 13 }],
          extensions: { code: 'BAD_USER_INPUT', field: 'n' },
        },
      ],
    });
    expect(lineOf('request-missing')).toMatchObject({ operationName: 'Sized', status: 200 });
  });
});

describe('with the response cache on', () => {
  let cached: Gateway;
  let cachedServer: RunningServer;
  beforeAll(async () => {
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const env = { ...demo.env, GATEWAY_AUTH: 'none', RESPONSE_CACHE: 'on', RESPONSE_CACHE_TTL_MS: '600000' };
    cached = createGateway(loadConfig(env, providers), { logger });
    cachedServer = await listen(cached, '127.0.0.1', 0);
  });
  afterAll(async () => {
    await cachedServer.close();
    await cached.close();
  });

  it('says on the request line whether the cache answered', async () => {
    const ask = (requestId: string) =>
      fetch(cachedServer.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-request-id': requestId,
        },
        body: JSON.stringify({ query: 'query Kept { importSources(first: 2) { totalCount } }' }),
      }).then((response) => response.json());
    expect(await ask('cache-first')).toEqual(await ask('cache-again'));
    const done = (id: string) =>
      lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((l) => l.msg === 'request done' && l.requestId === id);
    expect(done('cache-first')).toMatchObject({ operationName: 'Kept', cache: 'miss' });
    expect(done('cache-again')).toMatchObject({ operationName: 'Kept', cache: 'hit', upstream: {} });
  });
});

describe('an upstream call made outside any request (a gateway served through yoga.fetch)', () => {
  it('is logged at debug without a request id, and the operation answers', async () => {
    const own: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => void own.push(line) });
    const unserved = createGateway(loadConfig({ ...demo.env, GATEWAY_AUTH: 'none' }, providers), { logger });
    try {
      const response = await unserved.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: '{ importSources(first: 1) { totalCount } }' }),
      });
      expect(await response.json()).toEqual({ data: { importSources: { totalCount: expect.any(Number) } } });
    } finally {
      await unserved.close();
    }
    const calls = own.map((line) => JSON.parse(line) as LogLine).filter((l) => l.msg === 'upstream call');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call).toMatchObject({ provider: 'prequel-import', operation: 'listSources', status: 200 });
      expect(call).not.toHaveProperty('requestId');
    }
  });
});
