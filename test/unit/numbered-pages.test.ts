import { describe, expect, it } from 'vitest';
import { windowFromNumberedPages } from '../../src/gateway/numbered-pages.js';

/** Numbered pages over `total` items; with `told: false` the answers carry no readable total. */
function upstream(total: number, calls: [number, number][], told = true) {
  const items = Array.from({ length: total }, (_, i) => i);
  return async (page: number, pageSize: number) => {
    calls.push([page, pageSize]);
    return {
      items: items.slice((page - 1) * pageSize, page * pageSize),
      totalItems: told ? total : Number.NaN,
    };
  };
}

describe('windows over numbered pages', () => {
  it('asks one page, the smallest that holds the whole window', async () => {
    const calls: [number, number][] = [];
    const slice = await windowFromNumberedPages({ offset: 95, limit: 10 }, 100, upstream(300, calls));
    expect(slice.items).toEqual([95, 96, 97, 98, 99, 100, 101, 102, 103, 104]);
    expect(slice.hasMore).toBe(true);
    expect(slice.totalItems).toBe(300);
    // Page 7 of 15 is items 90-104.
    expect(calls).toEqual([[7, 15]]);

    const first: [number, number][] = [];
    const top = await windowFromNumberedPages({ offset: 0, limit: 21 }, 100, upstream(300, first));
    expect(top.items).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(first).toEqual([[1, 21]]);
  });

  it('cuts a larger window where the largest pages end, each part the smallest page holding it', async () => {
    const calls: [number, number][] = [];
    const slice = await windowFromNumberedPages({ offset: 50, limit: 201 }, 100, upstream(300, calls));
    expect(slice.items).toEqual(Array.from({ length: 201 }, (_, i) => 50 + i));
    expect(slice.hasMore).toBe(true);
    // 50-99 is page 2 of 50, 100-199 page 2 of 100, and 200-250 page 4 of 63 (items 189-251).
    expect(calls).toEqual([
      [2, 50],
      [2, 100],
      [4, 63],
    ]);

    const hundred: [number, number][] = [];
    const top = await windowFromNumberedPages({ offset: 0, limit: 101 }, 100, upstream(300, hundred));
    expect(top.items).toEqual(Array.from({ length: 101 }, (_, i) => i));
    expect(hundred).toEqual([
      [1, 100],
      [101, 1],
    ]);
  });

  it('says where the list ends', async () => {
    const end = await windowFromNumberedPages({ offset: 290, limit: 20 }, 100, upstream(300, []));
    expect(end.items).toHaveLength(10);
    expect(end.hasMore).toBe(false);
    // A window that ends at the last item has nothing after it; one item short of it has.
    expect((await windowFromNumberedPages({ offset: 280, limit: 20 }, 100, upstream(300, []))).hasMore).toBe(
      false,
    );
    expect((await windowFromNumberedPages({ offset: 279, limit: 20 }, 100, upstream(300, []))).hasMore).toBe(
      true,
    );
  });

  it('without a readable total, reads the one item after a full window to say whether more follow', async () => {
    const calls: [number, number][] = [];
    const more = await windowFromNumberedPages({ offset: 279, limit: 20 }, 100, upstream(300, calls, false));
    expect(more.items).toEqual(Array.from({ length: 20 }, (_, i) => 279 + i));
    expect(more.hasMore).toBe(true);
    // Items 279-298 are on page 13 of 23 (items 276-298); item 299 is page 300 of 1.
    expect(calls).toEqual([
      [13, 23],
      [300, 1],
    ]);

    const last: [number, number][] = [];
    const atEnd = await windowFromNumberedPages({ offset: 280, limit: 20 }, 100, upstream(300, last, false));
    expect(atEnd.items).toHaveLength(20);
    expect(atEnd.hasMore).toBe(false);
    expect(last).toEqual([
      [15, 20],
      [301, 1],
    ]);

    // A window the upstream could not fill ends the list: nothing more is asked.
    const short: [number, number][] = [];
    const cut = await windowFromNumberedPages({ offset: 290, limit: 20 }, 100, upstream(300, short, false));
    expect(cut.items).toHaveLength(10);
    expect(cut.hasMore).toBe(false);
    expect(short).toHaveLength(1);
  });

  it('answers an empty window, as a count asks, from a page of one item', async () => {
    const calls: [number, number][] = [];
    const count = await windowFromNumberedPages({ offset: 0, limit: 0 }, 100, upstream(300, calls));
    expect(count).toEqual({ items: [], hasMore: true, totalItems: 300 });
    expect(calls).toEqual([[1, 1]]);
    expect(await windowFromNumberedPages({ offset: 300, limit: 0 }, 100, upstream(300, []))).toEqual({
      items: [],
      hasMore: false,
      totalItems: 300,
    });
    expect(await windowFromNumberedPages({ offset: 0, limit: 0 }, 100, upstream(0, []))).toEqual({
      items: [],
      hasMore: false,
      totalItems: 0,
    });
  });
});
