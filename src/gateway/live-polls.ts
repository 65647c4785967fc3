import { createHash } from 'node:crypto';

/** How a shared poll paces itself (LIVE_POLL_MIN_MS, LIVE_POLL_MAX_MS, LIVE_POLL_MAX_FAILURES). */
export interface PollSettings {
  /** The first wait, and the wait after every change. */
  minIntervalMs: number;
  /** The longest wait: the wait doubles up to it while nothing changes, or while reads fail. */
  maxIntervalMs: number;
  /** Failed reads in a row after which the poll ends with the last failure. */
  maxFailures: number;
}

/** What one read of a polled resource gives a subscriber: its state, or why polling ended. */
export type PollEvent<T> = { state: T } | { failed: unknown };

interface Subscriber<T> {
  /** The newest event this subscriber has not taken yet; older ones are dropped (only the latest state matters). */
  pending?: PollEvent<T>;
  wake?: () => void;
}

/** One resource polled for one credential, however many subscribers follow it. */
interface Poll<T> {
  readonly subscribers: Set<Subscriber<T>>;
  readonly controller: AbortController;
  last?: { state: T; print: string };
  timer?: NodeJS.Timeout;
  interval: number;
  failures: number;
}

/** A key that tells credentials apart without holding one: the first 16 bytes of its SHA-256. */
export function credentialKey(credential: string): string {
  return createHash('sha256').update(credential).digest('base64url').slice(0, 22);
}

/**
 * Polls shared by key (a resource and a hash of the credential it is read with): the first subscriber
 * starts a poll, later ones join it, and the last to leave stops it, aborting a read in flight. A poll
 * reads at once, then waits `minIntervalMs`, doubling the wait up to `maxIntervalMs` while the state
 * stays the same and starting again from the shortest after each change; subscribers are told only of
 * changes. A read that fails is tried again on the same schedule; after `maxFailures` in a row, or at
 * once when `fatal` says the failure will not pass (the resource is gone), every subscriber is told
 * and the poll ends.
 */
export class LivePolls<T> {
  private readonly polls = new Map<string, Poll<T>>();

  constructor(
    private readonly settings: PollSettings,
    private readonly fatal: (error: unknown) => boolean = () => false,
  ) {}

  /**
   * The states of the resource at `key` as `read` returns them: the latest known at once, then each
   * change, until the poll fails (its last event) or `signal` aborts. The signal, not `return()`, is
   * how a follower leaves while it waits: a generator's `return()` waits for its pending `await`.
   */
  async *follow(
    key: string,
    read: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
  ): AsyncGenerator<PollEvent<T>> {
    const subscriber: Subscriber<T> = {};
    let poll = this.polls.get(key);
    if (!poll) {
      poll = { subscribers: new Set(), controller: new AbortController(), interval: 0, failures: 0 };
      this.polls.set(key, poll);
      this.start(key, poll, read);
    } else if (poll.last) subscriber.pending = { state: poll.last.state };
    poll.subscribers.add(subscriber);
    const leave = () => subscriber.wake?.();
    signal.addEventListener('abort', leave, { once: true });
    try {
      while (!signal.aborted) {
        if (!subscriber.pending) await new Promise<void>((resolve) => (subscriber.wake = resolve));
        subscriber.wake = undefined;
        if (signal.aborted) return;
        const event = subscriber.pending;
        subscriber.pending = undefined;
        if (!event) continue;
        yield event;
        if ('failed' in event) return;
      }
    } finally {
      signal.removeEventListener('abort', leave);
      poll.subscribers.delete(subscriber);
      if (poll.subscribers.size === 0) this.stop(key, poll);
    }
  }

  /** Stops every poll (the process is closing); their subscribers are ended by their own streams. */
  close(): void {
    for (const [key, poll] of this.polls) this.stop(key, poll);
  }

  private start(key: string, poll: Poll<T>, read: (signal: AbortSignal) => Promise<T>): void {
    const { minIntervalMs, maxIntervalMs, maxFailures } = this.settings;
    const round = async () => {
      poll.timer = undefined;
      try {
        const state = await read(poll.controller.signal);
        if (poll.controller.signal.aborted) return;
        poll.failures = 0;
        const print = JSON.stringify(state);
        if (poll.last?.print === print) poll.interval = Math.min(poll.interval * 2, maxIntervalMs);
        else {
          poll.last = { state, print };
          poll.interval = minIntervalMs;
          this.tell(poll, { state });
        }
      } catch (error) {
        if (poll.controller.signal.aborted) return;
        poll.failures += 1;
        if (poll.failures >= maxFailures || this.fatal(error)) {
          this.tell(poll, { failed: error });
          return this.stop(key, poll);
        }
        poll.interval = Math.min(Math.max(poll.interval * 2, minIntervalMs), maxIntervalMs);
      }
      poll.timer = setTimeout(() => void round(), poll.interval);
    };
    void round();
  }

  private tell(poll: Poll<T>, event: PollEvent<T>): void {
    for (const subscriber of poll.subscribers) {
      subscriber.pending = event;
      subscriber.wake?.();
    }
  }

  private stop(key: string, poll: Poll<T>): void {
    poll.controller.abort();
    clearTimeout(poll.timer);
    poll.timer = undefined;
    if (this.polls.get(key) === poll) this.polls.delete(key);
  }
}
