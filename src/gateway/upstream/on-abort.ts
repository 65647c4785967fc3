/** What runs when a signal aborts: a function, or an object whose `signalAborted` is called. */
export type AbortCallback = (() => void) | { signalAborted(): void };

/** What runs when a signal aborts, per signal: one listener on the signal serves them all. */
const waiting = new WeakMap<AbortSignal, Set<AbortCallback>>();

/**
 * Runs `callback` once when `signal` aborts (never when it already has: check `aborted` first),
 * until `offAbort` takes it off. Every upstream call of an operation waits on the operation's
 * signal; a listener of each on the signal itself would cost an add and a remove on the
 * EventTarget per call, and past ten of them Node's leak warning unless the signal is told to
 * expect more.
 *
 * An upstream try passes itself: a closure made per try to call it, and another returned to take it
 * off, would stay on it after the try, and V8 then kept the try's answer (its whole body as text)
 * through young-generation collections more often (bench/README.md, "What is left").
 */
export function onAbort(signal: AbortSignal, callback: AbortCallback): void {
  let callbacks = waiting.get(signal);
  if (!callbacks) {
    const created = new Set<AbortCallback>();
    callbacks = created;
    waiting.set(signal, created);
    signal.addEventListener('abort', () => runAll(signal, created), { once: true });
  }
  callbacks.add(callback);
}

/** Takes `callback` off `signal`: it no longer runs when the signal aborts. */
export function offAbort(signal: AbortSignal, callback: AbortCallback): void {
  waiting.get(signal)?.delete(callback);
}

function runAll(signal: AbortSignal, callbacks: Set<AbortCallback>): void {
  waiting.delete(signal);
  for (const callback of callbacks) {
    try {
      if (typeof callback === 'function') callback();
      else callback.signalAborted();
    } catch (error) {
      // As a listener's own would: reported, without keeping the others from running.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
  callbacks.clear();
}
