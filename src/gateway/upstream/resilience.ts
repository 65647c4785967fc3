import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  DelegateBackoff,
  handleWhen,
  retry,
} from 'cockatiel';
import { isUpstreamError, UpstreamError } from './errors.js';
import { offAbort, onAbort } from './on-abort.js';

export interface ResilienceOptions {
  /** Tries in all for a safe read (1 = no retry). Writes are tried once. */
  attempts: number;
  /** First backoff; each retry doubles it, with jitter, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails at once. */
  maxRetryAfterMs: number;
  /** Consecutive failures (5xx, timeouts, unreachable) that open the breaker. */
  breakerFailures: number;
  /** How long an open breaker fails fast before it lets one call probe the upstream. */
  breakerResetMs: number;
}

export const defaultResilience: ResilienceOptions = {
  attempts: 3,
  initialDelayMs: 100,
  maxDelayMs: 2_000,
  maxRetryAfterMs: 10_000,
  breakerFailures: 5,
  breakerResetMs: 10_000,
};

export type BreakerState = 'closed' | 'open' | 'half-open';

/** The upstream is failing, not the request: worth counting against the breaker. */
function isOutage(error: unknown): boolean {
  return (
    isUpstreamError(error) &&
    (error.kind === 'timeout' ||
      error.kind === 'unreachable' ||
      (error.kind === 'http' && (error.status ?? 0) >= 500))
  );
}

/** Worth trying again, for a read: an outage, or a 429. (A call its caller gave up on never is.) */
function isTransient(error: unknown): boolean {
  return isOutage(error) || (isUpstreamError(error) && error.status === 429);
}

/**
 * Retry (safe reads only, exponential backoff with jitter, Retry-After first) around a circuit
 * breaker, per upstream. One instance is shared by every request to that upstream.
 */
export class Resilience {
  private readonly breaker;
  private readonly retry;
  private readonly breakerResetMs: number;
  /** Tries after the first, for a safe read. */
  private readonly retries: number;
  private openedAt = 0;

  constructor(
    private readonly provider: string,
    options: ResilienceOptions = defaultResilience,
  ) {
    this.breakerResetMs = options.breakerResetMs;
    this.retries = Math.max(0, options.attempts - 1);
    this.breaker = circuitBreaker(handleWhen(isOutage), {
      halfOpenAfter: options.breakerResetMs,
      breaker: new ConsecutiveBreaker(options.breakerFailures),
    });
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
    });
    // A backoff left running by a caller that gave up must not hold the process open at shutdown.
    this.retry = retry(handleWhen(isTransient), {
      maxAttempts: this.retries,
      backoff: new DelegateBackoff((context) => {
        const error = 'error' in context.result ? context.result.error : undefined;
        if (isUpstreamError(error) && error.retryAfterSeconds !== undefined) {
          const wait = error.retryAfterSeconds * 1000;
          // Waiting longer than the budget helps nobody: give the caller the 429 now.
          if (wait > options.maxRetryAfterMs) throw error;
          return wait;
        }
        const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** (context.attempt - 1));
        return ceiling / 2 + Math.random() * (ceiling / 2);
      }),
    }).dangerouslyUnref();
  }

  /**
   * Runs one upstream call; `safe` reads are retried, anything else is tried exactly once. Once
   * `signal` aborts no try starts, and a backoff in progress ends the call at once. A call refused
   * because the breaker is open is told to `onCircuitOpen` before it fails.
   *
   * The first try runs outside the retry policy: most calls succeed at once, and the policy's
   * promises, and the race with the signal that a backoff needs, would cost each of them. Only a try
   * that failed hands its failure to the policy, as that policy's first try, so the policy's backoff
   * (Retry-After first) decides the wait before the next, and the tries in all stay `attempts`.
   */
  run<T>(
    operation: string,
    safe: boolean,
    call: () => Promise<T>,
    signal?: AbortSignal,
    onCircuitOpen?: (error: UpstreamError) => void,
  ): Promise<T> {
    // The signal's reason goes along as the cause: it says why the caller gave up.
    if (signal?.aborted) return Promise.reject(this.refused(operation, 'aborted', signal.reason));
    const guarded = (): Promise<T> => {
      if (signal?.aborted) return Promise.reject(this.refused(operation, 'aborted', signal.reason));
      // cockatiel queues every call behind the half-open trial; a slow trial would hold them all.
      if (this.breaker.state === CircuitState.HalfOpen) return this.circuitOpen(operation, onCircuitOpen);
      return this.breaker.execute(call).catch((error: unknown) => {
        if (error instanceof BrokenCircuitError) return this.circuitOpen(operation, onCircuitOpen, error);
        throw error;
      });
    };
    const first = guarded();
    if (!safe || this.retries === 0) return first;
    return first.catch((failure: unknown) => {
      if (!isTransient(failure) || signal?.aborted) throw failure;
      let replayed = false;
      const again = (): Promise<T> => {
        if (replayed) return guarded();
        replayed = true;
        return Promise.reject(failure);
      };
      if (!signal) return this.retry.execute(again);
      return untilAborted(this.retry.execute(again, signal), signal, () =>
        this.refused(operation, 'aborted', signal.reason),
      );
    });
  }

  private circuitOpen<T>(
    operation: string,
    onCircuitOpen: ((error: UpstreamError) => void) | undefined,
    cause?: unknown,
  ): Promise<T> {
    const error = this.refused(operation, 'circuit-open', cause);
    onCircuitOpen?.(error);
    return Promise.reject(error);
  }

  private refused(operation: string, kind: 'aborted' | 'circuit-open', cause?: unknown): UpstreamError {
    return new UpstreamError({ provider: this.provider, operation, kind, cause });
  }

  /**
   * Whether a call now would fail without being sent: while the breaker is open, or half-open with
   * its trial call out. An open breaker whose reset time has passed lets the next call through as a
   * trial, so it no longer counts.
   */
  get failingFast(): boolean {
    const state = this.state;
    return state === 'half-open' || (state === 'open' && Date.now() - this.openedAt < this.breakerResetMs);
  }

  get state(): BreakerState {
    switch (this.breaker.state) {
      case CircuitState.Open:
      case CircuitState.Isolated:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return 'closed';
    }
  }
}

/** `pending`, or a rejection with `error()` as soon as `signal` aborts (a backoff timer cannot be cut short). */
function untilAborted<T>(pending: Promise<T>, signal: AbortSignal, error: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const aborted = () => reject(error());
    onAbort(signal, aborted);
    pending.then(
      (value) => {
        offAbort(signal, aborted);
        resolve(value);
      },
      (failure: unknown) => {
        offAbort(signal, aborted);
        reject(failure);
      },
    );
  });
}
