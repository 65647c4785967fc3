import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutPassword } from '../../src/providers/rivergen/schema.js';
import { riverGenDemoTokens } from '../../src/sandbox/rivergen/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

interface Page {
  totalCount: number;
  edges: {
    node: { id: string; nativeId: string; name: string; organizationId: number; connectionPoolSize?: number };
  }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

describe('RiverGen data sources', () => {
  it("lists the demo organisation's 180 data sources, forwards, without duplicates", async () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const result = await gw.query<{ riverGenDataSources: Page }>(
        `query($after: String) { riverGenDataSources(first: 45, after: $after, sortBy: NAME, sortOrder: ASC) {
          totalCount edges { node { id name organizationId } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const page = result.data?.riverGenDataSources as Page;
      expect(page.totalCount).toBe(180);
      expect(page.edges.every((e) => e.node.organizationId === 1)).toBe(true);
      ids.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids).toHaveLength(180);
    expect(new Set(ids).size).toBe(180);
  });

  it('asks RiverGen for one page just large enough for the page asked, and knows from its total that more follow', async () => {
    gw.resetCounts();
    const first = await gw.query<{ riverGenDataSources: Page }>(
      '{ riverGenDataSources(first: 5, sortBy: ID, sortOrder: ASC) { edges { node { nativeId } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(first.data?.riverGenDataSources.edges.map((e) => e.node.nativeId)).toHaveLength(5);
    expect(first.data?.riverGenDataSources.pageInfo.hasNextPage).toBe(true);
    const asked = gw.sims.rivergen?.stats.requests('listDataSources') ?? [];
    expect(asked.map((r) => new URLSearchParams(r.query).get('page_size'))).toEqual(['5']);

    gw.resetCounts();
    const next = await gw.query<{ riverGenDataSources: Page }>(
      'query($after: String) { riverGenDataSources(first: 5, after: $after, sortBy: ID, sortOrder: ASC) { edges { node { nativeId } } } }',
      { after: first.data?.riverGenDataSources.pageInfo.endCursor },
    );
    const ids = [
      ...(first.data?.riverGenDataSources.edges ?? []),
      ...(next.data?.riverGenDataSources.edges ?? []),
    ];
    expect(new Set(ids.map((e) => e.node.nativeId)).size).toBe(10);
    // Items 4-9 (the cursor's own, to check it still stands there, and five): page 1 of 10 holds them.
    const again = gw.sims.rivergen?.stats.requests('listDataSources') ?? [];
    expect(again.map((r) => Object.fromEntries(new URLSearchParams(r.query)))).toMatchObject([
      { page: '1', page_size: '10' },
    ]);
  });

  it('loads the full object once per listed item only when a field the summary lacks is asked', async () => {
    gw.resetCounts();
    const summary = await gw.query(
      '{ riverGenDataSources(first: 10) { edges { node { name host port status tags } } } }',
    );
    expect(summary.errors).toBeUndefined();
    expect(gw.sims.rivergen?.stats.counts()).toEqual({ listDataSources: 1 });

    gw.resetCounts();
    const detailed = await gw.query<{ riverGenDataSources: Page }>(
      '{ riverGenDataSources(first: 10) { edges { node { name connectionPoolSize queryTimeout maxRetries } } } }',
    );
    expect(detailed.errors).toBeUndefined();
    expect(
      detailed.data?.riverGenDataSources.edges.every((e) => typeof e.node.connectionPoolSize === 'number'),
    ).toBe(true);
    expect(gw.sims.rivergen?.stats.counts()).toEqual({ listDataSources: 1, getDataSource: 10 });
  });

  it('filters by type, status and search as RiverGen does', async () => {
    const result = await gw.query<{ riverGenDataSources: { edges: { node: { rawVendor: string } }[] } }>(
      '{ riverGenDataSources(first: 100, type: "postgresql", status: ACTIVE) { totalCount edges { node { rawVendor status } } } }',
    );
    expect(result.errors).toBeUndefined();
    const edges = result.data?.riverGenDataSources.edges ?? [];
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((e) => e.node.rawVendor === 'postgresql')).toBe(true);
  });

  it("answers null for another organisation's data source, as RiverGen hides it", async () => {
    const other = gw.sims.rivergen;
    const foreign = await fetch(`${other?.url}/api/v1/data-sources?page_size=1`, {
      headers: { authorization: `Bearer ${riverGenDemoTokens.otherOrganization}` },
    }).then((r) => r.json() as Promise<{ data: { items: { id: number }[] } }>);
    const id = Buffer.from(`RiverGenDataSource:${foreign.data.items[0]?.id}`).toString('base64url');
    const result = await gw.query('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: null });
  });

  it('refuses an id that is not a positive integer without calling RiverGen', async () => {
    gw.resetCounts();
    const id = Buffer.from('RiverGenDataSource:abc').toString('base64url');
    const result = await gw.query('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(result.errors?.[0]).toMatchObject({
      message: '`id` is not an id of this API: use the `id` of a node it returned',
      path: ['node'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(gw.sims.rivergen?.stats.count()).toBe(0);
  });

  it.each([
    ['a letter before it', 'x12'],
    ['a letter after it', '12x'],
  ])(
    'refuses a positive integer with %s as no RiverGen id, without calling RiverGen',
    async (_case, nativeId) => {
      gw.resetCounts();
      const id = Buffer.from(`RiverGenDataSource:${nativeId}`).toString('base64url');
      const result = await gw.query('query($id: ID!) { node(id: $id) { id } }', { id });
      expect(result.errors?.[0]).toMatchObject({ path: ['node'], extensions: { code: 'BAD_USER_INPUT' } });
      expect(gw.sims.rivergen?.stats.count()).toBe(0);
    },
  );

  it('answers many ids in one nodes, one GET each: null for a data source it hides, an error for an id not its own', async () => {
    const listed = await gw.query<{ riverGenDataSources: Page }>(
      '{ riverGenDataSources(first: 3) { edges { node { id } } } }',
    );
    const [first, second, third] = listed.data?.riverGenDataSources.edges.map((edge) => edge.node.id) ?? [];
    const other = await fetch(`${gw.sims.rivergen?.url}/api/v1/data-sources?page_size=1`, {
      headers: { authorization: `Bearer ${riverGenDemoTokens.otherOrganization}` },
    }).then((r) => r.json() as Promise<{ data: { items: { id: number }[] } }>);
    const hidden = Buffer.from(`RiverGenDataSource:${other.data.items[0]?.id}`).toString('base64url');
    const notOurs = Buffer.from('RiverGenDataSource:abc').toString('base64url');
    gw.resetCounts();
    const result = await gw.query<{ nodes: ({ id: string } | null)[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: [first, hidden, notOurs, second, third] },
    );
    expect(result.data?.nodes).toEqual([{ id: first }, null, null, { id: second }, { id: third }]);
    expect(result.errors?.map((error) => ({ path: error.path, code: error.extensions?.code }))).toEqual([
      { path: ['nodes', 2], code: 'BAD_USER_INPUT' },
    ]);
    expect(gw.sims.rivergen?.stats.counts()).toEqual({ getDataSource: 4 });
  });

  it('answers a lookup RiverGen refuses with an error at its path, not as a data source that is not there', async () => {
    const listed = await gw.query<{ riverGenDataSources: Page }>(
      '{ riverGenDataSources(first: 2) { edges { node { id } } } }',
    );
    const ids = listed.data?.riverGenDataSources.edges.map((edge) => edge.node.id) ?? [];
    gw.sims.rivergen?.setFaults({ errorRate: 1, errorStatus: 403, operations: ['getDataSource'] });
    try {
      const one = await gw.query('query($id: ID!) { node(id: $id) { id } }', { id: ids[0] });
      expect(one.data).toEqual({ node: null });
      expect(one.errors?.map((error) => error.path)).toEqual([['node']]);
      const many = await gw.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
      expect(many.data).toEqual({ nodes: [null, null] });
      expect(many.errors?.map((error) => error.path)).toEqual([
        ['nodes', 0],
        ['nodes', 1],
      ]);
    } finally {
      gw.sims.rivergen?.setFaults(undefined);
    }
  });
});

describe('connection strings', () => {
  it.each([
    ['postgresql://app:s3cret@db.internal:5432/sales', 'postgresql://app:****@db.internal:5432/sales'],
    [
      'jdbc:sqlserver://db;user=app;password=s3cret;encrypt=true',
      'jdbc:sqlserver://db;user=app;password=****;encrypt=true',
    ],
    [
      'mongodb://db.internal/app?password=s3cret&ssl=true',
      'mongodb://db.internal/app?password=****&ssl=true',
    ],
    ['postgresql://db.internal:5432/sales', 'postgresql://db.internal:5432/sales'],
  ])('never show a password: %s', (stored, shown) => {
    expect(withoutPassword(stored)).toBe(shown);
  });
});
