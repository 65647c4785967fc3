import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ PDC_BATCH_SIZE: '40' });
});
afterAll(() => gw.close());

async function catalogIds(count: number): Promise<string[]> {
  const list = await gw.query<{ catalogDataSources: { edges: { node: { id: string } }[] } }>(
    'query($n: Int) { catalogDataSources(first: $n) { edges { node { id } } } }',
    { n: count },
  );
  return list.data?.catalogDataSources.edges.map((e) => e.node.id) ?? [];
}

describe('batched lookups', () => {
  it('splits catalog lookups above PDC_BATCH_SIZE into that many ids per by-ids call', async () => {
    const ids = await catalogIds(100);
    gw.resetCounts();
    const result = await gw.query<{ nodes: { id: string }[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids },
    );
    expect(result.data?.nodes.map((n) => n.id)).toEqual(ids);
    const calls = gw.sims.pdc?.stats.requests('getDataSourcesByIds') ?? [];
    expect(calls.map((call) => (call.body as { ids: string[] }).ids.length)).toEqual([40, 40, 20]);
  });

  it('loads an id once per request, however often it is asked, and again in the next request', async () => {
    const page = await gw.query<{ riverGenDataSources: { edges: { node: { id: string } }[] } }>(
      '{ riverGenDataSources(first: 1) { edges { node { id } } } }',
    );
    const id = page.data?.riverGenDataSources.edges[0]?.node.id ?? '';
    const document =
      'query($id: ID!) { a: node(id: $id) { id } b: nodes(ids: [$id, $id]) { id } c: dataSource(id: $id) { id } }';
    for (const round of [1, 2]) {
      gw.resetCounts();
      const result = await gw.query<{ a: { id: string }; b: { id: string }[]; c: { id: string } }>(document, {
        id,
      });
      expect(result.data, `round ${round}`).toEqual({ a: { id }, b: [{ id }, { id }], c: { id } });
      expect(gw.sims.rivergen?.stats.requests('getDataSource'), `round ${round}`).toHaveLength(1);
    }
  });

  it('resolves the other providers when one is down, with an error naming it on each of its ids', async () => {
    const providers = ['PREQUEL_IMPORT', 'PREQUEL_EXPORT', 'PDC', 'RIVERGEN'];
    const byProvider = new Map<string, string>();
    for (const provider of providers) {
      const page = await gw.query<{ dataSources: { edges: { node: { id: string } }[] } }>(
        'query($p: Provider!) { dataSources(first: 1, filter: { providers: [$p] }) { edges { node { id } } } }',
        { p: provider },
      );
      byProvider.set(provider, page.data?.dataSources.edges[0]?.node.id ?? '');
    }
    expect([...byProvider.values()].every(Boolean)).toBe(true);
    gw.sims.pdc?.setFaults({ errorRate: 1, errorStatus: 503 });
    try {
      const ids = [...byProvider.values()];
      const result = await gw.query<{ nodes: ({ provider: string } | null)[] }>(
        'query($ids: [ID!]!) { nodes(ids: $ids) { ... on DataSource { provider } } }',
        { ids },
      );
      expect(result.data?.nodes.map((n) => n?.provider ?? null)).toEqual(
        [...byProvider.keys()].map((provider) => (provider === 'PDC' ? null : provider)),
      );
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]).toMatchObject({
        path: ['nodes', [...byProvider.keys()].indexOf('PDC')],
        extensions: { code: 'UPSTREAM_UNAVAILABLE', provider: 'pdc' },
      });
    } finally {
      gw.sims.pdc?.setFaults(undefined);
    }
  });
});
