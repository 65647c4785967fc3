import { describe, expect, it } from 'vitest';
import { windowFromNumberedPages } from '../../src/gateway/numbered-pages.js';

function upstream(total: number, calls: [number, number][]) {
  const items = Array.from({ length: total }, (_, i) => i);
  return async (page: number, pageSize: number) => {
    calls.push([page, pageSize]);
    return { items: items.slice((page - 1) * pageSize, page * pageSize), totalItems: total };
  };
}

describe('windows over numbered pages', () => {
  it('asks only the pages a window touches and cuts the window out of them', async () => {
    const calls: [number, number][] = [];
    const slice = await windowFromNumberedPages({ offset: 95, limit: 10 }, 100, upstream(300, calls));
    expect(slice.items).toEqual([95, 96, 97, 98, 99, 100, 101, 102, 103, 104]);
    expect(slice.hasMore).toBe(true);
    expect(slice.totalItems).toBe(300);
    expect(calls).toEqual([
      [1, 100],
      [2, 100],
    ]);
  });

  it('says where the list ends', async () => {
    const end = await windowFromNumberedPages({ offset: 290, limit: 20 }, 100, upstream(300, []));
    expect(end.items).toHaveLength(10);
    expect(end.hasMore).toBe(false);
  });
});
