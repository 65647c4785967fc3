import { inKeyOrder } from '../../gateway/connections.js';
import { badInput } from '../../gateway/errors.js';
import { forwardedBearer } from '../../gateway/forwarded-auth.js';
import {
  type ProviderRuntime,
  type ProviderSession,
  type RuntimeServices,
  upstreamSettings,
} from '../../gateway/provider.js';
import {
  type DataSourceFilter,
  type ListSlice,
  type ListWindow,
  matchesFilter,
  namePredicate,
} from '../../gateway/records.js';
import { pdcPasswordAuth } from './auth.js';
import { createPdcHttp, PdcClient, type PdcDataSource, type PdcFilters } from './client.js';
import type { PdcConfig } from './config.js';
import { type CatalogDataSourceRecord, isObjectId, toCatalogRecord } from './records.js';
import { databaseTypesFor } from './vendors.js';

/** Who a forwarded-token error names. */
const PDC = { id: 'pdc', label: 'Pentaho Data Catalog' };

/**
 * The filter that asks PDC for every data source. Its filter endpoint takes at least one filter (the
 * docs say so), and its docs say `resourceNames` and `databaseTypes` take "wildcard patterns using
 * `*`", shown as exact (`my-db`), prefix (`prod-*`), suffix (`*-primary`) and contains (`*postgres*`),
 * where `*` stands for any run of characters. None is stated to match everything, so the gateway
 * sends the one pattern every form reduces to with an empty literal: `*` is the prefix form with an
 * empty prefix and the suffix form with an empty suffix, so any reading of the four forms takes it as
 * "any name" (whereas `**` would be, to a parser that tests the prefix form first, names starting
 * with a `*`). It filters names rather than types: every data source has one (it is required on
 * create), the docs' examples are names, and the types are an open set PDC might check against its own.
 */
export const EVERY_DATA_SOURCE: PdcFilters = { resourceNames: ['*'] };

/** Page size used when a filter has to be applied here rather than by PDC. */
const SCAN_PAGE = 1000;

export function connectPdc(config: PdcConfig, services: RuntimeServices): ProviderRuntime<PdcSession> {
  const http = createPdcHttp(upstreamSettings(config.url, services));
  const serviceAuth =
    config.credentials === 'service' && config.username && config.password
      ? pdcPasswordAuth(new PdcClient(http, () => ({})), {
          username: config.username,
          password: config.password,
        })
      : undefined;
  return {
    session: (caller) => {
      const requestHttp = http.forRequest(caller.tag, caller.signal);
      if (!serviceAuth)
        return new PdcSession(
          new PdcClient(requestHttp, forwardedBearer(caller, FORWARDED_TOKEN, PDC)),
          config,
        );
      // A login this request causes goes through its own view of the pool, so it counts as its call;
      // concurrent requests share it, so this request's signal does not go with it.
      const login = new PdcClient(http.forRequest(caller.tag), () => ({}));
      // A 401 to the service account means its token went stale (PDC rotated its key): log in again,
      // once. Forwarded tokens are the caller's: their 401 is the caller's answer.
      return new PdcSession(
        new PdcClient(
          requestHttp,
          () => serviceAuth.headers(login),
          (rejected) => serviceAuth.renew(rejected, login),
        ),
        config,
      );
    },
    upstreams: [http],
    ...(serviceAuth ? {} : { callerHeaders: [FORWARDED_TOKEN] }),
    close: () => http.close(),
  };
}

/** What PDC is asked for, and what is left for the gateway to keep of its answer. */
interface Plan {
  filters: PdcFilters;
  keep?: (record: CatalogDataSourceRecord) => boolean;
}

/** Where a caller sends their own PDC token when the gateway forwards it. */
const FORWARDED_TOKEN = 'x-pdc-token';

/** What one request does with PDC. Results are remembered only for the life of the request. */
export class PdcSession implements ProviderSession {
  private readonly scans = new Map<string, Promise<PdcDataSource[]>>();
  private readonly totals = new Map<string, Promise<number>>();

  constructor(
    readonly client: PdcClient,
    private readonly config: PdcConfig,
  ) {}

  /** Fetches data sources by id in `by-ids` batches; malformed ids are refused without a call. */
  async loadByIds(ids: readonly string[]): Promise<(CatalogDataSourceRecord | Error | null)[]> {
    const keys = ids.map((id) => id.toLowerCase());
    const wanted = [...new Set(keys.filter(isObjectId))];
    const batches: string[][] = [];
    for (let i = 0; i < wanted.length; i += this.config.batchSize)
      batches.push(wanted.slice(i, i + this.config.batchSize));
    const found = (await Promise.all(batches.map((batch) => this.client.getDataSourcesByIds(batch)))).flat();
    return inKeyOrder(
      keys,
      found.map(toCatalogRecord),
      (record) => record.nativeId.toLowerCase(),
      (id) =>
        isObjectId(id) ? null : badInput('the id is not a catalog data source id (24 hexadecimal digits)'),
    );
  }

  /** A window of PDC's own filter, with its total. */
  async filterPage(filters: PdcFilters, window: ListWindow): Promise<ListSlice<CatalogDataSourceRecord>> {
    const ids = filters.ids ?? [];
    for (let i = 0; i < ids.length; i++) {
      if (!isObjectId(ids[i] ?? ''))
        throw badInput(`ids[${i}] is not a catalog data source id (24 hexadecimal digits)`, 'ids');
    }
    if (window.limit === 0) return { items: [], hasMore: window.offset < (await this.filterCount(filters)) };
    const page = await this.client.filterDataSources(filters, { skip: window.offset, limit: window.limit });
    const total = page.pageInfo.totalCount;
    const end = window.offset + page.dataSources.length;
    if (Number.isFinite(total)) this.totals.set(JSON.stringify(filters), Promise.resolve(total));
    return {
      items: page.dataSources.map(toCatalogRecord),
      // Without a readable total, whether the list goes on is learnt by reading the one item after the page.
      hasMore: Number.isFinite(total)
        ? end < total
        : page.dataSources.length === window.limit &&
          (await this.client.filterDataSources(filters, { skip: end, limit: 1 })).dataSources.length > 0,
    };
  }

  filterCount(filters: PdcFilters): Promise<number> {
    const key = JSON.stringify(filters);
    let total = this.totals.get(key);
    if (!total) {
      total = this.client.filterDataSources(filters, { limit: 1 }).then((page) => page.pageInfo.totalCount);
      this.totals.set(key, total);
    }
    return total;
  }

  async listDataSources(
    filter: DataSourceFilter,
    window: ListWindow,
  ): Promise<ListSlice<CatalogDataSourceRecord>> {
    const plan = this.plan(filter);
    if (!plan) return { items: [], hasMore: false };
    if (!plan.keep) return this.filterPage(plan.filters, window);
    const all = await this.kept(plan);
    return {
      items: all.slice(window.offset, window.offset + window.limit),
      hasMore: window.offset + window.limit < all.length,
    };
  }

  async countDataSources(filter: DataSourceFilter): Promise<number> {
    const plan = this.plan(filter);
    if (!plan) return 0;
    if (!plan.keep) return this.filterCount(plan.filters);
    return (await this.kept(plan)).length;
  }

  async allDataSources(filter: DataSourceFilter): Promise<readonly CatalogDataSourceRecord[]> {
    const plan = this.plan(filter);
    return plan ? this.kept(plan) : [];
  }

  private async kept(plan: Plan): Promise<CatalogDataSourceRecord[]> {
    const records = (await this.scan(plan.filters)).map(toCatalogRecord);
    return plan.keep ? records.filter(plan.keep) : records;
  }

  /** What PDC can filter itself (vendors, as database types) and what is left to do here (the rest). */
  private plan(filter: DataSourceFilter): Plan | undefined {
    // PDC records no update time: no data source changed within any window.
    if (filter.updatedAfter !== undefined || filter.updatedBefore !== undefined) return undefined;
    const keeps: ((record: CatalogDataSourceRecord) => boolean)[] = [];
    let filters = EVERY_DATA_SOURCE;
    if (filter.vendors) {
      const vendors = filter.vendors;
      if (vendors.includes('OTHER')) keeps.push((record) => vendors.includes(record.vendor));
      else filters = { databaseTypes: databaseTypesFor(vendors) };
      if (filters.databaseTypes?.length === 0) return undefined;
    }
    if (filter.name !== undefined) {
      const matches = namePredicate(filter.name);
      keeps.push((record) => matches(record.name));
    }
    if (filter.host !== undefined || filter.database !== undefined || filter.status !== undefined) {
      keeps.push(matchesFilter({ host: filter.host, database: filter.database, status: filter.status }));
    }
    return {
      filters,
      keep: keeps.length === 0 ? undefined : (record) => keeps.every((keep) => keep(record)),
    };
  }

  /** Every data source matching PDC-side filters, fetched once per request. */
  private scan(filters: PdcFilters): Promise<PdcDataSource[]> {
    const key = JSON.stringify(filters);
    let scan = this.scans.get(key);
    if (!scan) {
      scan = (async () => {
        const out: PdcDataSource[] = [];
        for (let skip = 0; ; skip += SCAN_PAGE) {
          const page = await this.client.filterDataSources(filters, { skip, limit: SCAN_PAGE });
          out.push(...page.dataSources);
          if (page.dataSources.length === 0 || out.length >= page.pageInfo.totalCount) return out;
        }
      })();
      this.scans.set(key, scan);
    }
    return scan;
  }
}
