import { loadEach } from '../../gateway/concurrency.js';
import type { CursorPageResult } from '../../gateway/cursor-paging.js';
import { FilteredLists } from '../../gateway/filtered-lists.js';
import {
  type ProviderRuntime,
  type ProviderSession,
  type RuntimeServices,
  upstreamSettings,
} from '../../gateway/provider.js';
import {
  type DataSourceFilter,
  type DataSourceRecord,
  type ListSlice,
  type ListWindow,
  sliceWindow,
} from '../../gateway/records.js';
import { createPrequelImportHttp, type ImportListOrder, PrequelImportClient } from './client.js';
import type { PrequelImportConfig } from './config.js';
import { type ImportSourceRecord, toImportSourceRecord } from './records.js';

/** The largest page Prequel serves. */
export const PREQUEL_PAGE = 100;

export function connectPrequelImport(
  config: PrequelImportConfig,
  services: RuntimeServices,
): ProviderRuntime<PrequelImportSession> {
  const http = createPrequelImportHttp(upstreamSettings(config.url, services));
  const auth = () => ({ 'x-api-key': config.apiKey });
  return {
    session: (caller) =>
      new PrequelImportSession(
        new PrequelImportClient(http.forRequest(caller.tag, caller.signal), auth),
        config,
      ),
    upstreams: [http],
    close: () => http.close(),
  };
}

/** What one request does with Prequel's import sources; nothing outlives the request. */
export class PrequelImportSession implements ProviderSession {
  private readonly lists = new FilteredLists((cursor) => this.page('asc', cursor, PREQUEL_PAGE));

  constructor(
    readonly client: PrequelImportClient,
    private readonly config: PrequelImportConfig,
  ) {}

  /** Prequel has no batch read: each id is one GET, a few at a time; a 404 is simply none. */
  loadByIds(ids: readonly string[]): Promise<(ImportSourceRecord | Error | null)[]> {
    return loadEach(ids, this.config.concurrency, async (id) =>
      toImportSourceRecord(await this.client.getSource(id)),
    );
  }

  /** One page in Prequel's own order, for the `importSources` connection. */
  async page(
    order: ImportListOrder,
    cursor: string | undefined,
    pageSize: number,
  ): Promise<CursorPageResult<ImportSourceRecord>> {
    const page = await this.client.listSources({ order, cursor, pageSize });
    return { items: page.sources.map(toImportSourceRecord), nextCursor: page.nextCursor };
  }

  /** Every import source, oldest first, fetched once per request (Prequel cannot filter). */
  all(): Promise<ImportSourceRecord[]> {
    return this.lists.matching({});
  }

  async listDataSources(
    filter: DataSourceFilter,
    window: ListWindow,
  ): Promise<ListSlice<ImportSourceRecord>> {
    return sliceWindow(await this.lists.matching(filter), window);
  }

  async countDataSources(filter: DataSourceFilter): Promise<number> {
    return (await this.lists.matching(filter)).length;
  }

  allDataSources(filter: DataSourceFilter): Promise<readonly DataSourceRecord[]> {
    return this.lists.matching(filter);
  }
}
