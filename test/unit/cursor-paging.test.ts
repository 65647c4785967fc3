import { describe, expect, it } from 'vitest';
import { pageByUpstreamCursor } from '../../src/gateway/cursor-paging.js';
import type { Page } from '../../src/gateway/paging.js';

/** An upstream like Prequel's: a cursor is the position after which the next page starts. */
function upstream(total: number, calls: [string | undefined, number][] = []) {
  const items = Array.from({ length: total }, (_, i) => `s${i}`);
  return {
    scope: 'things',
    defaultPageSize: 10,
    maxPageSize: 500,
    upstreamPageSize: 100,
    fetch: async (cursor: string | undefined, pageSize: number) => {
      calls.push([cursor, pageSize]);
      const start = cursor === undefined ? 0 : Number(cursor);
      const slice = items.slice(start, start + pageSize);
      const end = start + slice.length;
      return { items: slice, nextCursor: end < total ? String(end) : undefined };
    },
    count: async () => total,
  };
}

describe('paging over an upstream cursor', () => {
  it('walks every item once whatever the page size, across upstream page bounds', async () => {
    for (const first of [1, 7, 100, 250]) {
      const options = upstream(333);
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 1000; guard++) {
        const page: Page<string> = await pageByUpstreamCursor({ first, after }, options);
        seen.push(...page.edges.map((e) => e.node));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(Array.from({ length: 333 }, (_, i) => `s${i}`));
    }
  });

  it('asks the upstream for no more than it needs', async () => {
    const calls: [string | undefined, number][] = [];
    const page = await pageByUpstreamCursor({ first: 5 }, upstream(50, calls));
    expect(page.edges).toHaveLength(5);
    expect(calls).toEqual([[undefined, 6]]);
  });

  it('answers `first: 0` at the start from the count alone, and after a cursor from one item read', async () => {
    const calls: [string | undefined, number][] = [];
    const options = upstream(150, calls);
    const start = await pageByUpstreamCursor({ first: 0 }, options);
    expect(start.edges).toEqual([]);
    expect(start.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
    expect(calls).toEqual([]);
    expect(await pageByUpstreamCursor({ first: 0 }, upstream(0))).toMatchObject({
      pageInfo: { hasNextPage: false },
    });

    const at = (await pageByUpstreamCursor({ first: 99 }, options)).pageInfo.endCursor;
    calls.length = 0;
    const there = await pageByUpstreamCursor({ first: 0, after: at }, options);
    expect(there.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: at,
      endCursor: at,
    });
    expect(calls).toEqual([[undefined, 100]]);
    const next = await pageByUpstreamCursor({ first: 2, after: there.pageInfo.endCursor }, options);
    expect(next.edges.map((e) => e.node)).toEqual(['s99', 's100']);

    const end = (await pageByUpstreamCursor({ first: 51, after: at }, options)).pageInfo.endCursor;
    expect(await pageByUpstreamCursor({ first: 0, after: end }, options)).toMatchObject({
      edges: [],
      pageInfo: { hasNextPage: false, startCursor: end, endCursor: end },
    });
  });

  it('refuses foreign cursors with a clear error', async () => {
    await expect(pageByUpstreamCursor({ after: 'eyJ4Ijox' }, upstream(5))).rejects.toThrow(
      '`after` is not a cursor of things',
    );
  });
});
