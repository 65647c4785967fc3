import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

interface Node {
  id: string;
  provider: string;
  name: string;
}
interface Connection {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
type Variables = {
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
  orderBy?: { field: string; direction: string };
};

// No totalCount: a page reads only what its edges need, so its upstream calls can be counted.
const PAGE = `query Page($first: Int, $after: String, $last: Int, $before: String, $orderBy: DataSourceOrder) {
  dataSources(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    edges { cursor node { id provider name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

async function page(variables: Variables): Promise<Connection> {
  const result = await gw.query<{ dataSources: Connection }>(PAGE, variables);
  expect(result.errors).toBeUndefined();
  const connection = result.data?.dataSources;
  if (!connection) throw new Error('dataSources answered null');
  return connection;
}

/** Every edge, in the order given (the default one when `orderBy` is left out). */
async function everything(orderBy?: Variables['orderBy']): Promise<Connection['edges']> {
  const edges: Connection['edges'] = [];
  for (let after: string | null = null; ; ) {
    const connection = await page({ first: 500, after, orderBy });
    edges.push(...connection.edges);
    if (!connection.pageInfo.hasNextPage) return edges;
    after = connection.pageInfo.endCursor;
  }
}

/** Deletes a data source through the gateway, as a client would. */
async function remove(node: Node): Promise<void> {
  const mutation =
    node.provider === 'RIVERGEN'
      ? 'mutation($id: ID!) { deleted: deleteRiverGenDataSource(id: $id, force: true) { __typename } }'
      : 'mutation($id: ID!) { deleted: deleteDestination(id: $id) { __typename } }';
  const result = await gw.query<{ deleted: { __typename: string } }>(mutation, { id: node.id });
  expect(result.data?.deleted.__typename).toMatch(/Success$/);
}

const ids = (edges: readonly { node: Node }[]) => edges.map((edge) => edge.node.id);

/** An index well inside the provider's part of the default order, with room either side. */
function inside(edges: Connection['edges'], provider: string): number {
  const first = edges.findIndex((edge) => edge.node.provider === provider);
  expect(first).toBeGreaterThanOrEqual(0);
  return first + 30;
}

describe.each(['RIVERGEN', 'PREQUEL_EXPORT'])(
  'paging on in the default order while %s deletes',
  (provider) => {
    it('neither skips nor repeats when one before the cursor goes, and asks nothing more when none does', async () => {
      const all = await everything();
      const at = inside(all, provider);
      const cursor = all[at]?.cursor;

      gw.resetCounts();
      expect(ids((await page({ first: 10, after: cursor })).edges)).toEqual(ids(all.slice(at + 1, at + 11)));
      if (provider === 'RIVERGEN') expect(gw.sims.rivergen?.stats.count('listDataSources')).toBe(1);

      await remove((all[at - 5] as { node: Node }).node);
      expect(ids((await page({ first: 10, after: cursor })).edges)).toEqual(ids(all.slice(at + 1, at + 11)));
      // Backwards from the same cursor: the ten before it, the deleted one left out.
      const before = all.slice(at - 11, at).filter((_, i) => i !== 6);
      expect(ids((await page({ last: 10, before: cursor })).edges)).toEqual(ids(before));
    });

    it('goes on from where the cursor stood when its own item goes', async () => {
      const all = await everything();
      const at = inside(all, provider);
      const cursor = all[at]?.cursor;
      await remove((all[at] as { node: Node }).node);
      expect(ids((await page({ first: 10, after: cursor })).edges)).toEqual(ids(all.slice(at + 1, at + 11)));
      expect(ids((await page({ last: 10, before: cursor })).edges)).toEqual(ids(all.slice(at - 10, at)));
    });
  },
);

describe('paging on in a sorted order while data sources are deleted', () => {
  const orderBy = { field: 'NAME', direction: 'ASC' };

  it('neither skips nor repeats, whichever side of the cursor the deleted ones stood, the cursor’s own too', async () => {
    const all = await everything(orderBy);
    const deletable = (edge: { node: Node } | undefined) =>
      edge?.node.provider === 'RIVERGEN' || edge?.node.provider === 'PREQUEL_EXPORT';
    // The first page ends on a data source that can be deleted.
    const end = all.findIndex((edge, i) => i >= 30 && deletable(edge));
    const first = await page({ first: end + 1, orderBy });
    expect(ids(first.edges)).toEqual(ids(all.slice(0, end + 1)));
    const gone = [all.slice(0, end).find(deletable), all[end], all.slice(end + 1).find(deletable)].flatMap(
      (edge) => (edge ? [edge.node] : []),
    );
    for (const node of gone) await remove(node);
    const left = new Set(gone.map((node) => node.id));
    const next = await page({ first: 40, after: first.pageInfo.endCursor, orderBy });
    expect(ids(next.edges)).toEqual(
      ids(all.slice(end + 1))
        .filter((id) => !left.has(id))
        .slice(0, 40),
    );
  });

  it('neither skips nor repeats when data sources are added either side of the cursor', async () => {
    const all = await everything(orderBy);
    const first = await page({ first: 30, orderBy });
    const last = all[29]?.node.name.toLowerCase() ?? '';
    // One sorts before the whole first page, one right after its last edge (same name, later provider
    // or id), one at the very end.
    const names = ['!first', all[29]?.node.name ?? 'same', '~last'];
    for (const name of names) {
      const created = await gw.query<{ created: { __typename: string } }>(
        'mutation($input: CreateRiverGenDataSourceInput!) { created: createRiverGenDataSource(input: $input) { __typename } }',
        { input: { name, type: 'postgresql', host: 'h', port: 5432, databaseName: 'd' } },
      );
      expect(created.data?.created.__typename).toMatch(/Success$/);
    }
    const now = await everything(orderBy);
    const from = now.findIndex((edge) => edge.cursor === first.pageInfo.endCursor);
    expect(from).toBeGreaterThan(29);
    const next = await page({ first: 40, after: first.pageInfo.endCursor, orderBy });
    expect(ids(next.edges)).toEqual(ids(now.slice(from + 1, from + 41)));
    expect(next.edges.some((edge) => edge.node.name.toLowerCase() < last)).toBe(false);
  });
});

describe('a cursor edited by hand', () => {
  it('is refused when its offset lies past any list, before any provider is asked', async () => {
    const all = await everything();
    const cursor = all[inside(all, 'RIVERGEN')]?.cursor ?? '';
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    // Where float arithmetic is no longer exact: the pages cut from RiverGen's would never end.
    parts[3] = 36_028_797_018_964_010;
    const forged = Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
    const calls = () => Object.values(gw.sims).reduce((sum, sim) => sum + sim.stats.count(), 0);
    const before = calls();
    for (const variables of [
      { first: 100, after: forged },
      { last: 100, before: forged },
    ]) {
      const result = await gw.query(PAGE, variables);
      expect(result.errors?.[0]).toMatchObject({
        message: expect.stringContaining('is not a cursor of this connection'),
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    expect(calls()).toBe(before);
  });
});

describe("one provider's own list", () => {
  const RIVERS = `query Rivers($first: Int, $after: String, $last: Int, $before: String, $type: String) {
    riverGenDataSources(first: $first, after: $after, last: $last, before: $before, type: $type) {
      edges { cursor node { id provider name } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  const rivers = async (variables: {
    first?: number;
    after?: string | null;
    last?: number;
    before?: string | null;
    type?: string;
  }) => {
    const result = await gw.query<{ riverGenDataSources: Connection }>(RIVERS, variables);
    expect(result.errors).toBeUndefined();
    return result.data?.riverGenDataSources as Connection;
  };

  it('neither skips nor repeats after a delete before the cursor, and refuses a cursor of another filter', async () => {
    const first = await rivers({ first: 10 });
    const expected = await rivers({ first: 5, after: first.pageInfo.endCursor });
    await remove(first.edges[2]?.node as Node);
    const next = await rivers({ first: 5, after: first.pageInfo.endCursor });
    expect(ids(next.edges)).toEqual(ids(expected.edges));

    const refused = await gw.query(RIVERS, { first: 5, after: first.pageInfo.endCursor, type: 'postgresql' });
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      path: ['riverGenDataSources'],
    });
    expect(refused.errors?.[0]?.message).toContain('`after`');
  });

  it('ends the list after a cursor whose own item, the last, was deleted, and pages back from it', async () => {
    const end = await rivers({ last: 3 });
    await remove(end.edges[2]?.node as Node);
    const after = await rivers({ first: 5, after: end.pageInfo.endCursor });
    expect(after.edges).toEqual([]);
    expect(after.pageInfo.hasNextPage).toBe(false);
    const before = await rivers({ last: 2, before: end.pageInfo.endCursor });
    expect(ids(before.edges)).toEqual(ids(end.edges.slice(0, 2)));
  });
});
