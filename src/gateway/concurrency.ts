import { asError } from './errors.js';
import { isUpstreamError } from './upstream/index.js';

/**
 * Runs `task` over `items` with at most `limit` running at once, keeping each result (or the
 * error it threw) in the item's position. Upstreams without a batch read are fetched this way.
 */
export async function settleWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<(R | Error)[]> {
  const results = new Array<R | Error>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      try {
        results[i] = await task(items[i] as T);
      } catch (error) {
        results[i] = asError(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Loads each distinct id once with `fetch`, `limit` at a time, for upstreams without a batch
 * read. A 404 is "none" (null); any other failure stays that id's Error. Ids `valid` refuses
 * are never sent: they get `invalid(id)`.
 */
export async function loadEach<R>(
  ids: readonly string[],
  limit: number,
  fetch: (id: string) => Promise<R>,
  valid: (id: string) => boolean = () => true,
  invalid: (id: string) => Error | null = () => null,
): Promise<(R | Error | null)[]> {
  const fetchOrNull = async (id: string): Promise<R | null> => {
    try {
      return await fetch(id);
    } catch (error) {
      if (isUpstreamError(error) && error.kind === 'http' && error.status === 404) return null;
      throw error;
    }
  };
  // One id, the commonest batch (a `node` lookup): no bookkeeping for a pool of one.
  if (ids.length === 1) {
    const id = ids[0] as string;
    if (!valid(id)) return [invalid(id)];
    return [await fetchOrNull(id).catch(asError)];
  }
  const wanted = [...new Set(ids)].filter(valid);
  const results = await settleWithLimit(wanted, limit, fetchOrNull);
  const byId = new Map(wanted.map((id, i) => [id, results[i] ?? null]));
  return ids.map((id) => (valid(id) ? (byId.get(id) ?? null) : invalid(id)));
}
