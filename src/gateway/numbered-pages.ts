import type { ListSlice, ListWindow } from './records.js';

/** One numbered page of an upstream that pages by `page` and `page_size` (RiverGen). */
export interface NumberedPage<T> {
  items: T[];
  totalItems: number;
}

/**
 * Cuts a window out of numbered pages, asking for as few items as it can. A window that fits in one
 * page of some size up to the upstream's largest is one call for the smallest such page
 * (`first: 20` asks for 21 items, not 100). A larger one is cut where the largest pages end, and
 * each part asked for in parallel as the smallest page that holds it: `first: 100` (101 items) is
 * page 1 of 100 and page 101 of 1, not two pages of 100.
 */
export async function windowFromNumberedPages<T>(
  window: ListWindow,
  largest: number,
  fetch: (page: number, pageSize: number) => Promise<NumberedPage<T>>,
): Promise<ListSlice<T> & { totalItems: number }> {
  if (window.limit === 0) {
    const first = await fetch(1, 1);
    return { items: [], hasMore: window.offset < first.totalItems, totalItems: first.totalItems };
  }
  const end = window.offset + window.limit;
  const parts: ListWindow[] = [];
  if (smallestPageHolding(window, largest) !== undefined) parts.push(window);
  else
    for (let at = window.offset; at < end; ) {
      const boundary = Math.min(end, (Math.floor(at / largest) + 1) * largest);
      parts.push({ offset: at, limit: boundary - at });
      at = boundary;
    }
  const slices = await Promise.all(
    parts.map(async (part) => {
      // Every part lies within one page of the largest size, so some page holds it.
      const size = smallestPageHolding(part, largest) ?? largest;
      const page = Math.floor(part.offset / size);
      const answer = await fetch(page + 1, size);
      const skip = part.offset - page * size;
      return { items: answer.items.slice(skip, skip + part.limit), totalItems: answer.totalItems };
    }),
  );
  const totalItems = slices[0]?.totalItems ?? Number.NaN;
  const items = slices.flatMap((slice) => slice.items);
  // Without a readable total, whether the list goes on is learnt by reading the one item after the window.
  const hasMore = Number.isFinite(totalItems)
    ? end < totalItems
    : items.length === window.limit && (await fetch(end + 1, 1)).items.length > 0;
  return { items, hasMore, totalItems };
}

/** The smallest page size, up to `largest`, for which the whole window is on one page. */
function smallestPageHolding(window: ListWindow, largest: number): number | undefined {
  const last = window.offset + window.limit - 1;
  for (let size = window.limit; size <= largest; size++)
    if (Math.floor(window.offset / size) === Math.floor(last / size)) return size;
  return undefined;
}
