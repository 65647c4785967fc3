import { isAsyncIterable, mapAsyncIterator } from 'graphql-yoga';

/**
 * `result` as it is, with `end` called once the operation is over: at once for a single answer, and
 * for an answer delivered in parts (`@defer`, `@stream`) when its last part is sent, it fails, or
 * the client stops reading it.
 */
export function endsWith<T>(result: T, end: () => void): T {
  if (!isAsyncIterable(result)) {
    end();
    return result;
  }
  return mapAsyncIterator(
    result,
    (part) => part,
    (error: unknown) => {
      end();
      throw error;
    },
    end,
  ) as T;
}
