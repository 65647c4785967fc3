import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { Result } from 'ioredis';
import type { GatewayAuthOptions } from './auth.js';
import { gatewayError } from './errors.js';
import type { SharedRedis } from './shared/redis.js';

/** RATE_LIMIT: at most `limit` operations per caller in each window of `windowMs`. */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `600/60s`, `10/1m`, `5/500ms` into a limit and a window; undefined when it is not one. */
export function parseRateLimit(value: string): RateLimitOptions | undefined {
  const match = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})?\s*(ms|s|m|h)\s*$/.exec(value);
  if (!match) return undefined;
  const limit = Number(match[1]);
  const windowMs = Number(match[2] ?? 1) * (UNITS[match[3] ?? 's'] ?? 1000);
  return limit > 0 && windowMs > 0 ? { limit, windowMs } : undefined;
}

/** Operations counted so far in the caller's window, and milliseconds until it ends. */
interface Count {
  count: number;
  resetInMs: number;
}

/** Counts a caller's operations in fixed windows. */
interface Counter {
  add(key: string, operations: number): Promise<Count> | Count;
}

/** One process's counts: right for one gateway, a multiple of the limit for a fleet (use Redis). */
class MemoryCounter implements Counter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly windowMs: number) {}

  add(key: string, operations: number): Count {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      // Callers come and go: ended windows are dropped once there are many.
      if (!window && this.windows.size >= 10_000) this.sweep(now);
      window = { count: 0, endsAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count += operations;
    return { count: window.count, resetInMs: window.endsAt - now };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

/** The window's count goes up and, when it has just begun, its key expires with the window: one atomic step. */
const INCREMENT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
if count == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
return {count, ttl}`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** INCREMENT, defined on the client by RedisCounter: the count and the milliseconds left. */
    gatewayRateLimit(key: string, by: number, windowMs: number): Result<[number, number], Context>;
  }
}

/** Every gateway on one Redis counts into the same key: a fleet shares each caller's budget. */
class RedisCounter implements Counter {
  constructor(
    private readonly redis: SharedRedis,
    private readonly windowMs: number,
  ) {
    redis.client.defineCommand('gatewayRateLimit', { numberOfKeys: 1, lua: INCREMENT });
  }

  async add(key: string, operations: number): Promise<Count> {
    const [count, ttl] = await this.redis.client.gatewayRateLimit(
      `gateway:rate:${key}`,
      operations,
      this.windowMs,
    );
    return { count, resetInMs: ttl };
  }
}

/**
 * Who a caller is for the rate limit, the same in every process of a fleet: a SHA-256 of the gateway
 * token, of the JWT's subject (the token's, without one), or with GATEWAY_AUTH=none of the client's
 * address. The credential itself is never kept nor sent to Redis.
 */
function callerKey(auth: GatewayAuthOptions): (request: Request, req: IncomingMessage | undefined) => string {
  const digest = (kind: string, value: string) =>
    createHash('sha256').update(`${kind}\0${value}`).digest('base64url');
  if (auth.mode === 'none') return (_, req) => digest('address', req?.socket.remoteAddress ?? '');
  return (request) => {
    // The auth plugin has checked the header by now: it is `Bearer <token>`.
    const token = (request.headers.get('authorization') ?? '').replace(/^Bearer +/i, '').trim();
    if (auth.mode === 'jwt') {
      const subject = jwtSubject(token);
      if (subject !== undefined) return digest('sub', subject);
    }
    return digest('token', token);
  };
}

/** The `sub` claim of a JWT whose signature is already verified. */
function jwtSubject(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims?.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * RATE_LIMIT: each operation of a request (a batch counts each of its operations) is charged to its
 * caller's window; over the limit the request is answered HTTP 429 RATE_LIMITED with Retry-After.
 * It runs once the request is parsed: /health, /ready, /metrics and GraphiQL's page are not charged.
 * With Redis, a Redis that fails lets the request through (counted in gateway_redis_errors_total).
 */
export function useRateLimit(
  options: RateLimitOptions,
  auth: GatewayAuthOptions,
  redis: SharedRedis | undefined,
  onLimited: () => void = () => {},
): Plugin {
  const counter: Counter = redis
    ? new RedisCounter(redis, options.windowMs)
    : new MemoryCounter(options.windowMs);
  const keyOf = callerKey(auth);
  const charge = async (request: Request, req: IncomingMessage | undefined, operations: number) => {
    let counted: Count;
    try {
      counted = await counter.add(keyOf(request, req), operations);
    } catch (error) {
      redis?.failed('rate-limit', error);
      return;
    }
    if (counted.count <= options.limit) return;
    onLimited();
    const retryAfterSeconds = Math.max(1, Math.ceil(counted.resetInMs / 1000));
    throw gatewayError(
      `Too many requests: this gateway allows ${options.limit} operations per caller every ${options.windowMs / 1000} s; try again in ${retryAfterSeconds} s`,
      {
        code: 'RATE_LIMITED',
        retryAfterSeconds,
        http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } },
      },
    );
  };
  return {
    onRequestParse: ({ request, serverContext }) => ({
      onRequestParseDone: ({ requestParserResult }) => {
        const operations = Array.isArray(requestParserResult) ? requestParserResult.length : 1;
        return charge(request, (serverContext as { req?: IncomingMessage }).req, operations);
      },
    }),
  };
}
