import { createHash, randomBytes } from 'node:crypto';
import type { Cache, CacheEntityRecord } from '@envelop/response-cache';
import type { ExecutionResult } from 'graphql';
import type { Result } from 'ioredis';
import { callerIdentity } from '../caller-identity.js';
import type { SharedRedis } from './redis.js';

/**
 * Every key of the cache starts so: one prefix, and a Redis Cluster hash tag (`{cache}`) that puts
 * them all in one slot, as the scripts below read and write several at once.
 */
const PREFIX = 'gateway:{cache}:';
const ANSWER = `${PREFIX}answer:`;
const TAG = `${PREFIX}tag:`;
/** The key callers are hashed with: the fleet's one, so that a caller's answer kept by one gateway is theirs on every other. */
const CALLERS = `${PREFIX}callers`;
/** Counts the fleet's invalidations: an answer read before one and kept after it is refused. */
const EPOCH = `${PREFIX}epoch`;

/**
 * Keeps an answer unless an invalidation ran since its lookup (the epoch moved), and files it under
 * each of its tags; a tag expires no sooner than the longest-lived answer filed under it. A tag that
 * new answers keep alive would still hold every answer that expired since: each keep also drops two
 * of its members at random if they have expired, which holds a set near twice its live answers.
 * KEYS: the answer, the epoch, its tags. ARGV: the epoch its lookup saw, the answer, its TTL in ms.
 */
const KEEP = `
if (redis.call('GET', KEYS[2]) or '') ~= ARGV[1] then return 0 end
local ttl = tonumber(ARGV[3])
redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
for i = 3, #KEYS do
  for _, answer in ipairs(redis.call('SRANDMEMBER', KEYS[i], 2)) do
    if redis.call('EXISTS', answer) == 0 then redis.call('SREM', KEYS[i], answer) end
  end
  redis.call('SADD', KEYS[i], KEYS[1])
  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1`;

/**
 * Moves the epoch, then drops every answer filed under the tags and the tags themselves: one atomic
 * step, whatever the number of answers (deleted in chunks, as Lua's unpack is bounded).
 * KEYS: the epoch, the tags.
 */
const INVALIDATE = `
redis.call('INCR', KEYS[1])
local dropped = 0
for i = 2, #KEYS do
  local answers = redis.call('SMEMBERS', KEYS[i])
  for first = 1, #answers, 500 do
    dropped = dropped + redis.call('DEL', unpack(answers, first, math.min(first + 499, #answers)))
  end
  redis.call('DEL', KEYS[i])
end
return dropped`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** KEEP, defined on the client by RedisAnswers: 1 if kept. */
    gatewayCacheKeep(count: number, ...keysThenArgs: (string | number)[]): Result<number, Context>;
    /** INVALIDATE, defined on the client by RedisAnswers: how many answers it dropped. */
    gatewayCacheInvalidate(count: number, ...keys: string[]): Result<number, Context>;
  }
}

/** What a lookup in Redis found: the answer or none, and the epoch to keep a new one under. */
export interface SharedLookup {
  answer: ExecutionResult | null;
  epoch: string;
}

/**
 * The kept answers of a whole fleet, in Redis: an answer kept by one gateway is served by every
 * other, and a mutation through any of them drops it for all. Each answer is a string (its entity
 * tag, a newline, its JSON) that expires with its TTL; each record and type it holds has a set of the
 * answers holding it, so that an invalidation needs no scan. Redis's failures are misses: the request
 * runs and nothing is kept (counted under `response-cache`).
 */
export class RedisAnswers {
  private readonly etags = new WeakMap<object, string>();
  /** An invalidation's entities from envelop's own plugin: lookups and keeping go through `keeping`. */
  readonly invalidating: Cache = {
    get: () => null,
    set: () => {},
    invalidate: (entities) => this.invalidate(entities),
  };

  private identify: Promise<(request: Request) => string | undefined> | undefined;

  constructor(private readonly redis: SharedRedis) {
    redis.client.defineCommand('gatewayCacheKeep', { lua: KEEP });
    redis.client.defineCommand('gatewayCacheInvalidate', { lua: INVALIDATE });
  }

  /**
   * Who a caller is by `headers`, hashed with the fleet's key (made by the first gateway to ask, read
   * once per process); undefined while Redis fails.
   */
  async callers(headers: readonly string[]): Promise<((request: Request) => string | undefined) | undefined> {
    if (headers.length === 0) return callerIdentity(headers);
    this.identify ??= this.fleetKey().then((key) => callerIdentity(headers, key));
    try {
      return await this.identify;
    } catch (error) {
      this.identify = undefined;
      this.redis.failed('response-cache', error);
      return undefined;
    }
  }

  private async fleetKey(): Promise<Buffer> {
    await this.redis.client.set(CALLERS, randomBytes(32).toString('base64url'), 'NX');
    const key = await this.redis.client.get(CALLERS);
    if (!key) throw new Error('no key for callers');
    return Buffer.from(key, 'base64url');
  }

  /** The answer kept under `key` and the fleet's epoch, in one round trip; undefined if Redis failed. */
  async lookup(key: string): Promise<SharedLookup | undefined> {
    try {
      const [text, epoch] = await this.redis.client.mget(ANSWER + key, EPOCH);
      return { answer: text ? this.parse(text) : null, epoch: epoch ?? '' };
    } catch (error) {
      this.redis.failed('response-cache', error);
      return undefined;
    }
  }

  /** A cache for one read that missed: it keeps the answer (tagged with `lists` too) unless `epoch` moved. */
  keeping(epoch: string, lists: readonly CacheEntityRecord[]): Cache {
    return {
      // Looked up already: that is what made this read run.
      get: () => null,
      set: (key, result, entities, ttl) => this.keep(key, result, [...entities, ...lists], ttl, epoch),
      invalidate: (entities) => this.invalidate(entities),
    };
  }

  /** Drops every answer holding one of `entities`, for the fleet; it never fails (Redis's failure is counted). */
  async invalidate(entities: Iterable<CacheEntityRecord>): Promise<void> {
    const tags = invalidatedTags(entities);
    try {
      await this.redis.client.gatewayCacheInvalidate(tags.length + 1, EPOCH, ...tags);
    } catch (error) {
      this.redis.failed('response-cache', error);
    }
  }

  etagOf(result: ExecutionResult): string | undefined {
    return this.etags.get(result);
  }

  private async keep(
    key: string,
    result: ExecutionResult,
    entities: Iterable<CacheEntityRecord>,
    ttl: number,
    epoch: string,
  ): Promise<void> {
    if (!Number.isFinite(ttl) || ttl <= 0) return;
    const json = JSON.stringify(result);
    const etag = entityTag(json);
    // The answer being sent carries the tag its copies served from Redis will carry.
    this.etags.set(result, etag);
    const tags = tagsOf(entities);
    try {
      await this.redis.client.gatewayCacheKeep(
        tags.length + 2,
        ANSWER + key,
        EPOCH,
        ...tags,
        epoch,
        `${etag}\n${json}`,
        Math.ceil(ttl),
      );
    } catch (error) {
      this.redis.failed('response-cache', error);
    }
  }

  private parse(text: string): ExecutionResult | null {
    const newline = text.indexOf('\n');
    if (newline < 0) return null;
    const result = JSON.parse(text.slice(newline + 1)) as ExecutionResult;
    this.etags.set(result, text.slice(0, newline));
    return result;
  }
}

/** An answer's entity tag: a hash of what it says, made once when it is kept. */
export function entityTag(json: string): string {
  return `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
}

/** The sets an answer holding `entities` is filed under: its types' and its records'. */
function tagsOf(entities: Iterable<CacheEntityRecord>): string[] {
  const tags = new Set<string>();
  for (const { typename, id } of entities) {
    tags.add(TAG + typename);
    if (id != null) tags.add(`${TAG}${typename}:${id}`);
  }
  return [...tags];
}

/** The sets an invalidation of `entities` empties: a record's own, or its whole type's when it names no id. */
function invalidatedTags(entities: Iterable<CacheEntityRecord>): string[] {
  const tags = new Set<string>();
  for (const { typename, id } of entities) tags.add(id == null ? TAG + typename : `${TAG}${typename}:${id}`);
  return [...tags];
}
