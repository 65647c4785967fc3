import { type CursorPageResult, readAllPages } from './cursor-paging.js';
import {
  type DataSourceFilter,
  type DataSourceRecord,
  filterKey,
  keepsEvery,
  matchesFilter,
} from './records.js';

/**
 * One request's reads of an upstream list that cannot filter (Prequel's): each filter's matches are
 * read once, page by page, and only the matches are kept. A request listing Postgres sources then
 * holds those, not every record and raw upstream object the upstream sent, until it ends.
 */
export class FilteredLists<T extends DataSourceRecord> {
  private readonly lists = new Map<string, Promise<T[]>>();

  constructor(private readonly fetch: (cursor: string | undefined) => Promise<CursorPageResult<T>>) {}

  /** The records that match `filter`, in upstream order; `{}` matches every record. */
  matching(filter: DataSourceFilter): Promise<T[]> {
    // `providers` is applied by the gateway before a provider is asked at all.
    const every = keepsEvery(filter);
    const key = every ? '' : filterKey(filter);
    let list = this.lists.get(key);
    if (!list) {
      // Prequel keeps no status: no record has one, so none matches and nothing need be read.
      if (filter.status !== undefined) list = Promise.resolve([]);
      else list = readAllPages(this.fetch, every ? undefined : matchesFilter(filter));
      this.lists.set(key, list);
    }
    return list;
  }
}
