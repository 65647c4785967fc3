import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/sandbox/kit/index.js';
import type { PdcSimulator } from '../../src/sandbox/pdc/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { metricSum, parsePrometheus } from '../support/prometheus.js';
import { reachRedis, useGatewayPairsOnRedis } from '../support/redis.js';
import { until } from '../support/until.js';

const LIST = '{ riverGenDataSources(first: 1) { edges { node { id } } } }';
const CATALOG = '{ catalogDataSources(first: 1) { totalCount } }';
type Catalog = { catalogDataSources: { totalCount: number } };

/** POST /graphql as a client that may hang up; resolves to the parsed answer, or undefined once it hung up. */
async function post(
  gw: TestGateway,
  query: string,
  signal?: AbortSignal,
): Promise<Record<string, unknown> | undefined> {
  try {
    const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
      signal,
    });
    return (await response.json()) as Record<string, unknown>;
  } catch (error) {
    if (signal?.aborted) return undefined;
    throw error;
  }
}

/** The records of the operations admitted and running: one per list of `first: 1` (MAX_RECORDS_IN_FLIGHT's gauge). */
async function admitted(gw: TestGateway): Promise<number> {
  const scrape = parsePrometheus(await (await gw.gateway.yoga.fetch('http://gateway.test/metrics')).text());
  return scrape('gateway_admission_running_records');
}

/** `count` queries at once, spread over `gateways`: how many got data, and the errors the others got. */
async function burst(gateways: TestGateway[], count: number) {
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) => (gateways[i % gateways.length] as TestGateway).query(LIST)),
  );
  return {
    answered: results.filter((result) => result.errors === undefined).length,
    errors: results.flatMap((result) => result.errors ?? []),
  };
}

/** Whether the gateway's readiness says its Redis answers. */
async function redisReady(gw: TestGateway): Promise<boolean> {
  const ready = await (await gw.gateway.yoga.fetch('http://gateway.test/ready')).json();
  return (ready as { redis?: { ok: boolean } }).redis?.ok === true;
}

/** One query that must go at once: with UPSTREAM_BUDGET_WAIT_MS=0 it does only while a slot is free. */
async function goesAtOnce(gw: TestGateway): Promise<void> {
  gw.sims.rivergen?.setFaults(undefined);
  expect((await gw.query(LIST)).errors).toBeUndefined();
}

describe('<PREFIX>_MAX_CONCURRENT in one gateway', () => {
  it('keeps the calls in flight to the budget, the others waiting for a slot', async () => {
    await using gw = await startTestGateway({
      RIVERGEN_MAX_CONCURRENT: '2',
      UPSTREAM_BUDGET_WAIT_MS: '5000',
    });
    gw.sims.rivergen?.setFaults({ latencyMs: 100 });
    gw.resetCounts();
    const { answered, errors } = await burst([gw], 8);
    expect(errors).toEqual([]);
    expect(answered).toBe(8);
    expect(gw.sims.rivergen?.stats.peakInFlight()).toBe(2);
  });

  it('fails the calls over it UPSTREAM_BUSY once the wait is spent, naming the provider', async () => {
    await using gw = await startTestGateway({ RIVERGEN_MAX_CONCURRENT: '1', UPSTREAM_BUDGET_WAIT_MS: '0' });
    gw.sims.rivergen?.setFaults({ latencyMs: 300 });
    const { answered, errors } = await burst([gw], 4);
    expect(answered).toBe(1);
    expect(errors).toHaveLength(3);
    for (const error of errors) {
      expect(error.extensions).toMatchObject({
        code: 'UPSTREAM_BUSY',
        provider: 'rivergen',
        retryAfterSeconds: 1,
      });
      expect(error.message).toContain('RiverGen is receiving as many calls at once');
    }
  });

  it('gives the slot back however the call ends: an error, its deadline, its operation giving up', async () => {
    const budget = {
      RIVERGEN_MAX_CONCURRENT: '1',
      UPSTREAM_BUDGET_WAIT_MS: '0',
      UPSTREAM_RETRY_ATTEMPTS: '1',
    };
    await using gw = await startTestGateway({ ...budget, RIVERGEN_DEADLINE_MS: '200' });
    gw.sims.rivergen?.setFaults({ failNext: 1, errorStatus: 500 });
    expect((await gw.query(LIST)).errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    await goesAtOnce(gw);
    gw.sims.rivergen?.setFaults({ hang: true });
    expect((await gw.query(LIST)).errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    await goesAtOnce(gw);

    await using limited = await startTestGateway({ ...budget, OPERATION_TIMEOUT_MS: '300' });
    limited.sims.rivergen?.setFaults({ hang: true });
    expect((await limited.query(LIST)).errors?.[0]?.extensions?.code).toBe('GATEWAY_TIMEOUT');
    await goesAtOnce(limited);
  });
  it('lets a PDC login no caller waits on take its turn for a slot a query holds, then renews the token', async () => {
    await using gw = await startTestGateway({ PDC_MAX_CONCURRENT: '1', UPSTREAM_BUDGET_WAIT_MS: '60000' });
    const pdc = gw.sims.pdc as PdcSimulator;
    expect((await gw.query(CATALOG)).errors).toBeUndefined();
    // The next read is refused 401 (a rotated key): its query logs in again, shared with every
    // query, while the read queued behind it holds PDC's one slot.
    pdc.setFaults({ latencyMs: 1000, failNext: 1, errorStatus: 401, operations: ['filterDataSources'] });
    gw.resetCounts();
    const refused = gw.query<Catalog>(CATALOG);
    await until(async () => pdc.stats.inFlight() === 1);
    const queued = gw.query<Catalog>(CATALOG);
    for (const answer of [await refused, await queued]) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.catalogDataSources.totalCount).toBe(1000);
    }
    expect(pdc.stats.count('authenticate')).toBe(1);
    expect(pdc.stats.count('filterDataSources')).toBe(3);
    expect(pdc.stats.peakInFlight()).toBe(1);
  });

  it('hands a freed slot to the next caller waiting, past one who gave up while waiting', async () => {
    await using gw = await startTestGateway({
      RIVERGEN_MAX_CONCURRENT: '1',
      UPSTREAM_BUDGET_WAIT_MS: '60000',
      OPERATION_TIMEOUT_MS: '10000',
    });
    const rivergen = gw.sims.rivergen as Simulator;
    rivergen.setFaults({ hang: true });
    gw.resetCounts();
    const holder = new AbortController();
    const held = post(gw, LIST, holder.signal);
    await until(async () => rivergen.stats.inFlight() === 1);
    const leaving = new AbortController();
    const left = post(gw, LIST, leaving.signal);
    await until(async () => (await admitted(gw)) === 2);
    const staying = post(gw, LIST);
    await until(async () => (await admitted(gw)) === 3);
    leaving.abort();
    await left;
    rivergen.setFaults(undefined);
    holder.abort();
    await held;
    // Goes as soon as the holder's slot is free, not once its wait of a minute or its time limit is spent.
    const answer = await staying;
    expect(answer).toMatchObject({ data: { riverGenDataSources: { edges: [{ node: {} }] } } });
    expect(answer).not.toHaveProperty('errors');
    // The caller who left was never sent upstream.
    expect(rivergen.stats.count('listDataSources')).toBe(2);
  });
});

describe('<PREFIX>_MAX_CONCURRENT shared through Redis', () => {
  const { suite, twoGateways } = useGatewayPairsOnRedis('share concurrency budgets through');

  it('keeps two gateways together within one budget of calls at once', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const [a, b] = await twoGateways({ RIVERGEN_MAX_CONCURRENT: '2', UPSTREAM_BUDGET_WAIT_MS: '5000' });
    a.sims.rivergen?.setFaults({ latencyMs: 100 });
    a.resetCounts();
    const { answered, errors } = await burst([a, b], 10);
    expect(errors).toEqual([]);
    expect(answered).toBe(10);
    // Each gateway alone would have two calls in flight: together they still have two.
    expect(a.sims.rivergen?.stats.peakInFlight()).toBe(2);
    // Every lease was given back.
    expect(await suite.redis.client.zcard('gateway:upstream-concurrency:rivergen')).toBe(0);
  });

  it('keeps a budget per upstream: one upstream’s slots all taken leave the others’ calls going', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const [a, b] = await twoGateways({
      RIVERGEN_MAX_CONCURRENT: '1',
      PREQUEL_IMPORT_MAX_CONCURRENT: '1',
      UPSTREAM_BUDGET_WAIT_MS: '0',
    });
    a.sims.rivergen?.setFaults({ latencyMs: 500 });
    const held = a.query(LIST);
    await until(async () => a.sims.rivergen?.stats.inFlight() === 1);
    expect((await b.query('{ importSources(first: 1) { edges { node { id } } } }')).errors).toBeUndefined();
    expect((await b.query(LIST)).errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_BUSY' });
    expect((await held).errors).toBeUndefined();
  });

  it('waits for a slot never past its operation’s time limit, and sends nothing once it is spent', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const shared = { REDIS_URL: suite.redis.url, RIVERGEN_MAX_CONCURRENT: '1' };
    await using holder = await startTestGateway({ ...shared, UPSTREAM_BUDGET_WAIT_MS: '0' });
    await using waiter = await startTestGateway({
      ...shared,
      RIVERGEN_URL: holder.sims.rivergen?.url ?? '',
      UPSTREAM_BUDGET_WAIT_MS: '60000',
      OPERATION_TIMEOUT_MS: '300',
    });
    await reachRedis([holder, waiter]);
    holder.sims.rivergen?.setFaults({ latencyMs: 1500 });
    holder.resetCounts();
    const held = holder.query(LIST);
    await until(async () => holder.sims.rivergen?.stats.inFlight() === 1);
    const answer = await waiter.query(LIST);
    expect(answer.errors?.[0]?.extensions?.code).toBe('GATEWAY_TIMEOUT');
    // Counted as the call its operation gave up, not as one over the budget.
    const failed = (kind: string) =>
      metricSum(
        waiter.gateway,
        `gateway_upstream_errors_total{provider="rivergen",route="listDataSources",kind="${kind}"}`,
      );
    await until(async () => (await failed('aborted')) === 1);
    expect(await failed('busy')).toBe(0);
    expect((await held).errors).toBeUndefined();
    // The holder's call alone reached the upstream.
    expect(holder.sims.rivergen?.stats.count()).toBe(1);
  });

  it('frees a lease whose taking outlived its timeout, once Redis runs it late', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const [a] = await twoGateways({ RIVERGEN_MAX_CONCURRENT: '1', UPSTREAM_BUDGET_WAIT_MS: '0' });
    // Redis holds every command for longer than the gateway waits: the lease times out, the call goes on its own count.
    await suite.redis.client.call('CLIENT', 'PAUSE', '1000', 'ALL');
    await goesAtOnce(a);
    // Answered once the pause is over: the late lease ran by then, and whatever the gateway sent after it.
    await suite.redis.client.ping();
    await goesAtOnce(a);
    expect(await suite.redis.client.zcard('gateway:upstream-concurrency:rivergen')).toBe(0);
  });

  it('counts a lease it could not give back because Redis went down while the call ran, once', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const [a] = await twoGateways({ RIVERGEN_MAX_CONCURRENT: '1', UPSTREAM_BUDGET_WAIT_MS: '0' });
    const failed = () => metricSum(a.gateway, 'gateway_redis_errors_total{operation="upstream-concurrency"}');
    a.sims.rivergen?.setFaults({ latencyMs: 300 });
    const held = a.query(LIST);
    await until(async () => a.sims.rivergen?.stats.inFlight() === 1);
    await suite.redis.stop();
    try {
      expect((await held).errors).toBeUndefined();
      await until(async () => (await failed()) === 1);
      // Once the gateway knows Redis is down, a call's lease fails once and nothing is left to give back.
      await until(async () => !(await redisReady(a)));
      const before = await failed();
      await goesAtOnce(a);
      expect((await failed()) - before).toBe(1);
    } finally {
      await suite.redis.start();
    }
  });

  it('falls back to each gateway’s own count while Redis is down, and counts it', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const [a] = await twoGateways({ RIVERGEN_MAX_CONCURRENT: '1', UPSTREAM_BUDGET_WAIT_MS: '5000' });
    await suite.redis.stop();
    try {
      a.sims.rivergen?.setFaults({ latencyMs: 50 });
      a.resetCounts();
      const { answered } = await burst([a], 4);
      expect(answered).toBe(4);
      expect(a.sims.rivergen?.stats.peakInFlight()).toBe(1);
      expect(
        await metricSum(a.gateway, 'gateway_redis_errors_total{operation="upstream-concurrency"}'),
      ).toBeGreaterThan(0);
    } finally {
      await suite.redis.start();
    }
  });
});
