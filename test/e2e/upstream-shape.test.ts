import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** Per provider: its list field and the operations behind a list and a lookup, with wrong shapes for each. */
const PROVIDERS = [
  {
    id: 'prequel-import',
    label: 'Prequel Import',
    list: 'importSources',
    listOperation: 'listSources',
    listBodies: [{}, { data: 'x' }, { data: { sources: 'x' } }, { data: { sources: [42] } }, 'x', null],
    getOperation: 'getSource',
    getBodies: [{}, { data: {} }, { data: { source: 'x' } }, []],
  },
  {
    id: 'prequel-export',
    label: 'Prequel Export',
    list: 'destinations',
    listOperation: 'listDestinations',
    listBodies: [{}, { data: { destinations: {} } }, { data: { destinations: [null] } }],
    getOperation: 'getDestination',
    getBodies: [{ data: 'x' }, { data: { destination: [1] } }],
  },
  {
    id: 'pdc',
    label: 'Pentaho Data Catalog',
    list: 'catalogDataSources',
    listOperation: 'filterDataSources',
    listBodies: [
      { data: 'x', pageInfo: { totalCount: 1 } },
      { data: [42], pageInfo: { totalCount: 1 } },
      { data: [] },
    ],
    getOperation: 'getDataSourcesByIds',
    getBodies: [{}, { data: {} }, { data: ['x'] }],
  },
  {
    id: 'rivergen',
    label: 'RiverGen',
    list: 'riverGenDataSources',
    listOperation: 'listDataSources',
    listBodies: [
      { data: {} },
      { data: { items: 'x', pagination: {} } },
      { data: { items: [[]], pagination: {} } },
      { data: { items: [] } },
    ],
    getOperation: 'getDataSource',
    getBodies: [{}, { data: 7 }, { data: null }],
  },
] as const;

type Provider = (typeof PROVIDERS)[number];

let gw: TestGateway;
const ids = new Map<string, string>();
beforeAll(async () => {
  gw = await startTestGateway({ UPSTREAM_BREAKER_FAILURES: '1000' });
  for (const provider of PROVIDERS) {
    const listed = await gw.query<Record<string, { edges: { node: { id: string } }[] }>>(
      `{ ${provider.list}(first: 1) { edges { node { id } } } }`,
    );
    const id = listed.data?.[provider.list]?.edges[0]?.node.id;
    if (!id) throw new Error(`the demo has no ${provider.list}`);
    ids.set(provider.id, id);
  }
});
afterEach(() => {
  for (const sim of Object.values(gw.sims)) sim.setFaults(undefined);
});
afterAll(() => gw.close());

function expectShapeError(
  error: { message: string; extensions?: Record<string, unknown> } | undefined,
  provider: Provider,
) {
  expect(error).toMatchObject({
    message: `${provider.label} answered in an unexpected shape`,
    extensions: { code: 'UPSTREAM_ERROR', provider: provider.id },
  });
}

describe('a 2xx answer of the wrong shape', () => {
  describe.each(PROVIDERS)('from $id', (provider) => {
    it.each(provider.listBodies.map((body) => [JSON.stringify(body), body]))(
      'to a list read (%s) is that provider’s UPSTREAM_ERROR',
      async (_shown, body) => {
        gw.sims[provider.id]?.setFaults({ body, operations: [provider.listOperation] });
        const answer = await gw.query(`{ ${provider.list}(first: 1) { edges { node { id } } } }`);
        expect(answer.status).toBe(200);
        expect(answer.errors).toHaveLength(1);
        expectShapeError(answer.errors?.[0], provider);
        expect(answer.errors?.[0]?.path).toEqual([provider.list]);
      },
    );

    it.each(provider.getBodies.map((body) => [JSON.stringify(body), body]))(
      'to a lookup by id (%s) is that provider’s UPSTREAM_ERROR at the node',
      async (_shown, body) => {
        gw.sims[provider.id]?.setFaults({ body, operations: [provider.getOperation] });
        const answer = await gw.query('query($id: ID!) { node(id: $id) { id } }', {
          id: ids.get(provider.id),
        });
        expect(answer.data).toEqual({ node: null });
        expect(answer.errors).toHaveLength(1);
        expectShapeError(answer.errors?.[0], provider);
        expect(answer.errors?.[0]?.path).toEqual(['node']);
      },
    );

    it('leaves the other providers’ data sources whole', async () => {
      const others = PROVIDERS.filter((other) => other.id !== provider.id).map((other) =>
        other.id.toUpperCase().replace('-', '_'),
      );
      const expected = await gw.query<{ dataSources: { totalCount: number } }>(
        `{ dataSources(filter: { providers: [${others.join(', ')}] }) { totalCount } }`,
      );
      gw.sims[provider.id]?.setFaults({ body: provider.listBodies[0], operations: [provider.listOperation] });
      const answer = await gw.query<{ dataSources: { totalCount: number } }>(
        '{ dataSources { totalCount } }',
      );
      expect(answer.errors).toHaveLength(1);
      expectShapeError(answer.errors?.[0], provider);
      expect(answer.data?.dataSources.totalCount).toBe(expected.data?.dataSources.totalCount);
    });
  });

  it.each([
    {
      provider: 'pdc',
      list: 'catalogDataSources',
      operation: 'filterDataSources',
      body: {
        data: ['a', 'b'].map((c) => ({ _id: c.repeat(24), resourceName: c, databaseType: 'POSTGRES' })),
        pageInfo: { skip: 0, limit: 2 },
      },
    },
    {
      provider: 'rivergen',
      list: 'riverGenDataSources',
      operation: 'listDataSources',
      body: {
        success: true,
        data: {
          items: [1, 2].map((id) => ({ id, name: `s${id}`, type: 'postgresql', status: 'active' })),
          pagination: { page: 1, page_size: 2 },
        },
      },
    },
  ])(
    'without a total, $provider is read one item past a full page to know whether another follows',
    async ({ provider, list, operation, body }) => {
      // Every list call answers these two, so the read past a page of two finds more.
      gw.sims[provider]?.setFaults({ body, operations: [operation] });
      const read = async (first: number) => {
        gw.resetCounts();
        const answer = await gw.query<Record<string, { edges: unknown[]; pageInfo: object }>>(
          `{ ${list}(first: ${first}) { edges { node { id } } pageInfo { hasNextPage } } }`,
        );
        expect(answer.errors).toBeUndefined();
        return { page: answer.data?.[list], calls: gw.sims[provider]?.stats.count(operation) };
      };
      const full = await read(2);
      expect(full.page?.edges).toHaveLength(2);
      expect(full).toMatchObject({ page: { pageInfo: { hasNextPage: true } }, calls: 2 });
      expect(await read(3)).toMatchObject({ page: { pageInfo: { hasNextPage: false } }, calls: 1 });
    },
  );

  it('is told apart from a liberal one: fields the gateway does not read may be missing or extra', async () => {
    gw.sims.pdc?.setFaults({
      body: { data: [], pageInfo: { totalCount: 0 }, status: 'unexpected', extra: [1, 'two'] },
      operations: ['filterDataSources'],
    });
    const answer = await gw.query('{ catalogDataSources(first: 1) { totalCount edges { node { id } } } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ catalogDataSources: { totalCount: 0, edges: [] } });
  });
});
