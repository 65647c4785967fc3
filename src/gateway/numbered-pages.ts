import type { ListSlice, ListWindow } from './records.js';

/** One numbered page of an upstream that pages by `page` and `page_size` (RiverGen). */
export interface NumberedPage<T> {
  items: T[];
  totalItems: number;
}

/**
 * Cuts a window out of numbered pages: asks only the pages the window touches, in parallel, at
 * the upstream's largest page size.
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
