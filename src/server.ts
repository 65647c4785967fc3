import {
  createServer,
  type OutgoingHttpHeader,
  type OutgoingHttpHeaders,
  type Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Plugin, YogaInitialContext, YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { GATEWAY_SERVER } from './code-cache.js';
import { ConfigError, type GatewayConfig } from './config.js';
import { AdmissionGate } from './gateway/admission.js';
import { useGatewayAuth } from './gateway/auth.js';
import { useBatchLimit } from './gateway/batching.js';
import { Cancellation } from './gateway/cancellation.js';
import { useCompiledQueries } from './gateway/compiled-queries.js';
import { type ActiveProvider, createContext, type GatewayContext } from './gateway/context.js';
import { corsFor } from './gateway/cors.js';
import type { DirectPath } from './gateway/direct-path.js';
import { useErrorMessageScrub } from './gateway/error-messages.js';
import { maskError } from './gateway/errors.js';
import { useIncrementalDelivery } from './gateway/incremental.js';
import { useValueFreeInputErrors } from './gateway/input-errors.js';
import {
  createLogger,
  logRequestDone,
  logUpstreamFailure,
  noteRequestScope,
  RequestScope,
  recordUpstreamCall,
  requestScopeOf,
  useOperationNames,
} from './gateway/logging.js';
import { createObservability, type SumOverWorkers } from './gateway/observability/index.js';
import { useMaskedIncrementalErrors, usePartialErrors } from './gateway/partial-errors.js';
import { usePersistedDocuments } from './gateway/persisted.js';
import type { RuntimeServices } from './gateway/provider.js';
import { providerReach } from './gateway/provider-reach.js';
import { pagedFieldNames, useQueryCost } from './gateway/query-cost.js';
import { useRateLimit } from './gateway/rate-limit.js';
import { createYogaServer } from './gateway/request-hooks.js';
import {
  useNoIntrospection,
  useQueryLimits,
  useRequestBodyLimit,
  useSupportedMediaTypes,
  useUncachedGets,
} from './gateway/request-limits.js';
import {
  type CacheCallers,
  type CachePeers,
  unknownCacheTypes,
  useResponseCache,
} from './gateway/response-cache.js';
import { SharedRedis } from './gateway/shared/redis.js';
import { OpenSubscriptions } from './gateway/subscriptions.js';
import { concurrencyBudget, isUpstreamError, upstreamBudget } from './gateway/upstream/index.js';
import { useGraphiqlPage } from './graphiql.js';
import { schema as publicSchema, subgraphSchema } from './schema.js';

/** Where GraphQL is served, and GraphiQL to browsers. */
const graphqlEndpoint = '/graphql';

export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  /** Serves the common request (one JSON POST to the endpoint) without Yoga's request machinery; see direct-path.ts. */
  direct: DirectPath | undefined;
  logger: Logger;
  schema: GraphQLSchema;
  providers: readonly ActiveProvider[];
  /** How long `listen` keeps an idle client connection open. */
  keepAliveTimeoutMs: number;
  /**
   * Says the process is shutting down: /ready answers 503 from now on and open subscriptions end,
   * while other requests are still served.
   */
  drain(): void;
  /** Closes every upstream pool and sends the trace spans still buffered. */
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** Extra runtime hooks (tests observe upstream calls through these). */
  services?: Partial<RuntimeServices>;
  /** Where logs go; JSON lines on stdout at LOG_LEVEL by default. */
  logger?: Logger;
  /** In a cluster worker: /metrics answers for every worker (see cluster.ts). */
  sumOverWorkers?: SumOverWorkers;
  /** In a cluster worker: the other workers' response caches, emptied by this one's mutations too. */
  cachePeers?: CachePeers;
  /** False sends every request through Yoga's server adapter (tests compare the direct path with it). */
  directPath?: boolean;
}

/** Builds the configured gateway: providers connected, Yoga ready. It opens no port. */
export function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Gateway {
  const logger = options.logger ?? createLogger(config.logLevel);
  const observe = options.services?.onUpstreamResponse;
  const gate =
    config.admission &&
    new AdmissionGate(config.admission.budget, config.admission.timeoutMs, config.admission.shares);
  const subscriptions = new OpenSubscriptions(config.subscriptions);
  const observability = createObservability(
    config.observability,
    () => providers,
    gate && (() => gate.state),
    () => subscriptions.open,
    options.sumOverWorkers,
  );
  // One connection per process, made only when REDIS_URL is set; it connects in the background.
  const redis = config.redisUrl
    ? new SharedRedis(config.redisUrl, logger, observability.onRedisError)
    : undefined;
  if (redis) observability.reportRedis(() => redis.state);
  const providers: ActiveProvider[] = config.providers.map(
    ({ definition, config: providerConfig, upstream }) => {
      const services: RuntimeServices = {
        ...upstream,
        ...(upstream.maxRps > 0
          ? {
              budget: upstreamBudget(
                definition.id,
                { maxRps: upstream.maxRps, waitMs: config.budgetWaitMs, slowMs: config.budgetSlowMs },
                redis,
              ),
            }
          : {}),
        ...(upstream.maxConcurrent > 0
          ? {
              concurrency: concurrencyBudget(
                definition.id,
                {
                  maxConcurrent: upstream.maxConcurrent,
                  waitMs: config.budgetWaitMs,
                  // A slot is held while its call waits for a token and then runs to its deadline.
                  leaseMs: config.budgetWaitMs + upstream.timeouts.deadlineMs + 1_000,
                },
                redis,
              ),
            }
          : {}),
        resilience: config.resilience,
        polling: config.polling,
        ...observability.services,
        ...options.services,
        onUpstreamResponse: (event) => {
          recordUpstreamCall(logger, event);
          observability.services.onUpstreamResponse?.(event);
          observe?.(event);
        },
      };
      return { definition, runtime: definition.connect(providerConfig, services) };
    },
  );
  const limits = { maxPageSize: config.maxPageSize, maxNodes: config.maxNodes };
  // The subgraph is the public schema plus `_service` and `_entities`; one endpoint serves either.
  const gatewaySchema = config.federation ? subgraphSchema() : publicSchema;
  // With REDIS_URL the answers live in Redis, shared by the fleet: a mutation's process drops them
  // there and moves the fleet's epoch in one script, and Redis refuses to keep any answer whose
  // lookup saw an older epoch (answer-store.ts), so no replica needs telling (a cluster's workers
  // still are, through the primary: `cachePeers`).
  const cache = responseCache(config, gatewaySchema, providers, {
    ...(observability.onCacheLookup ? { onLookup: observability.onCacheLookup } : {}),
    ...(options.cachePeers ? { peers: options.cachePeers } : {}),
    ...(redis ? { redis } : {}),
  });
  // Which providers each root field may call: each provider's share of the admission budget is charged by it.
  const reach =
    gate &&
    providerReach(
      gatewaySchema,
      config.providers.map(({ definition }) => definition),
    );
  const incidents = incidentLogger(logger);
  const yoga = createYogaServer<Record<string, unknown>, GatewayContext>({
    schema: gatewaySchema,
    graphqlEndpoint,
    healthCheckEndpoint: '/health',
    landingPage: false,
    // Yoga's default echoes any Origin with credentials allowed: only the configured origins are.
    cors: corsFor(config.corsOrigins),
    // No field takes a file: a multipart body is refused (415, see useSupportedMediaTypes) instead of parsed.
    multipart: false,
    // Served by useGraphiqlPage instead: the page carries its own assets (no CDN), compressed and cached.
    graphiql: false,
    // useBatchLimit answers an array over the limit (or any array, at 0) before Yoga's own check would.
    batching: config.maxBatchSize > 0 ? { limit: config.maxBatchSize } : false,
    // GraphQL over HTTP's persisted documents name theirs by `documentId` (see persisted.ts).
    ...(config.persistedOperations.mode === 'off' ? {} : { extraParamNames: ['documentId'] }),
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    plugins: [
      // Its hooks run before every other plugin's: they read what it puts on the context.
      useGatewayContext(({ request, req }) => {
        // `listen` puts each request's scope on Node's request (`req`); `yoga.fetch` (tests) has none.
        const scope = requestScopeOf(req);
        // On `listen`, Yoga aborts `request.signal` when the client's connection closes before the answer.
        const cancellation = new Cancellation(request, config.operationTimeoutMs);
        return createContext(
          providers,
          {
            header: (name) => request.headers.get(name) ?? undefined,
            tag: scope,
            signal: cancellation.signal,
          },
          limits,
          observability.onBatch,
          scope?.requestId,
          cancellation,
        );
      }),
      // First, as Yoga's own page would be: a browser opening GraphiQL is not a GraphQL request.
      ...(config.graphiql ? [useGraphiqlPage(graphqlEndpoint)] : []),
      ...observability.plugins,
      useGatewayAuth(config.auth),
      // After auth, which says who the caller is; charged once the body says how many operations it holds.
      ...(config.rateLimit
        ? [useRateLimit(config.rateLimit, config.auth, redis, observability.onRateLimited)]
        : []),
      // Before the limits: a request they refuse is still logged with the operation it names.
      useOperationNames(),
      useRequestBodyLimit(config.requestBodyLimitBytes),
      useBatchLimit(config.maxBatchSize),
      ...usePersistedDocuments(config.persistedOperations, redis),
      // JSON bodies only: that is also what keeps a cross-site form from running anything.
      useSupportedMediaTypes(),
      ...(cache ? [cache.answers] : []),
      useUncachedGets(),
      useQueryLimits(config.queryLimits),
      useValueFreeInputErrors(),
      useErrorMessageScrub({ hideSuggestions: !config.introspection }),
      ...(config.introspection ? [] : [useNoIntrospection()]),
      usePartialErrors(),
      // Before the masking of later parts, which logs each incident: the log then names its request.
      useErrorScopes(),
      useMaskedIncrementalErrors((error, message) => {
        const masked = maskError(error, message);
        // As Yoga does for a first part's errors: what masking changed is an incident to log.
        if (masked !== error) incidents.error(error);
        return masked;
      }),
      subscriptions.plugin(),
      // Its validation rules for `@defer` and `@stream`; useCompiledQueries leaves such documents to graphql-js.
      useIncrementalDelivery(),
      useCompiledQueries(),
      // Last: it wraps whichever executor the plugins before it chose.
      useQueryCost(config.queryLimits.cost, { gate, reach }, pagedFieldNames(gatewaySchema)),
      // After it: a kept answer replaces the run it would have admitted and timed.
      ...(cache ? cache.execution : []),
    ],
    logging: incidents,
  });
  return {
    yoga,
    direct: options.directPath === false ? undefined : yoga.direct,
    logger,
    schema: gatewaySchema,
    providers,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs,
    drain: () => {
      observability.drain();
      subscriptions.endAll();
    },
    close: async () => {
      await Promise.all(providers.map((p) => p.runtime.close()));
      await redis?.close();
      await observability.close();
    },
  };
}

/** The response cache, its callers told apart by the credentials this configuration reads from them. */
function responseCache(
  config: GatewayConfig,
  schema: GraphQLSchema,
  providers: readonly ActiveProvider[],
  hooks: Pick<CacheCallers, 'onLookup' | 'peers' | 'redis'>,
) {
  const options = config.responseCache;
  if (!options) return undefined;
  const unknown = unknownCacheTypes(schema, options.ttlPerType);
  if (unknown.length > 0)
    throw new ConfigError(
      unknown.map(
        (name) => `RESPONSE_CACHE_TTL_PER_TYPE names ${name}, which is no object type of the schema`,
      ),
    );
  const identityHeaders = [
    ...(config.auth.mode === 'none' ? [] : ['authorization']),
    ...providers.flatMap((p) => p.runtime.callerHeaders ?? []),
  ];
  return useResponseCache(options, schema, { identityHeaders, ...hooks });
}

/**
 * Yoga's logs into pino. Errors a client caused are answers, not incidents: only the rest are logged,
 * upstream failures once per request at warn, anything else (a bug) at error with its stack.
 */
function incidentLogger(logger: Logger) {
  const fields = (args: unknown[]) => ({
    requestId: args.map(requestScopeOf).find((scope) => scope !== undefined)?.requestId,
  });
  const text = (args: unknown[]) =>
    args
      .filter((arg) => !(arg instanceof Error))
      .map(String)
      .join(' ');
  return {
    // Yoga logs at debug on every request: build the line only when it will be written.
    debug: (...args: unknown[]) => logger.isLevelEnabled('debug') && logger.debug(fields(args), text(args)),
    info: (...args: unknown[]) => logger.isLevelEnabled('info') && logger.info(fields(args), text(args)),
    warn: (...args: unknown[]) => logger.warn(fields(args), text(args)),
    error: (...args: unknown[]) => {
      if (args.every(isAnswer)) return;
      const err = args.find((arg): arg is Error => arg instanceof Error);
      const cause = err instanceof GraphQLError ? (err.originalError ?? err) : err;
      const scope = requestScopeOf(err) ?? requestScopeOf(cause);
      if (isUpstreamError(cause)) return logUpstreamFailure(logger, cause, scope);
      logger.error({ requestId: scope?.requestId, err: cause }, cause?.message ?? text(args));
    },
  };
}

/**
 * Puts an operation's context (its provider sessions, loaders and cancellation) on envelop's context
 * as the operation starts to run, as Yoga's `context` option would when the context is built. The
 * option makes envelop walk a context-building hook for every operation; the operation's first
 * `onExecute` (or `onSubscribe`) hook extends the same context instead. Nothing before execution
 * (parsing, validation, the request's own hooks) reads it.
 */
function useGatewayContext(
  build: (initial: YogaInitialContext & { req?: unknown }) => GatewayContext,
): Plugin<YogaInitialContext & GatewayContext> {
  type Payload = Parameters<NonNullable<Plugin<YogaInitialContext & GatewayContext>['onExecute']>>[0];
  const extend = ({ args, extendContext }: Pick<Payload, 'args' | 'extendContext'>) => {
    extendContext(build(args.contextValue));
  };
  return { onExecute: extend, onSubscribe: extend };
}

/**
 * Notes each error of an answer against its request's scope before Yoga masks and logs it, so that
 * the incident log can name the request. It runs before Yoga's own error masking (which comes last).
 */
function useErrorScopes(): Plugin {
  // The same object for every operation: its hook is given the operation's arguments again.
  const done: Exclude<Awaited<ReturnType<NonNullable<Plugin['onExecute']>>>, void> = {
    onExecuteDone: ({ args, result }) => {
      const scope = requestScopeOf((args.contextValue as { req?: unknown }).req);
      if (!scope) return;
      if (!(Symbol.asyncIterator in result)) return noteErrors(result.errors, scope);
      // The later parts of an answer in parts carry errors of their own, per fragment or run.
      return {
        onNext: ({ result: part }) => {
          noteErrors(part.errors, scope);
          if ('incremental' in part)
            for (const later of part.incremental ?? []) noteErrors(later.errors, scope);
        },
      };
    },
  };
  return { onExecute: () => done };
}

function noteErrors(errors: readonly GraphQLError[] | undefined, scope: RequestScope): void {
  if (errors)
    for (const error of errors) {
      noteRequestScope(error, scope);
      noteRequestScope(error.originalError, scope);
    }
}

/** An error the caller caused: ours carry a code; an upstream's 4xx refused the caller's own request. */
function isAnswer(arg: unknown): boolean {
  const original = arg instanceof GraphQLError ? (arg.originalError ?? arg) : arg;
  if (isUpstreamError(original)) return original.kind === 'http' && (original.status ?? 500) < 500;
  return original instanceof GraphQLError && original.extensions?.code !== undefined;
}

export interface RunningServer {
  server: Server;
  url: string;
  /**
   * Stops accepting connections (a readiness probe then fails to connect) and lets the requests in
   * flight finish; once `budgetMs` has passed, closes every connection, which aborts what is left and
   * its upstream calls.
   */
  close(budgetMs?: number): Promise<void>;
}

/** Serves a gateway over HTTP. Port 0 picks a free port (tests). */
export async function listen(gateway: Gateway, host: string, port: number): Promise<RunningServer> {
  let draining = false;
  /**
   * Answers whose head is written once the drain began tell the client to close their connection.
   * Checked as each head is written rather than by keeping the answers in flight in a set: a
   * long-lived collection that every request enters and leaves kept each request's objects alive
   * through two young-generation collections, so V8 moved them to the old generation, where only
   * full collections free them (bench/README.md, "What outlived the young generation").
   */
  class GatewayResponse extends ServerResponse {
    override writeHead(
      statusCode: number,
      reasonOrHeaders?: string | OutgoingHttpHeaders | OutgoingHttpHeader[],
      headers?: OutgoingHttpHeaders | OutgoingHttpHeader[],
    ): this {
      if (draining) this.setHeader('connection', 'close');
      return typeof reasonOrHeaders === 'string'
        ? super.writeHead(statusCode, reasonOrHeaders, headers)
        : super.writeHead(statusCode, reasonOrHeaders ?? headers);
    }
  }
  const server = createServer({ ServerResponse: GatewayResponse }, (req, res) => {
    // Read after the drain began (sent behind one in flight): not run, as its answer may never leave.
    if (draining) return refuseWhileDraining(res);
    const started = performance.now();
    const scope = new RequestScope(headerValue(req.headers['x-request-id']));
    res.setHeader('x-request-id', scope.requestId);
    res.on('finish', () => logRequestDone(gateway.logger, scope, req, res.statusCode, started));
    // Passing the scope as a second server context would make Yoga merge the two contexts property
    // by property on every request.
    noteRequestScope(req, scope);
    if (gateway.direct?.(req, res)) return;
    return gateway.yoga(req, res);
  });
  // Node's default (5 s) is below a load balancer's idle timeout: it would close connections the
  // balancer still counts as open. Clients are told the timeout (`Keep-Alive: timeout=…`).
  server.keepAliveTimeout = gateway.keepAliveTimeoutMs;
  Object.defineProperty(server, GATEWAY_SERVER, { value: graphqlEndpoint });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shown}:${address.port}/graphql`,
    close: (budgetMs) =>
      new Promise<void>((resolve) => {
        draining = true;
        // A subscription never finishes by itself: each is ended now, with an event that says why.
        gateway.drain();
        // Stop accepting, let requests in flight finish, and drop each connection once it idles
        // rather than waiting out its keep-alive.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        // Yoga aborts a request's signal when its connection closes: its upstream calls go with it.
        const budget =
          budgetMs === undefined
            ? undefined
            : setTimeout(() => {
                gateway.logger.warn(
                  { shutdownTimeoutMs: budgetMs },
                  'requests still in flight when the shutdown budget ran out: aborting them',
                );
                server.closeAllConnections();
              }, budgetMs);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(budget);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

const DRAINING = JSON.stringify({
  errors: [
    {
      message: 'This gateway is shutting down: send the request again',
      extensions: { code: 'GATEWAY_BUSY', retryAfterSeconds: 1 },
    },
  ],
});

/** A 503 that also closes the connection, so the client's next try opens a new one, elsewhere. */
function refuseWhileDraining(res: ServerResponse): void {
  res.writeHead(503, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(DRAINING),
    'retry-after': '1',
    connection: 'close',
  });
  res.end(DRAINING);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
