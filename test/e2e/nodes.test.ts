import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64url');
const nativeOf = (id: string | undefined) =>
  Buffer.from(id ?? '', 'base64url')
    .toString()
    .split(':')[1];

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

  const notAnId = (argument: string) =>
    `${argument} is not an id of this API: use the \`id\` of a node it returned`;

  it.each([
    ['not base64 at all', 'bad id!'],
    ['a type this API does not have', globalId('Invoice', '42')],
    ['no native id', globalId('CatalogDataSource', '')],
    ['no native id, of a type whose native ids are free text', globalId('ImportSource', '')],
    ['no colon between type and native id', Buffer.from('ImportSources').toString('base64url')],
    ['a catalog id that is not an ObjectId', globalId('CatalogDataSource', 'xyz')],
    ['a RiverGen id that is not a positive integer', globalId('RiverGenDataSource', '-7')],
    // Base64url decoders skip what is not theirs: an id with characters added is another string.
    ['a character added after it', `${globalId('CatalogDataSource', 'ffffffffffffffffffffffff')}!`],
    ['a character added before it', `.${globalId('CatalogDataSource', 'ffffffffffffffffffffffff')}`],
    [
      'padding added past the most an id has',
      `${globalId('CatalogDataSource', 'ffffffffffffffffffffffff')}===`,
    ],
  ])(
    'answers node null with an error at its path for an id with %s, never repeating the id',
    async (_case, id) => {
      gw.resetCounts();
      const result = await gw.query(NODE, { id });
      expect(result.status).toBe(200);
      expect(result.data).toEqual({ node: null });
      expect(result.errors).toEqual([
        { message: notAnId('`id`'), path: ['node'], extensions: { code: 'BAD_USER_INPUT', field: 'id' } },
      ]);
      expect(JSON.stringify(result.errors)).not.toContain(id);
      expect(gw.sims.pdc?.stats.count()).toBe(0);
      expect(gw.sims.rivergen?.stats.count()).toBe(0);
      expect(gw.sims['prequel-import']?.stats.count()).toBe(0);
      const same = await gw.query(DATA_SOURCE, { id });
      expect(same.data).toEqual({ dataSource: null });
      expect(same.errors?.[0]).toMatchObject({ message: notAnId('`id`'), path: ['dataSource'] });
    },
  );

  it('answers each id nodes cannot use with null and its own error, keeping the other entries and root fields', async () => {
    const listed = await gw.query<{ catalogDataSources: { edges: { node: { id: string } }[] } }>(
      '{ catalogDataSources(first: 2) { edges { node { id } } } }',
    );
    const [first, second] = listed.data?.catalogDataSources.edges.map((edge) => edge.node.id) ?? [];
    const bad = ['garbage', globalId('Invoice', '42'), globalId('CatalogDataSource', 'xyz')];
    gw.resetCounts();
    const result = await gw.query<{
      nodes: ({ id: string } | null)[];
      catalogDataSources: { totalCount: number };
    }>('query($ids: [ID!]!) { nodes(ids: $ids) { id } catalogDataSources(first: 1) { totalCount } }', {
      ids: [first, ...bad, second],
    });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({
      nodes: [{ id: first }, null, null, null, { id: second }],
      catalogDataSources: { totalCount: 1000 },
    });
    expect(result.errors?.map(({ message, path, extensions }) => ({ message, path, extensions }))).toEqual(
      [1, 2, 3].map((i) => ({
        message: notAnId(`\`ids[${i}]\``),
        path: ['nodes', i],
        extensions: { code: 'BAD_USER_INPUT', field: 'ids' },
      })),
    );
    for (const id of bad) expect(JSON.stringify(result.errors)).not.toContain(id);
    // The two good ids still share one batch.
    expect(gw.sims.pdc?.stats.count('getDataSourcesByIds')).toBe(1);
    expect(gw.sims.pdc?.stats.last('getDataSourcesByIds')?.body).toEqual({
      ids: [first, second].map(nativeOf),
    });
  });

  it('takes exactly as many ids as the configured limit', async () => {
    const ids = Array.from({ length: 50 }, (_, i) =>
      globalId('CatalogDataSource', i.toString(16).padStart(24, '0')),
    );
    const result = await gw.query(NODES, { ids });
    expect(result.data?.nodes).toHaveLength(50);
    expect(JSON.stringify(result.errors ?? [])).not.toContain('takes at most');
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
