import { randomUUID } from 'node:crypto';
import type { CacheEntityRecord } from '@envelop/response-cache';
import type { CachePeers } from '../response-cache.js';
import type { RedisClient, SharedRedis } from './redis.js';

/** The channel every gateway of a fleet publishes what its mutations touched on. */
const CHANNEL = 'gateway:cache:invalidate';

/** What goes through Redis: the sender (to skip its own message) and typenames with ids, nothing of the caller. */
interface Message {
  from: string;
  touched: { typename: string; id?: string | number }[];
}

/** Peers that can be closed: the Redis subscriber is a connection of its own. */
export interface ClosablePeers extends CachePeers {
  close(): Promise<void>;
}

/**
 * Every gateway sharing `redis`, told through its pub/sub what a mutation touched: the answers are in
 * Redis too (answer-store.ts), dropped by the mutation's own process, so a message only tells the
 * others that their reads in flight keep nothing. Redis wants a connection of its own for
 * subscribing: it is made on `subscribe`, that is only when the cache is on. While Redis is down, a
 * publish is lost (counted).
 */
export function redisCachePeers(redis: SharedRedis): ClosablePeers {
  const self = randomUUID();
  let subscriber: RedisClient | undefined;
  return {
    publish(touched) {
      const message: Message = {
        from: self,
        touched: touched.map(({ typename, id }) => ({ typename, ...(id === undefined ? {} : { id }) })),
      };
      redis.client
        .publish(CHANNEL, JSON.stringify(message))
        .catch((error: unknown) => redis.failed('cache-invalidation', error));
    },
    subscribe(invalidate) {
      // Subscribed again at each (re)connection, as a subscription does not outlive its connection.
      subscriber = redis.subscriber();
      const connection = subscriber;
      connection.on('ready', () => {
        connection.subscribe(CHANNEL).catch((error: unknown) => redis.failed('cache-subscribe', error));
      });
      // Its outages are the shared connection's too, which logs them once; here they are only counted.
      connection.on('error', (error: unknown) => redis.failed('cache-subscribe', error));
      connection.on('message', (_channel: string, text: string) => {
        const message = parse(text);
        if (message && message.from !== self) invalidate(message.touched as CacheEntityRecord[]);
      });
    },
    async close() {
      subscriber?.disconnect();
    },
  };
}

/** Several kinds of peers at once (sibling workers and the fleet through Redis): each hears every publish. */
export function allPeers(peers: readonly CachePeers[]): CachePeers {
  return {
    publish: (touched) => {
      for (const peer of peers) peer.publish(touched);
    },
    subscribe: (invalidate) => {
      for (const peer of peers) peer.subscribe(invalidate);
    },
  };
}

function parse(text: string): Message | undefined {
  try {
    const message = JSON.parse(text) as Partial<Message>;
    return typeof message.from === 'string' && Array.isArray(message.touched)
      ? (message as Message)
      : undefined;
  } catch {
    return undefined;
  }
}
