import { randomUUID } from 'node:crypto';
import type { Result } from 'ioredis';
import type { SharedRedis } from '../shared/redis.js';
import { offAbort, onAbort } from './on-abort.js';

/** `<PREFIX>_MAX_CONCURRENT`, how long a call over it may wait for a slot, and how long a lease lives. */
export interface ConcurrencyOptions {
  maxConcurrent: number;
  waitMs: number;
  /** A lease not given back by then (its gateway died) frees its slot: a little over a call's deadline. */
  leaseMs: number;
}

/** Gives the slot back; calling it again does nothing. */
export type Release = () => void;

/** Why a call got no slot: over the budget for `waitMs`, or its caller gave up while it waited. */
export type NoSlot = { kind: 'busy' } | { kind: 'aborted'; cause: unknown };

/** The calls one upstream may have in flight at once, from this process or, with Redis, the fleet. */
export interface ConcurrencyBudget {
  /** A slot's release, once one is free, or why none came within `waitMs`. */
  acquire(signal: AbortSignal | undefined): Promise<Release | NoSlot>;
}

/** How often a gateway asks Redis again for a slot another process may have freed. */
const POLL_MS = 20;

/**
 * Waits for `attempt` to give a slot: tried now, then whenever `wake` fires (a slot freed in this
 * process) or every `pollMs` when others may free one, until `waitMs` passes or `signal` aborts.
 */
async function waitForSlot(
  attempt: () => Release | undefined | Promise<Release | undefined>,
  waiters: Set<() => void>,
  waitMs: number,
  pollMs: number | undefined,
  signal: AbortSignal | undefined,
): Promise<Release | NoSlot> {
  const first = await attempt();
  if (first) return first;
  const deadline = Date.now() + waitMs;
  while (true) {
    if (signal?.aborted) return { kind: 'aborted', cause: signal.reason };
    const left = deadline - Date.now();
    if (left <= 0) return { kind: 'busy' };
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        if (signal) offAbort(signal, done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(left, pollMs ?? left));
      waiters.add(done);
      if (signal) onAbort(signal, done);
    });
    if (signal?.aborted) return { kind: 'aborted', cause: signal.reason };
    const release = await attempt();
    if (release) {
      // The caller may have given up while Redis answered: the slot goes straight back.
      if (!signal?.aborted) return release;
      release();
      return { kind: 'aborted', cause: signal.reason };
    }
  }
}

/** Wakes the first waiter of this process: a slot was just given back. */
function wakeOne(waiters: Set<() => void>): void {
  waiters.values().next().value?.();
}

/** One process's count of calls in flight. */
export class MemoryConcurrency implements ConcurrencyBudget {
  private running = 0;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: ConcurrencyOptions) {}

  /** A slot at once, or undefined when all are taken. */
  tryAcquire(): Release | undefined {
    if (this.running >= this.options.maxConcurrent) return undefined;
    this.running += 1;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.running -= 1;
      wakeOne(this.waiters);
    };
  }

  acquire(signal: AbortSignal | undefined): Promise<Release | NoSlot> {
    return waitForSlot(() => this.tryAcquire(), this.waiters, this.options.waitMs, undefined, signal);
  }
}

/**
 * A counting semaphore in one sorted set: each holder is a lease id scored by when it expires, on
 * Redis's clock. Expired leases (of a gateway that died holding them) are dropped before counting.
 * ARGV: the most holders, the lease's life in ms, the lease id. Returns 1 when the lease was taken.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
-- The set lives as long as its longest lease: gateways with shorter deadlines must not cut it short.
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** ACQUIRE, defined on the client by RedisConcurrency: 1 when the lease was taken. */
    gatewayUpstreamLease(key: string, max: number, leaseMs: number, lease: string): Result<number, Context>;
  }
}

/**
 * Every gateway on one Redis counts its calls to the upstream in the same set, so the fleet together
 * keeps within MAX_CONCURRENT. While Redis fails, the process's own count stands in (fails open).
 */
export class RedisConcurrency implements ConcurrencyBudget {
  private readonly key: string;
  private readonly local: MemoryConcurrency;
  private readonly waiters = new Set<() => void>();
  /** Lease ids: this process's own prefix and a counter, unique across the fleet. */
  private readonly prefix = randomUUID();
  private next = 0;

  constructor(
    provider: string,
    private readonly options: ConcurrencyOptions,
    private readonly redis: SharedRedis,
  ) {
    this.key = `gateway:upstream-concurrency:${provider}`;
    this.local = new MemoryConcurrency(options);
    redis.client.defineCommand('gatewayUpstreamLease', { numberOfKeys: 1, lua: ACQUIRE });
  }

  acquire(signal: AbortSignal | undefined): Promise<Release | NoSlot> {
    return waitForSlot(() => this.tryAcquire(), this.waiters, this.options.waitMs, POLL_MS, signal);
  }

  private async tryAcquire(): Promise<Release | undefined> {
    const lease = `${this.prefix}:${this.next++}`;
    let taken: number;
    try {
      taken = await this.redis.client.gatewayUpstreamLease(
        this.key,
        this.options.maxConcurrent,
        this.options.leaseMs,
        lease,
      );
    } catch (error) {
      this.redis.failed('upstream-concurrency', error);
      // A slow Redis may still take the lease after the timeout: dropped behind it, else it would hold a slot for leaseMs.
      if (this.redis.client.status === 'ready') this.drop(lease);
      return this.local.tryAcquire();
    }
    if (taken !== 1) return undefined;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      // Sent first: a waiter woken here asks after it.
      this.drop(lease);
      wakeOne(this.waiters);
    };
  }

  /** Gives `lease` back; one Redis cannot drop now expires on its own. */
  private drop(lease: string): void {
    this.redis.client
      .zrem(this.key, lease)
      .catch((error: unknown) => this.redis.failed('upstream-concurrency', error));
  }
}

/** The concurrency budget of one provider: in Redis when the fleet shares one, else in this process. */
export function concurrencyBudget(
  provider: string,
  options: ConcurrencyOptions,
  redis: SharedRedis | undefined,
): ConcurrencyBudget {
  return redis ? new RedisConcurrency(provider, options, redis) : new MemoryConcurrency(options);
}
