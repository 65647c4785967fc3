import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/sandbox/kit/index.js';
import type { PdcSimulator } from '../../src/sandbox/pdc/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { metricSum } from '../support/prometheus.js';
import { gatewayReachesRedis, useGatewayPairsOnRedis } from '../support/redis.js';
import { until } from '../support/until.js';

const LIST = '{ riverGenDataSources(first: 1) { edges { node { id } } } }';
const CATALOG = '{ catalogDataSources(first: 1) { totalCount } }';

async function rps(gw: TestGateway, provider = 'rivergen'): Promise<number | undefined> {
  const text = await (await gw.gateway.yoga.fetch('http://gateway.test/metrics')).text();
  const line = text
    .split('\n')
    .find((row) => row.startsWith(`gateway_upstream_budget_rps{provider="${provider}"}`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

/**
 * `count` queries at once, spread over `gateways`; how many got data, the errors the others got, and
 * the seconds the burst took (the budget refills meanwhile, so bounds allow for it).
 */
async function burst(gateways: TestGateway[], count: number) {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) => (gateways[i % gateways.length] as TestGateway).query(LIST)),
  );
  return {
    answered: results.filter((result) => result.errors === undefined).length,
    errors: results.flatMap((result) => result.errors ?? []),
    seconds: (performance.now() - started) / 1000,
  };
}

describe('<PREFIX>_MAX_RPS in one gateway', () => {
  it('sends no more than the budget and fails the excess UPSTREAM_BUSY naming the provider', async () => {
    await using gw = await startTestGateway({
      RIVERGEN_MAX_RPS: '5',
      UPSTREAM_BUDGET_WAIT_MS: '0',
      UPSTREAM_RETRY_ATTEMPTS: '1',
    });
    gw.resetCounts();
    const { answered, errors, seconds } = await burst([gw], 30);

    const sent = gw.sims.rivergen?.stats.count() ?? 0;
    // The bucket holds a second's worth: the first five go at once.
    expect(sent).toBeGreaterThanOrEqual(5);
    expect(sent).toBeLessThanOrEqual(5 + 5 * seconds);
    expect(answered).toBe(sent);
    expect(errors.length).toBe(30 - answered);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.extensions).toMatchObject({
        code: 'UPSTREAM_BUSY',
        provider: 'rivergen',
        retryAfterSeconds: 1,
      });
      expect(error.message).toContain('RiverGen');
    }
  });

  it('says in retryAfterSeconds when the budget will next let a call go, behind the calls waiting', async () => {
    await using gw = await startTestGateway({ RIVERGEN_MAX_RPS: '1', UPSTREAM_BUDGET_WAIT_MS: '2500' });
    // One call goes at once, two wait a second and two seconds; the fourth would wait three.
    const { answered, errors } = await burst([gw], 4);
    expect(answered).toBe(3);
    expect(errors.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'UPSTREAM_BUSY', retryAfterSeconds: 3 }),
    ]);
  });

  it('lets a call over the budget wait briefly for its turn rather than fail', async () => {
    await using gw = await startTestGateway({ RIVERGEN_MAX_RPS: '20', UPSTREAM_BUDGET_WAIT_MS: '5000' });
    const { answered, errors } = await burst([gw], 30);
    expect(errors).toEqual([]);
    expect(answered).toBe(30);
  });

  it('slows down while the upstream answers slower than UPSTREAM_BUDGET_SLOW_MS, and speeds up once it is prompt', async () => {
    await using gw = await startTestGateway({ RIVERGEN_MAX_RPS: '20', UPSTREAM_BUDGET_SLOW_MS: '200' });
    gw.sims.rivergen?.setFaults({ latencyMs: 1000 });
    expect((await gw.query(LIST)).errors).toBeUndefined();
    expect(await rps(gw)).toBe(10);
    gw.sims.rivergen?.setFaults({});
    await until(async () => {
      expect((await gw.query(LIST)).errors).toBeUndefined();
      return (await rps(gw)) === 20;
    }, 30_000);
  });

  it('halves on each 429 down to a tenth of the budget, and gives back a twentieth per success, none per failure', async () => {
    await using gw = await startTestGateway({
      RIVERGEN_MAX_RPS: '20',
      UPSTREAM_BUDGET_WAIT_MS: '2000',
      UPSTREAM_RETRY_ATTEMPTS: '1',
    });
    gw.sims.rivergen?.setFaults({ rateLimit: { retryAfterSeconds: 1, times: 4 } });
    const halvings = [];
    for (let i = 0; i < 4; i++) {
      expect((await gw.query(LIST)).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      halvings.push(await rps(gw));
    }
    // 20 → 10 → 5 → 2.5, and then no lower than 2.
    expect(halvings).toEqual([10, 5, 2.5, 2]);

    gw.sims.rivergen?.setFaults({ failNext: 1, errorStatus: 500 });
    expect((await gw.query(LIST)).errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(await rps(gw)).toBe(2);
    gw.sims.rivergen?.setFaults(undefined);
    expect((await gw.query(LIST)).errors).toBeUndefined();
    expect(await rps(gw)).toBe(3);
  });

  it('refills at its rate: calls one after another get no more than a second’s worth and a call per second since', async () => {
    await using gw = await startTestGateway({
      RIVERGEN_MAX_RPS: '1',
      UPSTREAM_BUDGET_WAIT_MS: '0',
      UPSTREAM_RETRY_ATTEMPTS: '1',
    });
    // The gateway's own path warmed first (a PDC read): what is timed below is mostly the calls refused.
    expect((await gw.query('{ catalogDataSources(first: 1) { totalCount } }')).errors).toBeUndefined();
    gw.resetCounts();
    const started = performance.now();
    const codes = [];
    for (let i = 0; i < 8; i++)
      codes.push((await gw.query(LIST)).errors?.[0]?.extensions?.code ?? 'answered');
    const seconds = (performance.now() - started) / 1000;
    expect(codes[0]).toBe('answered');
    const sent = gw.sims.rivergen?.stats.count() ?? 0;
    expect(sent).toBeLessThanOrEqual(1 + Math.floor(seconds));
    expect(codes.filter((code) => code === 'UPSTREAM_BUSY')).toHaveLength(8 - sent);
  });

  it('waits for a token never past its operation’s time limit, and sends nothing once it is spent', async () => {
    await using gw = await startTestGateway({
      RIVERGEN_MAX_RPS: '1',
      UPSTREAM_BUDGET_WAIT_MS: '60000',
      OPERATION_TIMEOUT_MS: '1500',
    });
    gw.resetCounts();
    // One goes at once, the next waits a second for its token, the third two: past its time limit.
    const answers = await Promise.all([gw.query(LIST), gw.query(LIST), gw.query(LIST)]);
    const cut = answers.filter((answer) => answer.errors !== undefined);
    expect(cut.length).toBeGreaterThanOrEqual(1);
    for (const answer of cut)
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'GATEWAY_TIMEOUT', provider: 'rivergen' });
    // Counted as calls their operations gave up, not as calls over the budget, and never sent.
    const failed = (kind: string) =>
      metricSum(
        gw.gateway,
        `gateway_upstream_errors_total{provider="rivergen",route="listDataSources",kind="${kind}"}`,
      );
    await until(async () => (await failed('aborted')) === cut.length);
    expect(await failed('busy')).toBe(0);
    expect(gw.sims.rivergen?.stats.count()).toBe(3 - cut.length);
  });

  it('lets a PDC login no caller waits on wait for its token like any call, then renews the token', async () => {
    await using gw = await startTestGateway({ PDC_MAX_RPS: '1', UPSTREAM_BUDGET_WAIT_MS: '5000' });
    const pdc = gw.sims.pdc as PdcSimulator;
    expect((await gw.query(CATALOG)).errors).toBeUndefined();
    // The next read spends the second's one token and is refused 401: the login it causes, shared
    // with every query, waits for the next token.
    pdc.setFaults({ failNext: 1, errorStatus: 401, operations: ['filterDataSources'] });
    gw.resetCounts();
    const answer = await gw.query<{ catalogDataSources: { totalCount: number } }>(CATALOG);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.catalogDataSources.totalCount).toBe(1000);
    expect(pdc.stats.requests().map((request) => request.operationId)).toEqual([
      'filterDataSources',
      'authenticate',
      'filterDataSources',
    ]);
  });

  it('is off for a provider whose <PREFIX>_MAX_RPS is 0, whatever UPSTREAM_MAX_RPS sets for the others', async () => {
    await using gw = await startTestGateway({
      UPSTREAM_MAX_RPS: '1',
      RIVERGEN_MAX_RPS: '0',
      UPSTREAM_BUDGET_WAIT_MS: '0',
    });
    const { answered, errors } = await burst([gw], 10);
    expect(errors).toEqual([]);
    expect(answered).toBe(10);
    expect(await rps(gw)).toBeUndefined();
    expect(await rps(gw, 'pdc')).toBe(1);
  });

  it('costs nothing without a budget: no gauge', async () => {
    await using gw = await startTestGateway({});
    expect((await gw.query(LIST)).errors).toBeUndefined();
    expect(await rps(gw)).toBeUndefined();
  });
});

describe('<PREFIX>_MAX_RPS shared through Redis', () => {
  const { suite, twoGateways } = useGatewayPairsOnRedis('share budgets through');

  it('keeps two gateways together within one budget', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const [a, b] = await twoGateways({
      RIVERGEN_MAX_RPS: '5',
      UPSTREAM_BUDGET_WAIT_MS: '0',
      UPSTREAM_RETRY_ATTEMPTS: '1',
    });
    a.resetCounts();
    const { answered, errors, seconds } = await burst([a, b], 40);

    const sent = a.sims.rivergen?.stats.count() ?? 0;
    // Each gateway alone would send 5 at once: together they still send 5, plus what refilled meanwhile.
    expect(sent).toBeLessThanOrEqual(5 + 5 * seconds);
    expect(answered).toBe(sent);
    expect(errors.map((error) => error.extensions?.code)).toEqual(Array(40 - answered).fill('UPSTREAM_BUSY'));
  });

  it('keeps a budget per upstream: one spent leaves the others’ calls going', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const [a, b] = await twoGateways({
      RIVERGEN_MAX_RPS: '1',
      PREQUEL_IMPORT_MAX_RPS: '1',
      UPSTREAM_BUDGET_WAIT_MS: '0',
      UPSTREAM_RETRY_ATTEMPTS: '1',
    });
    expect((await a.query(LIST)).errors).toBeUndefined();
    expect((await b.query('{ importSources(first: 1) { edges { node { id } } } }')).errors).toBeUndefined();
    expect((await b.query(LIST)).errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_BUSY' });
  });

  it('slows both gateways when the upstream answers 429, and speeds up again as calls succeed', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const [a, b] = await twoGateways({
      RIVERGEN_MAX_RPS: '20',
      UPSTREAM_BUDGET_WAIT_MS: '2000',
      UPSTREAM_RETRY_ATTEMPTS: '1',
    });
    expect((await a.query(LIST)).errors).toBeUndefined();
    expect(await rps(a)).toBe(20);

    a.sims.rivergen?.setFaults({ rateLimit: { retryAfterSeconds: 1, times: 3 } });
    for (let i = 0; i < 3; i++)
      expect((await a.query(LIST)).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // Each 429 halves the shared rate; the last halving is told back to the gateway as Redis answers.
    await until(async () => ((await rps(a)) ?? 20) < 5, 30_000);

    // The other gateway saw no 429, yet its next call goes at the shared, lower rate.
    expect((await b.query(LIST)).errors).toBeUndefined();
    expect(await rps(b)).toBeLessThan(10);

    await until(async () => {
      expect((await b.query(LIST)).errors).toBeUndefined();
      return (await rps(b)) === 20;
    }, 30_000);
  });

  it('counts each send Redis misses while it is down, and shows its own rate meanwhile', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const [a] = await twoGateways({
      RIVERGEN_MAX_RPS: '20',
      UPSTREAM_BUDGET_WAIT_MS: '0',
      UPSTREAM_RETRY_ATTEMPTS: '1',
    });
    const failed = () => metricSum(a.gateway, 'gateway_redis_errors_total{operation="upstream-budget"}');
    const sim = a.sims.rivergen as Simulator;
    sim.setFaults({ rateLimit: { retryAfterSeconds: 1, times: 1 } });
    expect((await a.query(LIST)).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    await until(async () => (await rps(a)) === 10);
    // A call under the lowered rate is under way when Redis goes: the success it tells back is lost, and counted.
    sim.setFaults({ latencyMs: 300 });
    const held = a.query(LIST);
    await until(async () => sim.stats.inFlight() === 1);
    await suite.redis.stop();
    try {
      expect((await held).errors).toBeUndefined();
      await until(async () => (await failed()) === 1);
      await until(async () => !(await gatewayReachesRedis(a)));
      // A 429 now: its take and the halving it tells Redis fail, each counted; the rate shown is the gateway's own.
      sim.setFaults({ rateLimit: { retryAfterSeconds: 1, times: 1 } });
      expect((await a.query(LIST)).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      await until(async () => (await failed()) === 3);
      // 20 halved, a twentieth back for the call that went through, halved again.
      expect(await rps(a)).toBe(5.5);
      // A success: only its take is missed; nothing is told to a Redis known to be away.
      sim.setFaults(undefined);
      expect((await a.query(LIST)).errors).toBeUndefined();
      expect(await failed()).toBe(4);
      expect(await rps(a)).toBe(6.5);
    } finally {
      await suite.redis.start();
    }
  });

  it('falls back to each gateway’s own budget while Redis is down, and counts it', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const [a] = await twoGateways({ RIVERGEN_MAX_RPS: '5', UPSTREAM_BUDGET_WAIT_MS: '0' });
    await suite.redis.stop();
    try {
      a.resetCounts();
      const { answered, errors } = await burst([a], 20);
      expect(answered).toBeGreaterThan(0);
      expect(errors.every((error) => error.extensions?.code === 'UPSTREAM_BUSY')).toBe(true);
      const text = await (await a.gateway.yoga.fetch('http://gateway.test/metrics')).text();
      expect(text).toMatch(/gateway_redis_errors_total\{operation="upstream-budget"\} [1-9]/);
    } finally {
      await suite.redis.start();
    }
  });
});
