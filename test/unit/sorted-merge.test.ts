import { describe, expect, it } from 'vitest';
import type { ConnectionArgs, Page } from '../../src/gateway/paging.js';
import type { DataSourceRecord } from '../../src/gateway/records.js';
import {
  type DataSourceOrder,
  pageSorted,
  type SortedPagingOptions,
  type SortedSource,
} from '../../src/gateway/sorted-merge.js';
import type { Vendor } from '../../src/gateway/vendor.js';

/** The providers in the order of the Provider enum: where each stands among ties and by PROVIDER. */
const RANKS = ['pdc', 'rivergen', 'prequel'];

function record(
  provider: string,
  nativeId: string,
  name: string,
  vendor: Vendor,
  updatedAt: string | null,
): DataSourceRecord {
  return {
    typename: 'TestDataSource',
    provider,
    nativeId,
    name,
    vendor,
    rawVendor: vendor.toLowerCase(),
    host: null,
    port: null,
    database: null,
    schema: null,
    createdAt: null,
    updatedAt,
    status: null,
  };
}

/** Ties on every field, native ids whose text order is not their number order, no update time. */
function catalogue(): DataSourceRecord[] {
  return [
    record('pdc', 'p1', 'alpha', 'POSTGRES', '2024-01-03T00:00:00Z'),
    record('pdc', 'p2', 'Beta', 'MYSQL', null),
    record('pdc', 'p3', 'beta', 'POSTGRES', '2024-01-02T00:00:00Z'),
    record('pdc', 'p10', 'alpha', 'MYSQL', '2024-01-01T00:00:00Z'),
    record('rivergen', '9', 'beta', 'POSTGRES', '2024-01-03T00:00:00Z'),
    record('rivergen', '10', 'Alpha', 'ORACLE', null),
    record('rivergen', '100', 'gamma', 'POSTGRES', '2024-01-02T00:00:00Z'),
    record('prequel', 'a', 'delta', 'MYSQL', '2024-01-01T00:00:00Z'),
    record('prequel', 'b', 'ALPHA', 'POSTGRES', '2024-01-05T00:00:00Z'),
  ];
}

/** The catalogue by update time, oldest first, those without one last. */
const UPDATED_ASCENDING = [
  'pdc:p10',
  'prequel:a',
  'pdc:p3',
  'rivergen:100',
  'pdc:p1',
  'rivergen:9',
  'prequel:b',
  'pdc:p2',
  'rivergen:10',
];

/** Every order, and what it lists, as docs/clients.md states it: the value (none last), then provider, then native id. */
const EXPECTED: [DataSourceOrder, string[]][] = [
  [
    { field: 'NAME', direction: 'asc' },
    [
      'pdc:p1',
      'pdc:p10',
      'rivergen:10',
      'prequel:b',
      'pdc:p2',
      'pdc:p3',
      'rivergen:9',
      'prequel:a',
      'rivergen:100',
    ],
  ],
  [
    { field: 'VENDOR', direction: 'asc' },
    [
      'pdc:p2',
      'pdc:p10',
      'prequel:a',
      'rivergen:10',
      'pdc:p1',
      'pdc:p3',
      'rivergen:9',
      'rivergen:100',
      'prequel:b',
    ],
  ],
  [{ field: 'UPDATED_AT', direction: 'asc' }, UPDATED_ASCENDING],
  [
    { field: 'UPDATED_AT', direction: 'desc' },
    [
      'prequel:b',
      'rivergen:9',
      'pdc:p1',
      'rivergen:100',
      'pdc:p3',
      'prequel:a',
      'pdc:p10',
      'rivergen:10',
      'pdc:p2',
    ],
  ],
  [
    { field: 'PROVIDER', direction: 'asc' },
    [
      'pdc:p1',
      'pdc:p2',
      'pdc:p3',
      'pdc:p10',
      'rivergen:9',
      'rivergen:10',
      'rivergen:100',
      'prequel:a',
      'prequel:b',
    ],
  ],
];
// With every record holding a value, descending is ascending read backwards, ties included.
for (const field of ['NAME', 'VENDOR', 'PROVIDER'] as const) {
  const ascending = EXPECTED.find(([order]) => order.field === field)?.[1] ?? [];
  EXPECTED.push([{ field, direction: 'desc' }, [...ascending].reverse()]);
}

/** Each provider's records, read from a list the test may change between two pages. */
function sourcesOf(
  records: DataSourceRecord[],
  failing: readonly string[] = [],
): SortedSource<DataSourceRecord>[] {
  // Listed out of rank order: the order of the sources is not the order of the providers.
  return ['prequel', 'pdc', 'rivergen'].map((key) => ({
    key,
    all: async () => {
      if (failing.includes(key)) throw new Error(`${key} is down`);
      return records.filter((r) => r.provider === key);
    },
  }));
}

function optionsFor(
  order: DataSourceOrder,
  extra: Partial<SortedPagingOptions<DataSourceRecord>> = {},
): SortedPagingOptions<DataSourceRecord> {
  return {
    scope: 'dataSources',
    signature: `${order.field}-${order.direction}`,
    defaultPageSize: 4,
    maxPageSize: 50,
    onSegmentFailure: () => {},
    order,
    rank: (provider) => RANKS.indexOf(provider),
    ...extra,
  };
}

const ids = (page: Page<DataSourceRecord>) => page.edges.map((e) => `${e.node.provider}:${e.node.nativeId}`);

async function walk(
  sources: SortedSource<DataSourceRecord>[],
  options: SortedPagingOptions<DataSourceRecord>,
  direction: 'forward' | 'backward',
  size: number,
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const args: ConnectionArgs =
      direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor };
    const page: Page<DataSourceRecord> = await pageSorted(sources, args, options);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    expect(await page.totalCount()).toBe(9);
    const { hasNextPage, hasPreviousPage } = page.pageInfo;
    expect(direction === 'forward' ? hasPreviousPage : hasNextPage).toBe(cursor !== null);
    if (direction === 'forward') seen.push(...ids(page));
    else seen.unshift(...ids(page));
    if (!(direction === 'forward' ? hasNextPage : hasPreviousPage)) return seen;
    expect(page.edges).toHaveLength(size);
    cursor = direction === 'forward' ? page.pageInfo.endCursor : page.pageInfo.startCursor;
  }
  throw new Error('paging did not end');
}

/** The cursor of one record in a page of the whole list. */
async function cursorOf(id: string, options: SortedPagingOptions<DataSourceRecord>): Promise<string> {
  const page = await pageSorted(sourcesOf(catalogue()), { first: 50 }, options);
  const edge = page.edges.find((e) => `${e.node.provider}:${e.node.nativeId}` === id);
  if (!edge) throw new Error(`${id} is not listed`);
  return edge.cursor;
}

/** A cursor as a client that edits one by hand makes it: its JSON parts changed. */
function edited(cursor: string, change: (parts: unknown[]) => unknown[]): string {
  const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
  return Buffer.from(JSON.stringify(change(parts)), 'utf8').toString('base64url');
}

describe('a sorted merge of every provider’s data sources', () => {
  it.each(EXPECTED)(
    'lists $field $direction in the stated order, whole in one page',
    async (order, expected) => {
      const page = await pageSorted(sourcesOf(catalogue()), { first: 50 }, optionsFor(order));
      expect(ids(page)).toEqual(expected);
      expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
      expect(page.everySegmentFailed).toBe(false);
    },
  );

  it.each(EXPECTED)(
    'pages through $field $direction forwards and backwards, every record once, at every page size',
    async (order, expected) => {
      for (const size of [1, 2, 4, 9]) {
        expect(await walk(sourcesOf(catalogue()), optionsFor(order), 'forward', size)).toEqual(expected);
        expect(await walk(sourcesOf(catalogue()), optionsFor(order), 'backward', size)).toEqual(expected);
      }
    },
  );

  it('pages the same way with cursors signed for no filter at all', async () => {
    const options = optionsFor({ field: 'NAME', direction: 'asc' }, { signature: undefined });
    const [, expected] = EXPECTED[0] as [DataSourceOrder, string[]];
    expect(await walk(sourcesOf(catalogue()), options, 'forward', 2)).toEqual(expected);
    expect(await walk(sourcesOf(catalogue()), options, 'backward', 2)).toEqual(expected);
  });

  it('sorts names as their lower case does, so an underscore comes before any letter', async () => {
    const records = [
      record('pdc', 'p1', 'DataLake', 'POSTGRES', null),
      record('pdc', 'p2', 'data_lake', 'POSTGRES', null),
      record('rivergen', '1', 'Data[Lake]', 'POSTGRES', null),
    ];
    const page = await pageSorted(sourcesOf(records), {}, optionsFor({ field: 'NAME', direction: 'asc' }));
    expect(ids(page)).toEqual(['rivergen:1', 'pdc:p2', 'pdc:p1']);
  });

  it('gives the default page size when neither first nor last is given, and refuses a page past the bound', async () => {
    const options = optionsFor({ field: 'PROVIDER', direction: 'asc' });
    const page = await pageSorted(sourcesOf(catalogue()), {}, options);
    expect(ids(page)).toEqual(['pdc:p1', 'pdc:p2', 'pdc:p3', 'pdc:p10']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    await expect(pageSorted(sourcesOf(catalogue()), { first: 51 }, options)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
    await expect(pageSorted(sourcesOf(catalogue()), { last: 51 }, options)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'last' },
    });
  });

  it('lists what lies between an after and a before cursor, first ones or last ones', async () => {
    const options = optionsFor({ field: 'UPDATED_AT', direction: 'asc' });
    const after = await cursorOf('prequel:a', options);
    const before = await cursorOf('prequel:b', options);
    const between = await pageSorted(sourcesOf(catalogue()), { first: 10, after, before }, options);
    expect(ids(between)).toEqual(['pdc:p3', 'rivergen:100', 'pdc:p1', 'rivergen:9']);
    expect(between.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const firstTwo = await pageSorted(sourcesOf(catalogue()), { first: 2, after, before }, options);
    expect(ids(firstTwo)).toEqual(['pdc:p3', 'rivergen:100']);
    const lastTwo = await pageSorted(sourcesOf(catalogue()), { last: 2, after, before }, options);
    expect(ids(lastTwo)).toEqual(['pdc:p1', 'rivergen:9']);
    expect(lastTwo.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    // Past the last item, or before the first: nothing there, and no error.
    const lastOnes = await pageSorted(sourcesOf(catalogue()), { last: 10, after }, options);
    expect(ids(lastOnes)).toEqual(UPDATED_ASCENDING.slice(2));
    expect(lastOnes.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('answers an empty page, not an error, when the after cursor stands past the before one', async () => {
    const options = optionsFor({ field: 'NAME', direction: 'desc' });
    const after = await cursorOf('pdc:p3', options);
    const before = await cursorOf('rivergen:100', options);
    for (const args of [
      { first: 3, after, before },
      { last: 3, after, before },
    ]) {
      const page = await pageSorted(sourcesOf(catalogue()), args, options);
      expect(page.edges).toEqual([]);
      expect(page.pageInfo).toMatchObject({ startCursor: null, endCursor: null });
    }
  });

  it('stands an empty page of first: 0 or last: 0 where its cursor does, and at no cursor without one', async () => {
    const options = optionsFor({ field: 'VENDOR', direction: 'asc' });
    const after = await cursorOf('rivergen:10', options);
    const before = await cursorOf('pdc:p3', options);
    const none = await pageSorted(sourcesOf(catalogue()), { first: 0, after }, options);
    expect(none.edges).toEqual([]);
    expect(none.pageInfo).toMatchObject({ startCursor: after, endCursor: after, hasNextPage: true });
    const next = await pageSorted(
      sourcesOf(catalogue()),
      { first: 2, after: none.pageInfo.endCursor },
      options,
    );
    expect(ids(next)).toEqual(['pdc:p1', 'pdc:p3']);
    const noneBack = await pageSorted(sourcesOf(catalogue()), { last: 0, before, after }, options);
    expect(noneBack.pageInfo).toMatchObject({ startCursor: before, endCursor: before });
    const previous = await pageSorted(
      sourcesOf(catalogue()),
      { last: 2, before: noneBack.pageInfo.startCursor },
      options,
    );
    expect(ids(previous)).toEqual(['rivergen:10', 'pdc:p1']);
    for (const args of [{ first: 0 }, { last: 0 }, { last: 0, after }, { first: 0, before }]) {
      const page = await pageSorted(sourcesOf(catalogue()), args, options);
      expect(page.pageInfo).toMatchObject({ startCursor: null, endCursor: null });
    }
    // An empty list's page of some size stands at no cursor either.
    const empty = await pageSorted(sourcesOf([]), { first: 3, after }, options);
    expect(empty.pageInfo).toMatchObject({ startCursor: null, endCursor: null, hasNextPage: false });
  });

  it('pages on from a cursor right after its record, though its record and others were deleted or added meanwhile', async () => {
    const order: DataSourceOrder = { field: 'NAME', direction: 'asc' };
    const records = catalogue();
    const sources = sourcesOf(records);
    const first = await pageSorted(sources, { first: 3 }, optionsFor(order));
    expect(ids(first)).toEqual(['pdc:p1', 'pdc:p10', 'rivergen:10']);
    const remove = (id: string) =>
      records.splice(
        records.findIndex((r) => `${r.provider}:${r.nativeId}` === id),
        1,
      );
    remove('rivergen:10');
    remove('pdc:p1');
    records.push(record('pdc', 'p0', 'aardvark', 'MYSQL', null));
    records.push(record('rivergen', '11', 'ALPHA', 'MYSQL', null));
    const next = await pageSorted(sources, { first: 3, after: first.pageInfo.endCursor }, optionsFor(order));
    expect(ids(next)).toEqual(['rivergen:11', 'prequel:b', 'pdc:p2']);
    expect(next.pageInfo.hasPreviousPage).toBe(true);
    const back = await pageSorted(sources, { last: 3, before: next.pageInfo.startCursor }, optionsFor(order));
    expect(ids(back)).toEqual(['pdc:p0', 'pdc:p10']);
    expect(back.pageInfo.hasPreviousPage).toBe(false);
    // The deleted record's own cursor pages back to what stood before it.
    const beforeGone = await pageSorted(
      sources,
      { last: 5, before: first.pageInfo.endCursor },
      optionsFor(order),
    );
    expect(ids(beforeGone)).toEqual(['pdc:p0', 'pdc:p10']);
  });

  it('pages on from the cursor of a record with no update time, in either direction', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const options = optionsFor({ field: 'UPDATED_AT', direction });
      const after = await cursorOf('pdc:p2', options);
      const page = await pageSorted(sourcesOf(catalogue()), { first: 5, after }, options);
      expect(ids(page)).toEqual(['rivergen:10'].slice(direction === 'asc' ? 0 : 1));
      const before = await pageSorted(sourcesOf(catalogue()), { last: 1, before: after }, options);
      expect(ids(before)).toEqual([direction === 'asc' ? 'prequel:b' : 'rivergen:10']);
    }
  });

  it('leaves a failing provider out, naming it, the others still merged and counted', async () => {
    const failures: [string, unknown][] = [];
    const options = optionsFor(
      { field: 'PROVIDER', direction: 'desc' },
      { onSegmentFailure: (key, error) => failures.push([key, error]) },
    );
    const page = await pageSorted(sourcesOf(catalogue(), ['rivergen']), { first: 50 }, options);
    expect(ids(page)).toEqual(['prequel:b', 'prequel:a', 'pdc:p10', 'pdc:p3', 'pdc:p2', 'pdc:p1']);
    expect(failures).toEqual([['rivergen', new Error('rivergen is down')]]);
    expect(page.everySegmentFailed).toBe(false);
    expect(await page.totalCount()).toBe(6);
  });

  it('says when every provider failed, counting nothing, and an empty list of providers is no failure', async () => {
    const options = optionsFor({ field: 'NAME', direction: 'asc' });
    const failed = await pageSorted(sourcesOf(catalogue(), ['pdc', 'rivergen', 'prequel']), {}, options);
    expect(failed.edges).toEqual([]);
    expect(failed.everySegmentFailed).toBe(true);
    expect(await failed.totalCount()).toBeNull();
    const nothing = await pageSorted([], {}, options);
    expect(nothing.everySegmentFailed).toBe(false);
    expect(await nothing.totalCount()).toBe(0);
    expect(nothing.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  describe('refuses a cursor, naming the argument', () => {
    const options = optionsFor({ field: 'UPDATED_AT', direction: 'asc' });

    async function refusal(cursor: string, argument: 'after' | 'before'): Promise<unknown> {
      const args = argument === 'after' ? { first: 2, after: cursor } : { last: 2, before: cursor };
      return pageSorted(sourcesOf(catalogue()), args, options).then(
        () => undefined,
        (error: unknown) => error,
      );
    }

    it('returned for another order or filter', async () => {
      const other = await cursorOf('pdc:p3', optionsFor({ field: 'UPDATED_AT', direction: 'desc' }));
      for (const argument of ['after', 'before'] as const) {
        expect(await refusal(other, argument)).toMatchObject({
          message: expect.stringContaining('another `orderBy` or `filter`'),
          extensions: { code: 'BAD_USER_INPUT', field: argument },
        });
      }
    });

    it('of the list in the upstreams’ own order, whose cursors name an offset', async () => {
      const unsorted = Buffer.from(JSON.stringify(['dataSources', 'pdc', 3]), 'utf8').toString('base64url');
      expect(await refusal(unsorted, 'after')).toMatchObject({
        message: expect.stringContaining('another `orderBy` or `filter`'),
        extensions: { field: 'after' },
      });
    });

    it('edited by hand: a provider that is not configured, a value of another type, an id that is not text', async () => {
      const cursor = await cursorOf('rivergen:9', options);
      expect(await refusal(cursor, 'after')).toBeUndefined();
      const nulled = edited(cursor, ([scope, signature, , provider, id]) => [
        scope,
        signature,
        null,
        provider,
        id,
      ]);
      expect(await refusal(nulled, 'after')).toBeUndefined();
      for (const change of [
        (parts: unknown[]) => parts.with(3, 'nowhere'),
        (parts: unknown[]) => parts.with(3, 7),
        (parts: unknown[]) => parts.with(2, '2024-01-03'),
        (parts: unknown[]) => parts.with(4, 9),
      ]) {
        for (const argument of ['after', 'before'] as const) {
          expect(await refusal(edited(cursor, change), argument)).toMatchObject({
            message: expect.stringContaining('not a cursor of this connection'),
            extensions: { code: 'BAD_USER_INPUT', field: argument },
          });
        }
      }
    });

    it('edited by hand under a text order: a number where a name stands', async () => {
      const byName = optionsFor({ field: 'NAME', direction: 'asc' });
      const cursor = await cursorOf('pdc:p1', byName);
      const changed = edited(cursor, (parts) => parts.with(2, 5));
      await expect(pageSorted(sourcesOf(catalogue()), { after: changed }, byName)).rejects.toMatchObject({
        message: expect.stringContaining('not a cursor of this connection'),
      });
      const byProvider = optionsFor({ field: 'PROVIDER', direction: 'asc' });
      const rankCursor = edited(await cursorOf('pdc:p1', byProvider), (parts) => parts.with(2, 'pdc'));
      await expect(
        pageSorted(sourcesOf(catalogue()), { after: rankCursor }, byProvider),
      ).rejects.toMatchObject({
        message: expect.stringContaining('not a cursor of this connection'),
      });
    });
  });
});
