import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64url');

const EVERY_ID = graphql(`
  query EveryDataSourceId {
    dataSources(first: 500) { edges { node { id __typename } } }
  }
`);

const NODE = graphql(`
  query NodeById($id: ID!) {
    node(id: $id) { id __typename }
  }
`);

const DATA_SOURCE = graphql(`
  query DataSourceById($id: ID!) {
    dataSource(id: $id) { id }
  }
`);

const NODES = graphql(`
  query NodesByIds($ids: [ID!]!) {
    nodes(ids: $ids) { id }
  }
`);

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ MAX_NODES: '50' });
});
afterAll(() => gw.close());

describe('node and nodes', () => {
  it('round-trips the global id of every data source type listed by dataSources', async () => {
    const listed = await gw.query(EVERY_ID);
    const byType = new Map<string, string>();
    for (const edge of listed.data?.dataSources?.edges ?? []) {
      if (edge?.node) byType.set(edge.node.__typename, edge.node.id);
    }
    expect(byType.size).toBeGreaterThan(0);
    for (const [typename, id] of byType) {
      const found = await gw.query(NODE, { id });
      expect(found.errors).toBeUndefined();
      expect(found.data?.node).toEqual({ id, __typename: typename });
      const same = await gw.query(DATA_SOURCE, { id });
      expect(same.data?.dataSource?.id).toBe(id);
    }
  });

  it('answers null for an id of the right shape that names nothing', async () => {
    const result = await gw.query(NODE, {
      id: globalId('CatalogDataSource', 'ffffffffffffffffffffffff'),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: null });
  });

  it.each([
    ['not base64 at all', 'bad id!'],
    ['a type this API does not have', globalId('Invoice', '42')],
    ['no native id', globalId('CatalogDataSource', '')],
  ])('gives a clear BAD_USER_INPUT error for an id with %s', async (_case, id) => {
    const result = await gw.query(NODE, { id });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ node: null });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(result.errors?.[0]?.message).toContain('is not a valid id');
  });

  it('refuses a catalog id that is not an ObjectId without calling the catalog', async () => {
    gw.resetCounts();
    const result = await gw.query(NODE, { id: globalId('CatalogDataSource', 'xyz') });
    expect(result.errors?.[0]).toMatchObject({
      message: '"xyz" is not a catalog data source id (24 hexadecimal digits)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(gw.sims.pdc?.stats.count()).toBe(0);
  });

  it('refuses more ids than the configured limit', async () => {
    const ids = Array.from({ length: 51 }, (_, i) =>
      globalId('CatalogDataSource', i.toString(16).padStart(24, '0')),
    );
    const result = await gw.query(NODES, { ids });
    expect(result.errors?.[0]).toMatchObject({
      message: '`nodes` takes at most 50 ids, got 51',
      extensions: { code: 'BAD_USER_INPUT', field: 'ids' },
    });
  });
});
