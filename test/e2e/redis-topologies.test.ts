import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoUpstreams, startDemoUpstreams } from '../../src/sandbox/demo.js';
import { postGraphQL, startTestGateway, type TestGateway } from '../support/gateway.js';
import { metricSum } from '../support/prometheus.js';
import {
  ensureRedisServer,
  gatewayReachesRedis,
  reachRedis,
  startTestCluster,
  startTestSentinel,
  type TestCluster,
  type TestRedisGroup,
  type TestSentinel,
} from '../support/redis.js';
import { until } from '../support/until.js';

type Named = { id: string; name: string };
type Page = { destinations: { edges: { node: Named }[] } };
const DESTINATIONS = '{ destinations(first: 100) { edges { node { id name } } } }';
const RENAME =
  'mutation($id: ID!, $name: String!) { updateDestination(id: $id, input: { name: $name }) { __typename } }';
/** One caller per test, so that no test spends another's budget. */
const TOKENS = ['alice', 'bob', 'carol', 'dave', 'erin'].map((name) => `gw_topology_${name}_0123456789`);
const tokenEnv = { GATEWAY_AUTH: 'tokens', GATEWAY_TOKENS: TOKENS.join(',') };

/** The statuses of `rounds` queries by `token` through A then B in turns. */
async function statusesInTurns(
  a: TestGateway,
  b: TestGateway,
  token: string,
  rounds: number,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < rounds; i++)
    for (const gw of [a, b])
      statuses.push((await gw.query('{ __typename }', {}, { authorization: `Bearer ${token}` })).status);
  return statuses;
}

/** Two gateways on one REDIS_URL, over one set of upstreams, once both say Redis is reachable. */
async function twoGateways(env: Record<string, string>): Promise<[TestGateway, TestGateway]> {
  const pair: [TestGateway, TestGateway] = [await startTestGateway(env), await startTestGateway(env)];
  await reachRedis(pair);
  return pair;
}

const topologies = [
  { name: 'a Sentinel group', start: startTestSentinel },
  { name: 'a Cluster', start: startTestCluster },
];

describe.each(topologies)('two gateways sharing $name', ({ name, start }) => {
  let unavailable: string | undefined;
  let redis: TestRedisGroup | undefined;
  let upstreams: DemoUpstreams | undefined;
  const gateways: TestGateway[] = [];
  let limited: [TestGateway, TestGateway] | undefined;
  let cached: [TestGateway, TestGateway] | undefined;

  beforeAll(async () => {
    const server = await ensureRedisServer();
    if ('missing' in server) {
      unavailable = `no Redis to start ${name} with: ${server.missing}`;
      return;
    }
    redis = await start(server.path);
    upstreams = await startDemoUpstreams();
    const env = { ...upstreams.env, REDIS_URL: redis.url };
    limited = await twoGateways({ ...env, ...tokenEnv, RATE_LIMIT: '4/1h' });
    cached = await twoGateways({
      ...env,
      RESPONSE_CACHE: 'on',
      RESPONSE_CACHE_TTL_MS: '600000',
      PERSISTED_OPERATIONS: 'allow',
    });
    gateways.push(...limited, ...cached);
  }, 600_000);

  afterAll(async () => {
    await Promise.all(gateways.map((gw) => gw.close()));
    await upstreams?.close();
    await redis?.close();
  });

  it('says on /ready that Redis is reachable', async (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    for (const gw of gateways) {
      const ready = await gw.gateway.yoga.fetch('http://gateway.test/ready');
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { redis?: unknown }).redis).toEqual({ ok: true });
    }
  });

  it('holds one caller to one limit across both gateways', async (ctx) => {
    if (unavailable || !limited) return ctx.skip(unavailable);
    const [a, b] = limited;
    expect(await statusesInTurns(a, b, TOKENS[0] ?? '', 3)).toEqual([200, 200, 200, 200, 429, 429]);
    expect(await statusesInTurns(a, b, TOKENS[1] ?? '', 1)).toEqual([200, 200]);
  });

  it('empties B’s kept answers when a mutation runs through A', async (ctx) => {
    if (unavailable || !cached || !upstreams) return ctx.skip(unavailable);
    const [a, b] = cached;
    const sims = upstreams.simulators;
    const calls = () => sims.reduce((sum, sim) => sum + sim.stats.count(), 0);
    const id = (await b.query<Page>(DESTINATIONS)).data?.destinations.edges[0]?.node.id ?? '';
    const before = calls();
    await b.query<Page>(DESTINATIONS);
    expect(calls(), 'B answers from what it kept').toBe(before);
    const renamed = await a.query<{ updateDestination: { __typename: string } }>(RENAME, {
      id,
      name: `Renamed through ${name}`,
    });
    expect(renamed.data?.updateDestination.__typename).toBe('UpdateDestinationSuccess');
    await until(async () => {
      const page = await b.query<Page>(DESTINATIONS);
      return (
        page.data?.destinations.edges.find((edge) => edge.node.id === id)?.node.name ===
        `Renamed through ${name}`
      );
    });
  });

  it('runs on B a document registered on A by its hash', async (ctx) => {
    if (unavailable || !cached) return ctx.skip(unavailable);
    const [a, b] = cached;
    const query = `{ destinations(first: 2) { edges { node { id } } } } # ${name}`;
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    expect((await postGraphQL(b, { extensions })).status).toBe(404);
    const registered = await postGraphQL(a, { query, extensions });
    expect(registered.errors).toBeUndefined();
    // A's write to Redis is not awaited by its answer: B may ask a moment before it lands.
    await until(async () => (await postGraphQL(b, { extensions })).status === 200);
    const byHash = await postGraphQL(b, { extensions });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toEqual(registered.data);
  });

  it('keeps two gateways together within one upstream budget', async (ctx) => {
    if (unavailable || !upstreams) return ctx.skip(unavailable);
    const env = {
      ...upstreams.env,
      REDIS_URL: redis?.url ?? '',
      RIVERGEN_MAX_RPS: '5',
      UPSTREAM_BUDGET_WAIT_MS: '0',
    };
    const [a, b] = await twoGateways({ ...env, UPSTREAM_RETRY_ATTEMPTS: '1' });
    gateways.push(a, b);
    const rivergen = upstreams.simulators.find((sim) => sim.provider === 'rivergen');
    rivergen?.stats.reset();
    const started = performance.now();
    const LIST = '{ riverGenDataSources(first: 1) { edges { node { id } } } }';
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).query(LIST)));
    const seconds = (performance.now() - started) / 1000;
    const sent = rivergen?.stats.count() ?? 0;
    // Each gateway alone would send 5 at once: together they still send 5, plus what refilled meanwhile.
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(5 + 5 * seconds);
    expect(results.filter((result) => result.errors === undefined)).toHaveLength(sent);
    for (const gw of [a, b])
      expect(await metricSum(gw.gateway, 'gateway_redis_errors_total{operation="upstream-budget"}')).toBe(0);
  });

  it('lets every request through while it is down, says so on /ready, and shares again once it is back', async (ctx) => {
    if (unavailable || !limited || !redis) return ctx.skip(unavailable);
    const [a, b] = limited;
    const logged = [a.logs.length, b.logs.length];
    const connected = await redis.connections();
    await redis.stop();
    try {
      expect(await statusesInTurns(a, b, TOKENS[2] ?? '', 3)).toEqual([200, 200, 200, 200, 200, 200]);
      for (const [i, gw] of [a, b].entries()) {
        await until(async () => !(await gatewayReachesRedis(gw)));
        expect(
          await metricSum(gw.gateway, 'gateway_redis_errors_total{operation="rate-limit"}'),
        ).toBeGreaterThan(0);
        // Logged once for the outage, however many attempts fail.
        const since = gw.logs.slice(logged[i]);
        expect(since.filter((line) => line.includes('Redis is unreachable'))).toHaveLength(1);
      }
    } finally {
      await redis.start();
    }
    await reachRedis(gateways, 20_000);
    expect(await statusesInTurns(a, b, TOKENS[3] ?? '', 3)).toEqual([200, 200, 200, 200, 429, 429]);
    // However many reconnections the outage took, the gateways hold no more connections than before it.
    expect(await redis.connections()).toBeLessThanOrEqual(connected);
  }, 60_000);
});

/** For one describe: a Redis group `start` makes and the demo upstreams; the gateways its tests start are closed after. */
function groupAndUpstreams<G extends TestRedisGroup>(start: (path: string) => Promise<G>, what: string) {
  const state: { unavailable?: string; group?: G; upstreams?: DemoUpstreams; gateways: TestGateway[] } = {
    gateways: [],
  };
  beforeAll(async () => {
    const server = await ensureRedisServer();
    if ('missing' in server) {
      state.unavailable = `no Redis to ${what}: ${server.missing}`;
      return;
    }
    state.group = await start(server.path);
    state.upstreams = await startDemoUpstreams();
  }, 600_000);
  afterAll(async () => {
    await Promise.all(state.gateways.map((gw) => gw.close()));
    await state.upstreams?.close();
    await state.group?.close();
  });
  return state;
}

describe('a Sentinel failover', () => {
  const state = groupAndUpstreams<TestSentinel>(startTestSentinel, 'fail over');

  it('finds the promoted replica on its own, and shares the limit through it', async (ctx) => {
    const { unavailable, group: sentinel, upstreams } = state;
    if (unavailable || !sentinel || !upstreams) return ctx.skip(unavailable);
    const [a, b] = await twoGateways({
      ...upstreams.env,
      ...tokenEnv,
      REDIS_URL: sentinel.url,
      RATE_LIMIT: '2/1h',
    });
    state.gateways.push(a, b);
    expect(await statusesInTurns(a, b, TOKENS[0] ?? '', 2)).toEqual([200, 200, 429, 429]);
    await sentinel.failover();
    await reachRedis([a, b], 20_000);
    expect(await statusesInTurns(a, b, TOKENS[4] ?? '', 2)).toEqual([200, 200, 429, 429]);
  }, 60_000);
});

describe('a Cluster with the node of the response cache’s slot down', () => {
  const state = groupAndUpstreams<TestCluster>(startTestCluster, 'start a Cluster with');

  it('keeps answering and opens no connection after connection while the node is down, and keeps answers again once it is back', async (ctx) => {
    const { unavailable, group: cluster, upstreams } = state;
    if (unavailable || !cluster || !upstreams) return ctx.skip(unavailable);
    const gateway = await startTestGateway({
      ...upstreams.env,
      REDIS_URL: cluster.url,
      RESPONSE_CACHE: 'on',
      RESPONSE_CACHE_TTL_MS: '600000',
    });
    state.gateways.push(gateway);
    await reachRedis([gateway]);
    // The node is too slow: each read is answered as a miss and counted, as with a Redis too slow.
    const failed = () => metricSum(gateway.gateway, 'gateway_redis_errors_total{operation="response-cache"}');
    const failedBefore = await failed();
    const waitOut = await cluster.pauseNodeServing('{cache}', 1000);
    const slow = await gateway.query('{ importSources(first: 2) { edges { node { id } } } }');
    expect(slow.status).toBe(200);
    expect(slow.errors).toBeUndefined();
    expect(await failed()).toBeGreaterThan(failedBefore);
    await waitOut();
    const connected = await cluster.connections();
    const refused = () => metricSum(gateway.gateway, 'gateway_redis_errors_total{operation="connection"}');
    const refusedBefore = await refused();
    // Every key of the response cache is in the slot of its `{cache}` hash tag.
    await cluster.stopNodeServing('{cache}');
    try {
      // Longer than the cluster's node timeout (2 s): the other nodes mark it failed meanwhile.
      const counts: number[] = [];
      for (let second = 0; second < 10; second++) {
        const answer = await gateway.query<Page>(DESTINATIONS);
        expect(answer.status).toBe(200);
        expect(answer.errors).toBeUndefined();
        expect(answer.data?.destinations.edges.length).toBeGreaterThan(0);
        counts.push(await cluster.connections());
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      // Reconnecting to the node that is down opens no connection per attempt (one more at most while
      // a connection is replaced): at one a second, ten seconds would leave ten.
      expect(Math.max(...counts)).toBeLessThanOrEqual(connected + 2);
      // The one node's failures are counted, though the Cluster as a whole still answers.
      expect(await refused()).toBeGreaterThan(refusedBefore);
    } finally {
      await cluster.start();
    }
    // Once the node is back, answers are kept there again: a read once kept calls no upstream.
    const sims = upstreams.simulators;
    await until(async () => {
      await gateway.query(DESTINATIONS);
      for (const sim of sims) sim.stats.reset();
      await gateway.query(DESTINATIONS);
      return sims.every((sim) => sim.stats.count() === 0);
    }, 20_000);
  }, 90_000);
});
