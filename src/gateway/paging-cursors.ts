import { createHash } from 'node:crypto';
import { badInput } from './errors.js';
import type { ConnectionArgs, PagingOptions, Segment } from './paging.js';
import type { ListSlice } from './records.js';

/** A list the cursors below resume in: a provider's filtered data sources, for instance. */
interface Listed<T> {
  list(window: { offset: number; limit: number }): Promise<ListSlice<T>>;
}

/** How far either side of where a cursor's item stood it is looked for when the list has changed. */
const REACH = 100;

/**
 * Past any list's end, yet where offset arithmetic is exact: an offset a cursor cannot have been given,
 * and past which the windows cut from an upstream's numbered pages would lose precision and never end.
 */
const MAX_OFFSET = 2 ** 32;

/** Names a list's order and filter inside its cursors, short, whatever their size: a hash of `what`. */
export function signatureOf(what: unknown): string {
  return createHash('sha256').update(JSON.stringify(what)).digest('base64url').slice(0, 12);
}

/**
 * A cursor: base64url JSON of `[scope, key, offset]`, or, where items have an identity,
 * `[scope, signature, ...position]` with the signature naming the order and filter it was issued for.
 */
export function encodeCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** A cursor this connection did not return. */
export function notACursor(argument: 'after' | 'before'): Error {
  return badInput(`\`${argument}\` is not a cursor of this connection: pass a cursor it returned`, argument);
}

/** A cursor this connection returned for another order or filter. */
export function ofAnotherList(argument: 'after' | 'before'): Error {
  return badInput(
    `\`${argument}\` was returned for another \`orderBy\` or \`filter\`: pass the same ones, or start again without it`,
    argument,
  );
}

/**
 * The parts of a cursor after its scope, or an error naming the argument: not a cursor of this
 * connection, or one issued for another order or filter (`signature`), when `signature` is given.
 */
export function readCursor(
  cursor: string,
  argument: 'after' | 'before',
  scope: string,
  signature?: string,
): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed[0] !== scope || (parsed.length !== 3 && parsed.length !== 5)) {
    throw notACursor(argument);
  }
  if (signature !== undefined && parsed.length === 5 && parsed[1] !== signature) {
    throw ofAnotherList(argument);
  }
  return parsed.slice(1);
}

/** Where an item stands now: its index when found near where it stood, or that place when it is gone. */
async function locate<T>(
  list: Listed<T>,
  offset: number,
  id: string,
  identify: (item: T) => string,
): Promise<{ found: boolean; index: number }> {
  const from = Math.max(0, offset - REACH);
  const around = await list.list({ offset: from, limit: offset - from + REACH + 1 });
  const found = around.items.findIndex((item) => identify(item) === id);
  if (found >= 0) return { found: true, index: from + found };
  // Gone: what followed it now stands in its place, unless the list got shorter than that.
  return { found: false, index: Math.min(offset, from + around.items.length) };
}

/**
 * Up to `want` items after the item a cursor names, which stood at `offset`: one read from there
 * while nothing before it changed (the item is the read's first), and otherwise after the item
 * wherever it now stands, or from its place when it was removed, so none is skipped or repeated.
 */
export async function resumeAfter<T>(
  list: Listed<T>,
  offset: number,
  id: string,
  want: number,
  identify: (item: T) => string,
): Promise<{ offset: number; slice: ListSlice<T> }> {
  const read = await list.list({ offset, limit: want + 1 });
  const first = read.items[0];
  if (first !== undefined && identify(first) === id) {
    return { offset: offset + 1, slice: { items: read.items.slice(1), hasMore: read.hasMore } };
  }
  const { found, index } = await locate(list, offset, id, identify);
  const start = found ? index + 1 : index;
  return { offset: start, slice: await list.list({ offset: start, limit: want }) };
}

/** As resumeAfter, paging backwards: up to `want` items before the item, and where it stands (`end`). */
export async function resumeBefore<T>(
  list: Listed<T>,
  offset: number,
  id: string,
  want: number,
  identify: (item: T) => string,
): Promise<{ end: number; slice: ListSlice<T> }> {
  const start = Math.max(0, offset - want);
  const read = await list.list({ offset: start, limit: offset - start + 1 });
  const item = read.items[offset - start];
  if (item !== undefined && identify(item) === id) {
    return { end: offset, slice: { items: read.items.slice(0, offset - start), hasMore: true } };
  }
  const { index: end } = await locate(list, offset, id, identify);
  const from = Math.max(0, end - want);
  return {
    end,
    slice: end > from ? await list.list({ offset: from, limit: end - from }) : { items: [], hasMore: true },
  };
}

/** `first` and `last` as a page takes them, or an error naming the one out of bounds. */
export function checkPageSize(
  args: ConnectionArgs,
  maxPageSize: number,
): { first?: number | null; last?: number | null } {
  const { first, last } = args;
  if (first != null && last != null) throw badInput('Pass either `first` or `last`, not both', 'first');
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > maxPageSize)) {
      throw badInput(`\`${name}\` must be between 0 and ${maxPageSize}, got ${value}`, name);
    }
  }
  return { first, last };
}

/** Where a cursor of `pageAcross` stands: its segment, its offset there and, where items have one, its item. */
export function decodeCursor<T>(
  cursor: string,
  argument: 'after' | 'before',
  segments: readonly Segment<T>[],
  options: PagingOptions<T>,
): { index: number; offset: number; id?: string } {
  const parts = readCursor(
    cursor,
    argument,
    options.scope,
    options.identify ? (options.signature ?? '') : undefined,
  );
  const [key, offset, id] = parts.length === 2 ? parts : parts.slice(1);
  const index = segments.findIndex((segment) => segment.key === key);
  if (
    index >= 0 &&
    Number.isInteger(offset) &&
    (offset as number) >= 0 &&
    (offset as number) <= MAX_OFFSET &&
    (id === undefined || typeof id === 'string')
  )
    return { index, offset: offset as number, id: id as string | undefined };
  if (index < 0 && typeof key === 'string' && Number.isInteger(offset)) {
    throw badInput(
      `\`${argument}\` points into a provider this query does not list; start again without it`,
      argument,
    );
  }
  throw notACursor(argument);
}
