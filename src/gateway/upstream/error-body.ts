/**
 * How much of an upstream's error body a provider reads. The body comes from outside: it may nest
 * as deep as a JSON parser goes (a recursive reader would overflow the stack) and hold megabytes of
 * text (the field-splitting patterns slow down on long text). What lies past these bounds is not read.
 */
export const ERROR_BODY_BOUNDS = {
  /** Levels of nesting below the body itself. */
  depth: 8,
  /** Values looked at in all, and items taken from any one list or object. */
  values: 64,
  /** Characters kept of one text, and of a message joined from several. */
  chars: 2_000,
} as const;

/** `text` cut to the characters an error body's reader keeps. */
export function clipped(text: string): string {
  return text.length > ERROR_BODY_BOUNDS.chars ? text.slice(0, ERROR_BODY_BOUNDS.chars) : text;
}

/** What one value of an error body holds: its own parts, and values nested in it to read next, in order. */
export interface ErrorBodyNode<Part> {
  parts?: readonly Part[];
  nested?: readonly unknown[];
}

/**
 * The parts `read` finds in `body`, depth first and in the body's order, without recursion: it stops
 * at the bounds above, so a hostile body costs at most a few dozen steps.
 */
export function partsOfErrorBody<Part>(body: unknown, read: (value: unknown) => ErrorBodyNode<Part>): Part[] {
  const { depth: maxDepth, values: maxValues } = ERROR_BODY_BOUNDS;
  const parts: Part[] = [];
  const pending: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  for (let seen = 0; seen < maxValues && parts.length < maxValues; seen++) {
    const next = pending.pop();
    if (next === undefined) break;
    const node = read(next.value);
    if (node.parts) parts.push(...node.parts.slice(0, maxValues - parts.length));
    if (node.nested && next.depth < maxDepth) {
      const nested = node.nested.slice(0, maxValues);
      for (let i = nested.length - 1; i >= 0; i--) pending.push({ value: nested[i], depth: next.depth + 1 });
    }
  }
  return parts;
}

/** The first `ERROR_BODY_BOUNDS.values` entries of an object of an error body. */
export function someEntries(record: Record<string, unknown>): [string, unknown][] {
  const entries: [string, unknown][] = [];
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (entries.length >= ERROR_BODY_BOUNDS.values) break;
    entries.push([key, record[key]]);
  }
  return entries;
}

/**
 * The field an error body names, as one path: text as it is, or a list of names (a validator's
 * `path`, FastAPI's `loc`) written out with list indices as `[i]`. `places` are first names that say
 * where in the request the field was (FastAPI's `body`, `query`), not which field: they are left out.
 */
export function namedField(named: unknown, places: readonly string[] = []): string | undefined {
  if (typeof named === 'string') return named ? clipped(named) : undefined;
  if (!Array.isArray(named)) return undefined;
  const names = named
    .slice(0, ERROR_BODY_BOUNDS.depth + 1)
    .filter((name): name is string | number => typeof name === 'string' || typeof name === 'number');
  const start = places.includes(String(names[0])) ? 1 : 0;
  const path = names
    .slice(start, start + ERROR_BODY_BOUNDS.depth)
    .map((name, i) => (typeof name === 'number' ? `[${name}]` : i === 0 ? name : `.${name}`))
    .join('');
  return path ? clipped(path) : undefined;
}
