import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { assemble, type Part, partsOf } from '../support/incremental.js';

interface Node {
  id: string;
  provider: string;
  nativeId: string;
  name: string;
  vendor: string;
  host: string | null;
  database: string | null;
  updatedAt: string | null;
  status?: string | null;
}
interface Connection {
  totalCount: number | null;
  edges: { cursor: string; node: Node }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}
type Order = { field: 'NAME' | 'UPDATED_AT' | 'VENDOR' | 'PROVIDER'; direction: 'ASC' | 'DESC' };
type Filter = Record<string, unknown>;
type Variables = {
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
  filter?: Filter;
  orderBy?: Order;
};

const PAGE = `query Page($first: Int, $after: String, $last: Int, $before: String, $filter: DataSourceFilter, $orderBy: DataSourceOrder) {
  dataSources(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges @stream { cursor node { id provider nativeId name vendor host database updatedAt ... on CatalogDataSource { status } ... on RiverGenDataSource { status } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const PLAIN = PAGE.replace(' @stream', '');

let gw: TestGateway;
let providers: string[];
beforeAll(async () => {
  gw = await startTestGateway();
  const enumValues = await gw.query<{ __type: { enumValues: { name: string }[] } }>(
    '{ __type(name: "Provider") { enumValues { name } } }',
  );
  providers = enumValues.data?.__type.enumValues.map((value) => value.name) ?? [];
});
afterAll(() => gw.close());

async function page(variables: Variables, on: TestGateway = gw): Promise<Connection> {
  const result = await on.query<{ dataSources: Connection }>(PLAIN, variables);
  expect(result.errors).toBeUndefined();
  const connection = result.data?.dataSources;
  if (!connection) throw new Error('dataSources answered null');
  return connection;
}

/** Every data source the filter keeps, read in the default order a whole page at a time. */
async function everything(filter?: Filter, on: TestGateway = gw): Promise<Node[]> {
  const nodes: Node[] = [];
  for (let after: string | null = null; ; ) {
    const connection = await page({ first: 500, after, filter }, on);
    nodes.push(...connection.edges.map((edge) => edge.node));
    if (!connection.pageInfo.hasNextPage) return nodes;
    after = connection.pageInfo.endCursor;
  }
}

/** The order docs/clients.md states: the value (none last), then provider, then native id. */
function sorted(nodes: readonly Node[], order: Order): Node[] {
  const rank = (node: Node) => providers.indexOf(node.provider);
  const value = (node: Node): string | number | null =>
    order.field === 'NAME'
      ? node.name.toLowerCase()
      : order.field === 'VENDOR'
        ? node.vendor
        : order.field === 'PROVIDER'
          ? rank(node)
          : node.updatedAt === null
            ? null
            : Date.parse(node.updatedAt);
  const sign = order.direction === 'DESC' ? -1 : 1;
  return [...nodes].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) return sign * (x < y ? -1 : 1);
    const byId =
      rank(a) - rank(b) ||
      a.nativeId.length - b.nativeId.length ||
      (a.nativeId < b.nativeId ? -1 : a.nativeId > b.nativeId ? 1 : 0);
    return sign * byId;
  });
}

/** Pages through every page one way, checking each page's pageInfo and totalCount as it goes. */
async function walk(
  direction: 'forward' | 'backward',
  size: number,
  variables: Variables,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let total: number | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const connection: Connection =
      direction === 'forward'
        ? await page({ ...variables, first: size, after: cursor })
        : await page({ ...variables, last: size, before: cursor });
    total ??= connection.totalCount;
    expect(connection.totalCount).toBe(total);
    const pageIds = connection.edges.map((edge) => edge.node.id);
    if (direction === 'forward') ids.push(...pageIds);
    else ids.unshift(...pageIds);
    expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
    expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
    const more =
      direction === 'forward' ? connection.pageInfo.hasNextPage : connection.pageInfo.hasPreviousPage;
    const before =
      direction === 'forward' ? connection.pageInfo.hasPreviousPage : connection.pageInfo.hasNextPage;
    expect(before).toBe(cursor !== null);
    if (!more) {
      expect(ids).toHaveLength(total ?? -1);
      return ids;
    }
    expect(pageIds).toHaveLength(size);
    cursor = direction === 'forward' ? connection.pageInfo.endCursor : connection.pageInfo.startCursor;
  }
  throw new Error('paging did not end');
}

const ORDERS: Order[] = (['NAME', 'UPDATED_AT', 'VENDOR', 'PROVIDER'] as const).flatMap((field) =>
  (['ASC', 'DESC'] as const).map((direction) => ({ field, direction })),
);

describe('dataSources(orderBy) across every provider', () => {
  it.each(ORDERS)(
    'pages through every page by $field $direction, forwards and backwards, in the stated order',
    async (orderBy) => {
      const all = await everything();
      expect(new Set(all.map((node) => node.provider)).size).toBe(4);
      const expected = sorted(all, orderBy).map((node) => node.id);
      expect(await walk('forward', 211, { orderBy })).toEqual(expected);
      expect(await walk('backward', 307, { orderBy })).toEqual(expected);
    },
  );

  it('filters on name, vendor, host, database, status and update time, alone and together, sorted and paged exactly', async () => {
    const all = await everything();
    const withHost = all.find((node) => node.host !== null && node.provider === 'RIVERGEN');
    const withDatabase = all.find((node) => node.database !== null && node.provider === 'PREQUEL_EXPORT');
    const times = all.flatMap((node) => (node.updatedAt ? [Date.parse(node.updatedAt)] : [])).sort();
    const [from, to] = [
      times[Math.floor(times.length / 4)] ?? 0,
      times[Math.floor((3 * times.length) / 4)] ?? 0,
    ];
    const cases: [Filter, (node: Node) => boolean][] = [
      [{ name: '*A*' }, (node) => node.name.toLowerCase().includes('a')],
      [{ vendors: ['SNOWFLAKE', 'BIGQUERY'] }, (node) => ['SNOWFLAKE', 'BIGQUERY'].includes(node.vendor)],
      [
        { host: withHost?.host?.toUpperCase() },
        (node) => node.host?.toLowerCase() === withHost?.host?.toLowerCase(),
      ],
      [
        { database: `${withDatabase?.database?.slice(0, 2)}*` },
        (node) =>
          node.database?.toLowerCase().startsWith(withDatabase?.database?.slice(0, 2).toLowerCase() ?? '') ===
          true,
      ],
      [{ status: 'ACTIVE' }, (node) => node.status === 'ACTIVE'],
      [
        { updatedAfter: new Date(from).toISOString(), updatedBefore: new Date(to).toISOString() },
        (node) =>
          node.updatedAt !== null && Date.parse(node.updatedAt) > from && Date.parse(node.updatedAt) < to,
      ],
      [
        { status: 'INACTIVE', vendors: ['POSTGRES', 'MYSQL'] },
        (node) => node.status === 'INACTIVE' && ['POSTGRES', 'MYSQL'].includes(node.vendor),
      ],
    ];
    for (const [filter, keep] of cases) {
      const expected = all.filter(keep);
      expect(expected.length).toBeGreaterThan(0);
      // Unsorted, the filter keeps the same records in the default order.
      expect((await everything(filter)).map((node) => node.id)).toEqual(expected.map((node) => node.id));
      const orderBy: Order = { field: 'NAME', direction: 'DESC' };
      const ids = sorted(expected, orderBy).map((node) => node.id);
      // Sizes that leave a short last page, so every page boundary is crossed both ways.
      const size = Math.max(2, Math.ceil(ids.length / 3) + 1);
      expect(await walk('forward', size, { filter, orderBy })).toEqual(ids);
      expect(await walk('backward', size - 1, { filter, orderBy })).toEqual(ids);
    }
  });

  it('asks each provider only what it can hold, with its own filters, once per request', async () => {
    gw.resetCounts();
    // Prequel keeps no status and PDC no update time: neither is asked; RiverGen filters status itself.
    const active = await page({ first: 5, filter: { status: 'ACTIVE' } });
    expect(active.edges).toHaveLength(5);
    expect(gw.sims['prequel-import']?.stats.count()).toBe(0);
    expect(gw.sims['prequel-export']?.stats.count()).toBe(0);
    // One read for the page (its total tells whether more follow), one for totalCount.
    const reads = gw.sims.rivergen?.stats.requests('listDataSources') ?? [];
    expect(reads.map((read) => new URLSearchParams(read.query).get('page_size')).sort()).toEqual(['1', '5']);
    expect(reads.every((read) => new URLSearchParams(read.query).get('status_filter') === 'active')).toBe(
      true,
    );
    expect(gw.sims.rivergen?.stats.counts()).toEqual({ listDataSources: 2 });

    gw.resetCounts();
    await page({ first: 5, filter: { updatedAfter: '2000-01-01T00:00:00Z' } });
    expect(gw.sims.pdc?.stats.count()).toBe(0);

    // A name pattern is matched here, over what RiverGen's search for its longest literal part finds.
    gw.resetCounts();
    await page({ first: 5, filter: { providers: ['RIVERGEN'], name: '*prod*' } });
    const searched = gw.sims.rivergen?.stats.requests('listDataSources') ?? [];
    expect(searched.length).toBeGreaterThan(0);
    expect(searched.every((read) => new URLSearchParams(read.query).get('search') === 'prod')).toBe(true);

    // Sorted: each provider's list is read once, however much of it the page and totalCount use.
    const rivergen = await page({ first: 0, filter: { providers: ['RIVERGEN'] } });
    gw.resetCounts();
    const sortedPage = await page({ first: 5, orderBy: { field: 'NAME', direction: 'ASC' } });
    expect(sortedPage.edges).toHaveLength(5);
    expect(gw.sims.pdc?.stats.count()).toBe(1);
    expect(gw.sims.rivergen?.stats.count('listDataSources')).toBe(
      Math.ceil((rivergen.totalCount ?? 0) / 100),
    );
  });

  it('streams the same page as it answers unstreamed', async () => {
    const orderBy: Order = { field: 'UPDATED_AT', direction: 'DESC' };
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const variables: Variables = {
        first: 13,
        after,
        orderBy,
        filter: { vendors: ['POSTGRES', 'SNOWFLAKE', 'MYSQL'] },
      };
      const plain: { data?: { dataSources: Connection } | null } = await gw.query<{
        dataSources: Connection;
      }>(PLAIN, variables);
      const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
        body: JSON.stringify({ query: PAGE, variables }),
      });
      const parts: Part[] = [];
      for await (const part of partsOf(response)) parts.push(part);
      expect(assemble(parts)).toEqual({ data: plain.data });
      after = plain.data?.dataSources.pageInfo.endCursor ?? null;
    }
  });

  it('leaves a failing provider out with an error naming it, the others still sorted', async () => {
    await using down = await startTestGateway();
    const all = (await everything(undefined, down)).filter((node) => node.provider !== 'PDC');
    down.sims.pdc?.setFaults({ errorRate: 1, errorStatus: 503 });
    const orderBy: Order = { field: 'VENDOR', direction: 'ASC' };
    const result = await down.query<{ dataSources: Connection }>(PLAIN, { first: 40, orderBy });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['dataSources'],
        extensions: expect.objectContaining({ provider: 'pdc' }),
      }),
    ]);
    expect(result.data?.dataSources.edges.map((edge) => edge.node.id)).toEqual(
      sorted(all, orderBy)
        .slice(0, 40)
        .map((node) => node.id),
    );
  });

  it('refuses bad input with errors naming the argument, never its value', async () => {
    const orderBy: Order = { field: 'NAME', direction: 'ASC' };
    const sortedCursor = (await page({ first: 1, orderBy })).pageInfo.endCursor;
    const plainCursor = (await page({ first: 1 })).pageInfo.endCursor;
    const cases: [Variables, string, string][] = [
      [{ first: 1, after: 'bm90LWEtY3Vyc29y', orderBy }, 'after', 'is not a cursor of this connection'],
      [{ first: 1, after: plainCursor, orderBy }, 'after', 'returned for another `orderBy` or `filter`'],
      [{ last: 1, before: sortedCursor }, 'before', 'returned for another `orderBy` or `filter`'],
      [
        { first: 1, after: sortedCursor, orderBy: { field: 'NAME', direction: 'DESC' } },
        'after',
        'another `orderBy`',
      ],
      [
        { first: 1, after: sortedCursor, orderBy, filter: { host: 'db*' } },
        'after',
        'another `orderBy` or `filter`',
      ],
      [
        { first: 1, after: plainCursor, filter: { status: 'ACTIVE' } },
        'after',
        'another `orderBy` or `filter`',
      ],
      [
        { first: 1, filter: { updatedAfter: '2025-02-01T00:00:00Z', updatedBefore: '2025-01-01T00:00:00Z' } },
        'filter.updatedAfter',
        'is later than `filter.updatedBefore`',
      ],
    ];
    for (const [variables, field, message] of cases) {
      const result = await gw.query(PLAIN, variables);
      expect(result.errors?.[0]?.message).toContain(message);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      for (const value of [variables.after, variables.before, '2025']) {
        if (value) expect(result.errors?.[0]?.message).not.toContain(value);
      }
    }
  });

  it('refuses a cursor under a filter that differs from its own in any one part', async () => {
    const parts: Filter[] = [
      { vendors: ['POSTGRES'] },
      { name: '*' },
      { host: '*' },
      { database: '*' },
      { status: 'ACTIVE' },
      { updatedAfter: '2000-01-01T00:00:00Z' },
      { updatedBefore: '2100-01-01T00:00:00Z' },
    ];
    const refused = async (cursor: string | null, filter: Filter) => {
      expect(cursor).not.toBeNull();
      const result = await gw.query(PLAIN, { first: 1, after: cursor, filter });
      expect(result.errors?.[0]?.message).toContain('another `orderBy` or `filter`');
    };
    const plainCursor = (await page({ first: 1 })).pageInfo.endCursor;
    for (const part of parts) await refused(plainCursor, part);
    // Parts added one at a time, in both orders so that each is once added to a filter holding others:
    // a cursor of the filter before is refused under the one after, which differs in that part alone.
    for (const order of [parts, [...parts].reverse()]) {
      let filter: Filter = {};
      for (const part of order) {
        const cursor = (await page({ first: 1, filter })).pageInfo.endCursor;
        filter = { ...filter, ...part };
        await refused(cursor, filter);
      }
    }
    // The same part with another value is another filter, also when it is the only part.
    const changed: [Filter, Filter][] = [
      [{ status: 'ACTIVE' }, { status: 'INACTIVE' }],
      [{ updatedAfter: '2000-01-01T00:00:00Z' }, { updatedAfter: '2001-01-01T00:00:00Z' }],
      [{ updatedBefore: '2100-01-01T00:00:00Z' }, { updatedBefore: '2099-01-01T00:00:00Z' }],
    ];
    for (const [from, to] of changed)
      await refused((await page({ first: 1, filter: from })).pageInfo.endCursor, to);
  });

  it('sorts ascending when the direction is given as null, as when it is left out', async () => {
    const ascending = await page({ first: 40, orderBy: { field: 'NAME', direction: 'ASC' } });
    const nulled = await gw.query<{ dataSources: Connection }>(PLAIN, {
      first: 40,
      orderBy: { field: 'NAME', direction: null },
    });
    expect(nulled.errors).toBeUndefined();
    expect(nulled.data?.dataSources.edges.map((edge) => edge.node.id)).toEqual(
      ascending.edges.map((edge) => edge.node.id),
    );
  });

  it('bounds host and database patterns as names are, counting characters rather than UTF-16 units', async () => {
    for (const part of ['name', 'host', 'database']) {
      const tooLong = await gw.query(PLAIN, { first: 1, filter: { [part]: `${'h'.repeat(255)}*` } });
      expect(tooLong.data).toEqual({ dataSources: null });
      expect(tooLong.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(new RegExp(`^\`filter\\.${part}\` is longer than 255 characters`)),
          extensions: { code: 'BAD_USER_INPUT', field: `filter.${part}` },
        }),
      ]);
      // 255 characters outside the Basic Multilingual Plane: 510 UTF-16 units, yet 255 characters.
      const astral = await page({ first: 1, filter: { [part]: '🐘'.repeat(255) } });
      expect(astral.edges).toEqual([]);
      const astralTooLong = await gw.query(PLAIN, { first: 1, filter: { [part]: '🐘'.repeat(256) } });
      expect(astralTooLong.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: `filter.${part}`,
      });
    }
  });

  it('takes an update-time window whose two ends are the same instant: it holds nothing, and is no error', async () => {
    const instant = (await everything()).find((node) => node.updatedAt !== null)?.updatedAt;
    expect(instant).toBeTruthy();
    const empty = await page({ first: 10, filter: { updatedAfter: instant, updatedBefore: instant } });
    expect(empty.edges).toEqual([]);
    expect(empty.totalCount).toBe(0);
  });

  it('pages on with a cursor under the same providers listed in another order, and refuses it under other providers', async () => {
    const filter = { providers: ['RIVERGEN', 'PDC'] };
    const first = await page({ first: 3, filter });
    const next = await page({
      first: 3,
      after: first.pageInfo.endCursor,
      filter: { providers: ['PDC', 'RIVERGEN'] },
    });
    const whole = await page({ first: 6, filter });
    expect([...first.edges, ...next.edges].map((edge) => edge.node.id)).toEqual(
      whole.edges.map((edge) => edge.node.id),
    );
    for (const other of [{}, { providers: ['PDC'] }, { providers: ['PDC', 'RIVERGEN', 'PREQUEL_IMPORT'] }]) {
      const refused = await gw.query(PLAIN, { first: 3, after: first.pageInfo.endCursor, filter: other });
      expect(refused.errors?.[0]?.message).toContain('another `orderBy` or `filter`');
    }
  });
});
