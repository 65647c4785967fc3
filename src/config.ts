import { availableParallelism } from 'node:os';
import { gatewayEnv } from './config-variables.js';
import { readAdmissionShare, strayAdmissionShare } from './gateway/admission-variables.js';
import type { GatewayAuthOptions } from './gateway/auth.js';
import type { PollSettings } from './gateway/live-polls.js';
import type { ObservabilityOptions } from './gateway/observability/index.js';
import type { PersistedMode, PersistedOperationsOptions } from './gateway/persisted.js';
import type { Env, ProviderDefinition } from './gateway/provider.js';
import type { RateLimitOptions } from './gateway/rate-limit.js';
import type { QueryLimits } from './gateway/request-limits.js';
import type { ResponseCacheOptions } from './gateway/response-cache.js';
import { redisUrlProblem } from './gateway/shared/redis-url.js';
import type { ResilienceOptions } from './gateway/upstream/index.js';
import { readUpstreamTuning, strayTuning, type UpstreamTuning } from './gateway/upstream-variables.js';

export { gatewayEnv };

/** A provider that has configuration, ready to connect. */
export interface ConfiguredProvider {
  definition: ProviderDefinition;
  config: unknown;
  /** Its timeouts and pool size: the UPSTREAM_* values unless its own variables say otherwise. */
  upstream: UpstreamTuning;
}

export interface GatewayConfig {
  host: string;
  port: number;
  /** How long Node's HTTP server keeps an idle client connection open. */
  keepAliveTimeoutMs: number;
  /** How long SIGTERM lets requests in flight finish before it aborts them and exits. */
  shutdownTimeoutMs: number;
  /** How long one GraphQL operation may run before its upstream calls are aborted. */
  operationTimeoutMs: number;
  /** True when no upstream is configured and the gateway serves the built-in simulators. */
  demo: boolean;
  /** Processes serving requests: more than one runs a cluster (see cluster.ts). */
  workers: number;
  graphiql: boolean;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  introspection: boolean;
  /** How large a query document may be before it is refused unrun (graphql-armor). */
  queryLimits: QueryLimits;
  /**
   * Bound on the records operations running at once may hold, each provider's share of it (by id),
   * and how long one waits for room; absent: no bound.
   */
  admission?: { budget: number; timeoutMs: number; shares: Map<string, number> };
  requestBodyLimitBytes: number;
  /** Most operations in one batched request; 0: batches are refused. */
  maxBatchSize: number;
  /** Most subscriptions open at once, and how long each may stay open. */
  subscriptions: { max: number; lifetimeMs: number };
  /** How the upstream polls behind subscriptions pace themselves. */
  polling: PollSettings;
  /** Trusted documents and automatic persisted queries; the manifest is read by loadPersistedManifest. */
  persistedOperations: PersistedOperationsOptions;
  /** Answers kept per caller for a time; absent: nothing is kept. */
  responseCache?: ResponseCacheOptions;
  maxPageSize: number;
  maxNodes: number;
  /** Serve the Apollo Federation v2 subgraph schema instead of the plain one. */
  federation: boolean;
  resilience: ResilienceOptions;
  /** Longest a call over its upstream's MAX_RPS waits for its turn. */
  budgetWaitMs: number;
  /** An answer slower than this slows the budget as a 429 does; 0: only 429s do. */
  budgetSlowMs: number;
  /** Who may call the gateway (its own `Authorization` header, not upstream credentials). */
  auth: GatewayAuthOptions;
  /** Origins whose browsers may read answers: exact origins, `*` for any (without credentials); empty: no CORS. */
  corsOrigins: readonly string[];
  /** /ready, /metrics and tracing. */
  observability: ObservabilityOptions;
  /** Redis that a fleet shares state through (REDIS_URL); absent: each process keeps its own. */
  redisUrl?: string;
  /** Operations per caller per window (RATE_LIMIT); absent: no limit. */
  rateLimit?: RateLimitOptions;
  providers: ConfiguredProvider[];
}

/** Start-up configuration is wrong; the message lists every problem, one per line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and checks the whole environment once; every problem is listed in one ConfigError. */
export function loadConfig(
  env: Env,
  registry: readonly ProviderDefinition[],
  /** `demo`: the upstreams configured in `env` are the built-in simulators, started for demo mode. */
  options: { demo?: boolean } = {},
): GatewayConfig {
  const problems: string[] = [];
  const values = new Map<string, unknown>();
  for (const variable of gatewayEnv) {
    const raw = env[variable.name] === '' ? undefined : env[variable.name];
    const parsed = variable.schema.safeParse(raw ?? variable.default);
    if (parsed.success) values.set(variable.name, parsed.data);
    else
      problems.push(
        `${variable.name}: ${parsed.error.issues[0]?.message ?? 'invalid'} (${variable.description})`,
      );
  }

  const get = <T>(name: string) => values.get(name) as T;
  const baseTuning: UpstreamTuning = {
    timeouts: {
      connectMs: get<number>('UPSTREAM_CONNECT_TIMEOUT_MS'),
      headersMs: get<number>('UPSTREAM_HEADERS_TIMEOUT_MS'),
      bodyMs: get<number>('UPSTREAM_BODY_TIMEOUT_MS'),
      deadlineMs: get<number>('UPSTREAM_DEADLINE_MS'),
    },
    maxBodyBytes: get<number>('UPSTREAM_MAX_BODY_BYTES'),
    connections: get<number>('UPSTREAM_CONNECTIONS'),
    maxRps: get<number>('UPSTREAM_MAX_RPS'),
    maxConcurrent: get<number>('UPSTREAM_MAX_CONCURRENT'),
  };
  const providers: ConfiguredProvider[] = [];
  const shares = new Map<string, number>();
  let upstreamSet = false;
  for (const definition of registry) {
    const result = definition.readConfig(env);
    if (result.status === 'absent') {
      problems.push(...strayTuning(env, definition.envPrefix, definition.label));
      problems.push(...strayAdmissionShare(env, definition.envPrefix, definition.label));
      continue;
    }
    upstreamSet = true;
    const upstream = readUpstreamTuning(env, definition.envPrefix, baseTuning);
    problems.push(...upstream.problems);
    const share = readAdmissionShare(env, definition.envPrefix, get<number>('MAX_RECORDS_IN_FLIGHT') ?? 0);
    problems.push(...share.problems);
    if (share.share !== undefined) shares.set(definition.id, share.share);
    if (result.status === 'invalid') problems.push(...result.problems);
    else providers.push({ definition, config: result.config, upstream: upstream.tuning });
  }
  const persistedMode = get<PersistedMode>('PERSISTED_OPERATIONS');
  const manifest = get<string | undefined>('PERSISTED_OPERATIONS_MANIFEST');
  if (persistedMode === 'require' && manifest === undefined && values.has('PERSISTED_OPERATIONS_MANIFEST'))
    problems.push('PERSISTED_OPERATIONS_MANIFEST is required when PERSISTED_OPERATIONS is `require`');
  if (persistedMode === 'off' && manifest !== undefined)
    problems.push(
      'PERSISTED_OPERATIONS_MANIFEST is set but PERSISTED_OPERATIONS is `off`, so it would not be used',
    );
  const responseCache = readResponseCache(get, env, !upstreamSet);
  problems.push(...responseCache.problems);
  if (get<number>('LIVE_POLL_MAX_MS') < get<number>('LIVE_POLL_MIN_MS'))
    problems.push('LIVE_POLL_MAX_MS must be at least LIVE_POLL_MIN_MS');
  const redisUrl = get<string | undefined>('REDIS_URL');
  const redisProblem = redisUrl === undefined ? undefined : redisUrlProblem(redisUrl);
  if (redisProblem) problems.push(redisProblem);
  const auth = readGatewayAuth(values, upstreamSet);
  if (!auth.ok) problems.push(...auth.problems);
  if (problems.length > 0 || !auth.ok) throw new ConfigError(problems);

  return {
    host: get<string>('HOST'),
    port: get<number>('PORT'),
    keepAliveTimeoutMs: get<number>('HTTP_KEEP_ALIVE_TIMEOUT_MS'),
    shutdownTimeoutMs: get<number>('SHUTDOWN_TIMEOUT_MS'),
    operationTimeoutMs: get<number>('OPERATION_TIMEOUT_MS'),
    demo: options.demo ?? providers.length === 0,
    workers: workerCount(get<number | 'auto' | undefined>('WORKERS'), options.demo ?? providers.length === 0),
    graphiql: get<boolean>('GRAPHIQL'),
    logLevel: get<string>('LOG_LEVEL'),
    introspection: get<boolean>('INTROSPECTION'),
    queryLimits: {
      depth: get<number>('MAX_QUERY_DEPTH'),
      cost: get<number>('MAX_QUERY_COST'),
      aliases: get<number>('MAX_QUERY_ALIASES'),
      directives: get<number>('MAX_QUERY_DIRECTIVES'),
      tokens: get<number>('MAX_QUERY_TOKENS'),
    },
    ...(get<number>('MAX_RECORDS_IN_FLIGHT') > 0
      ? {
          admission: {
            budget: get<number>('MAX_RECORDS_IN_FLIGHT'),
            timeoutMs: get<number>('ADMISSION_TIMEOUT_MS'),
            shares,
          },
        }
      : {}),
    requestBodyLimitBytes: get<number>('REQUEST_BODY_LIMIT_BYTES'),
    maxBatchSize: get<number>('MAX_BATCH_SIZE'),
    subscriptions: {
      max: get<number>('MAX_SUBSCRIPTIONS'),
      lifetimeMs: get<number>('SUBSCRIPTION_MAX_LIFETIME_MS'),
    },
    polling: {
      minIntervalMs: get<number>('LIVE_POLL_MIN_MS'),
      maxIntervalMs: get<number>('LIVE_POLL_MAX_MS'),
      maxFailures: get<number>('LIVE_POLL_MAX_FAILURES'),
    },
    persistedOperations: {
      mode: persistedMode,
      ...(manifest === undefined ? {} : { manifest }),
      apqMaxEntries: get<number>('APQ_MAX_ENTRIES'),
      apqMaxDocumentBytes: get<number>('APQ_MAX_DOCUMENT_BYTES'),
    },
    ...(responseCache.options ? { responseCache: responseCache.options } : {}),
    maxPageSize: get<number>('MAX_PAGE_SIZE'),
    maxNodes: get<number>('MAX_NODES'),
    federation: get<boolean>('FEDERATION'),
    budgetWaitMs: get<number>('UPSTREAM_BUDGET_WAIT_MS'),
    budgetSlowMs: get<number>('UPSTREAM_BUDGET_SLOW_MS'),
    resilience: {
      attempts: get<number>('UPSTREAM_RETRY_ATTEMPTS'),
      initialDelayMs: 100,
      maxDelayMs: get<number>('UPSTREAM_RETRY_MAX_DELAY_MS'),
      maxRetryAfterMs: get<number>('UPSTREAM_MAX_RETRY_AFTER_MS'),
      breakerFailures: get<number>('UPSTREAM_BREAKER_FAILURES'),
      breakerResetMs: get<number>('UPSTREAM_BREAKER_RESET_MS'),
    },
    auth: auth.options,
    // Demo mode serves GraphiQL and local front ends from any origin; a deployment lists its own.
    corsOrigins: get<string[] | undefined>('CORS_ORIGINS') ?? (providers.length === 0 ? ['*'] : []),
    observability: readObservability(get),
    ...(redisUrl === undefined ? {} : { redisUrl }),
    ...(get<RateLimitOptions | undefined>('RATE_LIMIT')
      ? { rateLimit: get<RateLimitOptions>('RATE_LIMIT') }
      : {}),
    providers,
  };
}

/** The response cache from its parsed variables: on by default in demo mode only. */
function readResponseCache(
  get: <T>(name: string) => T,
  env: Env,
  demo: boolean,
): { options?: ResponseCacheOptions; problems: string[] } {
  const mode = get<'on' | 'off' | undefined>('RESPONSE_CACHE') ?? (demo ? 'on' : 'off');
  if (mode === 'off') {
    const unused = [
      'RESPONSE_CACHE_TTL_MS',
      'RESPONSE_CACHE_TTL_PER_TYPE',
      'RESPONSE_CACHE_MAX_ENTRIES',
    ].filter((name) => env[name] !== undefined && env[name] !== '');
    return {
      problems: unused.map((name) => `${name} is set but RESPONSE_CACHE is \`off\`, so it would not be used`),
    };
  }
  return {
    options: {
      ttlMs: get<number>('RESPONSE_CACHE_TTL_MS'),
      ttlPerType: get<Record<string, number> | undefined>('RESPONSE_CACHE_TTL_PER_TYPE') ?? {},
      maxEntries: get<number>('RESPONSE_CACHE_MAX_ENTRIES'),
    },
    problems: [],
  };
}

/** Readiness, metrics and tracing from their parsed variables; tracing is on once an endpoint is set. */
function readObservability(get: <T>(name: string) => T): ObservabilityOptions {
  const endpoint = get<string | undefined>('OTEL_EXPORTER_OTLP_ENDPOINT');
  return {
    metrics: get<boolean>('METRICS'),
    readinessTimeoutMs: get<number>('READINESS_TIMEOUT_MS'),
    tracing: endpoint ? { endpoint, serviceName: get<string>('OTEL_SERVICE_NAME') } : undefined,
  };
}

/**
 * Gateway authentication from its parsed variables. Demo mode (no upstream variable set) is open
 * unless told otherwise; a real deployment must choose, so that it is never open by accident.
 */
function readGatewayAuth(
  values: ReadonlyMap<string, unknown>,
  upstreamSet: boolean,
): { ok: true; options: GatewayAuthOptions } | { ok: false; problems: string[] } {
  const mode = values.get('GATEWAY_AUTH') as GatewayAuthOptions['mode'] | undefined;
  const tokens = values.get('GATEWAY_TOKENS') as string[] | undefined;
  const secret = values.get('GATEWAY_JWT_SECRET') as string | undefined;
  const jwksUrl = values.get('GATEWAY_JWKS_URL') as string | undefined;
  const issuer = values.get('GATEWAY_JWT_ISSUER') as string | undefined;
  const audience = values.get('GATEWAY_JWT_AUDIENCE') as string | undefined;
  const clockToleranceS = values.get('GATEWAY_JWT_CLOCK_TOLERANCE_S') as number;
  const maxLifetimeS = values.get('GATEWAY_JWT_MAX_LIFETIME_S') as number;
  const problems: string[] = [];
  const setFor = (variable: string, value: unknown, wanted: string) => {
    if (value !== undefined && mode !== wanted)
      problems.push(`${variable} is set but GATEWAY_AUTH is not \`${wanted}\`, so it would not be checked`);
  };
  setFor('GATEWAY_TOKENS', tokens, 'tokens');
  for (const [name, value] of Object.entries({
    GATEWAY_JWT_SECRET: secret,
    GATEWAY_JWKS_URL: jwksUrl,
    GATEWAY_JWT_ISSUER: issuer,
    GATEWAY_JWT_AUDIENCE: audience,
  }))
    setFor(name, value, 'jwt');

  // A variable whose value failed its schema is already reported: `values.has` is false for it.
  let options: GatewayAuthOptions | undefined;
  if (mode === 'none' || (mode === undefined && !upstreamSet)) options = { mode: 'none' };
  else if (mode === undefined) {
    if (values.has('GATEWAY_AUTH'))
      problems.push(
        'GATEWAY_AUTH is required once an upstream is configured: `tokens` or `jwt`, or `none` to leave the gateway open to anyone who can reach it',
      );
  } else if (mode === 'tokens') {
    if (tokens) options = { mode, tokens };
    else if (values.has('GATEWAY_TOKENS'))
      problems.push('GATEWAY_TOKENS is required when GATEWAY_AUTH is `tokens`, e.g. gw_3f9c…,gw_81ad…');
  } else if (secret !== undefined && jwksUrl !== undefined) {
    problems.push('Set one of GATEWAY_JWT_SECRET and GATEWAY_JWKS_URL, not both');
  } else if (secret !== undefined) {
    if (secret.length >= 32)
      options = { mode, key: { secret }, issuer, audience, clockToleranceS, maxLifetimeS };
    else problems.push('GATEWAY_JWT_SECRET is too short: an HS256 secret needs at least 32 characters');
  } else if (jwksUrl !== undefined) {
    options = { mode, key: { jwksUrl }, issuer, audience, clockToleranceS, maxLifetimeS };
  } else if (values.has('GATEWAY_JWKS_URL')) {
    problems.push('GATEWAY_AUTH is `jwt`: set GATEWAY_JWT_SECRET (HS256) or GATEWAY_JWKS_URL (a key set)');
  }
  return options && problems.length === 0 ? { ok: true, options } : { ok: false, problems };
}

/** `WORKERS` as a number: `auto` is one per available core; unset, 1 in demo mode and `auto` otherwise. */
function workerCount(workers: number | 'auto' | undefined, demo: boolean): number {
  if (typeof workers === 'number') return workers;
  return workers === undefined && demo ? 1 : availableParallelism();
}
