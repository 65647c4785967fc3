import { badInput } from './errors.js';
import type { Edge, Page } from './paging.js';

/**
 * Arguments of a connection that pages forwards only: an upstream cursor leads to the next page and
 * never back (Prequel answers `has_next` and `next_url` only), so `last` and `before` are not declared.
 */
export interface ForwardArgs {
  first?: number | null;
  after?: string | null;
}

/** One page of an upstream that pages by its own opaque cursor (Prequel). */
export interface CursorPageResult<T> {
  items: T[];
  nextCursor: string | undefined;
}

export interface CursorPagingOptions<T> {
  scope: string;
  defaultPageSize: number;
  maxPageSize: number;
  /** Largest page the upstream serves in one call. */
  upstreamPageSize: number;
  fetch(cursor: string | undefined, pageSize: number): Promise<CursorPageResult<T>>;
  count(): Promise<number>;
}

/**
 * Relay paging over an upstream cursor. Each edge's cursor is (the upstream cursor its page
 * started at, its position in that page), so any edge can be resumed after, forwards only.
 */
export async function pageByUpstreamCursor<T>(
  args: ForwardArgs,
  options: CursorPagingOptions<T>,
): Promise<Page<T>> {
  const size = args.first ?? options.defaultPageSize;
  if (size < 0 || size > options.maxPageSize) {
    throw badInput(`\`first\` must be between 0 and ${options.maxPageSize}`, 'first');
  }
  let [cursor, skip] = args.after != null ? decode(args.after, options.scope) : [undefined, 0];
  if (size === 0 && args.after == null) {
    // An empty page at the start, asked for its `totalCount`: the count says whether there are
    // items, so nothing is read beyond what `totalCount` reads (the session keeps the count).
    return emptyPage(args.after, (await options.count()) > 0, options.count);
  }
  const edges: Edge<T>[] = [];
  while (edges.length <= size) {
    const pageSize = Math.min(options.upstreamPageSize, skip + size + 1 - edges.length);
    const page = await options.fetch(cursor, pageSize);
    const start = cursor;
    page.items.slice(skip).forEach((node, j) => {
      edges.push({ node, cursor: encode(options.scope, start, skip + j) });
    });
    if (page.nextCursor === undefined || page.items.length === 0) break;
    cursor = page.nextCursor;
    skip = 0;
  }
  const hasNextPage = edges.length > size;
  // After a cursor there is no count of what lies before it: one item read says whether any follows.
  if (size === 0) return emptyPage(args.after, hasNextPage, options.count);
  const shown = edges.slice(0, size);
  return {
    edges: shown,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: args.after != null,
      startCursor: shown[0]?.cursor ?? null,
      endCursor: shown.at(-1)?.cursor ?? null,
    },
    totalCount: () => options.count(),
  };
}

/** A page of no items standing at `after` (null: the start); its cursors are that position. */
function emptyPage<T>(
  after: string | null | undefined,
  hasNextPage: boolean,
  count: () => Promise<number>,
): Page<T> {
  const position = after ?? null;
  return {
    edges: [],
    pageInfo: { hasNextPage, hasPreviousPage: after != null, startCursor: position, endCursor: position },
    totalCount: count,
  };
}

function encode(scope: string, cursor: string | undefined, index: number): string {
  return Buffer.from(JSON.stringify([scope, cursor ?? null, index]), 'utf8').toString('base64url');
}

function decode(value: string, scope: string): [string | undefined, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] === scope) {
      const [, cursor, index] = parsed as [string, unknown, unknown];
      if (
        (cursor === null || typeof cursor === 'string') &&
        Number.isInteger(index) &&
        (index as number) >= 0
      ) {
        return [cursor ?? undefined, (index as number) + 1];
      }
    }
  } catch {
    // reported below
  }
  throw badInput(`\`after\` is not a cursor of ${scope}: pass a cursor it returned`, 'after');
}

/** Follows an upstream cursor from the first page to the last, keeping the items `keep` accepts. */
export async function readAllPages<T>(
  fetch: (cursor: string | undefined) => Promise<CursorPageResult<T>>,
  keep?: (item: T) => boolean,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    out.push(...(keep ? page.items.filter(keep) : page.items));
    cursor = page.items.length > 0 ? page.nextCursor : undefined;
  } while (cursor !== undefined);
  return out;
}
