import { describe, expect, it } from 'vitest';
import { pageByUpstreamCursor, readAllPages } from '../../src/gateway/cursor-paging.js';
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
    calls.length = 0;
    // Over two upstream pages: the second is asked only for what the first left to fill.
    await pageByUpstreamCursor({ first: 150 }, upstream(333, calls));
    expect(calls).toEqual([
      [undefined, 100],
      ['100', 51],
    ]);
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

  it('says whether items lie before and after a page, a page ending at the last item having none after', async () => {
    const options = upstream(10);
    const start = await pageByUpstreamCursor({ first: 5 }, options);
    expect(start.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const end = await pageByUpstreamCursor({ first: 5, after: start.pageInfo.endCursor }, options);
    expect(end.edges.map((e) => e.node)).toEqual(['s5', 's6', 's7', 's8', 's9']);
    expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect((await pageByUpstreamCursor({ first: 10 }, options)).pageInfo.hasNextPage).toBe(false);
    expect((await pageByUpstreamCursor({}, upstream(11))).pageInfo.hasNextPage).toBe(true);
    expect(await start.totalCount()).toBe(10);
    expect((await pageByUpstreamCursor({ first: 5 }, upstream(0))).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('ends a page at an empty upstream page, whatever cursor came with it', async () => {
    let asked = 0;
    const page = await pageByUpstreamCursor(
      { first: 5 },
      {
        ...upstream(0),
        fetch: async () => {
          asked += 1;
          return { items: [], nextCursor: 'again' };
        },
      },
    );
    expect(page.edges).toEqual([]);
    expect(asked).toBe(1);
  });

  it('takes `first` from 0 to its maximum, and refuses it outside, saying the bounds only', async () => {
    expect((await pageByUpstreamCursor({ first: 500 }, upstream(600))).edges).toHaveLength(500);
    for (const first of [-1, 501]) {
      await expect(pageByUpstreamCursor({ first }, upstream(600))).rejects.toMatchObject({
        message: '`first` must be between 0 and 500',
        extensions: { code: 'BAD_USER_INPUT', field: 'first' },
      });
    }
  });

  it('refuses a cursor of another connection, or one at a place no page gave, without repeating it', async () => {
    const other = await pageByUpstreamCursor({ first: 1 }, { ...upstream(5), scope: 'others' });
    const forged = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    for (const cursor of [
      other.pageInfo.endCursor as string,
      forged(['things', null, -1]),
      forged(['things', null, 1.5]),
      forged(['things', 3, 0]),
      forged(['things', null]),
      forged(['things', null, 0, 'more']),
      forged({ 0: 'things', 1: null, 2: 0, length: 3 }),
    ]) {
      const refusal = await pageByUpstreamCursor({ after: cursor }, upstream(5)).catch((e: Error) => e);
      expect(refusal).toMatchObject({
        message: '`after` is not a cursor of things: pass a cursor it returned',
        extensions: { code: 'BAD_USER_INPUT', field: 'after' },
      });
      expect((refusal as Error).message).not.toContain(cursor);
    }
    const page = await pageByUpstreamCursor({ first: 2, after: forged(['things', '2', 0]) }, upstream(5));
    expect(page.edges.map((e) => e.node)).toEqual(['s3', 's4']);
  });

  it('reads every page of a full read to the last, keeping what it is asked to keep', async () => {
    const calls: [string | undefined, number][] = [];
    const options = upstream(250, calls);
    const all = await readAllPages((cursor) => options.fetch(cursor, 100));
    expect(all).toHaveLength(250);
    expect(calls.map(([cursor]) => cursor)).toEqual([undefined, '100', '200']);
    const even = await readAllPages(
      (cursor) => options.fetch(cursor, 100),
      (item) => Number(item.slice(1)) % 2 === 0,
    );
    expect(even).toHaveLength(125);
    expect(even.slice(0, 2)).toEqual(['s0', 's2']);
    // An empty page ends the read, whatever cursor came with it.
    let asked = 0;
    const stalled = await readAllPages(async () => {
      asked += 1;
      return { items: [], nextCursor: 'again' };
    });
    expect(stalled).toEqual([]);
    expect(asked).toBe(1);
  });
});
