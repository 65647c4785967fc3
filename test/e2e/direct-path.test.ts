import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { encodeGlobalId } from '../../src/gateway/ids.js';
import { createLogger } from '../../src/gateway/logging.js';
import { loadRedisDriver } from '../../src/gateway/shared/redis.js';
import { providers } from '../../src/providers/registry.js';
import { startDemoUpstreams } from '../../src/sandbox/demo.js';
import type { Simulator } from '../../src/sandbox/kit/index.js';
import { createGateway, type Gateway, listen, type RunningServer } from '../../src/server.js';
import { startOtlpReceiver } from '../support/otlp-receiver.js';
import { parsePrometheus } from '../support/prometheus.js';
import { reachRedis, useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';

/**
 * The common request (one JSON POST to /graphql) is served by the direct path, every other request
 * by Yoga's server adapter. The same requests, sent over HTTP to a gateway with the direct path and
 * to one without it, over the same upstreams, must get the same answer: status, headers and body.
 */

const TOKEN = 'gw_direct_path_token';
const ORIGIN = 'https://app.example';

interface Pair {
  direct: RunningServer;
  adapter: RunningServer;
  gateways: Gateway[];
  sims: Record<string, Simulator>;
  close(): Promise<void>;
}

/** The log lines each gateway of a pair wrote, at warn and above: what an operator reads. */
interface Logged {
  direct: string[];
  adapter: string[];
}

async function startPair(
  env: Record<string, string>,
  logged?: Logged,
  /** What differs between the two gateways' environments (each its own Redis database). */
  own?: { direct: Record<string, string>; adapter: Record<string, string> },
): Promise<Pair> {
  const demo = await startDemoUpstreams();
  const configOf = (extra: Record<string, string> = {}) =>
    loadConfig({ ...demo.env, ...env, ...extra }, providers);
  const logger = (lines: string[] | undefined) =>
    lines ? createLogger('warn', { write: (line: string) => void lines.push(line) }) : createLogger('silent');
  if (own) await loadRedisDriver();
  const withDirect = createGateway(configOf(own?.direct), { logger: logger(logged?.direct) });
  const without = createGateway(configOf(own?.adapter), {
    logger: logger(logged?.adapter),
    directPath: false,
  });
  const direct = await listen(withDirect, '127.0.0.1', 0);
  const adapter = await listen(without, '127.0.0.1', 0);
  return {
    direct,
    adapter,
    gateways: [withDirect, without],
    sims: Object.fromEntries(demo.simulators.map((sim) => [sim.provider, sim])),
    async close() {
      await Promise.all([direct.close(), adapter.close()]);
      await Promise.all([withDirect.close(), without.close()]);
      await demo.close();
    },
  };
}

/** What a client reads of an answer; the headers that differ per request or per connection are left out. */
async function answer(server: RunningServer, body: string, headers: Record<string, string>) {
  const response = await fetch(server.url, { method: 'POST', headers, body });
  const text = await response.text();
  const kept: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (
      !['date', 'x-request-id', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(
        name,
      )
    )
      kept[name] = value;
  });
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: compared as text.
  }
  return { status: response.status, statusText: response.statusText, headers: kept, body: parsed };
}

const json = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };

/** The level and message of each line logged since `at`: what differs per request (ids, times) left out. */
function logLines(lines: string[], at: number) {
  return lines.slice(at).map((line) => {
    const { level, msg } = JSON.parse(line) as { level: number; msg: string };
    return { level, msg };
  });
}

interface Sent {
  method: string;
  /** The path and query string, the endpoint's unless given. */
  path?: string;
  headers: Record<string, string>;
  body?: string;
  /** The body sent in two chunks, its length not declared. */
  chunked?: boolean;
}

/**
 * What a client reads of an answer, its framing (a declared length or chunks) included, sent with
 * Node's own client, which sends any method, head and body as given.
 */
function framedAnswer(server: RunningServer, sent: Sent) {
  const url = new URL(server.url);
  return new Promise<{
    status: number | undefined;
    statusText: string | undefined;
    headers: Record<string, unknown>;
    /** The header names as written on the wire, in their case. */
    names: string[];
    body: unknown;
  }>((resolve, reject) => {
    const headers: Record<string, string> = { ...sent.headers };
    if (!sent.chunked && sent.body !== undefined)
      headers['content-length'] = String(Buffer.byteLength(sent.body));
    const request = httpRequest(
      { host: url.hostname, port: url.port, method: sent.method, path: sent.path ?? url.pathname, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          const left = ['date', 'x-request-id', 'connection', 'keep-alive'];
          const kept: Record<string, unknown> = {};
          for (const [name, value] of Object.entries(response.headers))
            if (!left.includes(name)) kept[name] = value;
          const names = response.rawHeaders
            .filter((_, at) => at % 2 === 0)
            .filter((name) => !left.includes(name.toLowerCase()))
            .sort();
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // Not JSON: compared as text.
          }
          resolve({
            status: response.statusCode,
            statusText: response.statusMessage,
            headers: kept,
            names,
            body,
          });
        });
      },
    );
    request.on('error', reject);
    if (sent.chunked && sent.body !== undefined) {
      const half = Math.floor(sent.body.length / 2);
      request.write(sent.body.slice(0, half));
      request.end(sent.body.slice(half));
    } else request.end(sent.body);
  });
}

describe('a JSON POST to /graphql', () => {
  let pair: Pair;
  let riverGenId = '';
  const logged: Logged = { direct: [], adapter: [] };
  beforeAll(async () => {
    pair = await startPair(
      {
        GATEWAY_AUTH: 'tokens',
        GATEWAY_TOKENS: TOKEN,
        CORS_ORIGINS: ORIGIN,
        REQUEST_BODY_LIMIT_BYTES: '2048',
        MAX_BATCH_SIZE: '2',
        MAX_QUERY_DEPTH: '6',
        // Documents sent once with their hash run by the hash alone after.
        PERSISTED_OPERATIONS: 'allow',
        // A client who leaves is all that ends an operation whose upstream never answers.
        OPERATION_TIMEOUT_MS: '600000',
        UPSTREAM_HEADERS_TIMEOUT_MS: '600000',
      },
      logged,
    );
    const found = await answer(
      pair.direct,
      JSON.stringify({
        query: '{ dataSources(first: 1, filter: { providers: [RIVERGEN] }) { edges { node { id } } } }',
      }),
      json,
    );
    const edges = (found.body as { data: { dataSources: { edges: { node: { id: string } }[] } } }).data
      .dataSources.edges;
    riverGenId = edges[0]?.node.id ?? '';
    expect(riverGenId).not.toBe('');
  });
  afterAll(async () => {
    await pair.close();
  });

  const lookup = () => ({
    query: 'query One($id: ID!) { node(id: $id) { id ... on DataSource { name vendor host port } } }',
    variables: { id: riverGenId },
  });
  const cases: [string, () => string, Record<string, string>][] = [
    ['a lookup', () => JSON.stringify(lookup()), json],
    [
      'a list across providers',
      () =>
        JSON.stringify({
          query:
            '{ dataSources(first: 5) { totalCount edges { cursor node { id name vendor } } pageInfo { hasNextPage } } }',
        }),
      json,
    ],
    [
      'a mutation',
      () =>
        JSON.stringify({
          query:
            'mutation Port($id: ID!) { updateRiverGenDataSource(id: $id, input: { port: 5432 }) { __typename ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { id port } } } }',
          variables: { id: riverGenId },
        }),
      json,
    ],
    ['a batch of two', () => JSON.stringify([lookup(), { query: '{ __typename }' }]), json],
    ['a batch over MAX_BATCH_SIZE', () => JSON.stringify([lookup(), lookup(), lookup()]), json],
    [
      'a batch with one query deeper than MAX_QUERY_DEPTH',
      () =>
        JSON.stringify([
          lookup(),
          { query: '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }' },
        ]),
      json,
    ],
    ['a batch with one entry that is not an object', () => JSON.stringify([lookup(), 42]), json],
    ['a body that is not JSON', () => '{"query": "{ __typename }"', json],
    ['JSON that is not an object', () => '"{ __typename }"', json],
    ['JSON null', () => 'null', json],
    ['no query', () => '{}', json],
    ['a field the schema lacks', () => JSON.stringify({ query: '{ nothingHere }' }), json],
    ['a document that does not parse', () => JSON.stringify({ query: '{ node(id: ' }), json],
    ['a variable of the wrong type', () => JSON.stringify({ ...lookup(), variables: { id: 42 } }), json],
    ['a missing variable', () => JSON.stringify({ query: lookup().query }), json],
    [
      'two operations and no name',
      () => JSON.stringify({ query: 'query A { __typename } query B { __typename }' }),
      json,
    ],
    [
      'a name no operation has',
      () => JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }),
      json,
    ],
    [
      'a query deeper than MAX_QUERY_DEPTH',
      () =>
        JSON.stringify({
          query: '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }',
        }),
      json,
    ],
    [
      'a body over REQUEST_BODY_LIMIT_BYTES',
      () => JSON.stringify({ query: `{ __typename }${' '.repeat(3000)}` }),
      json,
    ],
    ['no credentials', () => JSON.stringify(lookup()), { 'content-type': 'application/json' }],
    [
      'a wrong token',
      () => JSON.stringify(lookup()),
      { 'content-type': 'application/json', authorization: 'Bearer gw_wrong' },
    ],
    ['from an allowed origin', () => JSON.stringify(lookup()), { ...json, origin: ORIGIN }],
    ['from another origin', () => JSON.stringify(lookup()), { ...json, origin: 'https://elsewhere.example' }],
    [
      'asking for graphql-response+json',
      () => JSON.stringify(lookup()),
      { ...json, accept: 'application/graphql-response+json' },
    ],
    [
      'asking for graphql-response+json, with a validation error',
      () => JSON.stringify({ query: '{ nothingHere }' }),
      { ...json, accept: 'application/graphql-response+json' },
    ],
    ['asking only for HTML', () => JSON.stringify(lookup()), { ...json, accept: 'text/html' }],
    [
      'with @defer, asking for JSON only',
      () =>
        JSON.stringify({
          query: `{ node(id: "${riverGenId}") { id ... @defer { ... on DataSource { name } } } }`,
        }),
      { ...json, accept: 'application/json' },
    ],
    [
      'a subscription, asking for JSON only',
      () => JSON.stringify({ query: 'subscription { __typename }' }),
      json,
    ],
    [
      'a subscription to a transfer, asking for JSON only',
      () =>
        JSON.stringify({
          query: `subscription { destinationTransfer(destinationId: "${encodeGlobalId('Destination', '1')}") { id } }`,
        }),
      json,
    ],
    [
      'a JSON type other than application/json',
      () => JSON.stringify(lookup()),
      { ...json, 'content-type': 'application/json-seq' },
    ],
    [
      'a charset in the content type',
      () => JSON.stringify(lookup()),
      { ...json, 'content-type': 'application/json; charset=utf-8' },
    ],
  ];

  it.each(cases)('gets the same answer and log lines either way: %s', async (_name, body, headers) => {
    const sent = body();
    const from = { direct: logged.direct.length, adapter: logged.adapter.length };
    const direct = await answer(pair.direct, sent, headers);
    const adapter = await answer(pair.adapter, sent, headers);
    expect(direct).toEqual(adapter);
    // Served after it by each: whatever the request logs is written by now.
    for (const server of [pair.direct, pair.adapter])
      expect((await answer(server, JSON.stringify({ query: '{ __typename }' }), json)).status).toBe(200);
    expect(logLines(logged.direct, from.direct)).toEqual(logLines(logged.adapter, from.adapter));
  });

  const query = () => JSON.stringify({ query: '{ __typename }' });
  const deferred = () =>
    JSON.stringify({
      query: `{ node(id: "${riverGenId}") { id ... @defer { ... on DataSource { name } } } }`,
    });
  const notTaken: [string, () => Sent][] = [
    [
      'a GET, its query in the URL',
      () => ({
        method: 'GET',
        path: '/graphql?query=%7B__typename%7D',
        headers: { authorization: json.authorization },
      }),
    ],
    ['a GET with a JSON body of declared length', () => ({ method: 'GET', headers: json, body: query() })],
    [
      'a POST with a query string',
      () => ({ method: 'POST', path: '/graphql?v=1', headers: json, body: query() }),
    ],
    ['a POST to another path', () => ({ method: 'POST', path: '/graphqlx', headers: json, body: query() })],
    [
      'a body in chunks, its length not declared',
      () => ({ method: 'POST', headers: json, body: query(), chunked: true }),
    ],
    [
      'a body of plain text',
      () => ({ method: 'POST', headers: { ...json, 'content-type': 'text/plain' }, body: query() }),
    ],
    [
      'a body of GraphQL',
      () => ({
        method: 'POST',
        headers: { ...json, 'content-type': 'application/graphql' },
        body: '{ __typename }',
      }),
    ],
    [
      'no content type',
      () => ({ method: 'POST', headers: { authorization: json.authorization }, body: query() }),
    ],
    [
      'asking for server-sent events',
      () => ({ method: 'POST', headers: { ...json, accept: 'text/event-stream' }, body: query() }),
    ],
    [
      'asking for JSON or server-sent events',
      () => ({
        method: 'POST',
        headers: { ...json, accept: 'application/json, text/event-stream' },
        body: query(),
      }),
    ],
    [
      'asking for multipart',
      () => ({ method: 'POST', headers: { ...json, accept: 'multipart/mixed' }, body: query() }),
    ],
    [
      'a CORS preflight',
      () => ({
        method: 'OPTIONS',
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      }),
    ],
    [
      'with @defer, asking for server-sent events',
      () => ({ method: 'POST', headers: { ...json, accept: 'text/event-stream' }, body: deferred() }),
    ],
    [
      'with @defer, asking for multipart',
      () => ({ method: 'POST', headers: { ...json, accept: 'multipart/mixed' }, body: deferred() }),
    ],
  ];

  // Taken, as a JSON POST without a streaming Accept, and answered in parts: the result processor
  // Yoga chooses for any media type streams the deferred parts (multipart/mixed).
  const streamed: [string, () => Sent][] = [
    ['with @defer and no Accept', () => ({ method: 'POST', headers: json, body: deferred() })],
    [
      'with @defer, accepting anything',
      () => ({ method: 'POST', headers: { ...json, accept: '*/*' }, body: deferred() }),
    ],
  ];

  it.each(streamed)('gets the same answer in parts, framed the same, either way: %s', async (_name, sent) => {
    const request = sent();
    const direct = await framedAnswer(pair.direct, request);
    const adapter = await framedAnswer(pair.adapter, request);
    expect(direct).toEqual(adapter);
    expect(direct.headers['content-type']).toMatch(/^multipart\/mixed/);
    expect(String(direct.body)).toContain('"name"');
  });

  it.each(notTaken)('gets the same answer, framed the same, either way: %s', async (_name, sent) => {
    const request = sent();
    const direct = await framedAnswer(pair.direct, request);
    const adapter = await framedAnswer(pair.adapter, request);
    expect(direct).toEqual(adapter);
  });

  it('gets the same bytes either way when an upstream refuses: its fields are errors with their path', async () => {
    pair.sims.rivergen?.setFaults({ errorRate: 1, errorStatus: 403 });
    try {
      const list = {
        query: '{ dataSources(first: 3, filter: { providers: [RIVERGEN] }) { edges { node { id name } } } }',
      };
      const sends: [string, Record<string, string>][] = [
        [JSON.stringify(lookup()), json],
        [JSON.stringify(list), json],
        [JSON.stringify(list), { ...json, accept: 'application/graphql-response+json' }],
        [JSON.stringify([lookup(), { query: '{ __typename }' }]), json],
      ];
      for (const [body, headers] of sends) {
        const [direct, adapter] = await Promise.all(
          [pair.direct, pair.adapter].map(async (server) => {
            const response = await fetch(server.url, { method: 'POST', headers, body });
            return {
              status: response.status,
              type: response.headers.get('content-type'),
              text: await response.text(),
            };
          }),
        );
        expect(direct).toEqual(adapter);
        expect(direct?.text).toContain('"code":"FORBIDDEN"');
        expect(direct?.text).toContain('"path":[');
      }
    } finally {
      pair.sims.rivergen?.setFaults(undefined);
    }
  });

  it('gets the same answers either way for a document run by its hash', async () => {
    const query = 'query ByHash($id: ID!) { node(id: $id) { id ... on DataSource { name } } }';
    const extensions = {
      persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') },
    };
    const byHash = JSON.stringify({ variables: { id: riverGenId }, extensions });
    const seen: unknown[] = [];
    // Unknown at first, then sent with its document, then run by its hash alone.
    for (const sent of [
      byHash,
      JSON.stringify({ query, variables: { id: riverGenId }, extensions }),
      byHash,
    ]) {
      const direct = await answer(pair.direct, sent, json);
      const adapter = await answer(pair.adapter, sent, json);
      expect(direct).toEqual(adapter);
      seen.push(direct.status);
    }
    expect(seen).toEqual([404, 200, 200]);
  });

  it('gives up the upstream call of a client who leaves mid-operation, logging the same either way', async () => {
    const riverGen = pair.sims.rivergen as Simulator;
    const body = JSON.stringify(lookup());
    const from = { direct: logged.direct.length, adapter: logged.adapter.length };
    riverGen.setFaults({ hang: true });
    try {
      for (const server of [pair.direct, pair.adapter]) {
        const request = httpRequest(server.url, {
          method: 'POST',
          headers: { ...json, 'content-length': String(Buffer.byteLength(body)) },
        });
        request.on('error', () => undefined);
        request.end(body);
        await until(async () => riverGen.stats.inFlight() === 1);
        request.destroy();
        await until(async () => riverGen.stats.inFlight() === 0);
        // Served after it: whatever the left request logs is written by now.
        expect((await answer(server, JSON.stringify({ query: '{ __typename }' }), json)).status).toBe(200);
      }
    } finally {
      riverGen.setFaults(undefined);
    }
    expect(logLines(logged.direct, from.direct)).toEqual(logLines(logged.adapter, from.adapter));
  });

  it('runs nothing for a client who leaves mid-body, and goes on serving, either way', async () => {
    const body = JSON.stringify(lookup());
    for (const server of [pair.direct, pair.adapter]) {
      const before = Object.values(pair.sims).reduce((sum, sim) => sum + sim.stats.count(), 0);
      const request = httpRequest(server.url, {
        method: 'POST',
        headers: { ...json, 'content-length': String(Buffer.byteLength(body)) },
      });
      request.on('error', () => undefined);
      // Half the declared body, then the connection goes.
      request.write(body.slice(0, Math.floor(body.length / 2)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      request.destroy();
      const next = await answer(server, body, json);
      expect(next.status).toBe(200);
      // The next request's one call, and none for the half-sent one.
      const after = Object.values(pair.sims).reduce((sum, sim) => sum + sim.stats.count(), 0);
      expect(after - before).toBe(1);
    }
  });

  it('gets the same answer either way for a body of declared length that arrives in two parts', async () => {
    const body = JSON.stringify(lookup());
    const half = Math.floor(body.length / 2);
    const answers = [];
    for (const server of [pair.direct, pair.adapter]) {
      const promise = new Promise<{ status?: number; body: unknown }>((resolve, reject) => {
        const request = httpRequest(
          server.url,
          { method: 'POST', headers: { ...json, 'content-length': String(Buffer.byteLength(body)) } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () =>
              resolve({ status: response.statusCode, body: JSON.parse(Buffer.concat(chunks).toString()) }),
            );
          },
        );
        request.on('error', reject);
        request.write(body.slice(0, half));
        // The second part leaves after the first has arrived: Node reads them as two chunks.
        setTimeout(() => request.end(body.slice(half)), 50);
      });
      answers.push(await promise);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.status).toBe(200);
    expect(answers[0]?.body).toMatchObject({ data: { node: { id: riverGenId } } });
  });

  const framed: [string, () => Sent][] = [
    ['a lookup', () => ({ method: 'POST', headers: json, body: JSON.stringify(lookup()) })],
    [
      'from an allowed origin',
      () => ({ method: 'POST', headers: { ...json, origin: ORIGIN }, body: JSON.stringify(lookup()) }),
    ],
    [
      'asking only for HTML',
      () => ({ method: 'POST', headers: { ...json, accept: 'text/html' }, body: JSON.stringify(lookup()) }),
    ],
  ];

  it.each(framed)('writes the same head, names in the same case, either way: %s', async (_name, sent) => {
    const request = sent();
    const direct = await framedAnswer(pair.direct, request);
    const adapter = await framedAnswer(pair.adapter, request);
    expect(direct).toEqual(adapter);
  });

  it('is answered in one piece, its length declared', async () => {
    const response = await fetch(pair.direct.url, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(lookup()),
    });
    const text = await response.text();
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(response.headers.get('transfer-encoding')).toBeNull();
  });
});

describe('over a caller’s RATE_LIMIT', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair({ GATEWAY_AUTH: 'tokens', GATEWAY_TOKENS: TOKEN, RATE_LIMIT: '2/60s' });
  });
  afterAll(async () => {
    await pair.close();
  });

  it('gets the same answers either way, the third refused with when to try again', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const seen: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const direct = await answer(pair.direct, body, json);
      const adapter = await answer(pair.adapter, body, json);
      expect(direct).toEqual(adapter);
      seen.push(direct.status);
    }
    expect(seen).toEqual([200, 200, 429]);
  });
});

describe('a client who leaves while its operation waits for room', () => {
  let pair: Pair;
  const logged: Logged = { direct: [], adapter: [] };
  beforeAll(async () => {
    // One list of 20 RiverGen records fills MAX_RECORDS_IN_FLIGHT: a second waits for it.
    pair = await startPair(
      { GATEWAY_AUTH: 'tokens', GATEWAY_TOKENS: TOKEN, MAX_RECORDS_IN_FLIGHT: '20' },
      logged,
    );
  });
  afterAll(async () => {
    await pair.close();
  });

  it('gives its place up and logs the same either way', async () => {
    const riverGen = pair.sims.rivergen as Simulator;
    const body = JSON.stringify({ query: '{ riverGenDataSources(first: 20) { edges { node { id } } } }' });
    const from = { direct: logged.direct.length, adapter: logged.adapter.length };
    // Long enough for the second to be seen waiting and to leave, on a loaded machine too.
    riverGen.setFaults({ latencyMs: 2500 });
    try {
      const [withDirect, without] = pair.gateways as [Gateway, Gateway];
      for (const [server, gateway] of [
        [pair.direct, withDirect],
        [pair.adapter, without],
      ] as const) {
        const waiting = async () => {
          const metrics = await gateway.yoga.fetch('http://gateway.test/metrics');
          return parsePrometheus(await metrics.text())('gateway_admission_waiting');
        };
        const first = answer(server, body, json);
        await until(async () => riverGen.stats.inFlight() === 1);
        const request = httpRequest(server.url, {
          method: 'POST',
          headers: { ...json, 'content-length': String(Buffer.byteLength(body)) },
        });
        request.on('error', () => undefined);
        request.end(body);
        await until(async () => (await waiting()) === 1);
        request.destroy();
        await until(async () => (await waiting()) === 0);
        expect((await first).status).toBe(200);
        // Served after it: whatever the left request logs is written by now.
        expect((await answer(server, JSON.stringify({ query: '{ __typename }' }), json)).status).toBe(200);
      }
    } finally {
      riverGen.setFaults(undefined);
    }
    expect(logLines(logged.direct, from.direct)).toEqual(logLines(logged.adapter, from.adapter));
  });
});

describe('with REDIS_URL, whose hooks answer later', () => {
  // The rate limit, the kept answers and the persisted documents live in Redis: their hooks wait on
  // it before the request goes on. Each gateway has a database of its own, counting only its own.
  const suite = useTestRedis('keep the rate limit, answers and documents of a direct path');
  let pair: Pair | undefined;
  afterAll(async () => {
    await pair?.close();
  });

  it('gets the same answers either way: a rate limit counted, an answer kept and served, a document run by its hash', async (context) => {
    if (!suite.redis) return context.skip(suite.unavailable);
    const url = suite.redis.url.replace(/\/\d*$/, '');
    pair = await startPair(
      {
        GATEWAY_AUTH: 'tokens',
        GATEWAY_TOKENS: TOKEN,
        RATE_LIMIT: '5/60s',
        RESPONSE_CACHE: 'on',
        PERSISTED_OPERATIONS: 'allow',
      },
      undefined,
      { direct: { REDIS_URL: `${url}/1` }, adapter: { REDIS_URL: `${url}/2` } },
    );
    await reachRedis(pair.gateways.map((gateway) => ({ gateway })));
    const query = 'query Kept { dataSources(first: 2) { edges { node { id name } } } }';
    const extensions = {
      persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') },
    };
    const sent = [
      JSON.stringify({ query }),
      JSON.stringify({ query }),
      JSON.stringify({ extensions }),
      JSON.stringify({ query, extensions }),
      JSON.stringify({ extensions }),
      JSON.stringify({ query }),
    ];
    const seen: { status: number; cache: string | undefined }[] = [];
    for (const body of sent) {
      const direct = await answer(pair.direct, body, json);
      const adapter = await answer(pair.adapter, body, json);
      if (direct.status === 429) {
        // When to try again is counted in seconds from each gateway's own window: it may differ by one.
        const when = /in \d+ s|"retryAfterSeconds":\d+|"retry-after":"\d+"/g;
        expect(JSON.stringify(direct).replace(when, '…')).toBe(JSON.stringify(adapter).replace(when, '…'));
      } else expect(direct).toEqual(adapter);
      const data = (direct.body as { data?: { dataSources?: unknown } }).data;
      seen.push({ status: direct.status, cache: data?.dataSources ? 'answered' : undefined });
    }
    // The document unknown by its hash at first; the sixth operation over the limit of five.
    expect(seen.map((one) => one.status)).toEqual([200, 200, 404, 200, 200, 429]);
    expect(seen.filter((one) => one.cache === 'answered')).toHaveLength(4);
  });
});

describe('with tracing on', () => {
  it('exports the span of an operation POSTed as JSON, which Yoga serves', async () => {
    const receiver = await startOtlpReceiver();
    const demo = await startDemoUpstreams();
    let gateway: Gateway | undefined;
    let server: RunningServer | undefined;
    try {
      const env = { ...demo.env, GATEWAY_AUTH: 'tokens', GATEWAY_TOKENS: TOKEN };
      const config = loadConfig({ ...env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }, providers);
      gateway = createGateway(config, { logger: createLogger('silent') });
      server = await listen(gateway, '127.0.0.1', 0);
      const sent = await answer(server, JSON.stringify({ query: 'query Traced { __typename }' }), json);
      expect(sent.status).toBe(200);
    } finally {
      await server?.close();
      // Spans are flushed when the gateway closes.
      await gateway?.close();
      await demo.close();
      await receiver.close();
    }
    expect(receiver.spans.map((span) => span.name)).toContain('query Traced');
  });
});
