import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

interface Connection {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const PAGE =
  'totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/** The variables a document declares: the cursors it is given (and `$id`). */
const declare = (variables: Record<string, unknown>) => {
  const names = Object.keys(variables).map((name) => `$${name}: ${name === 'id' ? 'ID!' : 'String'}`);
  return names.length > 0 ? `(${names.join(', ')})` : '';
};

let gw: TestGateway;
/** Every connection field, each read by a document with `args` and `selection` spliced in. */
let connections: {
  name: string;
  read: (args: string, variables?: Record<string, unknown>, selection?: string) => Promise<Connection>;
}[];
beforeAll(async () => {
  gw = await startTestGateway();
  const busiest = await gw.query<{
    destinations: { edges: { node: { id: string; transfers: { totalCount: number } } }[] };
  }>('{ destinations(first: 100) { edges { node { id transfers { totalCount } } } } }');
  const withTransfers = busiest.data?.destinations.edges
    .map((edge) => edge.node)
    .sort((a, b) => b.transfers.totalCount - a.transfers.totalCount)[0];
  expect(withTransfers?.transfers.totalCount).toBeGreaterThan(3);
  const root =
    (field: string) =>
    async (args: string, variables: Record<string, unknown> = {}, selection = PAGE) => {
      const answer = await gw.query<Record<string, Connection>>(
        `query${declare(variables)} { ${field}(${args}) { ${selection} } }`,
        variables,
      );
      expect(answer.errors, `${field}(${args})`).toBeUndefined();
      return answer.data?.[field] as Connection;
    };
  connections = [
    ...['dataSources', 'catalogDataSources', 'riverGenDataSources', 'destinations', 'importSources'].map(
      (field) => ({ name: field, read: root(field) }),
    ),
    {
      name: 'Destination.transfers',
      read: async (args, variables = {}, selection = PAGE) => {
        const answer = await gw.query<{ node: { transfers: Connection } }>(
          `query${declare({ id: '', ...variables })} { node(id: $id) { ... on Destination { transfers(${args}) { ${selection} } } } }`,
          { id: withTransfers?.id, ...variables },
        );
        expect(answer.errors, `transfers(${args})`).toBeUndefined();
        return answer.data?.node.transfers as Connection;
      },
    },
  ];
});
afterAll(() => gw.close());

/** Upstream calls by operation, over every simulator, for what `run` sends. */
async function callsOf(run: () => Promise<unknown>): Promise<Record<string, number>> {
  gw.resetCounts();
  await run();
  return Object.fromEntries(
    Object.entries(gw.sims).flatMap(([provider, sim]) =>
      Object.entries(sim.stats.counts()).map(([operation, n]) => [`${provider}.${operation}`, n]),
    ),
  );
}

describe('`first: 0`, on every connection', () => {
  it('answers no edges and whether items exist, standing at the start, for what totalCount costs', async () => {
    for (const { name, read } of connections) {
      await read('first: 1'); // Any sign-in an upstream needs happens here, not in what is counted below.
      const countOnly = await callsOf(() => read('first: 0', {}, 'totalCount'));
      let page: Connection | undefined;
      const withPageInfo = await callsOf(async () => {
        page = await read('first: 0');
      });
      expect(page, name).toEqual({
        totalCount: expect.any(Number),
        edges: [],
        pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
      });
      expect(page?.totalCount, name).toBeGreaterThan(0);
      // The page reads nothing the count does not (the same calls with or without pageInfo).
      expect(withPageInfo, name).toEqual(countOnly);
    }
  });

  it('stands at the cursor it is given, so that paging on from its endCursor continues there', async () => {
    for (const { name, read } of connections) {
      const firstTwo = await read('first: 2');
      const after = firstTwo.pageInfo.endCursor;
      const empty = await read('first: 0, after: $after', { after });
      expect(empty.edges, name).toEqual([]);
      expect(empty.pageInfo, name).toEqual({
        hasNextPage: true,
        hasPreviousPage: true,
        startCursor: after,
        endCursor: after,
      });
      const onFromEmpty = await read('first: 2, after: $after', { after: empty.pageInfo.endCursor });
      const onFromTwo = await read('first: 2, after: $after', { after });
      expect(
        onFromEmpty.edges.map((edge) => edge.node.id),
        name,
      ).toEqual(onFromTwo.edges.map((edge) => edge.node.id));
      expect(onFromEmpty.edges, name).toHaveLength(2);
    }
  });

  it('says no more follow after the last item', async () => {
    for (const { name, read } of connections.filter((c) => c.name !== 'dataSources')) {
      const { totalCount } = await read('first: 0');
      let after: string | null = null;
      for (let seen = 0; seen + 100 < totalCount; seen += 100) {
        after = (await read('first: 100, after: $after', { after })).pageInfo.endCursor;
      }
      const last = await read('first: 100, after: $after', { after });
      expect(last.pageInfo.hasNextPage, name).toBe(false);
      const end = last.pageInfo.endCursor;
      const empty = await read('first: 0, after: $after', { after: end });
      expect(empty.pageInfo, name).toEqual({
        hasNextPage: false,
        hasPreviousPage: true,
        startCursor: end,
        endCursor: end,
      });
    }
  });
});

describe('`last: 0`, where a connection pages backwards', () => {
  it('stands at the end, or at the cursor it is given, and says whether items come before', async () => {
    for (const { name, read } of connections.filter((c) =>
      ['dataSources', 'catalogDataSources', 'riverGenDataSources'].includes(c.name),
    )) {
      const atEnd = await read('last: 0');
      expect(atEnd.edges, name).toEqual([]);
      expect(atEnd.pageInfo, name).toEqual({
        hasNextPage: false,
        hasPreviousPage: true,
        startCursor: null,
        endCursor: null,
      });
      const firstTwo = await read('first: 2');
      const before = firstTwo.edges[1]?.cursor;
      const inside = await read('last: 0, before: $before', { before });
      expect(inside.pageInfo, name).toEqual({
        hasNextPage: true,
        hasPreviousPage: true,
        startCursor: before,
        endCursor: before,
      });
      const back = await read('last: 5, before: $before', { before: inside.pageInfo.startCursor });
      expect(
        back.edges.map((edge) => edge.cursor),
        name,
      ).toEqual([firstTwo.edges[0]?.cursor]);
      const atStart = await read('last: 0, before: $before', { before: firstTwo.edges[0]?.cursor });
      expect(atStart.pageInfo.hasPreviousPage, name).toBe(false);
    }
  });
});
