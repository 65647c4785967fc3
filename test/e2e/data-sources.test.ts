import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../src/server.js';
import type { PageQuery, PageQueryVariables } from '../generated/graphql.js';
import { graphql } from '../generated/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

type Connection = NonNullable<PageQuery['dataSources']>;

const PAGE = graphql(`
  query Page($first: Int, $after: String, $last: Int, $before: String, $filter: DataSourceFilter) {
    dataSources(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      edges { cursor node { id provider name vendor } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

/** The query parameters RiverGen's reference documents for its list. */
const DOCUMENTED_RIVERGEN_LIST = [
  'page',
  'page_size',
  'workspace_id',
  'type',
  'status_filter',
  'search',
  'sort_by',
  'sort_order',
];

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

async function page(variables: PageQueryVariables): Promise<Connection> {
  const result = await gw.query(PAGE, variables);
  expect(result.errors).toBeUndefined();
  const connection = result.data?.dataSources;
  if (!connection) throw new Error('dataSources answered null');
  return connection;
}

/** The nodes of a page, none of them null. */
const nodesOf = (connection: Connection) =>
  (connection.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node] : []));

async function walk(direction: 'forward' | 'backward', size: number, filter?: PageQueryVariables['filter']) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 500; guard++) {
    const result: Connection =
      direction === 'forward'
        ? await page({ first: size, after: cursor, filter })
        : await page({ last: size, before: cursor, filter });
    const pageIds = nodesOf(result).map((node) => node.id);
    if (direction === 'forward') ids.push(...pageIds);
    else ids.unshift(...pageIds);
    const more = direction === 'forward' ? result.pageInfo.hasNextPage : result.pageInfo.hasPreviousPage;
    if (!more) return ids;
    cursor = direction === 'forward' ? result.pageInfo.endCursor : result.pageInfo.startCursor;
  }
  throw new Error('paging did not end');
}

describe('dataSources across every provider', () => {
  it('pages forwards and backwards through all the demo data without duplicates or gaps', async () => {
    const total = (await page({ first: 0 })).totalCount;
    const forward = await walk('forward', 97);
    expect(forward).toHaveLength(total ?? -1);
    expect(new Set(forward).size).toBe(total);
    expect(await walk('backward', 113)).toEqual(forward);
  });

  it('filters by provider, vendor and name pattern, and counts what matches', async () => {
    const postgres = await page({ first: 500, filter: { vendors: ['POSTGRES'] } });
    expect(nodesOf(postgres).length).toBeGreaterThan(0);
    expect(nodesOf(postgres).every((node) => node.vendor === 'POSTGRES')).toBe(true);
    expect(postgres.totalCount).toBe(nodesOf(postgres).length);

    const named = await page({ first: 500, filter: { name: '*PROD*' } });
    expect(nodesOf(named).length).toBeGreaterThan(0);
    expect(nodesOf(named).every((node) => node.name?.toLowerCase().includes('prod'))).toBe(true);

    const provider = await page({ first: 5, filter: { providers: ['PDC'] } });
    expect(nodesOf(provider).every((node) => node.provider === 'PDC')).toBe(true);
    expect(provider.totalCount).toBe(1000);
  });

  it("reads RiverGen's list with the query parameters its reference documents only", async () => {
    gw.resetCounts();
    await page({ first: 50 });
    await page({ first: 50, filter: { vendors: ['POSTGRES'] } });
    const queries = (gw.sims.rivergen?.stats.requests() ?? []).map(
      (request) => new URLSearchParams(request.query),
    );
    expect(queries.length).toBeGreaterThan(1);
    for (const query of queries) {
      // The reference names `created_at` as the one sort field: another may be refused or ignored by RiverGen.
      expect(query.get('sort_by')).toBe('created_at');
      expect([...query.keys()].filter((key) => !DOCUMENTED_RIVERGEN_LIST.includes(key))).toEqual([]);
    }
  });

  it('asks each provider the page reaches once, nothing past the page, and still knows what follows', async () => {
    const LIST = `query List($first: Int, $after: String) {
      dataSources(first: $first, after: $after, filter: { providers: [PREQUEL_EXPORT, RIVERGEN] }) {
        edges { cursor node { provider } }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    type List = { dataSources: Connection };
    /** The page and the calls each simulator received for it. */
    const read = async (variables: Record<string, unknown>) => {
      gw.resetCounts();
      const result = await gw.query<List>(LIST, variables);
      expect(result.errors).toBeUndefined();
      const calls = Object.fromEntries(Object.entries(gw.sims).map(([key, sim]) => [key, sim.stats.count()]));
      return { page: result.data?.dataSources as Connection, calls };
    };
    const only = (calls: Record<string, number>) => Object.entries(calls).filter(([, n]) => n > 0);
    // 80 Prequel Export destinations, then 180 RiverGen data sources.
    const first = await read({ first: 100 });
    expect(
      nodesOf(first.page)
        .map((node) => node.provider)
        .filter((p) => p === 'RIVERGEN'),
    ).toHaveLength(20);
    expect(first.page.pageInfo.hasNextPage).toBe(true);
    expect(only(first.calls)).toEqual([
      ['prequel-export', 1],
      ['rivergen', 1],
    ]);
    // A page that ends where Prequel Export's list does: RiverGen's answer says more follow.
    const atEnd = await read({ first: 80 });
    expect(nodesOf(atEnd.page).every((node) => node.provider === 'PREQUEL_EXPORT')).toBe(true);
    expect(atEnd.page.pageInfo.hasNextPage).toBe(true);
    expect(only(atEnd.calls)).toEqual([
      ['prequel-export', 1],
      ['rivergen', 1],
    ]);
    const middle = await read({ first: 100, after: atEnd.page.pageInfo.endCursor });
    // A page that ends where the last list does: nothing follows.
    const last = await read({ first: 80, after: middle.page.pageInfo.endCursor });
    expect(nodesOf(last.page)).toHaveLength(80);
    expect(last.page.pageInfo.hasNextPage).toBe(false);
    expect(only(last.calls)).toEqual([['rivergen', 1]]);
  });

  it('answers with the other providers and an error naming the one that is down', async () => {
    // A gateway of its own: the failures open its PDC breaker, which would fail the other tests' calls.
    await using down = await startTestGateway();
    down.sims.pdc?.setFaults({ errorRate: 1, errorStatus: 503 });
    const result = await down.query(PAGE, { first: 500 });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['dataSources'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', provider: 'pdc' }),
      }),
    ]);
    const listed = result.data?.dataSources;
    expect(listed && nodesOf(listed).some((node) => node.provider === 'PDC')).toBe(false);
  });

  it("answers each provider's own vendor spelling, host, port, schema and creation time through the shared fields", async () => {
    type Shared = {
      rawVendor: string;
      host: string | null;
      port: number | null;
      schema: string | null;
      createdAt: string | null;
    };
    const nodes: Shared[] = [];
    for (const provider of ['PDC', 'PREQUEL_IMPORT', 'PREQUEL_EXPORT', 'RIVERGEN']) {
      const answer = await gw.query<{ dataSources: { edges: { node: Shared }[] } }>(
        'query($providers: [Provider!]) { dataSources(first: 50, filter: { providers: $providers }) { edges { node { rawVendor host port schema createdAt } } } }',
        { providers: [provider] },
      );
      expect(answer.errors).toBeUndefined();
      nodes.push(...(answer.data?.dataSources.edges.map((edge) => edge.node) ?? []));
    }
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((node) => node.rawVendor.length > 0)).toBe(true);
    for (const field of ['host', 'port', 'schema', 'createdAt'] as const) {
      expect(
        nodes.some((node) => node[field] !== null),
        field,
      ).toBe(true);
    }
  });

  it('gives each dataSources field of a request its own error for a provider that is down, at its own path and place', async () => {
    await using down = await startTestGateway();
    down.sims.pdc?.setFaults({ errorRate: 1, errorStatus: 503 });
    const result = await down.query(
      '{\n  a: dataSources(first: 3) { totalCount edges { node { id } } }\n  b: dataSources(last: 3) { totalCount }\n}',
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Pentaho Data Catalog'),
        path: ['a'],
        locations: [{ line: 2, column: 3 }],
        extensions: expect.objectContaining({ provider: 'pdc' }),
      }),
      expect.objectContaining({
        message: expect.stringContaining('Pentaho Data Catalog'),
        path: ['b'],
        locations: [{ line: 3, column: 3 }],
        extensions: expect.objectContaining({ provider: 'pdc' }),
      }),
    ]);
  });

  it('refuses a page larger than the largest page size, and takes one of that size', async () => {
    for (const args of [{ first: 501 }, { last: 501 }]) {
      const refused = await gw.query(PAGE, args);
      expect(refused.errors).toEqual([
        expect.objectContaining({
          message: `\`${Object.keys(args)[0]}\` must be between 0 and 500`,
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ]);
    }
    expect(nodesOf(await page({ first: 500 }))).toHaveLength(500);
  });

  it('refuses a malformed cursor with a clear error, not a 500', async () => {
    const result = await gw.query(PAGE, { first: 1, after: 'not-a-cursor' });
    expect(result.status).toBe(200);
    expect(result.errors?.[0]).toMatchObject({
      message: '`after` is not a cursor of this connection: pass a cursor it returned',
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });
});

describe('a hostile name pattern', () => {
  const COUNT = 'query($name: String) { dataSources(first: 5, filter: { name: $name }) { totalCount } }';
  // Its own gateway: a breaker opened by another test's faults must not refuse the set-up.
  let hostile: TestGateway;
  const upstreamCalls = () => Object.values(hostile.sims).reduce((sum, sim) => sum + sim.stats.count(), 0);
  beforeAll(async () => {
    hostile = await startTestGateway();
    const created = await hostile.query(
      'mutation($inputs: [CreateCatalogDataSourceInput!]!) { createCatalogDataSources(inputs: $inputs) { __typename } }',
      { inputs: [{ resourceName: 'a'.repeat(255), databaseType: 'POSTGRES' }] },
    );
    expect(created.data).toEqual({
      createCatalogDataSources: { __typename: 'CreateCatalogDataSourcesSuccess' },
    });
  });
  afterAll(() => hostile.close());

  it('matches runs of `*` against the longest names without backtracking, while /health still answers', async () => {
    const server = await listen(hostile.gateway, '127.0.0.1', 0);
    try {
      // As regular expressions these take time exponential in the number of `*`: hours, not milliseconds.
      const [none, one, health] = await Promise.all([
        hostile.query(COUNT, { name: `${'*a'.repeat(120)}*#` }),
        hostile.query(COUNT, { name: `${'*A'.repeat(120)}*` }),
        fetch(new URL('/health', server.url)),
      ]);
      expect(health.status).toBe(200);
      expect(none).toMatchObject({ data: { dataSources: { totalCount: 0 } } });
      expect(none.errors).toBeUndefined();
      expect(one).toMatchObject({ data: { dataSources: { totalCount: 1 } } });
    } finally {
      await server.close();
    }
  });

  it('refuses a 500,000-character pattern as one input error on `filter.name`, calling no upstream', async () => {
    hostile.resetCounts();
    const answer = await hostile.query(COUNT, { name: `*${'x*'.repeat(250_000)}` });
    expect(answer.data).toEqual({ dataSources: null });
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^`filter\.name` is longer than 255 characters/),
        path: ['dataSources'],
        extensions: { code: 'BAD_USER_INPUT', field: 'filter.name' },
      }),
    ]);
    expect(upstreamCalls()).toBe(0);
    // 255 characters is still a pattern.
    const longest = await hostile.query(COUNT, { name: `${'a'.repeat(254)}*` });
    expect(longest).toMatchObject({ data: { dataSources: { totalCount: 1 } } });
  });
});

describe('every provider failing', () => {
  it('answers null with an error per provider, not an empty list of zero data sources', async () => {
    await using failing = await startTestGateway({
      UPSTREAM_RETRY_ATTEMPTS: '1',
      UPSTREAM_BREAKER_FAILURES: '1000',
    });
    for (const sim of Object.values(failing.sims)) sim.setFaults({ errorRate: 1, errorStatus: 503 });
    for (const args of ['first: 5', 'last: 5', 'first: 0']) {
      const answer = await failing.query(`{ dataSources(${args}) { totalCount edges { node { id } } } }`);
      expect(answer.data, args).toEqual({ dataSources: null });
      expect(answer.errors?.map((error) => error.extensions?.provider).sort(), args).toEqual(
        Object.keys(failing.sims).sort(),
      );
    }
  });
});

describe('a page across slow providers', () => {
  it.each([{ first: 30 }, { last: 30 }])(
    'asks every provider at once for %o: all four upstreams have a request in flight at the same moment',
    async (args) => {
      await using slow = await startTestGateway();
      const latency = 300;
      const sims = Object.values(slow.sims);
      const plain = await slow.query(PAGE, args);
      for (const sim of sims) sim.setFaults({ latencyMs: latency });
      slow.resetCounts();
      const answer = await slow.query(PAGE, args);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(plain.data);
      // Each upstream holds its first request for `latency` after receiving it: when every one was
      // received within `latency` of the earliest, all four were being answered at the same time.
      const received = sims.map((sim) => Math.min(...sim.stats.requests().map((request) => request.at)));
      expect(received.every(Number.isFinite)).toBe(true);
      expect(Math.max(...received) - Math.min(...received)).toBeLessThan(latency);
    },
  );
});
