import { isAsyncIterable, mapAsyncIterator } from 'graphql-yoga';

/**
 * `result` as it is, with `end` called once the operation is over: at once for a single answer, and
 * for an answer delivered in parts (`@defer`, `@stream`, a subscription) when its last part is sent,
 * it fails, or the client stops reading it.
 */
export function endsWith<T>(result: T, end: () => void): T {
  return observeParts(result, undefined, end);
}

/**
 * `result` as it is, with `each` shown every part (the single answer, or each part of an answer
 * delivered in parts, as it goes out) and `end` called once, after the last.
 */
export function observeParts<T>(result: T, each: ((part: unknown) => void) | undefined, end: () => void): T {
  if (!isAsyncIterable(result)) {
    each?.(result);
    end();
    return result;
  }
  let ended = false;
  const once = () => {
    if (ended) return;
    ended = true;
    end();
  };
  return mapAsyncIterator(
    result,
    (part) => {
      each?.(part);
      return part;
    },
    (error: unknown) => {
      once();
      throw error;
    },
    once,
  ) as T;
}
