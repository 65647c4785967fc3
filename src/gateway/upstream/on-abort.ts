/** What runs when a signal aborts, per signal: one listener on the signal serves them all. */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `callback` once when `signal` aborts (never when it already has: check `aborted` first) and
 * returns what takes it off. Every upstream call of an operation waits on the operation's signal;
 * a listener of each on the signal itself would cost an add and a remove on the EventTarget per
 * call, and past ten of them Node's leak warning unless the signal is told to expect more.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = waiting.get(signal);
  if (!callbacks) {
    const created = new Set<() => void>();
    callbacks = created;
    waiting.set(signal, created);
    signal.addEventListener('abort', () => runAll(signal, created), { once: true });
  }
  const registered = callbacks;
  registered.add(callback);
  return () => {
    registered.delete(callback);
  };
}

function runAll(signal: AbortSignal, callbacks: Set<() => void>): void {
  waiting.delete(signal);
  for (const callback of callbacks) {
    try {
      callback();
    } catch (error) {
      // As a listener's own would: reported, without keeping the others from running.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
  callbacks.clear();
}
