import { endsWith } from './streamed-results.js';
import { isThenable } from './thenable.js';

/**
 * How long a timed-out operation's execution may take to wind down before it is answered without it.
 * Once its upstream calls are aborted it settles at once; this is a safety net for anything that waits
 * on something else (a login shared with other requests, say).
 */
export const WIND_DOWN_MS = 1_000;

/** Why an operation's upstream calls were aborted: its time limit (OPERATION_TIMEOUT_MS) ran out. */
export class OperationTimeout extends Error {
  override readonly name = 'OperationTimeout';
  constructor(readonly timeoutMs: number) {
    super(`the operation's time limit of ${timeoutMs} ms ran out`);
  }
}

/** True when `error`, or an error it was caused by, is an OperationTimeout. */
export function causedByTimeout(error: unknown): OperationTimeout | undefined {
  for (let at = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth++)
    if (at instanceof OperationTimeout) return at;
  return undefined;
}

/**
 * One GraphQL operation's abort signal: it aborts when the client goes away or when the operation's
 * time limit runs out, and every upstream call made for the operation carries it. The signal, its
 * timer and its listener on the client are made when the operation first uses a provider: one that
 * uses none (introspection, a refused one) costs one object and no timer.
 */
export class Cancellation {
  private own: OperationSignal | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Takes the listener off the client's signal. */
  private unlisten: (() => void) | undefined;
  private startedAt: number | undefined;
  private ended = false;
  /** False for a subscription, which has its own lifetime (subscriptions.ts). */
  private timed = true;
  /** Frees the operation's admission share as soon as it is aborted. */
  private release: (() => void) | undefined;
  /** Answers the client without waiting any longer for the execution (set while it runs). */
  private giveUp: (() => void) | undefined;
  /** Called once when the operation is over. */
  private onEnded: (() => void) | undefined;

  /** `request` is read only when the signal is made, for its own signal (which may cost to create). */
  constructor(
    private readonly request: { readonly signal: AbortSignal } | undefined,
    readonly timeoutMs: number,
  ) {}

  /** Only the client leaving aborts it: a subscription is bounded by its own lifetime, not by OPERATION_TIMEOUT_MS. */
  untimed(): void {
    this.timed = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The operation's signal, made on first use (the clock starts then); sessions pass it to every upstream call. */
  readonly signal = (): AbortSignal => this.own ?? this.arm();

  /**
   * Runs the operation's execution with the clock started. Once the time limit runs out, its upstream
   * calls are aborted and `release` is called; the fields still waiting then fail and the rest of the
   * answer is kept. Should the execution not wind down soon after, `late()` answers instead.
   */
  run<T>(execute: () => T | Promise<T>, late: () => T, release?: () => void): Promise<T> {
    this.startedAt = performance.now();
    this.release = release;
    return new Promise<T>((resolve, reject) => {
      this.giveUp = () => resolve(late());
      const result = execute();
      if (isThenable(result)) result.then(resolve, reject);
      else resolve(result);
    }).then(
      (result) => {
        this.giveUp = undefined;
        // An answer in parts stays cancellable, and timed, until its last part is sent.
        return endsWith(result, () => this.end());
      },
      (error: unknown) => {
        this.end();
        throw error;
      },
    );
  }

  /**
   * Calls `callback` once when the operation is over: its answer given (the last part of one in
   * parts) or its execution failed. The context lets go of what the operation loaded then.
   */
  whenEnded(callback: () => void): void {
    this.onEnded = callback;
  }

  private arm(): AbortSignal {
    // Its upstream calls wait on it through one listener (upstream/on-abort.ts), however many there are.
    const signal = new OperationSignal();
    this.own = signal;
    if (this.ended) return signal;
    const client = this.request?.signal;
    if (client?.aborted) {
      this.abort(client.reason);
      return signal;
    }
    if (client) {
      const gone = () => {
        this.unlisten = undefined;
        this.abort(client.reason);
      };
      client.addEventListener('abort', gone, { once: true });
      this.unlisten = () => client.removeEventListener('abort', gone);
    }
    if (!this.timed) return signal;
    const left = (this.startedAt ?? performance.now()) + this.timeoutMs - performance.now();
    this.timer = setTimeout(() => this.expire(), Math.max(0, left));
    return signal;
  }

  private expire(): void {
    this.timer = undefined;
    this.abort(new OperationTimeout(this.timeoutMs));
    if (this.giveUp) this.timer = setTimeout(this.giveUp, WIND_DOWN_MS);
  }

  private abort(reason: unknown): void {
    this.own?.abort(reason);
    this.release?.();
    this.release = undefined;
  }

  private end(): void {
    this.ended = true;
    this.giveUp = undefined;
    this.release = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.unlisten?.();
    this.unlisten = undefined;
    const ended = this.onEnded;
    this.onEnded = undefined;
    ended?.();
  }
}

/**
 * An operation's abort signal, as an AbortController's would behave. Node's own is not used: on
 * Node 20 a signal an AbortController makes is an EventTarget whose prototype is changed and then
 * given properties, and about a fifth of what making one allocates then outlives the young
 * generation (moved to the old one, freed only by full collections): a plain EventTarget's does not
 * (bench/README.md, "What outlived the young generation").
 */
export class OperationSignal extends EventTarget implements AbortSignal {
  aborted = false;
  reason: unknown = undefined;
  onabort: ((this: AbortSignal, event: Event) => unknown) | null = null;

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    // As AbortController.abort() without a reason.
    this.reason = reason ?? new DOMException('This operation was aborted', 'AbortError');
    const event = new Event('abort');
    this.onabort?.call(this, event);
    this.dispatchEvent(event);
  }
}
