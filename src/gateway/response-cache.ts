import { createHash } from 'node:crypto';
import {
  type Cache,
  type CacheEntityRecord,
  createInMemoryCache,
  useResponseCache as useEntityTaggedCache,
} from '@envelop/response-cache';
import { type ExecutionResult, type GraphQLSchema, getOperationAST, isObjectType } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { mutationInvalidation, selectedLists } from './cache-invalidation.js';
import { callerIdentity } from './caller-identity.js';
import { usesIncrementalDelivery } from './incremental.js';
import { requestScopeOf } from './logging.js';
import { entityTag, RedisAnswers, type SharedLookup } from './shared/answer-store.js';
import type { SharedRedis } from './shared/redis.js';

/** RESPONSE_CACHE_* once read: how long answers are kept, overall and per type, and how many at most. */
export interface ResponseCacheOptions {
  ttlMs: number;
  /** Milliseconds by GraphQL type name: an answer holding one is kept this long instead, the shortest if several (0: not at all). */
  ttlPerType: Readonly<Record<string, number>>;
  maxEntries: number;
}

/** What the gateway tells the cache about its callers. */
export interface CacheCallers {
  /** Request headers that tell callers apart: `authorization` with gateway credentials, forwarded tokens. */
  identityHeaders: readonly string[];
  /** Told of each cached read looked up: answered from the cache or not (metrics). */
  onLookup?: (hit: boolean) => void;
  /** The other processes keeping answers for the same callers (cluster workers): told what a mutation touched. */
  peers?: CachePeers;
  /** Where the fleet's answers live (REDIS_URL): kept there instead of in this process. */
  redis?: SharedRedis;
}

/** How processes that keep answers tell each other what a mutation touched. */
export interface CachePeers {
  /** Tells every other process. */
  publish(touched: CacheEntityRecord[]): void;
  /** Called with what another process's mutation touched. */
  subscribe(invalidate: (touched: CacheEntityRecord[]) => void): void;
}

/** The names in `ttlPerType` that are no object type of `schema`, in the order given. */
export function unknownCacheTypes(
  schema: GraphQLSchema,
  ttlPerType: Readonly<Record<string, number>>,
): string[] {
  return Object.keys(ttlPerType).filter((name) => !isObjectType(schema.getType(name)));
}

/**
 * Answers to queries kept per caller (see caller-identity.ts) for a time, tagged with the records and
 * lists they hold so that a mutation drops every answer it may have changed (see cache-invalidation.ts).
 * Two plugins: `execution` goes after the plugins that choose the executor (it serves a kept answer
 * instead of running, and keeps a new one), `answers` before useUncachedGets (a kept answer to a GET
 * carries an ETag, and a matching If-None-Match is answered 304 Not Modified).
 */
export function useResponseCache(
  options: ResponseCacheOptions,
  schema: GraphQLSchema,
  callers: CacheCallers,
): { execution: Plugin[]; answers: Plugin } {
  const store = callers.redis ? new RedisAnswers(callers.redis) : new AnswerStore(options.maxEntries);
  /** Counts invalidations, this process's and those heard of: a read that saw it change while it ran keeps nothing. */
  let epoch = 0;
  callers.peers?.subscribe((touched) => {
    epoch += 1;
    // In Redis, the fleet's answers were dropped once already, by the process whose mutation touched them.
    if (store instanceof AnswerStore) store.invalidate(touched);
  });
  const identify = callerIdentity(callers.identityHeaders);
  const touchedBy = mutationInvalidation(schema);
  const listsIn = selectedLists(schema);
  const tagged = useEntityTaggedCache<CacheContext>({
    // A read's answer is also tagged with the lists it selected (see `Lookup`); a mutation uses the store as it is.
    cache: (context) => {
      const lookup = (context as CacheContext)[lookupKey];
      if (store instanceof RedisAnswers) return lookup?.shared ?? store.invalidating;
      return lookup ? store.tagging(lookup.lists) : store;
    },
    ttl: options.ttlMs,
    ttlPerSchemaCoordinate: { ...options.ttlPerType },
    // The key below already holds the caller.
    session: () => null,
    buildResponseCacheKey: ({ context }) => (context as CacheContext)[lookupKey]?.key ?? '',
    // The key is made from the document as sent: printing it again would be wasted.
    getDocumentString: () => '',
    // An answer that carries an error (a provider failed, a time limit ran out) is never kept.
    shouldCacheResult: ({ result }) => !result.errors?.length,
    // Nor one read while a mutation ran: it may hold what the mutation has since changed.
    onTtl: ({ ttl, context }) => (context[lookupKey]?.epoch === epoch ? ttl : 0),
    includeExtensionMetadata: false,
  });
  const vary = callers.identityHeaders.join(', ');

  const execution: Plugin = {
    onSchemaChange: (payload) => tagged.onSchemaChange?.(payload),
    onExecute(payload) {
      const { args } = payload;
      const operation = getOperationAST(args.document, args.operationName)?.operation;
      // A mutation runs as ever; the tagged cache only reads its result for the records it returned.
      if (operation === 'mutation') return tagged.onExecute?.(payload);
      // An answer in parts is sent as it comes: it is neither kept nor served whole.
      if (operation !== 'query' || usesIncrementalDelivery(args.document)) return;
      const context = args.contextValue as CacheContext;
      const { request } = context;
      const document = context.params?.query;
      if (store instanceof RedisAnswers) {
        if (!request || document === undefined) return;
        // Whatever is heard of a mutation from now on, the answer this read makes is not kept.
        const seen = epoch;
        return store.callers(callers.identityHeaders).then(async (identifyInFleet) => {
          // Redis failed: a counted miss, as a failed lookup is.
          if (!identifyInFleet) return served(payload, context, '', seen, undefined, store);
          const caller = identifyInFleet(request);
          if (caller === undefined) return;
          const key = cacheKey(caller, document, args.operationName, args.variableValues);
          return served(payload, context, key, seen, await store.lookup(key), store);
        });
      }
      const caller = request && identify(request);
      if (caller === undefined || document === undefined) return;
      const key = cacheKey(caller, document, args.operationName, args.variableValues);
      const kept = store.get(key);
      callers.onLookup?.(kept !== null);
      noteLookup(context, kept !== null);
      if (kept) {
        // In place of whatever would have run (and of its admission): nothing upstream is called.
        payload.setExecuteFn(() => kept);
        return;
      }
      context[lookupKey] = { key, epoch, lists: listsIn(args.document) };
      return tagged.onExecute?.(payload);
    },
  };
  /** A read after its lookup in Redis: served what was kept, or run (and kept if Redis answered). */
  function served(
    payload: ExecuteHookPayload,
    context: CacheContext,
    key: string,
    seen: number,
    found: SharedLookup | undefined,
    shared: RedisAnswers,
  ) {
    const kept = found?.answer ?? null;
    callers.onLookup?.(kept !== null);
    noteLookup(context, kept !== null);
    if (kept) return payload.setExecuteFn(() => kept);
    // Redis failed: the read runs as if there were no cache, and keeps nothing.
    if (!found) return;
    const lists = listsIn(payload.args.document);
    context[lookupKey] = { key, epoch: seen, lists, shared: shared.keeping(found.epoch, lists) };
    return tagged.onExecute?.(payload);
  }
  const invalidation: Plugin = {
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      const touched = touchedBy(args);
      // Whether it succeeded or not: a failed mutation may still have changed something upstream.
      return {
        onExecuteDone: () => {
          epoch += 1;
          callers.peers?.publish(touched);
          // Its answer leaves once the fleet's kept answers are gone: the caller's next read is fresh anywhere.
          return store.invalidate(touched);
        },
      };
    },
  };

  const answers: Plugin = {
    onResultProcess({ request, result, resultProcessor, setResultProcessor }) {
      if (request.method !== 'GET' || Array.isArray(result)) return;
      const etag = store.etagOf(result as ExecutionResult);
      if (etag === undefined) return;
      (request as AnsweredRequest)[etagKey] = etag;
      if (resultProcessor && matches(request.headers.get('if-none-match'), etag))
        setResultProcessor(
          (_result, fetchAPI) => new fetchAPI.Response(null, { status: 304 }),
          'application/json',
        );
    },
    onResponse({ request, response }) {
      const etag = (request as AnsweredRequest)[etagKey];
      if (etag === undefined) return;
      // The caller's own browser may keep it, but asks each time (a 304 costs no upstream call):
      // its own mutations show at once, and so does another caller signing in on that browser.
      response.headers.set('cache-control', 'private, no-cache');
      response.headers.set('etag', etag);
      if (vary) response.headers.append('vary', vary);
    },
  };
  return { execution: [execution, invalidation], answers };
}

/** One cacheable read: its key, the invalidations counted when it began, and the lists it selects. */
interface Lookup {
  key: string;
  epoch: number;
  lists: readonly CacheEntityRecord[];
  /** With the answers in Redis: where this read's answer is kept. */
  shared?: Cache;
}

const lookupKey = Symbol('responseCache');
const etagKey = Symbol('responseCacheEtag');
type CacheContext = {
  request?: Request;
  params?: { query?: string };
  req?: unknown;
  [lookupKey]?: Lookup;
};
type AnsweredRequest = Request & { [etagKey]?: string };
type ExecuteHookPayload = Parameters<NonNullable<Plugin['onExecute']>>[0];

function cacheKey(caller: string, document: string, operationName: unknown, variables: unknown): string {
  return createHash('sha256')
    .update(caller)
    .update('\0')
    .update(typeof operationName === 'string' ? operationName : '')
    .update('\0')
    .update(JSON.stringify(variables ?? {}))
    .update('\0')
    .update(document)
    .digest('base64url');
}

/** The request line says whether its answer came from the cache; in a batch, one miss makes it a miss. */
function noteLookup(context: CacheContext, hit: boolean): void {
  const scope = requestScopeOf(context.req);
  if (scope && scope.cache !== 'miss') scope.cache = hit ? 'hit' : 'miss';
}

/** If-None-Match holds this entity tag (or `*`); weak tags compare as strong ones do for a GET. */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/**
 * The kept answers: an LRU bounded in entries, whose entries go with the records and lists they
 * hold; each answer's entity tag (a hash of what it says) is made once, when it is kept.
 */
class AnswerStore implements Cache {
  private readonly entries: Cache;
  private readonly etags = new WeakMap<object, string>();

  constructor(maxEntries: number) {
    this.entries = createInMemoryCache({ max: maxEntries });
  }

  set(key: string, result: ExecutionResult, entities: Iterable<CacheEntityRecord>, ttl: number): void {
    this.etags.set(result, entityTag(JSON.stringify(result.data)));
    void this.entries.set(key, result, entities, ttl);
  }

  get(key: string): ExecutionResult | null {
    return (this.entries.get(key) as ExecutionResult | null | undefined) ?? null;
  }

  invalidate(entities: Iterable<CacheEntityRecord>): void {
    void this.entries.invalidate(entities);
  }

  /** The store, with `lists` added to the tags of each answer kept through it. */
  tagging(lists: readonly CacheEntityRecord[]): Cache {
    if (lists.length === 0) return this;
    return {
      get: (key) => this.get(key),
      set: (key, result, entities, ttl) => this.set(key, result, [...entities, ...lists], ttl),
      invalidate: (entities) => this.invalidate(entities),
    };
  }

  etagOf(result: ExecutionResult): string | undefined {
    return this.etags.get(result);
  }
}
