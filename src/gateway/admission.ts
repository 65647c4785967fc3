import type { GraphQLError } from 'graphql';
import { gatewayError } from './errors.js';
import { endsWith } from './streamed-results.js';

/** What the gate holds at one moment, for metrics. */
export interface AdmissionState {
  /** Records the operations running now may hold. */
  running: number;
  /** Operations waiting for their turn. */
  waiting: number;
  /** Per provider with a share: records held by running operations that may call it, and those waiting. */
  providers: { id: string; running: number; waiting: number }[];
}

/** What one operation is charged: its records, and among them those of the fields that may call each provider. */
export interface AdmissionCharge {
  records: number;
  /** Records by provider id; a provider left out is not called. */
  providers: ReadonlyMap<string, number>;
}

/** A bound on records in flight: the whole gateway's, or one provider's share of it. */
interface Pool {
  /** The provider whose share it is; empty for the whole budget. */
  readonly id: string;
  readonly limit: number;
  running: number;
  /** The scan of the waiting line in which an earlier waiter was found short of this pool. */
  heldBackIn: number;
}

/** What an admitted operation holds, pool by pool (the whole budget first). */
type Holding = readonly (readonly [Pool, number])[];

interface Waiter {
  holding: Holding;
  admit(): void;
  refuse(error: unknown): void;
}

/**
 * Bounds the work the gateway does at once by the records the running operations may hold
 * (query-cost.ts: page sizes and id counts through nesting). The memory of an operation in flight
 * (upstream answers, records, its result) grows with them, so a budget of records bounds memory,
 * and many single lookups fit beside a few pages of 100.
 *
 * Each provider may also have a share of the budget, a bulkhead: the records of the fields that may
 * call it count against its share too, so operations stuck on one slow provider fill only that share
 * and leave the rest of the budget to queries that touch only the others.
 *
 * An operation that does not fit waits, and holds back the later ones that need what it is short of
 * (one provider's share, or the whole budget, which every operation needs), so none is passed over
 * for ever; later ones that need none of it go ahead. Each waits at most `timeoutMs`, then gets
 * GATEWAY_BUSY (HTTP 503). One larger than the whole budget, or a share, runs alone in it.
 */
export class AdmissionGate {
  private readonly total: Pool;
  private readonly shares: Map<string, Pool>;
  private readonly waiting: Waiter[] = [];
  /** Numbers each scan of the waiting line (see `heldBackIn`): no set is built per scan. */
  private scans = 0;

  /** `shares`: records in flight allowed per provider id; a provider without one has only the whole budget. */
  constructor(
    readonly budget: number,
    private readonly timeoutMs: number,
    shares: ReadonlyMap<string, number> = new Map(),
  ) {
    this.total = { id: '', limit: budget, running: 0, heldBackIn: 0 };
    this.shares = new Map([...shares].map(([id, limit]) => [id, { id, limit, running: 0, heldBackIn: 0 }]));
  }

  get state(): AdmissionState {
    return {
      running: this.total.running,
      waiting: this.waiting.length,
      providers: [...this.shares.values()].map((share) => ({
        id: share.id,
        running: share.running,
        waiting: this.waiting.filter((waiter) => waiter.holding.some(([pool]) => pool === share)).length,
      })),
    };
  }

  /**
   * Runs `task` once its charge fits; it is held until the task settles (an answer in parts: until its
   * last part is sent or its client stops reading), or until the task calls
   * `release` (an operation whose time ran out gives its room back at once). `signal` is read only if
   * the operation has to wait (a request's signal costs something to create): when it aborts, the
   * operation leaves the line.
   */
  run<T>(
    charge: AdmissionCharge,
    task: (release: () => void) => T | Promise<T>,
    signal?: () => AbortSignal | undefined,
  ): Promise<T> {
    const holding = this.holding(charge);
    if (this.waiting.length === 0 && !short(holding, ++this.scans)) {
      take(holding);
      return this.runHolding(holding, task);
    }
    return this.wait(holding, charge.records, signal?.()).then(() => this.runHolding(holding, task));
  }

  /** Runs `task` in the room `holding` took, given back once it settles (or it calls `release`). */
  private runHolding<T>(holding: Holding, task: (release: () => void) => T | Promise<T>): Promise<T> {
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      for (const [pool, records] of holding) pool.running -= records;
      this.admitWaiting();
    };
    let started: T | Promise<T>;
    try {
      started = task(release);
    } catch (error) {
      release();
      return Promise.reject(error);
    }
    return Promise.resolve(started).then(
      // An answer in parts holds its room until its last part is sent or its client stops reading.
      (result) => endsWith(result, release),
      (error: unknown) => {
        release();
        throw error;
      },
    );
  }

  private holding(charge: AdmissionCharge): Holding {
    const holding: [Pool, number][] = [[this.total, clamp(charge.records, this.total)]];
    for (const [id, records] of charge.providers) {
      const share = this.shares.get(id);
      if (share && records > 0) holding.push([share, clamp(records, share)]);
    }
    return holding;
  }

  private wait(holding: Holding, records: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abandoned);
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
      };
      const waiter: Waiter = {
        holding,
        admit: () => {
          leave();
          resolve();
        },
        refuse: (error) => {
          leave();
          reject(error);
          // Whoever was behind may go now.
          this.admitWaiting();
        },
      };
      const timer = setTimeout(() => waiter.refuse(this.busy(records, holding)), this.timeoutMs);
      // A caller who has gone away gives its place up.
      const abandoned = () => waiter.refuse(signal?.reason);
      signal?.addEventListener('abort', abandoned, { once: true });
      this.waiting.push(waiter);
      this.admitWaiting();
    });
  }

  /** Lets in, in arrival order, every waiting operation that fits and that no earlier one holds back. */
  private admitWaiting(): void {
    if (this.waiting.length === 0) return;
    const scan = ++this.scans;
    for (let i = 0; i < this.waiting.length; ) {
      const waiter = this.waiting[i] as Waiter;
      if (short(waiter.holding, scan)) {
        // Short of the whole budget: everyone behind needs it too.
        if (this.total.heldBackIn === scan) return;
        i++;
      } else {
        take(waiter.holding);
        waiter.admit();
      }
    }
  }

  /** The answer to one that waited too long, naming the provider whose share it waited for, if that was all. */
  private busy(records: number, holding: Holding): GraphQLError {
    const seconds = Math.ceil(this.timeoutMs / 1000);
    const full = holding.find(([pool, held]) => pool.running + held > pool.limit)?.[0];
    const share = full && full !== this.total ? full : undefined;
    const running = share
      ? `the operations already running that may call the same provider (at most ${share.limit} records at once)`
      : `the operations already running (at most ${this.budget} records at once)`;
    return gatewayError(
      `The gateway is busy: this operation (up to ${records} records) waited ${this.timeoutMs} ms for ${running} to make room. Try again in a moment, or ask for fewer records at once.`,
      {
        code: 'GATEWAY_BUSY',
        ...(share ? { provider: share.id } : {}),
        retryAfterSeconds: seconds,
        http: { status: 503, headers: { 'retry-after': String(seconds) } },
      },
    );
  }
}

/** One larger than a pool takes all of it, so that it runs alone there rather than never. */
function clamp(records: number, pool: Pool): number {
  return Math.min(Math.max(records, 0), pool.limit);
}

/**
 * Whether `holding` must wait: a pool it needs has no room, or an earlier waiter in this `scan` of
 * the line holds it back. The pools it is short of are marked held back in this scan, so that later
 * operations do not pass it there.
 */
function short(holding: Holding, scan: number): boolean {
  let wait = false;
  for (const [pool, records] of holding) {
    if (pool.heldBackIn === scan || pool.running + records > pool.limit) {
      pool.heldBackIn = scan;
      wait = true;
    }
  }
  return wait;
}

function take(holding: Holding): void {
  for (const [pool, records] of holding) pool.running += records;
}
