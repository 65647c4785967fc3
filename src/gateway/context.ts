import { randomUUID } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import type { Cancellation } from './cancellation.js';
import { gatewayError } from './errors.js';
import type { ProviderDefinition, ProviderRuntime, ProviderSession, RequestCaller } from './provider.js';

/** A provider that is configured in this process, with its runtime. */
export interface ActiveProvider {
  definition: ProviderDefinition;
  runtime: ProviderRuntime;
}

/** Limits the schema enforces on every request. */
export interface RequestLimits {
  /** Largest `first` or `last` accepted by a connection. */
  maxPageSize: number;
  /** Largest number of ids accepted by `nodes`. */
  maxNodes: number;
}

/**
 * Everything one GraphQL request owns. It is built fresh for each request, so loaders and
 * provider sessions never carry data from one caller to another.
 */
export interface GatewayContext {
  readonly requestId: string;
  readonly limits: RequestLimits;
  /** The session of one provider for this request; a PROVIDER_NOT_CONFIGURED error when it is off. */
  session<S extends ProviderSession>(definition: ProviderDefinition<unknown, S>): S;
  /** Sessions of every configured provider, in registry order. */
  sessions(): { definition: ProviderDefinition; session: ProviderSession }[];
  /** Errors for parts of the answer that are missing while the rest still arrives. */
  readonly partialErrors: GraphQLError[];
  /** Told the size of every batch a node loader runs (metrics). */
  readonly onBatch?: (loader: string, size: number) => void;
  /** Values made once for this request, such as its loaders: see `requestLocal`. */
  readonly locals: Map<object, unknown>;
  /** Aborts the request's upstream calls when its client goes away or its time limit runs out. */
  readonly cancellation?: Cancellation;
}

/** What `requestLocal` keys a request's value by: the same object for every request, with how to let go of the value. */
interface LocalKey<T> {
  readonly release: ((value: T) => void) | undefined;
}

/**
 * A value made once per request on first use, and kept on the request's context so that it goes
 * when the request goes. Not in a module-level WeakMap keyed by context: on Node 20, V8's
 * young-generation GC keeps every entry of a long-lived WeakMap, key and value, so each request's
 * whole object graph was copied to the old generation and stayed there until the next full GC.
 * `release` is called with the value when the operation is over (see `createContext`).
 */
export function requestLocal<T>(
  create: (context: GatewayContext) => T,
  release?: (value: T) => void,
): (context: GatewayContext) => T {
  const key: LocalKey<T> = { release };
  return (context) => {
    if (context.locals.has(key)) return context.locals.get(key) as T;
    const value = create(context);
    context.locals.set(key, value);
    return value;
  };
}

export function createContext(
  providers: readonly ActiveProvider[],
  caller: RequestCaller,
  limits: RequestLimits,
  onBatch?: (loader: string, size: number) => void,
  requestId: string = randomUUID(),
  cancellation?: Cancellation,
): GatewayContext {
  const sessions = new Map<string, ProviderSession>();
  const sessionOf = (active: ActiveProvider): ProviderSession => {
    let session = sessions.get(active.definition.id);
    if (!session) {
      // Upstream work starts: so does the clock of the time limit (the first call may not be made
      // before something else, such as a login shared with other requests, has answered).
      cancellation?.signal();
      session = active.runtime.session(caller);
      sessions.set(active.definition.id, session);
    }
    return session;
  };
  const locals = new Map<object, unknown>();
  // Once the operation is over (its last part sent), what it loaded is let go of: its loaders' caches
  // and its sessions. An object made early in a long operation may have moved to the old generation
  // by then, and whatever it still points to outlives every young-generation collection until the
  // next full one, dead or not: `nodes` of 100 PDC ids kept 80 kB a query that way, 24 kB without
  // (bench/README.md, "Let go of at the end").
  cancellation?.whenEnded(() => {
    for (const [key, value] of locals) (key as LocalKey<unknown>).release?.(value);
    locals.clear();
    sessions.clear();
  });
  return {
    requestId,
    limits,
    onBatch,
    partialErrors: [],
    locals,
    cancellation,
    session<S extends ProviderSession>(definition: ProviderDefinition<unknown, S>): S {
      const active = providers.find((p) => p.definition.id === definition.id);
      if (!active) {
        throw gatewayError(`${definition.label} is not configured on this gateway`, {
          code: 'PROVIDER_NOT_CONFIGURED',
          provider: definition.id,
        });
      }
      return sessionOf(active) as S;
    },
    sessions: () =>
      providers.map((active) => ({ definition: active.definition, session: sessionOf(active) })),
  };
}
