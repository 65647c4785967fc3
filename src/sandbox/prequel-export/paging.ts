/** One page cut from an ordered list, with the cursor of the next page when there is one. */
export interface Page<T> {
  items: T[];
  nextCursor: string | undefined;
}

export interface PageRequest {
  pageSize: number;
  order: 'asc' | 'desc';
  cursor: string | undefined;
}

/** Thrown for a cursor this simulator did not issue; handlers answer 400 naming `cursor`. */
export class BadCursorError extends Error {}

/**
 * Cursor paging over items ordered by (sort key, id). A cursor is the position of the last item
 * sent, so items added or removed between pages never make one appear twice or vanish.
 */
export function cutPage<T>(
  items: readonly T[],
  key: (item: T) => [string, string],
  request: PageRequest,
): Page<T> {
  const sign = request.order === 'asc' ? 1 : -1;
  const sorted = [...items].sort((a, b) => sign * compare(key(a), key(b)));
  let start = 0;
  if (request.cursor !== undefined) {
    const after = decodeCursor(request.cursor);
    start = sorted.findIndex((item) => sign * compare(key(item), after) > 0);
    if (start === -1) start = sorted.length;
  }
  const slice = sorted.slice(start, start + request.pageSize);
  const last = slice.at(-1);
  const more = start + slice.length < sorted.length;
  return { items: slice, nextCursor: more && last !== undefined ? encodeCursor(key(last)) : undefined };
}

function compare(a: [string, string], b: [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}

function encodeCursor(position: [string, string]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return [String(value[0]), String(value[1])];
    }
  } catch {
    // falls through to the error below
  }
  throw new BadCursorError('is not a cursor this API issued');
}
