import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoUpstreams, startDemoUpstreams } from '../../src/sandbox/demo.js';
import { type GraphQLResponse, postGraphQL, startTestGateway, type TestGateway } from '../support/gateway.js';
import { metricSum } from '../support/prometheus.js';
import {
  ensureRedisServer,
  gatewayReachesRedis,
  reachRedis,
  startTestRedis,
  type TestRedis,
} from '../support/redis.js';
import { until } from '../support/until.js';

/** The manifest `npm run codegen` writes for examples/ and the tests' typed operations. */
const MANIFEST = fileURLToPath(new URL('../generated/persisted-documents.json', import.meta.url));

type Named = { id: string; name: string };
type Page = { destinations: { edges: { node: Named }[] } };
const DESTINATIONS = '{ destinations(first: 100) { edges { node { id name } } } }';
const RENAME =
  'mutation($id: ID!, $name: String!) { updateDestination(id: $id, input: { name: $name }) { __typename } }';

const CONNECTION_ERRORS = 'gateway_redis_errors_total{operation="connection"}';

function metric(gw: TestGateway, name: string): Promise<number> {
  return metricSum(gw.gateway, name);
}

describe('two gateways sharing one Redis', () => {
  let unavailable: string | undefined;
  let redis: TestRedis | undefined;
  let upstreams: DemoUpstreams | undefined;
  let a: TestGateway | undefined;
  let b: TestGateway | undefined;

  /** Calls the shared upstreams received during `run`. */
  async function callsDuring(run: () => Promise<unknown>): Promise<number> {
    for (const sim of upstreams?.simulators ?? []) sim.stats.reset();
    await run();
    return (upstreams?.simulators ?? []).reduce((sum, sim) => sum + sim.stats.count(), 0);
  }

  beforeAll(async () => {
    const server = await ensureRedisServer();
    if ('missing' in server) {
      unavailable = `no Redis to share the cache through: ${server.missing}`;
      return;
    }
    redis = await startTestRedis(server.path);
    // One set of upstreams behind both gateways, as a fleet has.
    upstreams = await startDemoUpstreams();
    const env = {
      ...upstreams.env,
      REDIS_URL: redis.url,
      RESPONSE_CACHE: 'on',
      RESPONSE_CACHE_TTL_MS: '600000',
      PERSISTED_OPERATIONS: 'allow',
    };
    a = await startTestGateway(env);
    b = await startTestGateway(env);
    await reachRedis([a, b]);
  }, 600_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await upstreams?.close();
    await redis?.close();
  });

  /** Renames a destination through A and waits until B's read shows it, counting B's upstream calls. */
  async function renameThroughAShowsOnB(a: TestGateway, b: TestGateway, name: string): Promise<void> {
    const first = await b.query<Page>(DESTINATIONS);
    const id = first.data?.destinations.edges[0]?.node.id ?? '';
    expect(await callsDuring(() => b.query(DESTINATIONS))).toBe(0);
    const renamed = await a.query<{ updateDestination: { __typename: string } }>(RENAME, { id, name });
    expect(renamed.data?.updateDestination.__typename).toBe('UpdateDestinationSuccess');
    let calls = 0;
    await until(async () => {
      let page: GraphQLResponse<Page> | undefined;
      calls += await callsDuring(async () => (page = await b.query<Page>(DESTINATIONS)));
      return page?.data?.destinations.edges.find((edge) => edge.node.id === id)?.node.name === name;
    });
    // B asked its upstream again rather than answering what it kept.
    expect(calls).toBeGreaterThan(0);
  }

  it('empties B’s kept answers when a mutation runs through A', async (ctx) => {
    if (unavailable || !a || !b) return ctx.skip(unavailable);
    await renameThroughAShowsOnB(a, b, 'Renamed through A');
  });

  it('runs on B a document registered on A by its hash', async (ctx) => {
    if (unavailable || !a || !b) return ctx.skip(unavailable);
    const query = '{ destinations(first: 2) { edges { node { id } } } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    expect((await postGraphQL(b, { extensions })).status).toBe(404);
    const registered = await postGraphQL(a, { query, extensions });
    expect(registered.errors).toBeUndefined();
    await until(async () => (await redis?.client.exists(`gateway:apq:sha256:${hash}`)) === 1);
    // Kept a day unless used again.
    const ttl = (await redis?.client.ttl(`gateway:apq:sha256:${hash}`)) ?? 0;
    expect(ttl).toBeGreaterThan(24 * 60 * 60 - 60);
    expect(ttl).toBeLessThanOrEqual(24 * 60 * 60);
    const byHash = await postGraphQL(b, { extensions });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toEqual(registered.data);
  });

  it('runs no document found in Redis under a hash that is not its own', async (ctx) => {
    if (unavailable || !a || !b) return ctx.skip(unavailable);
    const hash = createHash('sha256')
      .update('{ destinations(first: 4) { edges { node { id } } } }')
      .digest('hex');
    await redis?.client.set(`gateway:apq:sha256:${hash}`, '{ __typename }');
    const byHash = await postGraphQL(b, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(byHash.status).toBe(404);
    expect(byHash.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('runs no document of the fleet’s on a gateway that requires its manifest or keeps none', async (ctx) => {
    if (unavailable || !a || !redis || !upstreams) return ctx.skip(unavailable);
    const shared = redis;
    const query = '{ destinations(first: 5) { edges { node { id } } } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    expect((await postGraphQL(a, { query, extensions })).errors).toBeUndefined();
    await until(async () => (await shared.client.exists(`gateway:apq:sha256:${hash}`)) === 1);
    const env = { ...upstreams.env, REDIS_URL: shared.url };
    await using strict = await startTestGateway({
      ...env,
      PERSISTED_OPERATIONS: 'require',
      PERSISTED_OPERATIONS_MANIFEST: MANIFEST,
    });
    await using keepsNone = await startTestGateway({
      ...env,
      PERSISTED_OPERATIONS: 'allow',
      APQ_MAX_ENTRIES: '0',
    });
    await reachRedis([strict, keepsNone]);
    // `require` runs the manifest's documents only, whatever another gateway registered.
    for (const gw of [strict, keepsNone]) {
      const byHash = await postGraphQL(gw, { extensions });
      expect(byHash.status).toBe(404);
      expect(byHash.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    }
  });

  it('loses no request while Redis is down, and shares again once it is back', async (ctx) => {
    if (unavailable || !a || !b || !redis) return ctx.skip(unavailable);
    const logged = [a.logs.length, b.logs.length];
    const refused = await Promise.all([a, b].map((gw) => metric(gw, CONNECTION_ERRORS)));
    await redis.stop();
    const query = '{ destinations(first: 3) { edges { node { id } } } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    const id = (await a.query<Page>(DESTINATIONS)).data?.destinations.edges[0]?.node.id ?? '';
    const answers = await Promise.all([
      a.query(DESTINATIONS),
      b.query(DESTINATIONS),
      a.query(RENAME, { id, name: 'Renamed while Redis is down' }),
      b.query(DESTINATIONS),
      postGraphQL(a, { query, extensions }),
      // Registered on A only: B asks for the document, which its client then sends again.
      postGraphQL(b, { query, extensions }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
    }
    // What could not be shared is counted, by what failed open.
    const [onlyA, onlyB] = [a, b];
    const failed = (gw: TestGateway, operation: string) =>
      metric(gw, `gateway_redis_errors_total{operation="${operation}"}`);
    await until(async () => (await failed(onlyA, 'response-cache')) > 0);
    await until(async () => (await failed(onlyB, 'apq')) > 0);
    // Each failed attempt to reconnect is counted, and /ready says Redis is away.
    for (const [i, gw] of [a, b].entries()) {
      await until(async () => (await metric(gw, CONNECTION_ERRORS)) > (refused[i] ?? 0));
      await until(async () => !(await gatewayReachesRedis(gw)));
    }
    // A's own cache still follows its mutations.
    const onA = (await a.query<Page>(DESTINATIONS)).data?.destinations.edges.find((e) => e.node.id === id);
    expect(onA?.node.name).toBe('Renamed while Redis is down');

    await redis.start();
    // Each process's connection comes back on its own, in its own time.
    await reachRedis([onlyA, onlyB]);
    // The outage is logged once, however many attempts failed, its end once, and neither names Redis's address.
    const address = new URL(redis.url).host;
    for (const [i, gw] of [a, b].entries()) {
      const since = gw.logs.slice(logged[i]);
      expect(since.filter((line) => line.includes('Redis is unreachable'))).toHaveLength(1);
      expect(since.filter((line) => line.includes('Redis is reachable again'))).toHaveLength(1);
      expect(since.filter((line) => line.includes(address))).toEqual([]);
    }
    await renameThroughAShowsOnB(a, b, 'Renamed after Redis came back');
  });
  it('logs each outage of its own and the end of each, and nothing of Redis when the gateway closes', async (ctx) => {
    if (unavailable || !upstreams || !redis) return ctx.skip(unavailable);
    const shared = redis;
    const gw = await startTestGateway({ ...upstreams.env, REDIS_URL: redis.url, RESPONSE_CACHE: 'on' });
    const lines = (from: number, msg: string) =>
      gw.logs
        .slice(from)
        .map((line) => JSON.parse(line) as { msg?: string; err?: { message?: string } })
        .filter((line) => line.msg?.includes(msg));
    try {
      await reachRedis([gw]);
      // Reaching Redis at start is no return from an outage.
      expect(lines(0, 'Redis is')).toEqual([]);
      const from = gw.logs.length;
      for (let outage = 0; outage < 2; outage++) {
        await shared.stop();
        await until(async () => !(await gatewayReachesRedis(gw)));
        await shared.start();
        await reachRedis([gw]);
      }
      // A connection Redis drops is an outage too, however soon it is made again.
      await shared.client.call('CLIENT', 'KILL', 'TYPE', 'normal');
      await until(async () => lines(from, 'Redis is reachable again').length === 3);
      const outages = lines(from, 'Redis is unreachable');
      expect(outages).toHaveLength(3);
      // Each says why, by kind: the connection lost or the error's code, never the address.
      for (const line of outages) expect(line.err?.message).toMatch(/^(connection lost|Error \(E[A-Z]+\))$/);
    } finally {
      const closing = gw.logs.length;
      await gw.close();
      // A connection closed on purpose is no outage: give its close event a moment to be heard.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(gw.logs.slice(closing).filter((line) => line.includes('Redis is unreachable'))).toEqual([]);
    }
  });

  it('logs at debug each command that failed, by purpose and kind, naming no address', async (ctx) => {
    if (unavailable || !upstreams || !redis) return ctx.skip(unavailable);
    const shared = redis;
    await using gw = await startTestGateway({ ...upstreams.env, REDIS_URL: redis.url, RESPONSE_CACHE: 'on' });
    await reachRedis([gw]);
    const failedSince = (from: number) =>
      gw.logs
        .slice(from)
        .map((line) => JSON.parse(line) as { level: number; msg?: string; operation?: string; err?: object })
        .filter((line) => line.msg === 'Redis command failed');
    const read = async (first: number) => {
      const answer = await gw.query(`{ importSources(first: ${first}) { edges { node { id } } } }`);
      expect(answer.errors).toBeUndefined();
    };
    const address = new URL(shared.url).host;
    // Too slow: the lookup gives up.
    let from = gw.logs.length;
    await shared.client.call('CLIENT', 'PAUSE', '1000', 'ALL');
    await read(11);
    await shared.client.ping();
    expect(failedSince(from)).toMatchObject([
      { level: 20, operation: 'response-cache', err: { message: 'Error (timeout)' } },
    ]);
    // Away: the lookup fails at once.
    from = gw.logs.length;
    await shared.stop();
    try {
      await until(async () => !(await gatewayReachesRedis(gw)));
      await read(12);
      expect(failedSince(from)).toMatchObject([
        { level: 20, operation: 'response-cache', err: { message: 'Error (not connected)' } },
      ]);
    } finally {
      await shared.start();
      await reachRedis([gw]);
    }
    // Out of memory: Redis refuses to keep the answer, by an error of its own kind.
    from = gw.logs.length;
    await shared.client.config('SET', 'maxmemory', '1');
    try {
      await read(13);
      await until(async () => failedSince(from).length > 0);
      expect(failedSince(from)).toMatchObject([
        { level: 20, operation: 'response-cache', err: { message: 'ReplyError' } },
      ]);
    } finally {
      await shared.client.config('SET', 'maxmemory', '0');
    }
    expect(gw.logs.filter((line) => line.includes(address))).toEqual([]);
  });

  it('lets go of its connections to Redis when it closes', async (ctx) => {
    if (unavailable || !a || !b || !upstreams || !redis) return ctx.skip(unavailable);
    const shared = redis;
    const connections = async () =>
      String(await shared.client.client('LIST'))
        .split('\n')
        .filter((line) => line.startsWith('id=')).length;
    await reachRedis([a, b]);
    const before = await connections();
    const gw = await startTestGateway({ ...upstreams.env, REDIS_URL: shared.url, RESPONSE_CACHE: 'on' });
    await reachRedis([gw]);
    expect(await connections()).toBeGreaterThan(before);
    await gw.close();
    await until(async () => (await connections()) === before);
  });
});
