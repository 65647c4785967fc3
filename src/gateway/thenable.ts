/** Whether a hook or a task returned a promise (to be awaited) rather than its result. */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** A `keep` for hooks whose returns are not kept. */
export function ignore(): void {}

/**
 * Calls each hook in order until `stopped()`, handing `keep` what each returned; synchronous while
 * the hooks are, a promise from the first that returns one on.
 */
export function inOrder<H, R>(
  hooks: readonly H[],
  call: (hook: H) => R | PromiseLike<R>,
  keep: (returned: R) => void,
  stopped: () => boolean = () => false,
): undefined | Promise<void> {
  const from = (first: number): undefined | Promise<void> => {
    for (let at = first; at < hooks.length && !stopped(); at++) {
      const returned = call(hooks[at] as H);
      if (isThenable(returned)) {
        return Promise.resolve(returned).then((value) => {
          keep(value);
          return from(at + 1);
        });
      }
      keep(returned);
    }
    return undefined;
  };
  return from(0);
}

/** `then()` once `pending` settles, or at once when nothing is pending. */
export function after<T>(pending: undefined | Promise<void>, then: () => T | Promise<T>): T | Promise<T> {
  return pending ? pending.then(then) : then();
}
