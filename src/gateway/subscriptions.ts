import type { ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { inBatch } from './batching.js';
import type { Cancellation } from './cancellation.js';
import { gatewayError } from './errors.js';

/** MAX_SUBSCRIPTIONS and SUBSCRIPTION_MAX_LIFETIME_MS. */
export interface SubscriptionBounds {
  max: number;
  lifetimeMs: number;
}

type Results = AsyncIterable<ExecutionResult>;

/**
 * The subscriptions open in this process: at most `max` at once, each for at most `lifetimeMs`, and
 * all ended by `endAll` when the process shuts down. Each ends with one last event that says why, so
 * that a client can tell a stream that was cut from one that finished. OPERATION_TIMEOUT_MS, meant
 * for queries, does not apply to them: their upstream calls are made by shared polls, not by them.
 */
export class OpenSubscriptions {
  private count = 0;
  private readonly enders = new Set<(error: GraphQLError) => void>();

  constructor(private readonly bounds: SubscriptionBounds) {}

  /** How many are open now (metrics). */
  get open(): number {
    return this.count;
  }

  /** Ends every open subscription with GATEWAY_BUSY (the process is shutting down). */
  endAll(): void {
    const error = gatewayError('This gateway is shutting down: subscribe again', {
      code: 'GATEWAY_BUSY',
      retryAfterSeconds: 1,
    });
    for (const end of [...this.enders]) end(error);
  }

  plugin(): Plugin {
    return {
      onSubscribe: ({ args, setResultAndStopExecution }) => {
        const context = args.contextValue as { request?: Request; cancellation?: Cancellation };
        if (inBatch(context.request))
          return setResultAndStopExecution({
            errors: [
              gatewayError('A subscription cannot be sent in a batch: send it in a request of its own.', {
                code: 'BAD_USER_INPUT',
                limit: 'batch',
              }),
            ],
          });
        if (!streams(context.request))
          return setResultAndStopExecution({
            errors: [
              gatewayError(
                'A subscription is answered as a stream of events: ask for it with `Accept: text/event-stream`.',
                { code: 'BAD_USER_INPUT', http: { status: 406 } },
              ),
            ],
          });
        if (this.count >= this.bounds.max) return setResultAndStopExecution({ errors: [this.busy()] });
        this.count += 1;
        context.cancellation?.untimed();
        return {
          onSubscribeResult: ({ result, setResult }) => {
            if (isAsyncIterable(result)) setResult(this.bounded(result as Results));
            else this.count -= 1;
          },
        };
      },
    };
  }

  private busy(): GraphQLError {
    const max = this.bounds.max;
    return gatewayError(
      max === 0
        ? 'This gateway takes no subscriptions (MAX_SUBSCRIPTIONS is 0).'
        : `This gateway has ${max} subscriptions open, its most (MAX_SUBSCRIPTIONS): try again later.`,
      { code: 'GATEWAY_BUSY', limit: 'subscriptions', max, retryAfterSeconds: 5 },
    );
  }

  /**
   * `results` until they end, the client leaves, or the subscription is ended from here: by its
   * lifetime or by `endAll`, with a last event carrying the error that says why.
   */
  private bounded(results: Results): AsyncIterableIterator<ExecutionResult> {
    const inner = results[Symbol.asyncIterator]();
    let finished = false;
    /** No more to send: the results ended, or the error that cut them was sent. */
    let over = false;
    let cutWith: GraphQLError | undefined;
    /** Settles the `next` waiting now, if any, with the cut. */
    let wake: ((error: GraphQLError) => void) | undefined;
    const finish = async () => {
      if (finished) return;
      finished = true;
      clearTimeout(lifetime);
      this.enders.delete(end);
      this.count -= 1;
      await inner.return?.();
    };
    // Finished at once, read or not: a stream nobody reads must not hold its place.
    const end = (error: GraphQLError) => {
      cutWith ??= error;
      wake?.(error);
      void finish();
    };
    const lifetime = setTimeout(
      () =>
        end(
          gatewayError(
            `This subscription reached its longest lifetime of ${this.bounds.lifetimeMs} ms (SUBSCRIPTION_MAX_LIFETIME_MS): subscribe again to go on`,
            { code: 'GATEWAY_TIMEOUT' },
          ),
        ),
      this.bounds.lifetimeMs,
    );
    this.enders.add(end);
    const last = (error: GraphQLError): IteratorResult<ExecutionResult> => {
      over = true;
      return { done: false, value: { errors: [error] } };
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next: async () => {
        if (over) return { done: true, value: undefined };
        if (cutWith) return last(cutWith);
        // A promise per wait, not a race against one long-lived promise, which would keep a reaction
        // (and with it each event sent) for as long as the subscription stays open.
        let step: IteratorResult<ExecutionResult> | GraphQLError;
        try {
          step = await new Promise((resolve, reject) => {
            wake = resolve;
            inner.next().then(resolve, reject);
          });
        } catch (error) {
          // No `return()` follows a throw: its place and its lifetime's timer are given up here.
          over = true;
          await finish();
          throw error;
        }
        wake = undefined;
        if ('message' in step) return last(step);
        if (step.done) {
          over = true;
          await finish();
        }
        return step;
      },
      return: async () => {
        over = true;
        await finish();
        return { done: true, value: undefined };
      },
    };
  }
}

/**
 * True when the client takes text/event-stream. Yoga answers 406, with no word of why, to one that
 * does not (multipart/mixed included, for subscriptions), and only after the subscription started.
 */
function streams(request: Request | undefined): boolean {
  return request?.headers.get('accept')?.includes('text/event-stream') ?? false;
}

/**
 * An iterator over what `start` generates that stops at once when it is returned (the client left),
 * even while the generator waits: `start` is handed a signal that aborts then, and must stop waiting
 * on it. A generator's own `return()` would wait until its next `yield`.
 */
export function stoppable<T>(start: (signal: AbortSignal) => AsyncGenerator<T>): AsyncIterableIterator<T> {
  const controller = new AbortController();
  const generator = start(controller.signal);
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => generator.next(),
    return: async () => {
      controller.abort();
      await generator.return(undefined);
      return { done: true, value: undefined };
    },
  };
}
