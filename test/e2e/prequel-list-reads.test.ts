import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => gw.resetCounts());

interface Listed {
  dataSources: { totalCount: number; edges: { node: { provider: string; vendor: string } }[] };
}

const LIST = `query($filter: DataSourceFilter) {
  dataSources(first: 100, filter: $filter) { totalCount edges { node { provider vendor } } }
}`;

describe('Prequel lists, which Prequel cannot filter', () => {
  it('are read once per request for a filter, its page and its count alike', async () => {
    const result = await gw.query<Listed>(LIST, {
      filter: { providers: ['PREQUEL_IMPORT', 'PREQUEL_EXPORT'], vendors: ['POSTGRES'] },
    });

    expect(result.errors).toBeUndefined();
    const nodes = result.data?.dataSources.edges.map((edge) => edge.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((node) => node.vendor === 'POSTGRES')).toBe(true);
    expect(result.data?.dataSources.totalCount).toBe(nodes.length);
    expect(gw.sims['prequel-import']?.stats.counts()).toEqual({ listSources: 1 });
    expect(gw.sims['prequel-export']?.stats.counts()).toEqual({ listDestinations: 1 });
  });

  it('are read again for another filter in the same request, each answering its own matches', async () => {
    const result = await gw.query<{ postgres: Listed['dataSources']; all: Listed['dataSources'] }>(
      `{
        postgres: dataSources(first: 100, filter: { providers: [PREQUEL_EXPORT], vendors: [POSTGRES] }) {
          totalCount edges { node { provider vendor } }
        }
        all: dataSources(first: 100, filter: { providers: [PREQUEL_EXPORT] }) {
          totalCount edges { node { provider vendor } }
        }
      }`,
    );

    expect(result.errors).toBeUndefined();
    expect(result.data?.all.totalCount).toBe(80);
    expect(result.data?.postgres.totalCount).toBeLessThan(80);
    expect(result.data?.postgres.edges.every((edge) => edge.node.vendor === 'POSTGRES')).toBe(true);
    expect(gw.sims['prequel-export']?.stats.counts()).toEqual({ listDestinations: 2 });
  });

  it('are not read for a status, which Prequel does not keep: none of its data sources has one', async () => {
    const result = await gw.query<Listed>(LIST, {
      filter: { providers: ['PREQUEL_IMPORT', 'PREQUEL_EXPORT'], status: 'ACTIVE' },
    });

    expect(result).toMatchObject({ data: { dataSources: { totalCount: 0, edges: [] } } });
    expect(result.errors).toBeUndefined();
    expect(gw.sims['prequel-import']?.stats.count()).toBe(0);
    expect(gw.sims['prequel-export']?.stats.count()).toBe(0);
  });
});
