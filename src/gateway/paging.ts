import { checkPageSize, decodeCursor, encodeCursor, resumeAfter, resumeBefore } from './paging-cursors.js';
import type { ListSlice, ListWindow } from './records.js';

/** One ordered list in a connection: a provider's filtered data sources, for instance. */
export interface Segment<T> {
  key: string;
  list(window: ListWindow): Promise<ListSlice<T>>;
  count(): Promise<number>;
}

/** How many items a page holds when a client gives neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  /** True when every segment the page asked failed (so the page is empty for no other reason). */
  everySegmentFailed?: boolean;
  /** Counts every segment (only when a client asks for `totalCount`); null when every count failed. */
  totalCount(): Promise<number | null>;
}

export interface PagingOptions<T = unknown> {
  /** Names the connection inside its cursors, so a cursor of one connection is refused by another. */
  scope: string;
  defaultPageSize: number;
  maxPageSize: number;
  /** A segment failed: the page goes on without it. */
  onSegmentFailure(key: string, error: unknown): void;
  /**
   * Paging forwards, each run of edges as soon as it is certain to be on the page (the segments
   * before it have answered), in page order, so `@stream` can send them before the page is complete.
   */
  onEdges?(edges: readonly Edge<T>[]): void;
  /**
   * An item's identity within its segment. Given, a cursor also names its item, and paging on from
   * it checks the item still stands where it stood: a list that changed in between is neither
   * skipped nor repeated (see paging-cursors.ts).
   */
  identify?(item: T): string;
  /** With `identify`: the filter the cursors belong to, so a cursor of another is refused. */
  signature?: string;
}

/**
 * Relay paging over segments laid end to end. A cursor is (segment, position in segment), so
 * paging forwards never needs to count the segments before it.
 */
export async function pageAcross<T>(
  segments: readonly Segment<T>[],
  args: ConnectionArgs,
  options: PagingOptions<T>,
): Promise<Page<T>> {
  const { first, last } = checkPageSize(args, options.maxPageSize);
  const after = args.after != null ? decodeCursor(args.after, 'after', segments, options) : undefined;
  const before = args.before != null ? decodeCursor(args.before, 'before', segments, options) : undefined;
  const { identify } = options;
  const signature = options.signature ?? '';
  const cursor = identify
    ? (key: string, offset: number, item: T) =>
        encodeCursor([options.scope, signature, key, offset, identify(item)])
    : (key: string, offset: number) => encodeCursor([options.scope, key, offset]);

  // Segments asked while building the page, and those of them that failed.
  const asked = new Set<string>();
  const failed = new Set<string>();
  const safely = async <R>(segment: Segment<T>, run: () => Promise<R>, fallback: R): Promise<R> => {
    asked.add(segment.key);
    try {
      return await run();
    } catch (error) {
      failed.add(segment.key);
      options.onSegmentFailure(segment.key, error);
      return fallback;
    }
  };
  // Each segment is counted at most once per page, by the page and `totalCount` alike; a failure is reported once.
  const counts = new Map<number, Promise<number | undefined>>();
  // Counts asked ahead of need (paging backwards): a failure is reported only once the count is used.
  const countsAhead = new Map<number, Promise<Settled<number>>>();
  const countOf = (index: number): Promise<number | undefined> => {
    let count = counts.get(index);
    if (!count) {
      const segment = segments[index] as Segment<T>;
      const ahead = countsAhead.get(index);
      count = (ahead ? unsettle(ahead) : segment.count()).catch((error: unknown) => {
        options.onSegmentFailure(segment.key, error);
        return undefined;
      });
      counts.set(index, count);
    }
    return count;
  };
  /** A count the page itself needs: its failure counts against the page, as a failed list would. */
  const countFor = async (index: number): Promise<number> => {
    const key = (segments[index] as Segment<T>).key;
    asked.add(key);
    const count = await countOf(index);
    if (count === undefined) failed.add(key);
    return count ?? 0;
  };

  let edges: Edge<T>[] = [];
  let hasNextPage = false;
  let hasPreviousPage = false;
  // Where an empty page (`first: 0`, `last: 0`) stands: its cursors are that position, so that
  // paging on from them goes on from there (null is the start, or the end going backwards).
  let position: string | null | undefined;

  if (first === 0 || last === 0) {
    // No item is read: whether there are items beyond the position comes from the counts,
    // which are what `totalCount` reads, the reason a client asks for an empty page.
    if (last === 0) {
      const end = before ? before.index : segments.length - 1;
      const earlier = await Promise.all(
        segments
          .slice(0, end + 1)
          .map((_, i) => (before && i === before.index ? before.offset : countFor(i))),
      );
      hasPreviousPage = earlier.some((n) => n > 0);
      hasNextPage = before !== undefined;
      position = args.before ?? null;
    } else {
      const from = after ? after.index : 0;
      const counted = await Promise.all(segments.slice(from).map((_, i) => countFor(from + i)));
      // Items after the position: in its own segment past `after`, or anywhere in a later one.
      hasNextPage = counted.some((n, i) => n > (i === 0 && after ? after.offset + 1 : 0));
      hasPreviousPage = after !== undefined;
      position = args.after ?? null;
    }
  } else if (last != null) {
    const endIndex = before ? before.index : segments.length - 1;
    // As forwards: every segment the page may reach is counted and read at once, its last `last + 1`
    // items each, and the page takes what it needs from the end, segment by segment.
    const widest = (end: number) => Math.max(0, end - (last + 1));
    // The page's end, checked against the item `before` names (its identity, when items have one).
    const resumed =
      before?.id !== undefined && identify
        ? resumeBefore(segments[before.index] as Segment<T>, before.offset, before.id, last + 1, identify)
        : undefined;
    const ahead = segments.slice(0, endIndex + 1).map((segment, i) => {
      if (resumed && i === before?.index) return settle(resumed.then((r) => r.slice));
      const counted =
        before && i === before.index
          ? Promise.resolve<Settled<number>>({ ok: true, value: before.offset })
          : settle(segment.count());
      if (!(before && i === before.index)) countsAhead.set(i, counted);
      return counted.then((end) =>
        end.ok && end.value > widest(end.value)
          ? settle(segment.list({ offset: widest(end.value), limit: end.value - widest(end.value) }))
          : undefined,
      );
    });
    for (let i = endIndex; i >= 0 && edges.length <= last; i--) {
      const segment = segments[i] as Segment<T>;
      const end =
        before && i === before.index
          ? resumed
            ? await resumed.then(
                (r) => r.end,
                () => before.offset,
              )
            : before.offset
          : await countFor(i);
      const start = Math.max(0, end - (last + 1 - edges.length));
      if (end <= start) continue;
      const read = await ahead[i];
      const slice = await safely(
        segment,
        () => (read ? unsettle(Promise.resolve(read)) : segment.list({ offset: start, limit: end - start })),
        emptySlice<T>(),
      );
      const items = read ? slice.items.slice(start - widest(end)) : slice.items;
      edges = [...items.map((node, j) => ({ node, cursor: cursor(segment.key, start + j, node) })), ...edges];
    }
    if (edges.length > last) {
      hasPreviousPage = true;
      edges = edges.slice(edges.length - last);
    }
    hasNextPage = before !== undefined;
  } else {
    const size = first ?? options.defaultPageSize;
    const from = after ? after.index : 0;
    let offset = after ? after.offset + 1 : 0;
    // Every segment the page may reach is asked at once for a whole page, so the page waits for the
    // slowest of them rather than their sum; the answers are laid end to end in segment order as
    // before, and an answer the page does not reach is dropped (its failure too: that segment was
    // not needed). A segment says itself whether its list goes on (`hasMore`, from its upstream's
    // total or next page), so none is asked for an item past the page to learn it.
    // Paging on from an item with an identity reads from the item itself, to check it still stands there.
    let resumed: Promise<number> | undefined;
    const ahead = segments.slice(from).map((segment, i) => {
      if (i > 0 || after?.id === undefined || !identify)
        return settle(segment.list({ offset: i === 0 ? offset : 0, limit: size }));
      const read = resumeAfter(segment, after.offset, after.id, size, identify);
      resumed = read.then(
        (r) => r.offset,
        () => offset,
      );
      return settle(read.then((r) => r.slice));
    });
    if (resumed) offset = await resumed;
    // A page that ends where a segment does goes on to the next segments only to learn whether one
    // holds an item, from the answers already asked for.
    for (let i = from; i < segments.length && !hasNextPage; i++, offset = 0) {
      const segment = segments[i] as Segment<T>;
      for (let part = 0; ; part++) {
        const room = size - edges.length;
        const slice =
          part === 0
            ? await safely(
                segment,
                () => unsettle(ahead[i - from] as Promise<Settled<ListSlice<T>>>),
                emptySlice<T>(),
              )
            : await safely(segment, () => segment.list({ offset, limit: room }), emptySlice<T>());
        const taken = slice.items.length > room ? slice.items.slice(0, room) : slice.items;
        if (taken.length > 0) {
          const added = taken.map((node, j) => ({ node, cursor: cursor(segment.key, offset + j, node) }));
          edges.push(...added);
          // Every edge taken is on the page: the segments before it have answered.
          options.onEdges?.(added);
        }
        offset += taken.length;
        if (slice.items.length > taken.length) hasNextPage = true;
        // A segment may hand back less than asked while it still has more (an upstream page bound).
        else if (slice.hasMore && slice.items.length > 0) {
          if (edges.length < size) continue;
          hasNextPage = true;
        }
        break;
      }
    }
    hasPreviousPage = after !== undefined;
  }

  const everySegmentFailed = asked.size > 0 && failed.size === asked.size;
  return {
    edges,
    everySegmentFailed,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: position !== undefined ? position : (edges[0]?.cursor ?? null),
      endCursor: position !== undefined ? position : (edges.at(-1)?.cursor ?? null),
    },
    totalCount: async () => {
      const all = await Promise.all(segments.map((_, i) => countOf(i)));
      const failures = all.filter((n) => n === undefined).length;
      return segments.length > 0 && failures === segments.length
        ? null
        : all.reduce<number>((sum, n) => sum + (n ?? 0), 0);
    },
  };
}

type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** A promise that never rejects, so an answer the page never reads is no unhandled rejection. */
function settle<R>(promise: Promise<R>): Promise<Settled<R>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

async function unsettle<R>(settled: Promise<Settled<R>>): Promise<R> {
  const outcome = await settled;
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

function emptySlice<T>(): ListSlice<T> {
  return { items: [], hasMore: false };
}
