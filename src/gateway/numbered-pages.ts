import type { ListSlice, ListWindow } from './records.js';

/** One numbered page of an upstream that pages by `page` and `page_size` (RiverGen). */
export interface NumberedPage<T> {
  items: T[];
  totalItems: number;
}

/**
 * Cuts a window out of numbered pages. A window that fits in one page of some size up to the
 * upstream's largest is one call for the smallest such page (`first: 20` asks for 21 items, not
 * 100); a larger one asks every page it touches, in parallel, at the largest size.
 */
export async function windowFromNumberedPages<T>(
  window: ListWindow,
  pageSize: number,
  fetch: (page: number, pageSize: number) => Promise<NumberedPage<T>>,
): Promise<ListSlice<T> & { totalItems: number }> {
  if (window.limit === 0) {
    const first = await fetch(1, 1);
    return { items: [], hasMore: window.offset < first.totalItems, totalItems: first.totalItems };
  }
  const size = smallestPageHolding(window, pageSize);
  if (size !== undefined) {
    const page = Math.floor(window.offset / size);
    const answer = await fetch(page + 1, size);
    const skip = window.offset - page * size;
    return {
      items: answer.items.slice(skip, skip + window.limit),
      hasMore: window.offset + window.limit < answer.totalItems,
      totalItems: answer.totalItems,
    };
  }
  const firstPage = Math.floor(window.offset / pageSize) + 1;
  const lastPage = Math.floor((window.offset + window.limit - 1) / pageSize) + 1;
  const pages = await Promise.all(
    Array.from({ length: lastPage - firstPage + 1 }, (_, i) => fetch(firstPage + i, pageSize)),
  );
  const items = pages.flatMap((page) => page.items);
  const skip = window.offset - (firstPage - 1) * pageSize;
  const totalItems = pages[0]?.totalItems ?? 0;
  return {
    items: items.slice(skip, skip + window.limit),
    hasMore: window.offset + window.limit < totalItems,
    totalItems,
  };
}

/** The smallest page size, up to `largest`, for which the whole window is on one page. */
function smallestPageHolding(window: ListWindow, largest: number): number | undefined {
  const last = window.offset + window.limit - 1;
  for (let size = window.limit; size <= largest; size++)
    if (Math.floor(window.offset / size) === Math.floor(last / size)) return size;
  return undefined;
}
