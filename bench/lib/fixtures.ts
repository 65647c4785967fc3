import { fetchJson, paths, type Upstreams } from './upstreams.js';

/** One seeded data source as the benchmark addresses it. */
export interface Item {
  typename: 'ImportSource' | 'Destination' | 'CatalogDataSource' | 'RiverGenDataSource';
  nativeId: string;
  /** The gateway's global id: base64url of `Type:nativeId`. */
  globalId: string;
  name: string;
}

/** The first 100 (or all) data sources of each provider, read from the simulators' own lists. */
export interface Fixtures {
  prequelImport: Item[];
  prequelExport: Item[];
  pdc: Item[];
  rivergen: Item[];
}

type Raw = Record<string, unknown>;

function item(typename: Item['typename'], nativeId: unknown, name: unknown): Item {
  const id = String(nativeId);
  return {
    typename,
    nativeId: id,
    globalId: Buffer.from(`${typename}:${id}`, 'utf8').toString('base64url'),
    name: String(name),
  };
}

export async function loadFixtures(upstreams: Upstreams): Promise<Fixtures> {
  const [sources, destinations, catalog, rivergen] = await Promise.all([
    fetchJson<{ data: { sources: Raw[] } }>(upstreams.prequelImport, 'GET', paths.importSources(100)),
    fetchJson<{ data: { destinations: Raw[] } }>(upstreams.prequelExport, 'GET', paths.destinations(100)),
    fetchJson<{ data: Raw[] }>(upstreams.pdc, 'POST', paths.pdcFilter(100), {
      filters: { databaseTypes: ['*'] },
    }),
    fetchJson<{ data: { items: Raw[] } }>(
      upstreams.rivergen,
      'GET',
      '/api/v1/data-sources?sort_by=id&sort_order=asc&page=1&page_size=100',
    ),
  ]);
  const fixtures: Fixtures = {
    prequelImport: sources.data.sources.map((raw) => item('ImportSource', raw.id, raw.name)),
    prequelExport: destinations.data.destinations.map((raw) => item('Destination', raw.id, raw.name)),
    pdc: catalog.data.map((raw) => item('CatalogDataSource', raw._id, raw.resourceName)),
    rivergen: rivergen.data.items.map((raw) => item('RiverGenDataSource', raw.id, raw.name)),
  };
  for (const [provider, items] of Object.entries(fixtures) as [string, Item[]][]) {
    if (items.length < 25) throw new Error(`bench: ${provider} has ${items.length} data sources, 25 needed`);
  }
  if (fixtures.pdc.length < 100) throw new Error('bench: PDC has fewer than 100 data sources');
  return fixtures;
}

/** 100 ids, 25 of each provider, interleaved as a page mixing providers would list them. */
export function mixedItems(fixtures: Fixtures): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < 25; i++) {
    for (const items of [fixtures.prequelImport, fixtures.prequelExport, fixtures.pdc, fixtures.rivergen]) {
      const found = items[i];
      if (found) out.push(found);
    }
  }
  return out;
}
