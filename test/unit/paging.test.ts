import { describe, expect, it } from 'vitest';
import { type Page, pageAcross, type Segment } from '../../src/gateway/paging.js';

function segment(
  key: string,
  size: number,
  calls: string[] = [],
  pageBound = Number.POSITIVE_INFINITY,
): Segment<string> {
  const items = Array.from({ length: size }, (_, i) => `${key}${i}`);
  return {
    key,
    list: async ({ offset, limit }) => {
      calls.push(`${key}.list(${offset},${limit})`);
      const take = Math.min(limit, pageBound);
      return { items: items.slice(offset, offset + take), hasMore: offset + take < size };
    },
    count: async () => {
      calls.push(`${key}.count`);
      return size;
    },
  };
}

const options = { scope: 'test', defaultPageSize: 20, maxPageSize: 100, onSegmentFailure: () => {} };
/** Items whose identity is their name, in cursors signed for the list `all`. */
const byName = { ...options, identify: (item: string) => item, signature: 'all' };
const names = (page: Page<string>) => page.edges.map((e) => e.node);

async function walkForward(segments: Segment<string>[], first: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: Page<string> = await pageAcross(segments, { first, after }, options);
    seen.push(...names(page));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
  throw new Error('did not finish');
}

async function walkBackward(segments: Segment<string>[], last: number): Promise<string[]> {
  const seen: string[] = [];
  let before: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: Page<string> = await pageAcross(segments, { last, before }, options);
    seen.unshift(...names(page));
    if (!page.pageInfo.hasPreviousPage) return seen;
    before = page.pageInfo.startCursor;
  }
  throw new Error('did not finish');
}

describe('paging across providers', () => {
  it('walks forwards and backwards through every item once, across empty and uneven segments', async () => {
    for (const size of [1, 3, 7, 10, 25]) {
      const segments = [segment('a', 7), segment('b', 0), segment('c', 10), segment('d', 3)];
      const expected = [
        ...Array.from({ length: 7 }, (_, i) => `a${i}`),
        ...Array.from({ length: 10 }, (_, i) => `c${i}`),
        'd0',
        'd1',
        'd2',
      ];
      expect(await walkForward(segments, size)).toEqual(expected);
      expect(await walkBackward(segments, size)).toEqual(expected);
    }
  });

  it('keeps asking a segment that answers less than asked while it has more', async () => {
    const segments = [segment('a', 12, [], 5), segment('b', 2)];
    const page = await pageAcross(segments, { first: 13 }, options);
    expect(names(page)).toHaveLength(13);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('asks every segment at once, and says nothing of a failing one the page does not reach', async () => {
    const failures: string[] = [];
    const broken: Segment<string> = {
      key: 'x',
      list: () => Promise.reject(new Error('down')),
      count: () => Promise.reject(new Error('down')),
    };
    const calls: string[] = [];
    const report = { ...options, onSegmentFailure: (key: string) => failures.push(key) };
    const forward = await pageAcross([segment('a', 5, calls), broken], { first: 3 }, report);
    expect(names(forward)).toEqual(['a0', 'a1', 'a2']);
    const backward = await pageAcross([broken, segment('b', 5, calls)], { last: 3 }, report);
    expect(names(backward)).toEqual(['b2', 'b3', 'b4']);
    expect(failures).toEqual([]);
    expect((await backward.totalCount()) ?? 0).toBe(5);
    expect(failures).toEqual(['x']);
  });

  it('does not count the segments before a forward cursor', async () => {
    const calls: string[] = [];
    const segments = [segment('a', 5, calls), segment('b', 5, calls)];
    const first = await pageAcross(segments, { first: 6 }, options);
    calls.length = 0;
    const second = await pageAcross(segments, { first: 2, after: first.pageInfo.endCursor }, options);
    expect(names(second)).toEqual(['b1', 'b2']);
    expect(calls).toEqual(['b.list(1,2)']);
  });

  it('sums every segment for totalCount and leaves out a failing segment with a report', async () => {
    const failures: string[] = [];
    const broken: Segment<string> = {
      key: 'x',
      list: () => Promise.reject(new Error('down')),
      count: () => Promise.reject(new Error('down')),
    };
    const page = await pageAcross(
      [segment('a', 2), broken, segment('b', 3)],
      { first: 10 },
      {
        ...options,
        onSegmentFailure: (key) => failures.push(key),
      },
    );
    expect(names(page)).toEqual(['a0', 'a1', 'b0', 'b1', 'b2']);
    expect(await page.totalCount()).toBe(5);
    expect(failures).toEqual(['x', 'x']);
  });

  it('answers an empty page from the counts alone, standing at its cursor, counting each segment once', async () => {
    const calls: string[] = [];
    const segments = [segment('a', 3, calls), segment('b', 0, calls), segment('c', 2, calls)];
    const start = await pageAcross(segments, { first: 0 }, options);
    expect(start.edges).toEqual([]);
    expect(start.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
    expect(await start.totalCount()).toBe(5);
    expect(calls.sort()).toEqual(['a.count', 'b.count', 'c.count']);

    const two = await pageAcross(segments, { first: 3 }, options);
    const at = two.pageInfo.endCursor;
    calls.length = 0;
    const there = await pageAcross(segments, { first: 0, after: at }, options);
    expect(there.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: at,
      endCursor: at,
    });
    expect(calls.sort()).toEqual(['a.count', 'b.count', 'c.count']);
    expect(names(await pageAcross(segments, { first: 5, after: there.pageInfo.endCursor }, options))).toEqual(
      ['c0', 'c1'],
    );

    const last = (await pageAcross(segments, { first: 5, after: at }, options)).pageInfo.endCursor;
    const end = await pageAcross(segments, { first: 0, after: last }, options);
    expect(end.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: last,
      endCursor: last,
    });

    const back = await pageAcross(segments, { last: 0, before: at }, options);
    expect(back.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: at,
      endCursor: at,
    });
    expect(
      names(await pageAcross(segments, { last: 2, before: back.pageInfo.startCursor }, options)),
    ).toEqual(['a0', 'a1']);
    const fromEnd = await pageAcross(segments, { last: 0 }, options);
    expect(fromEnd.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
    expect((await pageAcross([segment('a', 0)], { last: 0 }, options)).pageInfo.hasPreviousPage).toBe(false);
  });

  it('refuses page sizes out of range, first with last, and foreign cursors', async () => {
    const segments = [segment('a', 2)];
    // The message says the bounds, never the value sent.
    const tooMany = await pageAcross(segments, { first: 101 }, options).catch((error: Error) => error);
    expect(tooMany).toBeInstanceOf(Error);
    expect((tooMany as Error).message).toBe('`first` must be between 0 and 100');
    await expect(pageAcross(segments, { last: -1 }, options)).rejects.toThrow(
      '`last` must be between 0 and 100',
    );
    await expect(pageAcross(segments, { first: 1, last: 1 }, options)).rejects.toMatchObject({
      message: 'Pass either `first` or `last`, not both',
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
    await expect(pageAcross(segments, { after: 'nonsense' }, options)).rejects.toThrow(
      '`after` is not a cursor of this connection',
    );
    const other = await pageAcross(segments, { first: 1 }, { ...options, scope: 'other' });
    await expect(pageAcross(segments, { after: other.pageInfo.endCursor }, options)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });

  it('says whether items lie before and after a page, in either direction, up to the very ends', async () => {
    const segments = [segment('a', 3), segment('b', 4)];
    const info = async (args: Parameters<typeof pageAcross>[1]) => {
      const page = await pageAcross(segments, args, options);
      return { names: names(page), ...page.pageInfo };
    };
    const start = await info({ first: 3 });
    expect(start).toMatchObject({ names: ['a0', 'a1', 'a2'], hasPreviousPage: false, hasNextPage: true });
    const middle = await info({ first: 2, after: start.endCursor });
    expect(middle).toMatchObject({ names: ['b0', 'b1'], hasPreviousPage: true, hasNextPage: true });
    // A page that ends exactly at the last item has nothing after it.
    const end = await info({ first: 2, after: middle.endCursor });
    expect(end).toMatchObject({ names: ['b2', 'b3'], hasPreviousPage: true, hasNextPage: false });
    expect(await info({ first: 7 })).toMatchObject({ hasPreviousPage: false, hasNextPage: false });

    const last = await info({ last: 3 });
    expect(last).toMatchObject({ names: ['b1', 'b2', 'b3'], hasPreviousPage: true, hasNextPage: false });
    const before = await info({ last: 2, before: last.startCursor });
    expect(before).toMatchObject({ names: ['a2', 'b0'], hasPreviousPage: true, hasNextPage: true });
    // A page that ends exactly at the first item, going backwards, has nothing before it.
    const first = await info({ last: 2, before: before.startCursor });
    expect(first).toMatchObject({ names: ['a0', 'a1'], hasPreviousPage: false, hasNextPage: true });
    expect(await info({ last: 7 })).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
  });

  it('refuses a cursor into a provider the query does not list, or at a place no page gave, without repeating it', async () => {
    const both = [segment('a', 3), segment('b', 3)];
    const inB = (await pageAcross(both, { first: 4 }, options)).pageInfo.endCursor as string;
    for (const argument of ['after', 'before'] as const) {
      const refusal = await pageAcross([segment('a', 3)], { [argument]: inB }, options).catch(
        (error: Error) => error,
      );
      expect(refusal).toMatchObject({
        message: `\`${argument}\` points into a provider this query does not list; start again without it`,
        extensions: { code: 'BAD_USER_INPUT', field: argument },
      });
    }
    const forged = (offset: unknown) =>
      Buffer.from(JSON.stringify(['test', 'a', offset])).toString('base64url');
    for (const offset of [-1, 1.5, '1', 2 ** 32 + 1]) {
      for (const argument of ['after', 'before'] as const) {
        const cursor = forged(offset);
        const refusal = await pageAcross(both, { [argument]: cursor }, options).catch(
          (error: Error) => error,
        );
        expect(refusal).toMatchObject({
          message: `\`${argument}\` is not a cursor of this connection: pass a cursor it returned`,
        });
        expect((refusal as Error).message).not.toContain(cursor);
      }
    }
    expect(names(await pageAcross(both, { first: 1, after: forged(0) }, options))).toEqual(['a1']);

    // Cursors of a list with identities, edited: a part added, an identity or a provider not a string.
    const real = (await pageAcross(both, { first: 1 }, byName)).pageInfo.endCursor as string;
    const parts = JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as unknown[];
    expect(parts).toEqual(['test', 'all', 'a', 0, 'a0']);
    for (const edited of [
      [...parts, 'a0'],
      ['test', 'all', 'a', 0, 0],
      ['test', 'all', 0, 0, 'a0'],
    ]) {
      const cursor = Buffer.from(JSON.stringify(edited)).toString('base64url');
      for (const argument of ['after', 'before'] as const) {
        await expect(pageAcross(both, { [argument]: cursor }, byName)).rejects.toMatchObject({
          message: `\`${argument}\` is not a cursor of this connection: pass a cursor it returned`,
          extensions: { code: 'BAD_USER_INPUT', field: argument },
        });
      }
    }
  });

  it('reads every segment a backward page may reach at once, one count and one read each, none it cannot', async () => {
    const calls: string[] = [];
    const segments = [segment('a', 5, calls), segment('b', 0, calls), segment('c', 5, calls)];
    const page = await pageAcross(segments, { last: 3 }, options);
    expect(names(page)).toEqual(['c2', 'c3', 'c4']);
    expect(calls.sort()).toEqual(['a.count', 'a.list(1,4)', 'b.count', 'c.count', 'c.list(1,4)']);

    const before = page.pageInfo.startCursor;
    calls.length = 0;
    const earlier = await pageAcross(segments, { last: 4, before }, options);
    expect(names(earlier)).toEqual(['a3', 'a4', 'c0', 'c1']);
    expect(calls.sort()).toEqual(['a.count', 'a.list(0,5)', 'b.count', 'c.list(0,2)']);

    // An empty page before the very first item has nothing before it, and counts nothing.
    const a0 = (await pageAcross(segments, { first: 1 }, options)).pageInfo.endCursor;
    calls.length = 0;
    const start = await pageAcross(segments, { last: 0, before: a0 }, options);
    expect(start.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(calls).toEqual([]);
    const later = await pageAcross(segments, { last: 0, before }, options);
    expect(later.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(calls.sort()).toEqual(['a.count', 'b.count']);
  });

  it('asks each segment once for the page, no item past it, and knows the next page from what they say', async () => {
    const calls: string[] = [];
    const segments = [segment('a', 3, calls), segment('b', 0, calls), segment('c', 2, calls)];
    // The page ends inside a segment, at a segment's end with more after it, and at the very end.
    for (const [first, last, more] of [
      [2, 'a1', true],
      [3, 'a2', true],
      [5, 'c1', false],
    ] as const) {
      calls.length = 0;
      const page = await pageAcross(segments, { first }, options);
      expect(names(page).at(-1)).toBe(last);
      expect(page.pageInfo.hasNextPage).toBe(more);
      expect(calls.sort()).toEqual([`a.list(0,${first})`, `b.list(0,${first})`, `c.list(0,${first})`]);
    }
    // From a cursor at a segment's end, on to the rest.
    const end = (await pageAcross(segments, { first: 3 }, options)).pageInfo.endCursor;
    calls.length = 0;
    const rest = await pageAcross(segments, { first: 2, after: end }, options);
    expect(names(rest)).toEqual(['c0', 'c1']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(calls.sort()).toEqual(['a.list(3,2)', 'b.list(0,2)', 'c.list(0,2)']);
  });

  it('reads on in a segment that answers less than asked, for no more than the page still needs', async () => {
    const calls: string[] = [];
    const page = await pageAcross(
      [segment('a', 12, calls, 5), segment('b', 2, calls)],
      { first: 10 },
      options,
    );
    expect(names(page)).toEqual(Array.from({ length: 10 }, (_, i) => `a${i}`));
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(calls).toEqual(['a.list(0,10)', 'b.list(0,10)', 'a.list(5,5)']);
    // A segment that says it has more but answers nothing ends its part of the page.
    const stuck: Segment<string> = {
      key: 's',
      list: async () => ({ items: [], hasMore: true }),
      count: async () => 0,
    };
    expect(names(await pageAcross([stuck, segment('b', 2)], { first: 5 }, options))).toEqual(['b0', 'b1']);
  });

  it('tells the edges certain to be on a forward page as they come, in order, each once', async () => {
    const told: string[][] = [];
    const page = await pageAcross(
      [segment('a', 2), segment('b', 2, [], 1), segment('c', 5)],
      { first: 4 },
      {
        ...options,
        onEdges: (edges) => told.push(edges.map((e) => e.node)),
      },
    );
    expect(names(page)).toEqual(['a0', 'a1', 'b0', 'b1']);
    expect(told).toEqual([['a0', 'a1'], ['b0'], ['b1']]);
  });

  it('says when every segment a page asked failed, reports each failure with its error, and has no count then', async () => {
    const reports: [string, unknown][] = [];
    const broken = (key: string): Segment<string> => ({
      key,
      list: () => Promise.reject(new Error(`${key} is down`)),
      count: () => Promise.reject(new Error(`${key} is down`)),
    });
    const report = {
      ...options,
      onSegmentFailure: (key: string, error: unknown) => reports.push([key, error]),
    };
    for (const args of [{ first: 3 }, { last: 3 }]) {
      reports.length = 0;
      const page = await pageAcross([broken('x'), broken('y')], args, report);
      expect(page.everySegmentFailed).toBe(true);
      expect(page.pageInfo).toMatchObject({ startCursor: null, endCursor: null });
      expect(await page.totalCount()).toBeNull();
      expect(reports.map(([key, error]) => [key, (error as Error).message])).toContainEqual([
        'x',
        'x is down',
      ]);
      const some = await pageAcross([broken('x'), segment('a', 2)], args, report);
      expect(some.everySegmentFailed).toBe(false);
      expect(await some.totalCount()).toBe(2);
    }
    const none = await pageAcross([], { first: 3 }, options);
    expect(none.everySegmentFailed).toBe(false);
    expect(await none.totalCount()).toBe(0);
  });

  it('pages on from an item with an identity where it now stands, either way, when items were added before it', async () => {
    const items = Array.from({ length: 10 }, (_, i) => `a${i}`);
    const list: Segment<string> = {
      key: 'a',
      list: async ({ offset, limit }) => ({
        items: items.slice(offset, offset + limit),
        hasMore: offset + limit < items.length,
      }),
      count: async () => items.length,
    };
    const forward = await pageAcross([list], { first: 3 }, byName);
    const backward = await pageAcross([list], { last: 3 }, byName);
    items.unshift('new0', 'new1');
    const next = await pageAcross([list], { first: 3, after: forward.pageInfo.endCursor }, byName);
    expect(names(next)).toEqual(['a3', 'a4', 'a5']);
    const previous = await pageAcross([list], { last: 3, before: backward.pageInfo.startCursor }, byName);
    expect(names(previous)).toEqual(['a4', 'a5', 'a6']);
    // Without a signature the cursors name no filter, and still lead on.
    const unsigned = { ...options, identify: (item: string) => item };
    const from = (await pageAcross([list], { first: 1 }, unsigned)).pageInfo.endCursor;
    expect(names(await pageAcross([list], { first: 1, after: from }, unsigned))).toEqual(['new1']);
  });

  it('pages through an unchanged list of items with identities in one read a page, either way', async () => {
    const calls: string[] = [];
    const list = listOf(
      Array.from({ length: 20 }, (_, i) => `a${i}`),
      calls,
    );
    // From a cursor, the read starts at its item, to check that it still stands there.
    let after: string | null = null;
    for (const [expected, read] of [
      [['a0', 'a1', 'a2'], ['a.list(0,3)']],
      [['a3', 'a4', 'a5'], ['a.list(2,4)']],
      [['a6', 'a7', 'a8'], ['a.list(5,4)']],
    ]) {
      calls.length = 0;
      const page: Page<string> = await pageAcross([list], { first: 3, after }, byName);
      expect(names(page)).toEqual(expected);
      expect(calls).toEqual(read);
      after = page.pageInfo.endCursor;
    }
    let before: string | null = null;
    for (const [expected, read] of [
      [
        ['a17', 'a18', 'a19'],
        ['a.count', 'a.list(16,4)'],
      ],
      [['a14', 'a15', 'a16'], ['a.list(13,5)']],
      [['a11', 'a12', 'a13'], ['a.list(10,5)']],
    ]) {
      calls.length = 0;
      const page: Page<string> = await pageAcross([list], { last: 3, before }, byName);
      expect(names(page)).toEqual(expected);
      expect(calls).toEqual(read);
      before = page.pageInfo.startCursor;
    }
  });

  it('pages on from an item with an identity that now stands first, either way, neither skipping nor reading before it', async () => {
    const calls: string[] = [];
    const items = Array.from({ length: 10 }, (_, i) => `a${i}`);
    const list = listOf(items, calls);
    const cursor = (await pageAcross([list], { first: 3 }, byName)).pageInfo.endCursor;
    items.splice(0, 2);
    const next = await pageAcross([list], { first: 3, after: cursor }, byName);
    expect(names(next)).toEqual(['a3', 'a4', 'a5']);
    calls.length = 0;
    const previous = await pageAcross([list], { last: 3, before: cursor }, byName);
    expect(names(previous)).toEqual([]);
    expect(previous.pageInfo.hasPreviousPage).toBe(false);
    // Where it stood, then around there; nothing lies before it, so nothing more is read.
    expect(calls).toEqual(['a.list(0,3)', 'a.list(0,103)']);
  });

  it('finds an item with an identity up to 100 places later, in one read around where it stood', async () => {
    const calls: string[] = [];
    const items = Array.from({ length: 200 }, (_, i) => `a${i}`);
    const list = listOf(items, calls);
    const upTo = await pageAcross([list], { first: 100 }, byName);
    const at150 = (await pageAcross([list], { first: 51, after: upTo.pageInfo.endCursor }, byName)).edges.at(
      -1,
    );
    expect(at150?.node).toBe('a150');
    items.unshift(...Array.from({ length: 100 }, (_, i) => `new${i}`));
    calls.length = 0;
    const next = await pageAcross([list], { first: 3, after: at150?.cursor }, byName);
    expect(names(next)).toEqual(['a151', 'a152', 'a153']);
    expect(calls).toEqual(['a.list(150,4)', 'a.list(50,201)', 'a.list(251,3)']);
    calls.length = 0;
    const previous = await pageAcross([list], { last: 3, before: at150?.cursor }, byName);
    expect(names(previous)).toEqual(['a147', 'a148', 'a149']);
    expect(calls).toEqual(['a.list(146,5)', 'a.list(50,201)', 'a.list(246,4)']);
  });
});

/** A segment over `items` as they stand when it is read, each read written to `calls`. */
function listOf(items: string[], calls: string[]): Segment<string> {
  return {
    key: 'a',
    list: async ({ offset, limit }) => {
      calls.push(`a.list(${offset},${limit})`);
      return { items: items.slice(offset, offset + limit), hasMore: offset + limit < items.length };
    },
    count: async () => {
      calls.push('a.count');
      return items.length;
    },
  };
}
