import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { encodeGlobalId } from '../../src/gateway/ids.js';
import { providerReach } from '../../src/gateway/provider-reach.js';
import { operationWeight } from '../../src/gateway/query-cost.js';
import { providers } from '../../src/providers/registry.js';
import { subgraphSchema } from '../../src/schema.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { parsePrometheus } from '../support/prometheus.js';

/** One RiverGen list call of 20 records: MAX_RECORDS_IN_FLIGHT is set against it. */
const HEAVY = '{ riverGenDataSources(first: 20) { edges { node { id name } } } }';
const HEAVY_RECORDS = 20;
const CATALOG = 'query Catalog { catalogDataSources(first: 1) { edges { node { id name } } } }';

async function post(gw: TestGateway, query: string, signal?: AbortSignal) {
  const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
    signal,
  });
  return {
    response,
    body: (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions: Record<string, unknown> }[];
    },
  };
}

async function gauges(gw: TestGateway) {
  const scrape = parsePrometheus(await (await gw.gateway.yoga.fetch('http://gateway.test/metrics')).text());
  return {
    running: scrape('gateway_admission_running_records'),
    waiting: scrape('gateway_admission_waiting'),
  };
}

async function providerGauges(gw: TestGateway, provider: string) {
  const scrape = parsePrometheus(await (await gw.gateway.yoga.fetch('http://gateway.test/metrics')).text());
  return {
    running: scrape('gateway_admission_provider_running_records', { provider }),
    waiting: scrape('gateway_admission_provider_waiting', { provider }),
  };
}

/** Resolves once `check` holds, polling the gateway's own metrics (no fixed sleeps). */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}

describe('records an operation may hold', () => {
  const records = (query: string, variables: Record<string, unknown> = {}) =>
    operationWeight(parse(query), undefined, variables).records;

  it('count page sizes and ids, once per item however the connection is wrapped', () => {
    expect(records('query($id: ID!) { node(id: $id) { id } }')).toBe(1);
    expect(records('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b', 'c'] })).toBe(3);
    expect(
      records('{ dataSources(first: 100) { edges { node { id } } pageInfo { hasNextPage } totalCount } }'),
    ).toBe(100);
    expect(records('query($n: Int = 30) { riverGenDataSources(first: $n) { totalCount } }')).toBe(30);
  });

  it('add up across top-level fields and multiply through nesting and fragments', () => {
    expect(
      records(
        '{ a: riverGenDataSources(first: 10) { totalCount } b: catalogDataSources(first: 5) { totalCount } }',
      ),
    ).toBe(15);
    expect(
      records(
        '{ nodes(ids: ["a", "b"]) { ...F } } fragment F on Node { ... on DataSource { owner { things(first: 4) { id } } } }',
      ),
    ).toBe(8);
    expect(records('{ __typename }')).toBe(0);
  });
});

describe('the providers an operation may call', () => {
  const reach = providerReach(subgraphSchema(), providers);
  const byProvider = (query: string, variables: Record<string, unknown> = {}) =>
    Object.fromEntries(operationWeight(parse(query), undefined, variables, reach).providers);
  const catalogId = encodeGlobalId('CatalogDataSource', '0123456789abcdef01234567');
  const riverGenId = encodeGlobalId('RiverGenDataSource', '7');

  it('are read from the types a top-level field returns, with its records', () => {
    expect(
      byProvider(
        '{ riverGenDataSources(first: 20) { totalCount } catalogDataSources(first: 5) { totalCount } }',
      ),
    ).toEqual({ rivergen: 20, pdc: 5 });
    expect(byProvider('{ dataSources(first: 10) { totalCount } }')).toEqual({
      'prequel-import': 10,
      'prequel-export': 10,
      pdc: 10,
      rivergen: 10,
    });
    expect(byProvider('{ __typename }')).toEqual({});
  });

  it('are narrowed by the ids, representations or provider filter a field is given', () => {
    expect(
      byProvider('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
        ids: [catalogId, catalogId, riverGenId],
      }),
    ).toEqual({ pdc: 3, rivergen: 3 });
    expect(
      byProvider('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
        ids: [riverGenId, catalogId, 'not-an-id', catalogId, riverGenId],
      }),
    ).toEqual({ pdc: 5, rivergen: 5 });
    expect(byProvider(`{ node(id: "${catalogId}") { id } }`)).toEqual({ pdc: 1 });
    expect(byProvider('{ node(id: "not-an-id") { id } }')).toEqual({});
    expect(
      byProvider('{ dataSources(first: 4, filter: { providers: [PDC, RIVERGEN] }) { totalCount } }'),
    ).toEqual({ pdc: 4, rivergen: 4 });
    expect(
      byProvider('{ _entities(representations: [{ __typename: "Destination", id: "x" }]) { __typename } }'),
    ).toEqual({ 'prequel-export': 1 });
  });

  it('are not narrowed by a filter naming no providers, and a one-provider field keeps its provider whatever its ids', () => {
    const everyProvider = { 'prequel-import': 4, 'prequel-export': 4, pdc: 4, rivergen: 4 };
    expect(byProvider('{ dataSources(first: 4, filter: { vendors: [POSTGRES] }) { totalCount } }')).toEqual(
      everyProvider,
    );
    expect(
      byProvider(
        'query($filter: DataSourceFilter) { dataSources(first: 4, filter: $filter) { totalCount } }',
        {
          filter: { providers: null },
        },
      ),
    ).toEqual(everyProvider);
    expect(
      byProvider(
        'query($p: [Provider!]) { dataSources(first: 4, filter: { providers: $p }) { totalCount } }',
        {
          p: 'RIVERGEN',
        },
      ),
    ).toEqual({ rivergen: 4 });
    expect(
      byProvider('{ catalogDataSources(first: 5, ids: ["0123456789abcdef01234567"]) { totalCount } }'),
    ).toEqual({ pdc: 5 });
  });
});

describe('admission by records in flight', () => {
  it('runs a cheap operation beside a heavy one, and holds one that does not fit until room is made', async () => {
    await using gw = await startTestGateway({ MAX_RECORDS_IN_FLIGHT: String(HEAVY_RECORDS + 5) });
    gw.sims.rivergen?.setFaults({ latencyMs: 200 });
    gw.resetCounts();
    const first = post(gw, HEAVY);
    await until(async () => (await gauges(gw)).running === HEAVY_RECORDS);

    // The catalog page fits in the room left: it is answered while the list still runs.
    const cheap = post(gw, CATALOG);
    expect(await Promise.race([cheap.then(() => 'catalog'), first.then(() => 'list')])).toBe('catalog');
    expect((await cheap).body.errors).toBeUndefined();

    const second = post(gw, HEAVY);
    await until(async () => (await gauges(gw)).waiting === 1);
    expect(await gauges(gw)).toEqual({ running: HEAVY_RECORDS, waiting: 1 });

    for (const answer of await Promise.all([first, second])) {
      expect(answer.response.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    }
    // The second list waited for the first: RiverGen never had both at once.
    expect(gw.sims.rivergen?.stats.count('listDataSources')).toBe(2);
    expect(gw.sims.rivergen?.stats.peakInFlight()).toBe(1);
    expect(await gauges(gw)).toEqual({ running: 0, waiting: 0 });
  });

  it("holds a provider's operations to its share, while those for another provider pass the ones waiting", async () => {
    // A budget of 40 and the default shares of half: two RiverGen lists of 20 fit the budget, not the share.
    await using gw = await startTestGateway({ MAX_RECORDS_IN_FLIGHT: String(2 * HEAVY_RECORDS) });
    gw.sims.rivergen?.setFaults({ latencyMs: 300 });
    gw.resetCounts();
    const first = post(gw, HEAVY);
    const second = post(gw, HEAVY);
    await until(async () => (await gauges(gw)).waiting === 1);
    const riverGen = await providerGauges(gw, 'rivergen');
    expect(riverGen).toEqual({ running: HEAVY_RECORDS, waiting: 1 });

    // The catalog page needs none of what the second list waits for: it goes ahead of it.
    const cheap = post(gw, CATALOG);
    expect(await Promise.race([cheap.then(() => 'catalog'), first.then(() => 'list')])).toBe('catalog');
    expect((await cheap).body.errors).toBeUndefined();
    for (const answer of await Promise.all([first, second])) expect(answer.body.errors).toBeUndefined();
    expect(gw.sims.rivergen?.stats.peakInFlight()).toBe(1);
    expect(await providerGauges(gw, 'rivergen')).toEqual({ running: 0, waiting: 0 });
  });

  it('sizes a share by <PREFIX>_MAX_RECORDS_IN_FLIGHT, 0 leaving the provider only the whole budget', async () => {
    await using gw = await startTestGateway({
      MAX_RECORDS_IN_FLIGHT: String(2 * HEAVY_RECORDS),
      RIVERGEN_MAX_RECORDS_IN_FLIGHT: '0',
    });
    gw.sims.rivergen?.setFaults({ latencyMs: 150 });
    gw.resetCounts();
    await Promise.all([post(gw, HEAVY), post(gw, HEAVY)]);
    expect(gw.sims.rivergen?.stats.peakInFlight()).toBe(2);
    expect(() =>
      loadConfig(
        { GATEWAY_AUTH: 'none', PDC_MAX_RECORDS_IN_FLIGHT: 'lots', PDC_URL: gw.sims.pdc?.url },
        providers,
      ),
    ).toThrow('PDC_MAX_RECORDS_IN_FLIGHT: ');
  });

  it('runs them side by side with MAX_RECORDS_IN_FLIGHT=0', async () => {
    await using gw = await startTestGateway({ MAX_RECORDS_IN_FLIGHT: '0' });
    gw.sims.rivergen?.setFaults({ latencyMs: 150 });
    gw.resetCounts();
    await Promise.all([post(gw, HEAVY), post(gw, HEAVY)]);
    expect(gw.sims.rivergen?.stats.peakInFlight()).toBe(2);
  });

  it('answers GATEWAY_BUSY (503, Retry-After) to one that waited too long, and never sends it upstream', async () => {
    await using gw = await startTestGateway({
      MAX_RECORDS_IN_FLIGHT: String(HEAVY_RECORDS),
      ADMISSION_TIMEOUT_MS: '50',
    });
    gw.sims.rivergen?.setFaults({ latencyMs: 400 });
    gw.resetCounts();
    const [first, second] = await Promise.all([post(gw, HEAVY), post(gw, HEAVY)]);
    expect(first.response.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(second.response.status).toBe(503);
    expect(second.response.headers.get('retry-after')).toBe('1');
    expect(second.body.errors).toEqual([
      {
        message: `The gateway is busy: this operation (up to ${HEAVY_RECORDS} records) waited 50 ms for the operations already running (at most ${HEAVY_RECORDS} records at once) to make room. Try again in a moment, or ask for fewer records at once.`,
        extensions: { code: 'GATEWAY_BUSY', retryAfterSeconds: 1 },
      },
    ]);
    expect(gw.sims.rivergen?.stats.count('listDataSources')).toBe(1);
    expect(await gauges(gw)).toEqual({ running: 0, waiting: 0 });
  });

  it("names the provider when what it waited for was that provider's share", async () => {
    await using gw = await startTestGateway({
      MAX_RECORDS_IN_FLIGHT: String(2 * HEAVY_RECORDS),
      ADMISSION_TIMEOUT_MS: '50',
    });
    gw.sims.rivergen?.setFaults({ latencyMs: 400 });
    const [first, second] = await Promise.all([post(gw, HEAVY), post(gw, HEAVY)]);
    expect(first.body.errors).toBeUndefined();
    expect(second.response.status).toBe(503);
    expect(second.body.errors).toEqual([
      {
        message: `The gateway is busy: this operation (up to ${HEAVY_RECORDS} records) waited 50 ms for the operations already running that may call the same provider (at most ${HEAVY_RECORDS} records at once) to make room. Try again in a moment, or ask for fewer records at once.`,
        extensions: { code: 'GATEWAY_BUSY', provider: 'rivergen', retryAfterSeconds: 1 },
      },
    ]);
  });

  it('charges a lookup sent again with another id to the provider of that id', async () => {
    await using gw = await startTestGateway({
      MAX_RECORDS_IN_FLIGHT: String(2 * HEAVY_RECORDS),
      ADMISSION_TIMEOUT_MS: '50',
    });
    const lookup = 'query Lookup($id: ID!) { node(id: $id) { id } }';
    const send = (id: string) =>
      gw.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: lookup, variables: { id } }),
      });
    const riverGenId = encodeGlobalId('RiverGenDataSource', '7');
    const catalogId = encodeGlobalId('CatalogDataSource', '0123456789abcdef01234567');
    // The same document as the one about to run, weighed once already for a RiverGen id.
    expect((await send(riverGenId)).status).toBe(200);

    gw.sims.rivergen?.setFaults({ latencyMs: 400 });
    const list = post(gw, HEAVY);
    await until(async () => (await providerGauges(gw, 'rivergen')).running === HEAVY_RECORDS);
    // RiverGen's share is full: a lookup of a catalog id needs none of it, one of a RiverGen id waits.
    const [catalog, riverGen] = await Promise.all([send(catalogId), send(riverGenId)]);
    expect(catalog.status).toBe(200);
    expect(riverGen.status).toBe(503);
    expect((await riverGen.json()).errors[0].extensions).toMatchObject({ provider: 'rivergen' });
    expect((await list).body.errors).toBeUndefined();
  });

  it('lets an operation larger than the whole budget run alone', async () => {
    await using gw = await startTestGateway({ MAX_RECORDS_IN_FLIGHT: '10' });
    gw.sims.rivergen?.setFaults({ latencyMs: 50 });
    gw.resetCounts();
    const answers = await Promise.all([post(gw, HEAVY), post(gw, HEAVY), post(gw, CATALOG)]);
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();
    expect(gw.sims.rivergen?.stats.peakInFlight()).toBe(1);
  });

  it('gives up the place of a caller who went away while waiting, at once', async () => {
    await using gw = await startTestGateway({ MAX_RECORDS_IN_FLIGHT: String(HEAVY_RECORDS) });
    gw.sims.rivergen?.setFaults({ latencyMs: 1500 });
    gw.resetCounts();
    const first = post(gw, HEAVY);
    const leaving = new AbortController();
    const gone = post(gw, HEAVY, leaving.signal).catch((error: unknown) => error);
    await until(async () => (await gauges(gw)).waiting === 1);
    leaving.abort();
    await gone;
    await until(async () => (await gauges(gw)).waiting === 0);
    // Not left waiting until the operation ahead of it is done: that one still holds its records.
    expect((await gauges(gw)).running).toBe(HEAVY_RECORDS);
    expect((await first).body.errors).toBeUndefined();
    const after = await post(gw, HEAVY);
    expect(after.body.errors).toBeUndefined();
    // The one who left was never sent upstream.
    expect(gw.sims.rivergen?.stats.count('listDataSources')).toBe(2);
  });
});

describe('the shares an operation waits for', () => {
  // One RiverGen list whose upstream never answers holds the whole budget: every operation after it
  // waits, counted in the waiting gauge of each provider's share it is charged to. FEDERATION adds
  // `_service` and `_entities`.
  let gw: TestGateway;
  const holder = new AbortController();
  let held: Promise<unknown> = Promise.resolve();
  beforeAll(async () => {
    gw = await startTestGateway({
      FEDERATION: 'true',
      MAX_RECORDS_IN_FLIGHT: String(HEAVY_RECORDS),
      ADMISSION_TIMEOUT_MS: '600000',
      OPERATION_TIMEOUT_MS: '600000',
      UPSTREAM_HEADERS_TIMEOUT_MS: '600000',
    });
    gw.sims.rivergen?.setFaults({ hang: true });
    held = post(gw, HEAVY, holder.signal).catch((error: unknown) => error);
    await until(async () => (await gauges(gw)).running === HEAVY_RECORDS);
  });
  afterAll(async () => {
    holder.abort();
    await held;
    await gw?.close();
  });

  /** The providers whose share `query` is charged to, read while it waits; then its client leaves. */
  async function sharesOf(query: string, variables: Record<string, unknown> = {}): Promise<string[]> {
    const leaving = new AbortController();
    let answered: unknown;
    const answer = Promise.resolve(
      gw.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
        signal: leaving.signal,
      }),
    ).then(
      async (response) => {
        answered = await response.json();
      },
      () => undefined,
    );
    await until(async () => answered !== undefined || (await gauges(gw)).waiting === 1);
    // Answered before it waited: it was never weighed as an operation to admit.
    expect(answered).toBeUndefined();
    const scrape = parsePrometheus(await (await gw.gateway.yoga.fetch('http://gateway.test/metrics')).text());
    const charged = providers
      .map((provider) => provider.id)
      .filter((id) => scrape('gateway_admission_provider_waiting', { provider: id }) === 1)
      .sort();
    leaving.abort();
    await answer;
    await until(async () => (await gauges(gw)).waiting === 0);
    return charged;
  }

  const every = ['pdc', 'prequel-export', 'prequel-import', 'rivergen'];

  it("are every provider's for a field whose answer names no provider's type", async () => {
    expect(await sharesOf('{ _service { sdl } }')).toEqual(every);
  });

  it("are every provider's for a list given a null filter, as with none", async () => {
    expect(await sharesOf('{ dataSources(first: 4, filter: null) { totalCount } }')).toEqual(every);
    expect(
      await sharesOf('query($f: DataSourceFilter) { dataSources(first: 4, filter: $f) { totalCount } }', {
        f: null,
      }),
    ).toEqual(every);
  });

  it('are none for an id given as a number or of a type no provider owns, though its name begins like one', async () => {
    const riverGenId = encodeGlobalId('RiverGenDataSource', '7');
    expect(await sharesOf('{ node(id: 7) { id } }')).toEqual([]);
    expect(await sharesOf(`{ nodes(ids: [7, "${riverGenId}"]) { id } }`)).toEqual(['rivergen']);
    expect(await sharesOf(`{ node(id: "${encodeGlobalId('DestinationTransfer', '1')}") { id } }`)).toEqual(
      [],
    );
    expect(await sharesOf(`{ node(id: "${encodeGlobalId('Destination', '1')}") { id } }`)).toEqual([
      'prequel-export',
    ]);
  });

  it("are those of the provider whose type a mutation's result may name, through its union", async () => {
    expect(
      await sharesOf(
        'mutation($input: CreateDestinationInput!) { createDestination(input: $input) { __typename } }',
        { input: {} },
      ),
    ).toEqual(['prequel-export']);
  });

  it('are those of the owner of a lone representation, sent where a list is expected', async () => {
    expect(
      await sharesOf('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
        r: { __typename: 'Destination', id: 'x' },
      }),
    ).toEqual(['prequel-export']);
  });
});

describe('representations an operation cannot be given', () => {
  it('are refused by the check of its variables, with admission on', async () => {
    await using gw = await startTestGateway({ FEDERATION: 'true', MAX_RECORDS_IN_FLIGHT: '100' });
    const answer = await gw.query('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
      r: [null],
    });
    expect(answer).toEqual({
      status: 200,
      errors: [
        {
          message: 'Variable "$r" has an invalid value at "r[0]": must not be null.',
          locations: [{ line: 1, column: 7 }],
          extensions: { code: 'BAD_USER_INPUT', field: 'r[0]' },
        },
      ],
    });
  });
});
