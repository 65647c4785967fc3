import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

describe('catalog data sources', () => {
  it('lists catalog data sources and opens one by its global id', async () => {
    const list = await gw.query<{
      catalogDataSources: { totalCount: number; edges: { node: { id: string; name: string } }[] };
    }>(
      '{ catalogDataSources(first: 3) { totalCount edges { node { id name vendor port createdAt ... on CatalogDataSource { status includePatterns } } } } }',
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.catalogDataSources.totalCount).toBe(1000);
    const first = list.data?.catalogDataSources.edges[0]?.node;
    const one = await gw.query<{ node: { name: string } }>(
      'query($id: ID!) { node(id: $id) { ... on DataSource { name } } }',
      {
        id: first?.id,
      },
    );
    expect(one.data?.node.name).toBe(first?.name);
  });

  it('refuses a native id that is not one by its position, without repeating it or calling PDC', async () => {
    gw.resetCounts();
    const result = await gw.query<{ catalogDataSources: unknown }>(
      'query($ids: [String!]) { catalogDataSources(first: 5, ids: $ids) { totalCount } }',
      { ids: ['65a1b2c3d4e5f60718293a4b', 'hunter2-not-an-id'] },
    );
    expect(result.errors?.[0]?.message).toContain('ids[1] is not a catalog data source id');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(gw.sims.pdc?.stats.count('filterDataSources')).toBe(0);
  });

  it.each([
    ['a character before it', 'x65a1b2c3d4e5f60718293a4b'],
    ['a character after it', '65a1b2c3d4e5f60718293a4bx'],
  ])('refuses 24 hexadecimal digits with %s as no catalog id, without calling PDC', async (_case, id) => {
    gw.resetCounts();
    const result = await gw.query<{ catalogDataSources: unknown }>(
      'query($ids: [String!]) { catalogDataSources(first: 5, ids: $ids) { totalCount } }',
      { ids: [id] },
    );
    expect(result.errors?.[0]?.message).toContain('ids[0] is not a catalog data source id');
    expect(gw.sims.pdc?.stats.count('filterDataSources')).toBe(0);
    expect(gw.sims.pdc?.stats.count('getDataSourcesByIds')).toBe(0);
  });

  it('fetches 100 catalog ids in one upstream call', async () => {
    const list = await gw.query<{ catalogDataSources: { edges: { node: { id: string } }[] } }>(
      '{ catalogDataSources(first: 100) { edges { node { id } } } }',
    );
    const ids = list.data?.catalogDataSources.edges.map((e) => e.node.id) ?? [];
    expect(ids).toHaveLength(100);
    gw.resetCounts();
    const nodes = await gw.query<{ nodes: ({ id: string } | null)[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      {
        ids: [...ids].reverse(),
      },
    );
    expect(nodes.errors).toBeUndefined();
    expect(nodes.data?.nodes.map((n) => n?.id)).toEqual([...ids].reverse());
    expect(gw.sims.pdc?.stats.counts()).toEqual({ getDataSourcesByIds: 1 });
  });
});
