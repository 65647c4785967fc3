import type { GraphQLError } from 'graphql';
import { gatewayError } from './errors.js';

/** What the gate holds at one moment, for metrics. */
export interface AdmissionState {
  /** Records the operations running now may hold. */
  running: number;
  /** Operations waiting for their turn. */
  waiting: number;
}

interface Waiter {
  weight: number;
  admit(): void;
  refuse(error: unknown): void;
}

/**
 * Bounds the work the gateway does at once by the records the running operations may hold
 * (query-cost.ts: page sizes and id counts through nesting). The memory of an operation in flight
 * (upstream answers, records, its result) grows with them, so a budget of records bounds memory,
 * and many single lookups fit beside a few pages of 100. Once an operation has to wait, the ones
 * after it wait too, in arrival order, so none is passed over for ever; each waits at most
 * `timeoutMs`, then gets GATEWAY_BUSY (HTTP 503). One larger than the whole budget runs alone.
 */
export class AdmissionGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly budget: number,
    private readonly timeoutMs: number,
  ) {}

  get state(): AdmissionState {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Runs `task` once `records` fit; they are held until the task settles, or until the task calls
   * `release` (an operation whose time ran out gives its room back at once). `signal` is read only if
   * the operation has to wait (a request's signal costs something to create): when it aborts, the
   * operation leaves the line.
   */
  async run<T>(
    records: number,
    task: (release: () => void) => T | Promise<T>,
    signal?: () => AbortSignal | undefined,
  ): Promise<T> {
    const weight = Math.min(Math.max(records, 0), this.budget);
    if (this.waiting.length > 0 || this.running + weight > this.budget)
      await this.wait(weight, records, signal?.());
    else this.running += weight;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.running -= weight;
      this.admitWaiting();
    };
    try {
      return await task(release);
    } finally {
      release();
    }
  }

  private wait(weight: number, records: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abandoned);
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
      };
      const waiter: Waiter = {
        weight,
        admit: () => {
          leave();
          resolve();
        },
        refuse: (error) => {
          leave();
          reject(error);
          // Whoever was behind may fit now.
          this.admitWaiting();
        },
      };
      const timer = setTimeout(() => waiter.refuse(this.busy(records)), this.timeoutMs);
      // A caller who has gone away gives its place up.
      const abandoned = () => waiter.refuse(signal?.reason);
      signal?.addEventListener('abort', abandoned, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Lets in, in arrival order, every waiting operation that now fits. */
  private admitWaiting(): void {
    for (let head = this.waiting[0]; head; head = this.waiting[0]) {
      if (this.running + head.weight > this.budget) return;
      this.running += head.weight;
      head.admit();
    }
  }

  private busy(records: number): GraphQLError {
    const seconds = Math.ceil(this.timeoutMs / 1000);
    return gatewayError(
      `The gateway is busy: this operation (up to ${records} records) waited ${this.timeoutMs} ms for the operations already running (at most ${this.budget} records at once) to make room. Try again in a moment, or ask for fewer records at once.`,
      {
        code: 'GATEWAY_BUSY',
        retryAfterSeconds: seconds,
        http: { status: 503, headers: { 'retry-after': String(seconds) } },
      },
    );
  }
}
