import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoUpstreams, startDemoUpstreams } from '../../src/sandbox/demo.js';
import type { Simulator } from '../../src/sandbox/kit/index.js';
import {
  type Answer,
  ask,
  type Member,
  reachesRedis,
  scrape,
  startMember,
  stopMember,
  until,
} from '../support/fleet.js';
import { ensureRedisServer, startTestRedis, type TestRedis } from '../support/redis.js';

/** Operations each caller may send per hour, fleet-wide. */
const LIMIT = 40;
/** Callers enough for every test to have fresh ones: the limit counts per caller. */
const TOKENS = Array.from({ length: 400 }, (_, i) => `gw_fleet_${String(i).padStart(3, '0')}_0123456789`);
let nextToken = 0;
const fresh = (): string => TOKENS[nextToken++] ?? '';

const DESTINATIONS = '{ destinations(first: 100) { edges { node { id name } } } }';
const RENAME =
  'mutation($id: ID!, $name: String!) { updateDestination(id: $id, input: { name: $name }) { __typename } }';
/** One call to RiverGen per query: each caller (token) has answers of its own, so none is kept for another. */
const LIST = '{ riverGenDataSources(first: 1) { edges { node { id } } } }';

/** `count` operations at once spread over `members`, as one caller: how many of each status. */
async function sameCaller(members: Member[], count: number) {
  const token = fresh();
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      ask(members[i % members.length] as Member, '{ __typename }', token),
    ),
  );
  return {
    accepted: answers.filter((a) => a.status === 200).length,
    refused: answers.filter((a) => a.status === 429 && Number(a.retryAfter) >= 1).length,
  };
}

describe('a fleet of gateway processes on one Redis and one set of upstreams', { timeout: 60_000 }, () => {
  let unavailable: string | undefined;
  let redis: TestRedis | undefined;
  let upstreams: DemoUpstreams | undefined;
  let a: Member | undefined;
  let b: Member | undefined;
  /** WORKERS=2. */
  let c: Member | undefined;
  const sim = (provider: string) => upstreams?.simulators.find((s) => s.provider === provider) as Simulator;

  beforeAll(async () => {
    const server = await ensureRedisServer();
    if ('missing' in server) {
      unavailable = `no Redis for the fleet to share: ${server.missing}`;
      return;
    }
    redis = await startTestRedis(server.path);
    upstreams = await startDemoUpstreams();
    const env = {
      ...upstreams.env,
      WORKERS: '1',
      REDIS_URL: redis.url,
      GATEWAY_AUTH: 'tokens',
      GATEWAY_TOKENS: TOKENS.join(','),
      RATE_LIMIT: `${LIMIT}/1h`,
      RESPONSE_CACHE: 'on',
      RESPONSE_CACHE_TTL_MS: '600000',
      RIVERGEN_MAX_RPS: '5',
      PDC_MAX_CONCURRENT: '2',
      UPSTREAM_BUDGET_WAIT_MS: '1000',
      UPSTREAM_RETRY_ATTEMPTS: '1',
    };
    // B calls the catalog with a deadline of its own: the last test kills it holding slots whose leases
    // then outlive A's wait for one by the deadline and a second, a margin a loaded machine keeps.
    [a, b, c] = await Promise.all([
      startMember(env),
      startMember({ ...env, PDC_DEADLINE_MS: '3000' }),
      startMember({ ...env, WORKERS: '2' }),
    ]);
    for (const member of [a, b, c]) await until(() => reachesRedis(member), 'the gateway reached Redis');
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a, b, c].map(stopMember));
    await upstreams?.close();
    await redis?.close();
  });

  /** A destination's name as `member` answers it to `token`'s caller. */
  async function nameOn(member: Member, token: string, id: string): Promise<string | undefined> {
    const answer = await ask(member, DESTINATIONS, token);
    const page = answer.body.data?.destinations as { edges: { node: { id: string; name: string } }[] };
    return page.edges.find((edge) => edge.node.id === id)?.node.name;
  }

  /** Calls the shared upstreams received during `run`. */
  async function callsDuring(run: () => Promise<unknown>): Promise<number> {
    for (const s of upstreams?.simulators ?? []) s.stats.reset();
    await run();
    return (upstreams?.simulators ?? []).reduce((sum, s) => sum + s.stats.count(), 0);
  }

  it('empties gateway 2’s kept answer when a mutation runs through gateway 1', async (ctx) => {
    if (unavailable || !a || !b) return ctx.skip(unavailable);
    const token = fresh();
    const first = (await ask(b, DESTINATIONS, token)).body.data?.destinations as {
      edges: { node: { id: string } }[];
    };
    const id = first.edges[0]?.node.id ?? '';
    // B answers the same read from what it kept.
    expect(await callsDuring(() => ask(b as Member, DESTINATIONS, token))).toBe(0);
    const renamed = await ask(a, RENAME, token, { id, name: 'Renamed through gateway 1' });
    expect(renamed.body.data).toEqual({ updateDestination: { __typename: 'UpdateDestinationSuccess' } });
    await until(
      async () => (await nameOn(b as Member, token, id)) === 'Renamed through gateway 1',
      'B saw it',
    );
  });

  it('holds one caller’s RATE_LIMIT across both gateways', async (ctx) => {
    if (unavailable || !a || !b) return ctx.skip(unavailable);
    expect(await sameCaller([a, b], LIMIT + 15)).toEqual({ accepted: LIMIT, refused: 15 });
  });

  it('keeps two gateways together within one calls-per-second budget and one of calls at once', async (ctx) => {
    if (unavailable || !a || !b) return ctx.skip(unavailable);
    const rivergen = sim('rivergen');
    rivergen.stats.reset();
    // A budget Redis does not answer in time fails open, counted: on a loaded machine it happens.
    const failedOpen = async () => {
      let sum = 0;
      for (const member of [a, b] as Member[])
        sum += (await scrape(member))('gateway_redis_errors_total', { operation: 'upstream-budget' });
      return sum;
    };
    const failedBefore = await failedOpen();
    const started = performance.now();
    const lists = await Promise.all(
      Array.from({ length: 40 }, (_, i) => ask(i % 2 ? (a as Member) : (b as Member), LIST, fresh())),
    );
    const seconds = (performance.now() - started) / 1000;
    const sent = rivergen.stats.count();
    // Each gateway alone would send 5 at once: together they send 5, plus what refilled meanwhile,
    // plus a call for each check that failed open.
    expect(sent).toBeLessThanOrEqual(5 + 5 * seconds + ((await failedOpen()) - failedBefore));
    expect(lists.filter((l) => l.body.errors === undefined)).toHaveLength(sent);
    const busy = lists.flatMap((l) => l.body.errors ?? []).map((e) => e.extensions?.code);
    expect(busy).toEqual(Array(40 - sent).fill('UPSTREAM_BUSY'));

    const pdc = sim('pdc');
    pdc.setFaults({ latencyMs: 100, operations: ['filterDataSources'] });
    pdc.stats.reset();
    try {
      const catalog = await Promise.all(
        // Three rounds of two calls: well within the second a call waits for a slot, even on a loaded machine.
        Array.from({ length: 6 }, (_, i) =>
          ask(
            i % 2 ? (a as Member) : (b as Member),
            `{ catalogDataSources(first: ${i + 1}) { totalCount } }`,
            fresh(),
          ),
        ),
      );
      expect(catalog.map((l) => l.body.errors)).toEqual(Array(6).fill(undefined));
      expect(pdc.stats.peakInFlight()).toBe(2);
    } finally {
      pdc.setFaults(undefined);
    }
  });

  it('shrinks the shared budget for both gateways on a burst of 429s from the upstream', async (ctx) => {
    if (unavailable || !a || !b) return ctx.skip(unavailable);
    const rps = async (member: Member) =>
      (await scrape(member))('gateway_upstream_budget_rps', { provider: 'rivergen' });
    expect(await rps(a)).toBe(5);
    expect(await rps(b)).toBe(5);
    sim('rivergen').setFaults({ rateLimit: { retryAfterSeconds: 1, times: 3 } });
    for (let i = 0; i < 3; i++) {
      const answer = await ask(a, LIST, fresh());
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    }
    await until(async () => (await rps(a as Member)) < 5, 'A slowed down');
    // B saw no 429: its next call learns the shared, lower rate from Redis.
    await until(async () => {
      await ask(b as Member, LIST, fresh());
      return (await rps(b as Member)) < 5;
    }, 'B slowed down');
  });

  it('loses no request while Redis is killed, and shares the rate limit again once it is back', async (ctx) => {
    if (unavailable || !a || !b || !redis) return ctx.skip(unavailable);
    const answers: Answer[] = [];
    let running = true;
    const stream = async (member: Member) => {
      for (let i = 0; running; i++) {
        const token = TOKENS[200 + Math.floor(answers.length / 20)] ?? '';
        answers.push(
          await ask(member, i % 2 ? DESTINATIONS : '{ catalogDataSources(first: 1) { totalCount } }', token),
        );
      }
    };
    const streams = [stream(a), stream(b)];
    try {
      await until(() => answers.length >= 20, 'answers before');
      await redis.stop();
      const during = answers.length;
      await until(
        async () => answers.length >= during + 40 && !(await reachesRedis(a as Member)),
        'answers during',
      );
      await redis.start();
      await until(
        async () => (await reachesRedis(a as Member)) && (await reachesRedis(b as Member)),
        'Redis back',
      );
      const after = answers.length;
      await until(() => answers.length >= after + 20, 'answers after');
    } finally {
      running = false;
      await Promise.all(streams);
    }
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toBeTruthy();
    }
    expect(await sameCaller([a, b], LIMIT + 5)).toEqual({ accepted: LIMIT, refused: 5 });
  });

  it('holds the rate limit and the invalidations across the workers of one gateway and another', async (ctx) => {
    if (unavailable || !a || !c || !redis) return ctx.skip(unavailable);
    const [one, workers] = [a, c];
    // Every process reaches Redis again after the outage before: A, and both of C's workers (fresh
    // connections take turns between them).
    await until(async () => {
      for (const member of [one, workers, workers, workers, workers])
        if (!(await reachesRedis(member))) return false;
      return true;
    }, 'every process reached Redis');
    expect(await sameCaller([a, c, c], LIMIT + 10)).toEqual({ accepted: LIMIT, refused: 10 });

    const token = fresh();
    const first = (await ask(c, DESTINATIONS, token)).body.data?.destinations as {
      edges: { node: { id: string } }[];
    };
    const id = first.edges[1]?.node.id ?? '';
    // Reads on fresh connections alternate between C's workers: both keep the answer.
    for (let i = 0; i < 3; i++) await nameOn(c, token, id);
    expect(
      await callsDuring(async () =>
        Promise.all([nameOn(c as Member, token, id), nameOn(c as Member, token, id)]),
      ),
    ).toBe(0);
    await ask(a, RENAME, token, { id, name: 'Renamed through A' });
    await until(async () => {
      const names = [await nameOn(c as Member, token, id), await nameOn(c as Member, token, id)];
      return names.every((name) => name === 'Renamed through A');
    }, 'both workers of C saw it');
    await ask(c, RENAME, token, { id, name: 'Renamed through C' });
    await until(async () => (await nameOn(a as Member, token, id)) === 'Renamed through C', 'A saw it');
  });

  it('frees the slots of a gateway that died holding them once their leases expire', async (ctx) => {
    if (unavailable || !a || !b) return ctx.skip(unavailable);
    const pdc = sim('pdc');
    pdc.setFaults({ hang: true, operations: ['filterDataSources'] });
    const stuck = [1, 2].map((n) =>
      ask(b as Member, `{ catalogDataSources(first: ${n + 20}) { totalCount } }`, fresh()).catch(
        () => undefined,
      ),
    );
    await until(() => pdc.stats.inFlight() === 2, 'both calls at the catalog');
    b.run.child.kill('SIGKILL');
    await Promise.all(stuck);
    pdc.setFaults(undefined);
    const token = fresh();
    const list = () => ask(a as Member, '{ catalogDataSources(first: 30) { totalCount } }', token);
    // Its two leases hold the budget until they expire (its wait, its deadline and a second: 5 s).
    expect((await list()).body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_BUSY');
    await until(async () => (await list()).body.errors === undefined, 'the leases expired', 15_000);
  });
});
