import { loadEach } from '../../gateway/concurrency.js';
import { badInput } from '../../gateway/errors.js';
import { forwardedBearer } from '../../gateway/forwarded-auth.js';
import { windowFromNumberedPages } from '../../gateway/numbered-pages.js';
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
  sliceWindow,
} from '../../gateway/records.js';
import {
  createRiverGenHttp,
  RiverGenClient,
  type RiverGenDataSourceStatus,
  type RiverGenListQuery,
} from './client.js';
import type { RiverGenConfig } from './config.js';
import { type RiverGenRecord, riverGenId, toRiverGenRecord } from './records.js';
import { typesFor } from './vendors.js';

/** Who a forwarded-token error names. */
const RIVERGEN = { id: 'rivergen', label: 'RiverGen' };

/** The largest page RiverGen serves. */
const RIVERGEN_PAGE = 100;

/** List parameters a caller can set; paging is the gateway's. */
export type RiverGenListFilter = Omit<RiverGenListQuery, 'page' | 'page_size'>;

export function connectRiverGen(
  config: RiverGenConfig,
  services: RuntimeServices,
): ProviderRuntime<RiverGenSession> {
  const http = createRiverGenHttp(upstreamSettings(config.url, services));
  const serviceToken = config.credentials === 'service' ? config.token : undefined;
  return {
    session: (caller) =>
      new RiverGenSession(
        new RiverGenClient(
          http.forRequest(caller.tag, caller.signal),
          serviceToken
            ? () => ({ authorization: `Bearer ${serviceToken}` })
            : forwardedBearer(caller, FORWARDED_TOKEN, RIVERGEN),
        ),
        config,
      ),
    upstreams: [http],
    ...(serviceToken ? {} : { callerHeaders: [FORWARDED_TOKEN] }),
    close: () => http.close(),
  };
}

/** Where a caller sends their own RiverGen token when the gateway forwards it. */
const FORWARDED_TOKEN = 'x-rivergen-token';

/** What one request does with RiverGen, as one caller of one organisation. */
export class RiverGenSession implements ProviderSession {
  private readonly scans = new Map<string, Promise<RiverGenRecord[]>>();

  constructor(
    readonly client: RiverGenClient,
    private readonly config: RiverGenConfig,
  ) {}

  /** RiverGen has no batch read: one GET per id, a few at a time; a 404 (or another org's) is none. */
  loadByIds(ids: readonly string[]): Promise<(RiverGenRecord | Error | null)[]> {
    return loadEach(
      ids,
      this.config.concurrency,
      async (id) => toRiverGenRecord(await this.client.getDataSource(riverGenId(id) as number), true),
      (id) => riverGenId(id) !== undefined,
      () => badInput('the id is not a RiverGen data source id (a positive integer)'),
    );
  }

  /** A window of RiverGen's own list with its filters, as summaries. */
  async window(
    filter: RiverGenListFilter,
    window: ListWindow,
  ): Promise<ListSlice<RiverGenRecord> & { totalItems: number }> {
    return windowFromNumberedPages(window, RIVERGEN_PAGE, async (page, pageSize) => {
      const answer = await this.client.listDataSources({ page, page_size: pageSize, ...filter });
      return {
        items: answer.items.map((item) => toRiverGenRecord(item, false)),
        totalItems: answer.pagination.total_items,
      };
    });
  }

  async count(filter: RiverGenListFilter): Promise<number> {
    return (await this.window(filter, { offset: 0, limit: 0 })).totalItems;
  }

  async listDataSources(filter: DataSourceFilter, window: ListWindow): Promise<ListSlice<RiverGenRecord>> {
    const plan = this.plan(filter);
    if (!plan) return { items: [], hasMore: false };
    if (plan.scan) return sliceWindow(await this.allDataSources(filter), window);
    return this.window(plan.query, window);
  }

  async countDataSources(filter: DataSourceFilter): Promise<number> {
    const plan = this.plan(filter);
    if (!plan) return 0;
    if (plan.scan) return (await this.allDataSources(filter)).length;
    return this.count(plan.query);
  }

  async allDataSources(filter: DataSourceFilter): Promise<RiverGenRecord[]> {
    const plan = this.plan(filter);
    if (!plan) return [];
    const all = await this.scan(plan.query);
    return plan.scan ? all.filter(matchesFilter(filter)) : all;
  }

  /**
   * RiverGen filters one type and one status at a time (its documented `type` and `status_filter`)
   * and searches by substring: anything more is done here, over every match of what it can filter.
   */
  private plan(filter: DataSourceFilter): { query: RiverGenListFilter; scan: boolean } | undefined {
    const query: RiverGenListFilter = { sort_by: 'created_at', sort_order: 'asc' };
    let scan =
      filter.name !== undefined ||
      filter.host !== undefined ||
      filter.database !== undefined ||
      filter.updatedAfter !== undefined ||
      filter.updatedBefore !== undefined;
    if (filter.vendors) {
      const types = typesFor(filter.vendors);
      if (types.length === 0 && !filter.vendors.includes('OTHER')) return undefined;
      if (types.length === 1 && !filter.vendors.includes('OTHER'))
        query.type = types[0] as RiverGenListFilter['type'];
      else scan = true;
    }
    if (filter.name !== undefined) {
      // Its `search` finds the names holding a text, whatever the case: the pattern's longest literal
      // part narrows what is read, and the pattern itself is matched here.
      const literal = filter.name.split('*').reduce((a, b) => (b.length > a.length ? b : a), '');
      if (literal.length > 0) query.search = literal;
    }
    if (filter.status !== undefined) {
      const status = filter.status.toLowerCase();
      if (isRiverGenStatus(status)) query.status_filter = status;
      else scan = true;
    }
    return { query, scan };
  }

  /** Every data source matching the query, fetched once per request. */
  private scan(query: RiverGenListFilter): Promise<RiverGenRecord[]> {
    const key = JSON.stringify(query);
    let scan = this.scans.get(key);
    if (!scan) {
      scan = (async () => {
        const first = await this.window(query, { offset: 0, limit: RIVERGEN_PAGE });
        if (first.totalItems <= RIVERGEN_PAGE) return first.items;
        const rest = await this.window(query, {
          offset: RIVERGEN_PAGE,
          limit: first.totalItems - RIVERGEN_PAGE,
        });
        return [...first.items, ...rest.items];
      })();
      this.scans.set(key, scan);
    }
    return scan;
  }
}

const riverGenStatuses: readonly string[] = [
  'active',
  'inactive',
  'testing',
  'failed',
  'maintenance',
] satisfies RiverGenDataSourceStatus[];

/** A status RiverGen's `status_filter` documents; OTHER stands for none of them. */
function isRiverGenStatus(status: string): status is RiverGenDataSourceStatus {
  return riverGenStatuses.includes(status);
}
