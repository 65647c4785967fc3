import type { Result } from 'ioredis';
import type { SharedRedis } from '../shared/redis.js';
import { offAbort, onAbort } from './on-abort.js';

/** `<PREFIX>_MAX_RPS`, how long a call over it may wait for a token, and the answer time that counts as a slowdown (0: none). */
export interface BudgetOptions {
  maxRps: number;
  waitMs: number;
  slowMs: number;
}

/**
 * The calls per second one upstream may receive from the whole fleet. Its rate adapts (AIMD): it
 * halves when the upstream answers 429 and grows back a step per successful call, up to `maxRps`.
 */
export interface UpstreamBudget {
  /**
   * Milliseconds to wait before the call may go (0: at once); or, over the budget (do not send it),
   * minus the milliseconds until the bucket next holds a token at the current rate.
   */
  take(): Promise<number> | number;
  /** How the upstream answered a call sent within the budget, and how long it took. */
  answered(status: number, ms: number): void;
  /** The calls per second allowed now (a gauge). */
  readonly rps: number;
}

/** A 429, or a success slower than `slowMs`, slows the budget; a prompt success speeds it up again. */
function adapt(
  budget: { throttled(): void; succeeded(): void },
  slowMs: number,
  status: number,
  ms: number,
): void {
  const ok = status >= 200 && status <= 299;
  if (status === 429 || (ok && slowMs > 0 && ms > slowMs)) budget.throttled();
  else if (ok) budget.succeeded();
}

/** The rate never falls below this share of MAX_RPS: the upstream is still probed, slowly. */
const FLOOR = 0.1;
/** Each successful call gives back this share of MAX_RPS. */
const STEP = 0.05;

/** One process's bucket: holds up to one second's worth of calls, refilled at the current rate. */
export class MemoryBudget implements UpstreamBudget {
  private tokens: number;
  private at = Date.now();
  rps: number;

  constructor(private readonly options: BudgetOptions) {
    this.rps = options.maxRps;
    this.tokens = Math.max(1, options.maxRps);
  }

  take(): number {
    const now = Date.now();
    this.tokens = Math.min(Math.max(1, this.rps), this.tokens + ((now - this.at) * this.rps) / 1000);
    this.at = now;
    // A call that waits holds its token (the count goes below zero): later calls queue behind it.
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    const wait = Math.ceil((-this.tokens * 1000) / this.rps);
    if (wait <= this.options.waitMs) return wait;
    this.tokens += 1;
    return -wait;
  }

  answered(status: number, ms: number): void {
    adapt(this, this.options.slowMs, status, ms);
  }

  throttled(): void {
    this.rps = Math.max(this.options.maxRps * FLOOR, this.rps / 2);
  }

  succeeded(): void {
    if (this.rps < this.options.maxRps)
      this.rps = Math.min(this.options.maxRps, this.rps + this.options.maxRps * STEP);
  }
}

/**
 * The bucket and its rate in one Redis hash, changed in one atomic step on Redis's clock. ARGV: the
 * most calls per second, the longest wait, and what to do (`take`, `throttled` or `succeeded`).
 * Returns the wait (0 at once; over the budget, minus the time until a token) and the rate now, as text (Lua numbers lose their fraction).
 */
const BUCKET = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local max = tonumber(ARGV[1])
local s = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'rps')
local rps = math.min(max, tonumber(s[3]) or max)
local tokens = tonumber(s[1]) or math.max(1, rps)
local at = tonumber(s[2]) or now
tokens = math.min(math.max(1, rps), tokens + math.max(0, now - at) * rps / 1000)
local wait = 0
if ARGV[3] == 'take' then
  tokens = tokens - 1
  if tokens < 0 then
    wait = math.ceil(-tokens * 1000 / rps)
    if wait > tonumber(ARGV[2]) then tokens = tokens + 1; wait = -wait end
  end
elseif ARGV[3] == 'throttled' then
  rps = math.max(max * ${FLOOR}, rps / 2)
elseif rps < max then
  rps = math.min(max, rps + max * ${STEP})
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now, 'rps', tostring(rps))
redis.call('PEXPIRE', KEYS[1], 60000)
return {wait, tostring(rps)}`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** BUCKET, defined on the client by RedisBudget: the wait and the rate now. */
    gatewayUpstreamBudget(
      key: string,
      maxRps: number,
      waitMs: number,
      action: string,
    ): Result<[number, string], Context>;
  }
}

/**
 * Every gateway on one Redis draws from the same bucket, so a fleet stays within MAX_RPS and a burst
 * of 429s seen by one slows them all. While Redis fails, the process's own bucket stands in (fails open).
 */
export class RedisBudget implements UpstreamBudget {
  private readonly key: string;
  private readonly local: MemoryBudget;
  private shared: number;
  private usingRedis = true;

  constructor(
    provider: string,
    private readonly options: BudgetOptions,
    private readonly redis: SharedRedis,
  ) {
    this.key = `gateway:upstream-budget:${provider}`;
    this.local = new MemoryBudget(options);
    this.shared = options.maxRps;
    redis.client.defineCommand('gatewayUpstreamBudget', { numberOfKeys: 1, lua: BUCKET });
  }

  get rps(): number {
    return this.usingRedis ? this.shared : this.local.rps;
  }

  async take(): Promise<number> {
    try {
      const wait = await this.send('take');
      this.usingRedis = true;
      return wait;
    } catch (error) {
      this.usingRedis = false;
      this.redis.failed('upstream-budget', error);
      return this.local.take();
    }
  }

  answered(status: number, ms: number): void {
    adapt(this, this.options.slowMs, status, ms);
  }

  throttled(): void {
    this.local.throttled();
    this.send('throttled').catch((error: unknown) => this.redis.failed('upstream-budget', error));
  }

  succeeded(): void {
    this.local.succeeded();
    // At full rate there is nothing to give back, and while Redis is away nothing to tell it.
    if (this.usingRedis && this.shared < this.options.maxRps)
      this.send('succeeded').catch((error: unknown) => this.redis.failed('upstream-budget', error));
  }

  private async send(action: string): Promise<number> {
    const [wait, rps] = await this.redis.client.gatewayUpstreamBudget(
      this.key,
      this.options.maxRps,
      this.options.waitMs,
      action,
    );
    this.shared = Number(rps);
    return wait;
  }
}

/**
 * Resolves once `budget` lets a call go: at once, or after a wait it allows. Rejects with
 * `refuse('busy')` over the budget (with the whole seconds until it has room), or `refuse('aborted')` when `signal` aborts first.
 */
export async function awaitBudget(
  budget: UpstreamBudget,
  signal: AbortSignal | undefined,
  refuse: (kind: 'busy' | 'aborted', cause?: unknown, retryAfterSeconds?: number) => Error,
): Promise<void> {
  const wait = await budget.take();
  if (wait === 0) return;
  if (wait < 0) throw refuse('busy', undefined, Math.max(1, Math.ceil(-wait / 1000)));
  if (signal?.aborted) throw refuse('aborted', signal.reason);
  await new Promise<void>((resolve, reject) => {
    const abandon = () => {
      clearTimeout(timer);
      reject(refuse('aborted', signal?.reason));
    };
    const timer = setTimeout(() => {
      if (signal) offAbort(signal, abandon);
      resolve();
    }, wait);
    if (signal) onAbort(signal, abandon);
  });
}

/** The budget of one provider: in Redis when the fleet shares one, else in this process. */
export function upstreamBudget(
  provider: string,
  options: BudgetOptions,
  redis: SharedRedis | undefined,
): UpstreamBudget {
  return redis ? new RedisBudget(provider, options, redis) : new MemoryBudget(options);
}
