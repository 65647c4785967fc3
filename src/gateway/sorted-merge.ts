import type { ConnectionArgs, Edge, Page, PagingOptions } from './paging.js';
import { checkPageSize, encodeCursor, notACursor, ofAnotherList, readCursor } from './paging-cursors.js';
import { type DataSourceRecord, timeOf } from './records.js';

export type SortField = 'NAME' | 'UPDATED_AT' | 'VENDOR' | 'PROVIDER';
/** As the SortOrder enum gives it. */
export type SortDirection = 'asc' | 'desc';

export interface DataSourceOrder {
  field: SortField;
  direction: SortDirection;
}

/** One provider's part of a sorted merge: every record of it that passes the filter. */
export interface SortedSource<T> {
  key: string;
  all(): Promise<readonly T[]>;
}

type SortValue = string | number | null;

/** Where a record stands in the order: its value, then provider and native id, which no two share. */
interface SortKey {
  value: SortValue;
  rank: number;
  provider: string;
  id: string;
}

interface Keyed<T> extends SortKey {
  item: T;
}

export interface SortedPagingOptions<T> extends Omit<PagingOptions<T>, 'identify' | 'onEdges'> {
  order: DataSourceOrder;
  /** A provider's place in the order of providers (the Provider enum's); -1 for none. */
  rank(provider: string): number;
}

function sortValue(record: DataSourceRecord, field: SortField, rank: number): SortValue {
  switch (field) {
    case 'NAME':
      return record.name.toLowerCase();
    case 'UPDATED_AT':
      return timeOf(record.updatedAt);
    case 'VENDOR':
      return record.vendor;
    case 'PROVIDER':
      return rank;
  }
}

/** Shorter native ids first, so RiverGen's 9 comes before its 10; ids of one length by their text. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The total order: the value (no value last, either way), then provider, then native id. */
function compare(a: SortKey, b: SortKey, descending: boolean): number {
  if (a.value === null || b.value === null) {
    if (a.value !== b.value) return a.value === null ? 1 : -1;
  } else {
    const byValue = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    if (byValue !== 0) return descending ? -byValue : byValue;
  }
  const byIdentity = a.rank - b.rank || compareIds(a.id, b.id);
  return descending ? -byIdentity : byIdentity;
}

/** The first index whose key is after `key` (`inclusive`: not before it) in a sorted list. */
function search<T>(
  keyed: readonly Keyed<T>[],
  key: SortKey,
  descending: boolean,
  inclusive: boolean,
): number {
  let low = 0;
  let high = keyed.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const c = compare(keyed[middle] as Keyed<T>, key, descending);
    if (c > 0 || (inclusive && c === 0)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Relay paging over the merge of every provider's filtered records, sorted here: no upstream
 * documents a sort on these fields. A cursor is the key of its record (value, provider, native id),
 * so paging on from it starts right after that key however the lists changed in between: a record
 * removed or added meanwhile shifts no other. Every provider's list is read whole once per request
 * (the same reads a count needs), so no edge is certain before every provider has answered: with
 * `@stream`, the edges go out together once they have.
 */
export async function pageSorted<T extends DataSourceRecord>(
  sources: readonly SortedSource<T>[],
  args: ConnectionArgs,
  options: SortedPagingOptions<T>,
): Promise<Page<T>> {
  const { first, last } = checkPageSize(args, options.maxPageSize);
  const { order, scope, rank } = options;
  const signature = options.signature ?? '';
  const descending = order.direction === 'desc';
  const after = args.after != null ? decodeKey(args.after, 'after', options) : undefined;
  const before = args.before != null ? decodeKey(args.before, 'before', options) : undefined;

  const lists = await Promise.all(
    sources.map((source) =>
      source.all().then(
        (items) => items,
        (error: unknown) => {
          options.onSegmentFailure(source.key, error);
          return undefined;
        },
      ),
    ),
  );
  const keyed: Keyed<T>[] = [];
  let failures = 0;
  for (const [i, items] of lists.entries()) {
    if (!items) {
      failures++;
      continue;
    }
    const provider = (sources[i] as SortedSource<T>).key;
    const place = rank(provider);
    for (const item of items) {
      keyed.push({
        item,
        value: sortValue(item, order.field, place),
        rank: place,
        provider,
        id: item.nativeId,
      });
    }
  }
  keyed.sort((a, b) => compare(a, b, descending));

  const low = after ? search(keyed, after, descending, false) : 0;
  const high = Math.max(low, before ? search(keyed, before, descending, true) : keyed.length);
  let start: number;
  let end: number;
  if (last != null) {
    end = high;
    start = Math.max(low, high - last);
  } else {
    start = low;
    end = Math.min(high, low + (first ?? options.defaultPageSize));
  }
  const edges: Edge<T>[] = keyed.slice(start, end).map((k) => ({
    node: k.item,
    cursor: encodeCursor([scope, signature, k.value, k.provider, k.id]),
  }));
  // An empty page (`first: 0`, `last: 0`) stands where its cursor does, as pageAcross's does.
  const position =
    edges.length === 0 && (first === 0 || last === 0)
      ? ((last === 0 ? args.before : args.after) ?? null)
      : undefined;
  const everySegmentFailed = sources.length > 0 && failures === sources.length;
  return {
    edges,
    everySegmentFailed,
    pageInfo: {
      hasNextPage: end < keyed.length,
      hasPreviousPage: start > 0,
      startCursor: position !== undefined ? position : (edges[0]?.cursor ?? null),
      endCursor: position !== undefined ? position : (edges.at(-1)?.cursor ?? null),
    },
    totalCount: async () => (everySegmentFailed ? null : keyed.length),
  };
}

/** The key a cursor of this order and filter names, or an error naming the argument. */
function decodeKey<T>(
  cursor: string,
  argument: 'after' | 'before',
  options: SortedPagingOptions<T>,
): SortKey {
  const parts = readCursor(cursor, argument, options.scope, options.signature ?? '');
  if (parts.length !== 4) {
    throw ofAnotherList(argument);
  }
  const [, value, provider, id] = parts;
  const place = typeof provider === 'string' ? options.rank(provider) : -1;
  const numeric = options.order.field === 'UPDATED_AT' || options.order.field === 'PROVIDER';
  const valid =
    (value === null || typeof value === (numeric ? 'number' : 'string')) &&
    place >= 0 &&
    typeof id === 'string';
  if (!valid) {
    throw notACursor(argument);
  }
  return { value: value as SortValue, rank: place, provider: provider as string, id: id as string };
}
