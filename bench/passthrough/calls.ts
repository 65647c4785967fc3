import { Pool } from 'undici';
import { paths, type Upstream, type Upstreams } from '../lib/upstreams.js';

export type Kind = 'ImportSource' | 'Destination' | 'CatalogDataSource' | 'RiverGenDataSource';
export type Raw = Record<string, unknown>;
/** An upstream object as it came, with the GraphQL type it resolves to. */
export interface Tagged {
  kind: Kind;
  raw: Raw;
}

/** Each provider's spelling of the one vendor the benchmark filters on. */
const postgres: Record<Kind, string> = {
  ImportSource: 'postgres',
  Destination: 'postgres',
  CatalogDataSource: 'POSTGRES',
  RiverGenDataSource: 'postgresql',
};

/** The gateway's default PDC_BATCH_SIZE: ids per by-ids call. */
const PDC_BATCH = 100;

/** One undici Pool per upstream, sized as the gateway's (UPSTREAM_CONNECTIONS), and the calls it makes. */
export class UpstreamCalls {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly upstreams: Upstreams) {}

  private async json<T>(upstream: Upstream, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) {
    let pool = this.pools.get(upstream.origin);
    if (!pool) {
      pool = new Pool(upstream.origin, { connections: 128, keepAliveTimeout: 10_000 });
      this.pools.set(upstream.origin, pool);
    }
    const headers =
      body === undefined ? upstream.headers : { ...upstream.headers, 'content-type': 'application/json' };
    const response = await pool.request({
      method,
      path,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode < 200 || response.statusCode > 299) {
      throw new Error(`upstream answered ${response.statusCode}`);
    }
    return JSON.parse(text) as T;
  }

  /** Every id in order, null where nothing was found: one by-ids call per 100 PDC ids, one GET for each other id. */
  async byIds(ids: readonly string[]): Promise<(Tagged | null)[]> {
    const decoded = ids.map(decode);
    const pdcIds = decoded.filter((d) => d?.kind === 'CatalogDataSource').map((d) => d?.id ?? '');
    const pdcFound = new Map<string, Raw>();
    const batches: Promise<void>[] = [];
    for (let i = 0; i < pdcIds.length; i += PDC_BATCH) {
      const ids = pdcIds.slice(i, i + PDC_BATCH);
      batches.push(
        this.json<{ data: Raw[] }>(this.upstreams.pdc, 'POST', paths.pdcByIds, { ids }).then((body) => {
          for (const raw of body.data) pdcFound.set(String(raw._id), raw);
        }),
      );
    }
    const others = decoded.map((d) => (d && d.kind !== 'CatalogDataSource' ? this.one(d.kind, d.id) : null));
    await Promise.all(batches);
    const resolved = await Promise.all(others);
    return decoded.map((d, i) => {
      if (!d) return null;
      if (d.kind !== 'CatalogDataSource') return resolved[i] ?? null;
      const raw = pdcFound.get(d.id);
      return raw ? { kind: d.kind, raw } : null;
    });
  }

  private async one(kind: Kind, id: string): Promise<Tagged> {
    const u = this.upstreams;
    if (kind === 'ImportSource') {
      const body = await this.json<{ data: { source: Raw } }>(u.prequelImport, 'GET', paths.importSource(id));
      return { kind, raw: body.data.source };
    }
    if (kind === 'Destination') {
      const body = await this.json<{ data: { destination: Raw } }>(
        u.prequelExport,
        'GET',
        paths.destination(id),
      );
      return { kind, raw: body.data.destination };
    }
    if (kind === 'RiverGenDataSource') {
      const body = await this.json<{ data: Raw }>(u.rivergen, 'GET', paths.riverGenDataSource(id));
      return { kind, raw: body.data };
    }
    const body = await this.json<{ data: Raw }>(u.pdc, 'GET', paths.pdcDataSource(id));
    return { kind, raw: body.data };
  }

  /**
   * Every provider's list at once, each asked for a whole page, laid end to end in provider order:
   * the calls the gateway makes for `dataSources` without `totalCount`, so the page waits for the
   * slowest provider rather than their sum.
   */
  async listAcross(first: number, vendors: readonly string[]) {
    const wantPostgres = vendors.includes('POSTGRES');
    // Prequel lists carry no vendor filter: keep the matches of a whole page, as the gateway does.
    const prequelMatches = (kind: Kind, raws: Raw[]) =>
      tag(kind, wantPostgres ? raws.filter((raw) => raw.vendor === postgres[kind]) : raws);
    const u = this.upstreams;
    const size = Math.min(100, first);
    const filters = wantPostgres ? { databaseTypes: [postgres.CatalogDataSource] } : {};
    const lists = await Promise.all([
      this.json<{ data: { sources: Raw[] } }>(u.prequelImport, 'GET', paths.importSources(size)).then(
        (body) => prequelMatches('ImportSource', body.data.sources),
      ),
      this.json<{ data: { destinations: Raw[] } }>(u.prequelExport, 'GET', paths.destinations(size)).then(
        (body) => prequelMatches('Destination', body.data.destinations),
      ),
      this.json<{ data: Raw[] }>(u.pdc, 'POST', paths.pdcFilter(size), { filters }).then((body) =>
        tag('CatalogDataSource', body.data),
      ),
      this.json<{ data: { items: Raw[] } }>(
        u.rivergen,
        'GET',
        paths.riverGenDataSources(postgres.RiverGenDataSource, size),
      ).then((body) => tag('RiverGenDataSource', body.data.items)),
    ]);
    const items = lists.flat();
    const page = items.slice(0, first);
    return {
      edges: page.map((node, i) => ({ node, cursor: String(i) })),
      pageInfo: {
        hasNextPage: items.length > first,
        endCursor: page.length > 0 ? String(page.length - 1) : null,
      },
    };
  }

  async patchRiverGen(globalId: string, input: Record<string, unknown>): Promise<Tagged> {
    const decoded = decode(globalId);
    if (decoded?.kind !== 'RiverGenDataSource') throw new Error('not a RiverGen data source id');
    const path = paths.riverGenDataSource(decoded.id);
    const body = await this.json<{ data: Raw }>(this.upstreams.rivergen, 'PATCH', path, input);
    return { kind: 'RiverGenDataSource', raw: body.data };
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }
}

function tag(kind: Kind, raws: Raw[]): Tagged[] {
  return raws.map((raw) => ({ kind, raw }));
}

const kinds = new Set<string>(['ImportSource', 'Destination', 'CatalogDataSource', 'RiverGenDataSource']);

function decode(globalId: string): { kind: Kind; id: string } | undefined {
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon);
  return colon > 0 && kinds.has(kind) ? { kind: kind as Kind, id: text.slice(colon + 1) } : undefined;
}
