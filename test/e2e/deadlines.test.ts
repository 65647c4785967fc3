import { Agent, fetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type ListeningGateway, serveOverHttp } from '../support/listening.js';
import { parsePrometheus } from '../support/prometheus.js';

/** Deadlines of a few hundred milliseconds keep the suite quick; the slack covers a busy machine. */
const DEADLINE_MS = 400;
const SLACK_MS = 1500;
/** A deadline the stuck operations would only reach long after their clients hung up. */
const LONG_DEADLINE_MS = 5000;

const CATALOG = '{ catalogDataSources(first: 1) { edges { node { id } } } }';
const RIVERGEN = '{ riverGenDataSources(first: 2) { edges { node { id } } } }';
/** Touches every provider: what the seeded simulators hold in all. */
const EVERYONE = '{ dataSources(first: 1) { totalCount } }';
const EVERY_RECORD = 84 + 80 + 1000 + 180;
const BOTH = `{
  catalogDataSources(first: 1) { edges { node { id } } }
  riverGenDataSources(first: 2) { edges { node { id } } }
}`;
/** The PDC routes a catalog read uses; its service login is left alone so that it is not what hangs. */
const CATALOG_READS = ['filterDataSources', 'getDataSourcesByIds'];
/** Headers at once, then a byte of the body every 200 ms: never a pause long enough for the body timeout. */
const TRICKLE = { trickle: { intervalMs: 200 }, operations: CATALOG_READS };

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

let gw: TestGateway | undefined;
let http: ListeningGateway | undefined;
afterEach(async () => {
  await http?.close();
  await gw?.close();
  gw = undefined;
  http = undefined;
});

/** Drops each connection as soon as it idles, one whose request was given up included. */
const client = new Agent({ keepAliveTimeout: 10 });

async function start(env: Record<string, string> = {}) {
  gw = await startTestGateway(env);
  http = await serveOverHttp(gw);
  return { gw, http };
}

/** POSTs a query over the gateway's real socket. */
async function post(on: ListeningGateway, query: string, signal?: AbortSignal): Promise<Answer> {
  const response = await fetch(`${on.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
    signal,
    dispatcher: client,
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}

/**
 * `count` clients asking for the catalog while it trickles, each able to hang up. With
 * MAX_RECORDS_IN_FLIGHT=20 the catalog's share is 10 records: 10 run (stuck) and 20 wait for room.
 */
async function stuckOnCatalog(gw: TestGateway, on: ListeningGateway, count: number) {
  gw.sims.pdc?.setFaults(TRICKLE);
  const clients = Array.from({ length: count }, () => new AbortController());
  const answers = clients.map((client) => post(on, CATALOG, client.signal).catch((error: unknown) => error));
  await until(async () => {
    const state = await admission(on);
    return state.running === 10 && state.waiting === count - 10 && gw.sims.pdc?.stats.inFlight() === 10;
  });
  return {
    hangUp: async () => {
      for (const client of clients) client.abort();
      await Promise.all(answers);
    },
  };
}

async function admission(on: ListeningGateway) {
  const scrape = parsePrometheus(await (await on.get('/metrics')).text());
  return {
    running: scrape('gateway_admission_provider_running_records', { provider: 'pdc' }),
    waiting: scrape('gateway_admission_provider_waiting', { provider: 'pdc' }),
  };
}

/** Resolves once `check` holds (polling, no fixed sleeps). */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}

describe('operation deadline', () => {
  it('answers at the deadline with what arrived and a GATEWAY_TIMEOUT naming the provider at the stuck field', async () => {
    const { gw, http } = await start({ OPERATION_TIMEOUT_MS: String(DEADLINE_MS) });
    gw.sims.pdc?.setFaults(TRICKLE);
    const started = performance.now();
    const answer = await post(http, BOTH);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(DEADLINE_MS - 5);
    expect(took).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(answer.status).toBe(200);
    expect(answer.data?.catalogDataSources).toBeNull();
    expect(answer.data?.riverGenDataSources).toMatchObject({ edges: [{}, {}] });
    expect(answer.errors).toEqual([
      {
        message: `Pentaho Data Catalog had not answered when this operation's time limit (${DEADLINE_MS} ms) ran out`,
        path: ['catalogDataSources'],
        extensions: { code: 'GATEWAY_TIMEOUT', provider: 'pdc' },
      },
    ]);
    // The call was given up, not left open on the upstream.
    await until(() => gw.sims.pdc?.stats.inFlight() === 0);
  });

  it('gives up every one of many calls in flight and waiting at the deadline, with no listener-leak warning', async () => {
    const warnings: Error[] = [];
    const warned = (warning: Error) => warnings.push(warning);
    process.on('warning', warned);
    try {
      const { gw, http } = await start({ OPERATION_TIMEOUT_MS: String(DEADLINE_MS) });
      const listed = await post(
        http,
        '{ destinations(first: 40) { edges { node { id } } } riverGenDataSources(first: 40) { edges { node { id } } } }',
      );
      const ids = Object.values(listed.data ?? {}).flatMap((list) =>
        (list as { edges: { node: { id: string } }[] }).edges.map((edge) => edge.node.id),
      );
      expect(ids).toHaveLength(80);
      // Looked up one by one, a few at a time per provider: some calls are sent and hang, the rest wait.
      for (const sim of [gw.sims['prequel-export'], gw.sims.rivergen]) sim?.setFaults({ hang: true });
      const answer = await post(http, `{ nodes(ids: ${JSON.stringify(ids)}) { id } }`);
      expect(answer.errors).toHaveLength(80);
      expect(answer.errors?.every((error) => error.extensions?.code === 'GATEWAY_TIMEOUT')).toBe(true);
      await until(
        () => gw.sims['prequel-export']?.stats.inFlight() === 0 && gw.sims.rivergen?.stats.inFlight() === 0,
      );
      expect(gw.sims.rivergen?.stats.peakInFlight()).toBeGreaterThan(1);
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', warned);
    }
  });

  it('answers at the deadline plus a moment even while the wait is on something no signal reaches (a shared login)', async () => {
    // The login gives up on its own after 2.5 s (its headers timeout): well after the answer is due.
    const { gw, http } = await start({
      OPERATION_TIMEOUT_MS: String(DEADLINE_MS),
      UPSTREAM_HEADERS_TIMEOUT_MS: '2500',
    });
    // A fresh gateway has no PDC token yet: the catalog read waits on a login that never answers.
    gw.sims.pdc?.setFaults({ hang: true });
    const started = performance.now();
    const answer = await post(http, CATALOG);
    expect(performance.now() - started).toBeLessThan(DEADLINE_MS + 1000 + SLACK_MS);
    expect(answer).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: `This operation did not finish within its time limit of ${DEADLINE_MS} ms: ask for less at once, or try again later.`,
          extensions: { code: 'GATEWAY_TIMEOUT' },
        },
      ],
    });
  });
});

describe('an operation that calls no provider', () => {
  it('is answered under a time limit whose clock it never started', async () => {
    const { gw, http } = await start({ OPERATION_TIMEOUT_MS: String(DEADLINE_MS) });
    expect(await post(http, '{ __typename }')).toEqual({ status: 200, data: { __typename: 'Query' } });
    expect(await post(http, CATALOG)).toMatchObject({
      status: 200,
      data: { catalogDataSources: { edges: [{}] } },
    });
    expect(gw.sims.pdc?.stats.count('filterDataSources')).toBe(1);
  });
});

describe('a trickling provider', () => {
  it('leaves the gateway serving every provider once its 30 stuck clients hang up and it recovers', async () => {
    const { gw, http } = await start({
      MAX_RECORDS_IN_FLIGHT: '20',
      OPERATION_TIMEOUT_MS: String(LONG_DEADLINE_MS),
    });
    const stuck = await stuckOnCatalog(gw, http, 30);
    const hungUp = performance.now();
    await stuck.hangUp();
    // Their upstream calls are given up with them, before their time limit would have cut them off.
    await until(() => gw.sims.pdc?.stats.inFlight() === 0);
    expect(performance.now() - hungUp).toBeLessThan(LONG_DEADLINE_MS);
    expect(await admission(http)).toEqual({ running: 0, waiting: 0 });

    gw.sims.pdc?.setFaults(undefined);
    const recovered = performance.now();
    const answer = await post(http, EVERYONE);
    expect(answer).toEqual({ status: 200, data: { dataSources: { totalCount: EVERY_RECORD } } });
    expect(performance.now() - recovered).toBeLessThan(LONG_DEADLINE_MS);
  });

  it('holds only its own share of the records in flight: a query for the other providers goes ahead', async () => {
    const { gw, http } = await start({
      MAX_RECORDS_IN_FLIGHT: '20',
      OPERATION_TIMEOUT_MS: String(LONG_DEADLINE_MS),
    });
    const stuck = await stuckOnCatalog(gw, http, 30);
    // 30 records stuck on the catalog would fill the whole budget of 20 without its share.
    const answer = await post(http, RIVERGEN);
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.riverGenDataSources).toMatchObject({ edges: [{}, {}] });
    // It did not wait for the trickle: the catalog calls are still open.
    expect(gw.sims.pdc?.stats.inFlight()).toBe(10);
    await stuck.hangUp();
  });
});
