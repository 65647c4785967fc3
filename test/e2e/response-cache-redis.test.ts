import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DemoUpstreams, startDemoUpstreams } from '../../src/sandbox/demo.js';
import { listen, type RunningServer } from '../../src/server.js';
import { postgresDestinationInput } from '../support/destination-inputs.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { metricSum } from '../support/prometheus.js';
import { reachRedis, type SuiteRedis, useTestRedis } from '../support/redis.js';

type Named = { id: string; name: string };
type Page = { destinations: { edges: { node: Named }[] } };
const DESTINATIONS = '{ destinations(first: 100) { edges { node { id name } } } }';
const IMPORT_SOURCES = '{ importSources(first: 4) { edges { node { id name } } } }';
const RENAME =
  'mutation($id: ID!, $name: String!) { updateDestination(id: $id, input: { name: $name }) { __typename } }';
const PREFIX = 'gateway:{cache}:';

/** Two gateways with the response cache on, on one Redis and one set of upstreams, as a fleet has. */
function useFleet(suite: SuiteRedis, env: Record<string, string>) {
  const fleet: { upstreams?: DemoUpstreams; a?: TestGateway; b?: TestGateway; env?: Record<string, string> } =
    {};
  beforeAll(async () => {
    if (!suite.redis) return;
    fleet.upstreams = await startDemoUpstreams();
    const shared = { ...fleet.upstreams.env, REDIS_URL: suite.redis.url, RESPONSE_CACHE: 'on', ...env };
    fleet.env = shared;
    fleet.a = await startTestGateway(shared);
    fleet.b = await startTestGateway(shared);
    await reachRedis([fleet.a, fleet.b]);
  }, 60_000);
  afterAll(async () => {
    await fleet.a?.close();
    await fleet.b?.close();
    await fleet.upstreams?.close();
  });
  return fleet;
}

/** Calls the shared upstreams received during `run`. */
async function callsDuring(upstreams: DemoUpstreams | undefined, run: () => Promise<unknown>) {
  for (const sim of upstreams?.simulators ?? []) sim.stats.reset();
  await run();
  return (upstreams?.simulators ?? []).reduce((sum, sim) => sum + sim.stats.count(), 0);
}

/** Runs `read`, then waits for its answer to reach Redis, which happens just after it is sent. */
async function keptBy<T>(suite: SuiteRedis, read: () => Promise<T>): Promise<T> {
  const answers = async () => (await allKeys(suite)).filter((key) => key.startsWith(`${PREFIX}answer:`));
  const before = (await answers()).length;
  const result = await read();
  await vi.waitFor(async () => expect((await answers()).length).toBeGreaterThan(before), {
    timeout: 5000,
    interval: 20,
  });
  return result;
}

/**
 * Runs `run` while Redis holds every write (and script) but still answers reads: a lookup finds what
 * is kept, while keeping, invalidating and making the fleet's key for callers wait longer than a command may.
 */
async function whileWritesWait<T>(suite: SuiteRedis, run: () => Promise<T>): Promise<T> {
  const redis = suite.redis?.client;
  await redis?.call('CLIENT', 'PAUSE', '10000', 'WRITE');
  try {
    return await run();
  } finally {
    await redis?.call('CLIENT', 'UNPAUSE');
  }
}

/** Every key in the test's Redis, by SCAN. */
async function allKeys(suite: SuiteRedis): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of suite.redis?.client.scanStream({ count: 100 }) ?? []) keys.push(...batch);
  return keys;
}

describe('answers kept in Redis (REDIS_URL with RESPONSE_CACHE=on)', () => {
  const suite = useTestRedis('keep the answers of a fleet in');
  const fleet = useFleet(suite, { RESPONSE_CACHE_TTL_MS: '600000' });
  const calls = (run: () => Promise<unknown>) => callsDuring(fleet.upstreams, run);
  const listening: RunningServer[] = [];
  afterAll(() => Promise.all(listening.map((server) => server.close())));

  it('serves on B an answer A kept, calling no upstream', async (ctx) => {
    const { a, b } = fleet;
    if (!a || !b) return ctx.skip(suite.unavailable);
    let first: unknown;
    const read = () => calls(async () => (first = await a.query(IMPORT_SOURCES)));
    expect(await keptBy(suite, read)).toBeGreaterThan(0);
    let second: unknown;
    expect(await calls(async () => (second = await b.query(IMPORT_SOURCES)))).toBe(0);
    expect(second).toEqual(first);
    expect((first as { errors?: unknown }).errors).toBeUndefined();
  });

  it('counts and logs A’s first read as a miss, and B’s read of what A kept as a hit', async (ctx) => {
    const { a, b } = fleet;
    if (!a || !b) return ctx.skip(suite.unavailable);
    const document = '{ importSources(first: 10) { edges { node { name } } } }';
    const counted = async (gw: TestGateway) => ({
      hit: await metricSum(gw.gateway, 'gateway_response_cache_lookups_total{result="hit"}'),
      miss: await metricSum(gw.gateway, 'gateway_response_cache_lookups_total{result="miss"}'),
    });
    /** The request line of a read sent to `gw`, listening, under a request id of its own. */
    const logged = async (gw: TestGateway) => {
      // Closed with the fleet: closing a server drains its gateway.
      const server = await listen(gw.gateway, '127.0.0.1', 0);
      listening.push(server);
      const requestId = `fleet-lookup-${Math.random().toString(36).slice(2)}`;
      const response = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-request-id': requestId,
        },
        body: JSON.stringify({ query: document }),
      });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      return await vi.waitFor(() => {
        const line = gw.logs
          .map((text) => JSON.parse(text) as Record<string, unknown>)
          .find((fields) => fields.msg === 'request done' && fields.requestId === requestId);
        expect(line).toBeDefined();
        return line;
      });
    };
    const [beforeA, beforeB] = [await counted(a), await counted(b)];
    expect(await keptBy(suite, () => logged(a))).toMatchObject({ cache: 'miss' });
    expect(await counted(a)).toEqual({ hit: beforeA.hit, miss: beforeA.miss + 1 });
    expect(await logged(b)).toMatchObject({ cache: 'hit' });
    expect(await counted(b)).toEqual({ hit: beforeB.hit + 1, miss: beforeB.miss });
  });

  it('answers B’s next read fresh after a mutation through A', async (ctx) => {
    const { a, b } = fleet;
    if (!a || !b) return ctx.skip(suite.unavailable);
    const listed = await keptBy(suite, () => a.query<Page>(DESTINATIONS));
    const id = listed.data?.destinations.edges[0]?.node.id ?? '';
    expect(await calls(() => b.query(DESTINATIONS))).toBe(0);
    const renamed = await a.query<{ updateDestination: { __typename: string } }>(RENAME, {
      id,
      name: 'Renamed through A',
    });
    expect(renamed.data?.updateDestination.__typename).toBe('UpdateDestinationSuccess');
    let page: Page | null | undefined;
    expect(await calls(async () => (page = (await b.query<Page>(DESTINATIONS)).data))).toBeGreaterThan(0);
    expect(page?.destinations.edges.find((edge) => edge.node.id === id)?.node.name).toBe('Renamed through A');
  });

  it('drops on every gateway the answers holding the destination a transfer was queued for, and no others', async (ctx) => {
    const { a, b } = fleet;
    if (!a || !b) return ctx.skip(suite.unavailable);
    type Enabled = { destinations: { edges: { node: { id: string; isEnabled: boolean } }[] } };
    const listed = await a.query<Enabled>('{ destinations(first: 100) { edges { node { id isEnabled } } } }');
    const [x = '', y = ''] = (listed.data?.destinations.edges ?? [])
      .filter((edge) => edge.node.isEnabled)
      .map((edge) => edge.node.id);
    const NAME = 'query($id: ID!) { node(id: $id) { ... on Destination { name } } }';
    await keptBy(suite, () => a.query(NAME, { id: x }));
    await keptBy(suite, () => a.query(NAME, { id: y }));
    const queued = await a.query<{ queueDestinationTransfer: { __typename: string } }>(
      'mutation($id: ID!) { queueDestinationTransfer(id: $id) { __typename } }',
      { id: x },
    );
    expect(queued.data?.queueDestinationTransfer.__typename).toBe('QueueDestinationTransferSuccess');
    expect(await calls(() => b.query(NAME, { id: y }))).toBe(0);
    expect(await calls(() => b.query(NAME, { id: x }))).toBeGreaterThan(0);
  });

  it('shows on B, in the list B kept, a destination created through A', async (ctx) => {
    const { a, b } = fleet;
    if (!a || !b) return ctx.skip(suite.unavailable);
    type Counted = {
      destinations: { totalCount: number; edges: { node: { id: string; recipientId: string } }[] };
    };
    const LIST = '{ destinations(first: 100) { totalCount edges { node { id recipientId } } } }';
    const before = (await keptBy(suite, () => b.query<Counted>(LIST))).data?.destinations;
    expect(await calls(() => b.query(LIST))).toBe(0);
    const created = await a.query<{ createDestination: { destination?: { id: string } } }>(
      `mutation($input: CreateDestinationInput!) {
        createDestination(input: $input) { ... on CreateDestinationSuccess { destination { id } } } }`,
      { input: postgresDestinationInput('Made through A', before?.edges[0]?.node.recipientId ?? '') },
    );
    const id = created.data?.createDestination.destination?.id;
    expect(id).toBeDefined();
    const after = (await b.query<Counted>(LIST)).data?.destinations;
    expect(after?.totalCount).toBe((before?.totalCount ?? 0) + 1);
    expect(after?.edges.map((edge) => edge.node.id)).toContain(id);
  });

  it('keeps nothing B read while a mutation ran through A: it may hold what the mutation changed', async (ctx) => {
    const { a, b, upstreams } = fleet;
    const sim = upstreams?.simulators.find((candidate) => candidate.provider === 'prequel-export');
    if (!a || !b || !sim) return ctx.skip(suite.unavailable);
    const document = '{ destinations(first: 50) { edges { node { id name } } } }';
    const id = (await a.query<Page>(DESTINATIONS)).data?.destinations.edges[1]?.node.id ?? '';
    sim.stats.reset();
    // B's list is read upstream at once and its answer arrives slowly: the rename lands in between.
    sim.setFaults({ trickle: { intervalMs: 20, bytesPerChunk: 2000 }, operations: ['listDestinations'] });
    try {
      const slow = b.query<Page>(document);
      await vi.waitFor(() => expect(sim.stats.count('listDestinations')).toBeGreaterThan(0));
      await a.query(RENAME, { id, name: 'Renamed mid-read' });
      expect((await slow).data?.destinations.edges.find((e) => e.node.id === id)?.node.name).not.toBe(
        'Renamed mid-read',
      );
    } finally {
      sim.setFaults(undefined);
    }
    // B keeps in the order it reads: once a later read of B's is kept, the slow one was kept or refused.
    await keptBy(suite, () => b.query('{ destinations(first: 7) { edges { node { id } } } }'));
    const after = await a.query<Page>(document);
    expect(after.data?.destinations.edges.find((e) => e.node.id === id)?.node.name).toBe('Renamed mid-read');
  });

  it('writes no key outside its prefix, and its answers and the sets that file them expire', async (ctx) => {
    const { a } = fleet;
    if (!a || !suite.redis) return ctx.skip(suite.unavailable);
    // Documents of this test's own, so that each keep is awaited whatever ran before.
    await keptBy(suite, () => a.query('{ importSources(first: 3) { edges { node { id } } } }'));
    await keptBy(suite, () => a.query('{ destinations(first: 3) { edges { node { id } } } }'));
    const keys = await allKeys(suite);
    expect(keys.filter((key) => !key.startsWith(PREFIX))).toEqual([]);
    const tags = keys.filter((key) => key.startsWith(`${PREFIX}tag:`));
    expect(tags).toContain(`${PREFIX}tag:ImportSource`);
    expect(keys.some((key) => key.startsWith(`${PREFIX}tag:ImportSource:`))).toBe(true);
    const answers = keys.filter((key) => key.startsWith(`${PREFIX}answer:`));
    expect(answers.length).toBeGreaterThan(0);
    for (const key of [...tags, ...answers]) {
      const ttl = await suite.redis.client.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(600_000);
    }
  });

  it('answers 304 on B to a GET whose If-None-Match holds the ETag A sent', async (ctx) => {
    const { a, b } = fleet;
    if (!a || !b) return ctx.skip(suite.unavailable);
    const query = new URLSearchParams({ query: '{ importSources(first: 2) { edges { node { id } } } }' });
    const get = async (gw: TestGateway, headers: Record<string, string> = {}) =>
      gw.gateway.yoga.fetch(`http://gateway.test/graphql?${query}`, {
        headers: { accept: 'application/json', ...headers },
      });
    const first = await keptBy(suite, () => get(a));
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    let again: Response | undefined;
    expect(await calls(async () => (again = await get(b, { 'if-none-match': etag })))).toBe(0);
    expect(again?.status).toBe(304);
    expect(again?.headers.get('etag')).toBe(etag);
    // Served whole from Redis, it carries the tag A sent.
    const whole = await get(b);
    expect(whole.headers.get('etag')).toBe(etag);
    expect(await whole.json()).toEqual(await first.json());
  });

  it('answers a read as a miss when Redis is too slow to say what it keeps, counting it', async (ctx) => {
    const { b } = fleet;
    if (!b || !suite.redis) return ctx.skip(suite.unavailable);
    const document = '{ importSources(first: 6) { edges { node { id } } } }';
    await keptBy(suite, () => b.query(document));
    const failed = () => metricSum(b.gateway, 'gateway_redis_errors_total{operation="response-cache"}');
    const before = await failed();
    // Redis holds every command for a while, longer than a lookup waits.
    await suite.redis.client.call('CLIENT', 'PAUSE', '1000', 'ALL');
    let answer: { status: number; errors?: unknown } | undefined;
    expect(await calls(async () => (answer = await b.query(document)))).toBeGreaterThan(0);
    expect(answer?.status).toBe(200);
    expect(answer?.errors).toBeUndefined();
    expect(await failed()).toBeGreaterThan(before);
    // The pause is over once Redis answers this client again: the next test finds it as ever.
    await suite.redis.client.ping();
  });

  it('answers a read whose answer Redis cannot keep, counting the failure', async (ctx) => {
    const { b } = fleet;
    if (!b || !suite.redis) return ctx.skip(suite.unavailable);
    const failed = () => metricSum(b.gateway, 'gateway_redis_errors_total{operation="response-cache"}');
    const before = await failed();
    await whileWritesWait(suite, async () => {
      let answer: { status: number; errors?: unknown } | undefined;
      const document = '{ importSources(first: 7) { edges { node { id } } } }';
      expect(await calls(async () => (answer = await b.query(document)))).toBeGreaterThan(0);
      expect(answer?.status).toBe(200);
      expect(answer?.errors).toBeUndefined();
      // The answer is kept just after it is sent: its failure is counted then.
      await vi.waitFor(async () => expect(await failed()).toBe(before + 1), { timeout: 5000, interval: 20 });
    });
  });

  it('answers a mutation while Redis cannot drop what it changed, counting the failure', async (ctx) => {
    const { a } = fleet;
    if (!a || !suite.redis) return ctx.skip(suite.unavailable);
    const id = (await a.query<Page>(DESTINATIONS)).data?.destinations.edges[2]?.node.id ?? '';
    const failed = () => metricSum(a.gateway, 'gateway_redis_errors_total{operation="response-cache"}');
    const before = await failed();
    await whileWritesWait(suite, async () => {
      const renamed = await a.query<{ updateDestination: { __typename: string } }>(RENAME, {
        id,
        name: 'Renamed while Redis waits',
      });
      expect(renamed.status).toBe(200);
      expect(renamed.data?.updateDestination.__typename).toBe('UpdateDestinationSuccess');
      expect(await failed()).toBeGreaterThan(before);
    });
  });

  it('answers every read while Redis is down, counting the misses it caused, and keeps again once it is back', async (ctx) => {
    const { a, b } = fleet;
    if (!a || !b || !suite.redis) return ctx.skip(suite.unavailable);
    const failed = (gw: TestGateway) =>
      metricSum(gw.gateway, 'gateway_redis_errors_total{operation="response-cache"}');
    const before = await failed(b);
    await suite.redis.stop();
    const document = '{ importSources(first: 5) { edges { node { id } } } }';
    for (const gw of [a, b, b]) {
      let answer: { status: number; errors?: unknown } | undefined;
      expect(await calls(async () => (answer = await gw.query(document)))).toBeGreaterThan(0);
      expect(answer?.status).toBe(200);
      expect(answer?.errors).toBeUndefined();
    }
    expect(await failed(b)).toBeGreaterThan(before);

    await suite.redis.start();
    await reachRedis([a, b]);
    expect(await keptBy(suite, () => calls(() => a.query(document)))).toBeGreaterThan(0);
    expect(await calls(() => b.query(document))).toBe(0);
  });
});

describe('answers kept in Redis for RESPONSE_CACHE_TTL_MS', () => {
  const suite = useTestRedis('keep the answers of a fleet in');
  const fleet = useFleet(suite, { RESPONSE_CACHE_TTL_MS: '1000' });

  it('are asked of the upstream again once it has passed, by any gateway', async (ctx) => {
    const { a, b, upstreams } = fleet;
    if (!a || !b || !suite.redis) return ctx.skip(suite.unavailable);
    await keptBy(suite, () => a.query(IMPORT_SOURCES));
    expect(await callsDuring(upstreams, () => b.query(IMPORT_SOURCES))).toBe(0);
    // Redis drops the answer and its tags by itself.
    await vi.waitFor(async () => expect(await allKeys(suite)).toEqual([]), { timeout: 5000, interval: 50 });
    expect(await callsDuring(upstreams, () => b.query(IMPORT_SOURCES))).toBeGreaterThan(0);
  });

  it('are dropped from the sets that file them as new answers are filed there', async (ctx) => {
    const { a } = fleet;
    if (!a || !suite.redis) return ctx.skip(suite.unavailable);
    await vi.waitFor(async () => expect(await allKeys(suite)).toEqual([]), { timeout: 5000, interval: 50 });
    // What a set kept alive by new answers holds of one that expired meanwhile.
    const tag = `${PREFIX}tag:ImportSource`;
    await suite.redis.client.sadd(tag, `${PREFIX}answer:expired`);
    await keptBy(suite, () => a.query(IMPORT_SOURCES));
    const filed = await suite.redis.client.smembers(tag);
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatch(/^gateway:\{cache\}:answer:[\w-]+$/);
    expect(filed).not.toContain(`${PREFIX}answer:expired`);
  });
});

describe('answers kept in Redis for a gateway that tells callers apart', () => {
  const suite = useTestRedis('keep the answers of a fleet in');
  const tokens = ['gw_fleet_cache_caller_one', 'gw_fleet_cache_caller_two'];
  const fleet = useFleet(suite, { GATEWAY_AUTH: 'tokens', GATEWAY_TOKENS: tokens.join(',') });
  const as = (gw: TestGateway, token: string | undefined) => () =>
    gw.query(IMPORT_SOURCES, {}, { authorization: `Bearer ${token}` });

  it('serves on B a caller’s answer A kept for them, and never another caller’s', async (ctx) => {
    const { a, b, upstreams } = fleet;
    if (!a || !b) return ctx.skip(suite.unavailable);
    await keptBy(suite, () => callsDuring(upstreams, as(a, tokens[0])));
    expect(await callsDuring(upstreams, as(b, tokens[0]))).toBe(0);
    expect(await callsDuring(upstreams, as(b, tokens[1]))).toBeGreaterThan(0);
    // The fleet's key for callers is one of the cache's own keys too.
    expect((await allKeys(suite)).filter((key) => !key.startsWith(PREFIX))).toEqual([]);
  });

  it('answers a caller while Redis cannot give the fleet’s key, and shares their answers once it can', async (ctx) => {
    const { b, upstreams, env } = fleet;
    if (!b || !env) return ctx.skip(suite.unavailable);
    // A gateway of the fleet that has read nothing yet: it asks Redis for the key at its first read.
    await using c = await startTestGateway(env);
    await reachRedis([c]);
    const document = '{ importSources(first: 8) { edges { node { id name } } } }';
    const read = (gw: TestGateway) => () => gw.query(document, {}, { authorization: `Bearer ${tokens[1]}` });
    const failed = () => metricSum(c.gateway, 'gateway_redis_errors_total{operation="response-cache"}');
    const before = await failed();
    await whileWritesWait(suite, async () => {
      let answer: { status: number; errors?: unknown } | undefined;
      expect(await callsDuring(upstreams, async () => (answer = await read(c)()))).toBeGreaterThan(0);
      expect(answer?.status).toBe(200);
      expect(answer?.errors).toBeUndefined();
      expect(await failed()).toBe(before + 1);
    });
    await keptBy(suite, () => callsDuring(upstreams, read(c)));
    expect(await callsDuring(upstreams, read(b))).toBe(0);
  });
});

describe('answers kept in Redis for a gateway whose callers forward their PDC token, with METRICS=false', () => {
  const suite = useTestRedis('keep the answers of a fleet in');
  const fleet = useFleet(suite, { PDC_CREDENTIALS: 'forward', METRICS: 'false' });

  it('keeps nothing for a caller who sends no token, and shares the answers of one who does', async (ctx) => {
    const { a, b, upstreams } = fleet;
    if (!a || !b) return ctx.skip(suite.unavailable);
    for (let n = 0; n < 2; n += 1) {
      let answer: { status: number; errors?: unknown } | undefined;
      expect(
        await callsDuring(upstreams, async () => (answer = await a.query(IMPORT_SOURCES))),
      ).toBeGreaterThan(0);
      expect(answer?.status).toBe(200);
      expect(answer?.errors).toBeUndefined();
    }
    expect((await allKeys(suite)).filter((key) => key.startsWith(`${PREFIX}answer:`))).toEqual([]);
    const as = (gw: TestGateway) => gw.query(IMPORT_SOURCES, {}, { 'x-pdc-token': 'pdc_fleet_cache_caller' });
    let first: unknown;
    await keptBy(suite, async () => (first = await as(a)));
    let second: unknown;
    expect(await callsDuring(upstreams, async () => (second = await as(b)))).toBe(0);
    expect(second).toEqual(first);
    expect((second as { errors?: unknown }).errors).toBeUndefined();
  });
});
