import * as z from 'zod';
import { isOrigin } from './gateway/cors.js';
import type { EnvVariable } from './gateway/provider.js';
import { parseRateLimit } from './gateway/rate-limit.js';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const tokenList = z
  .string()
  .transform((s) => s.split(',').flatMap((item) => item.trim() || []))
  .pipe(z.array(z.string()).min(1, 'list at least one token'));
const originList = z
  .string()
  .transform((s) => s.split(',').flatMap((item) => item.trim() || []))
  .pipe(
    z.array(
      z.string().refine((origin) => origin === '*' || isOrigin(origin), {
        error:
          'list origins as a browser sends them (scheme, host and port, e.g. https://app.example.com) or *',
      }),
    ),
  );

/** `Type=ms` pairs, comma-separated, into milliseconds by type name. */
const ttlPerType = z
  .string()
  .transform((s) => s.split(',').flatMap((item) => item.trim() || []))
  .pipe(
    z.array(
      z.string().regex(/^[_A-Za-z][_0-9A-Za-z]*\s*=\s*\d{1,9}$/, {
        error: 'list `Type=milliseconds` pairs, e.g. CatalogDataSource=5000,Destination=0',
      }),
    ),
  )
  .transform((pairs) =>
    Object.fromEntries(
      pairs.map((pair) => {
        const [name = '', ms = ''] = pair.split('=').map((part) => part.trim());
        return [name, Number(ms)];
      }),
    ),
  );

/** The gateway's own variables; each provider adds its own (see `ProviderDefinition.env`). */
export const gatewayEnv: readonly (EnvVariable & { schema: z.ZodType })[] = [
  {
    name: 'PORT',
    description: 'TCP port the gateway listens on.',
    default: '4000',
    example: '8080',
    schema: int(0, 65535),
  },
  {
    name: 'HOST',
    description: 'Address the gateway binds; use 0.0.0.0 in a container.',
    default: '127.0.0.1',
    example: '0.0.0.0',
    schema: z.string().min(1),
  },
  {
    name: 'HTTP_KEEP_ALIVE_TIMEOUT_MS',
    description:
      'How long an idle client connection stays open. Keep it above the idle timeout of any load balancer in front (60 s on most), or the balancer may send a request on a connection the gateway is closing and answer 502.',
    default: '65000',
    example: '120000',
    schema: int(1_000, 3_600_000),
  },
  {
    name: 'SHUTDOWN_TIMEOUT_MS',
    description:
      'On SIGTERM the gateway stops accepting connections (so /ready can no longer answer) and lets the requests in flight finish for at most this long; then it aborts them and their upstream calls, closes every connection and exits, within a second. Keep it under the orchestrator’s grace period (30 s on Kubernetes).',
    default: '25000',
    example: '10000',
    schema: int(0, 3_600_000),
  },
  {
    name: 'WORKERS',
    description:
      'Processes serving requests on one port: a number, or `auto` for one per available core. With more than one, a primary process forks them (Node’s cluster, connections handed out round-robin), starts a dead one again after a wait that grows while they keep dying, sums their metrics at /metrics and on SIGTERM drains them all. Defaults to 1 in demo mode and `auto` otherwise; `auto` counts the cores the process may run on, not a container’s CPU quota, so set a number under a CPU limit.',
    example: 'auto',
    schema: z.union([z.literal('auto'), int(1, 256)]).optional(),
  },
  {
    name: 'REDIS_URL',
    description:
      'Redis that a fleet of gateways (workers and replicas) shares state through: redis:// or rediss:// (TLS), with a user, password and database number when needed; redis+sentinel://host1:26379,host2:26379/mymaster (then /db if needed) for the master a Sentinel group names by that name, followed through failovers; redis+cluster://host1:6379,host2:6379 for a Redis Cluster (rediss+… for TLS). Each process keeps one connection, reconnects on its own and never waits on Redis: while it is unreachable, what uses it fails open (logged, counted in gateway_redis_errors_total) and /ready says so without turning unready. Unset: everything is kept in each process’s memory. Used by RATE_LIMIT.',
    example: 'redis://redis:6379/0',
    // Checked in config.ts, where the error can say what is wrong without repeating a password.
    schema: z.string().optional(),
  },
  {
    name: 'RATE_LIMIT',
    description:
      'Operations each caller may send per window, e.g. `600/60s` (windows in ms, s, m or h); over it a request is answered HTTP 429 RATE_LIMITED with Retry-After. A caller is its gateway token, its JWT’s subject, or with GATEWAY_AUTH=none its client address; each operation of a batch counts. Counted in each process without REDIS_URL, across the fleet with it. Unset: no limit.',
    example: '600/60s',
    schema: z
      .string()
      .refine((value) => parseRateLimit(value) !== undefined, {
        error: 'write operations per window, e.g. 600/60s, 10/1m or 5/500ms',
      })
      .transform((value) => parseRateLimit(value))
      .optional(),
  },
  {
    name: 'GRAPHIQL',
    description:
      'Serve GraphiQL at /graphql to browsers: one self-contained page (nothing loaded from elsewhere) that opens with the operations of examples/ as tabs.',
    default: 'true',
    example: 'false',
    schema: flag,
  },
  {
    name: 'LOG_LEVEL',
    description:
      'Least severe log level written, as JSON lines: info logs one line per request with its time per upstream; debug adds every upstream call.',
    default: 'info',
    example: 'debug',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  },
  {
    name: 'INTROSPECTION',
    description:
      'Answer introspection queries (`__schema`, `__type`); when false they are refused and no error suggests a name ("Did you mean …").',
    default: 'true',
    example: 'false',
    schema: flag,
  },
  {
    name: 'MAX_QUERY_DEPTH',
    description: 'Deepest field nesting a query may have (fragments add no level; introspection is exempt).',
    default: '12',
    example: '10',
    schema: int(1, 1000),
  },
  {
    name: 'MAX_QUERY_COST',
    description:
      'Highest cost an operation may have: each field costs 1, each object 2, nested selections weigh 1.5× more, and `first`/`last` or the number of `ids` (literal or sent as variables) multiplies its selection.',
    default: '1000000',
    example: '100000',
    schema: int(1, 1_000_000_000),
  },
  {
    name: 'MAX_RECORDS_IN_FLIGHT',
    description:
      'Most records the operations running at once may hold, counted from their page sizes and id counts (`first: 100` of one list is 100; a single lookup is 1). Operations that do not fit wait their turn in arrival order; each provider also has a share of it (`<PREFIX>_MAX_RECORDS_IN_FLIGHT`). 0 sets no bound.',
    default: '4000',
    example: '5000',
    schema: int(0, 1_000_000_000),
  },
  {
    name: 'ADMISSION_TIMEOUT_MS',
    description:
      'Longest an operation waits for room under MAX_RECORDS_IN_FLIGHT before it is answered GATEWAY_BUSY (HTTP 503, with Retry-After).',
    default: '10000',
    example: '2000',
    schema: int(1, 600_000),
  },
  {
    name: 'OPERATION_TIMEOUT_MS',
    description:
      'Longest one GraphQL operation may run once admitted. Then its upstream calls are aborted and it is answered with what has arrived: each field still waiting carries a GATEWAY_TIMEOUT error naming its provider. A client that disconnects has its upstream calls aborted at once.',
    default: '30000',
    example: '10000',
    schema: int(1, 3_600_000),
  },
  {
    name: 'MAX_QUERY_ALIASES',
    description:
      'Most aliases one query may use (`__typename` ones too). The default leaves room for a dashboard that asks for a field once per panel; MAX_QUERY_COST bounds what a query asks for in all.',
    default: '100',
    example: '50',
    schema: int(0, 10_000),
  },
  {
    name: 'MAX_QUERY_DIRECTIVES',
    description: 'Most directives (`@include`, `@skip`, …) one query may use.',
    default: '50',
    example: '20',
    schema: int(0, 10_000),
  },
  {
    name: 'MAX_QUERY_TOKENS',
    description: 'Most lexical tokens (names, punctuation, values) one document may have.',
    default: '2000',
    example: '1000',
    schema: int(1, 1_000_000),
  },
  {
    name: 'REQUEST_BODY_LIMIT_BYTES',
    description: 'Largest request body accepted; a larger one is answered 413.',
    default: '1048576',
    example: '262144',
    schema: int(1, 1_073_741_824),
  },
  {
    name: 'MAX_BATCH_SIZE',
    description:
      'Most operations one POST may carry as a JSON array (a batch), answered by an array in the same order; 0 refuses batches. A batch shares one REQUEST_BODY_LIMIT_BYTES and one MAX_QUERY_COST (its operations’ costs add up); each operation is admitted under MAX_RECORDS_IN_FLIGHT and timed by OPERATION_TIMEOUT_MS on its own.',
    default: '10',
    example: '0',
    schema: int(0, 100),
  },
  {
    name: 'MAX_SUBSCRIPTIONS',
    description:
      'Most subscriptions open at once in one process; one more is refused with GATEWAY_BUSY. 0 refuses subscriptions.',
    default: '1000',
    example: '100',
    schema: int(0, 1_000_000),
  },
  {
    name: 'SUBSCRIPTION_MAX_LIFETIME_MS',
    description:
      'Longest a subscription stays open; then it ends with a GATEWAY_TIMEOUT error and the client subscribes again. OPERATION_TIMEOUT_MS does not apply to subscriptions.',
    default: '3600000',
    example: '600000',
    schema: int(100, 86_400_000),
  },
  {
    name: 'LIVE_POLL_MIN_MS',
    description:
      'How soon a subscription’s upstream poll reads again after a change (and after its first read); the wait doubles while nothing changes, up to LIVE_POLL_MAX_MS. One poll serves every subscriber of the same upstream record and credential.',
    default: '1000',
    example: '500',
    schema: int(10, 600_000),
  },
  {
    name: 'LIVE_POLL_MAX_MS',
    description:
      'Longest wait between two reads of a subscription’s upstream poll (at least LIVE_POLL_MIN_MS).',
    default: '30000',
    example: '10000',
    schema: int(10, 600_000),
  },
  {
    name: 'LIVE_POLL_MAX_FAILURES',
    description:
      'Failed upstream reads in a row (each retried with the same backoff) after which a subscription ends with an error naming the provider.',
    default: '5',
    example: '3',
    schema: int(1, 100),
  },
  {
    name: 'PERSISTED_OPERATIONS',
    description:
      'Which documents run: `off` (any document sent), `allow` (any, and also the documents of PERSISTED_OPERATIONS_MANIFEST or registered by automatic persisted queries, by id) or `require` (only the manifest’s, by id: a document sent as text is refused). Clients name a document by `documentId` or `extensions.persistedQuery.sha256Hash`.',
    default: 'off',
    example: 'require',
    schema: z.enum(['off', 'allow', 'require']),
  },
  {
    name: 'PERSISTED_OPERATIONS_MANIFEST',
    description:
      'File path or http(s) URL of the trusted documents, read once at start-up: `persisted-documents.json` as `npm run codegen` writes it (id → document), or an Apollo persisted query manifest. Required by `require`.',
    example: 'persisted-documents.json',
    schema: z.string().min(1).optional(),
  },
  {
    name: 'APQ_MAX_ENTRIES',
    description:
      'With PERSISTED_OPERATIONS=allow, most documents automatic persisted queries keep in memory (per process; the least recently used go first). 0 turns registration off.',
    default: '1000',
    example: '5000',
    schema: int(0, 1_000_000),
  },
  {
    name: 'APQ_MAX_DOCUMENT_BYTES',
    description:
      'Largest document automatic persisted queries keep; a larger one still runs, but its hash alone is not enough next time.',
    default: '16384',
    example: '65536',
    schema: int(1, 1_048_576),
  },
  {
    name: 'RESPONSE_CACHE',
    description:
      'Keep answers to queries in memory (in Redis, shared by the fleet, with REDIS_URL) for a while and answer the same query again from there, for the same caller only (`on` or `off`): callers are told apart by their gateway credentials and the upstream tokens they forward, and where neither is read every caller sees the same data. A mutation drops every kept answer holding a record it changed, and every kept list of that type. Defaults to `on` in demo mode, `off` otherwise.',
    example: 'on',
    schema: z.enum(['on', 'off']).optional(),
  },
  {
    name: 'RESPONSE_CACHE_TTL_MS',
    description:
      'How long an answer is kept (RESPONSE_CACHE) unless RESPONSE_CACHE_TTL_PER_TYPE says otherwise: a change made outside this gateway shows after at most this long.',
    default: '10000',
    example: '60000',
    schema: int(1, 86_400_000),
  },
  {
    name: 'RESPONSE_CACHE_TTL_PER_TYPE',
    description:
      'How long an answer holding a given type is kept instead, in milliseconds (0: never kept), as comma-separated `Type=ms` pairs; an answer holding several takes the shortest.',
    example: 'CatalogDataSource=5000,Destination=0',
    schema: ttlPerType.optional(),
  },
  {
    name: 'RESPONSE_CACHE_MAX_ENTRIES',
    description:
      'Most answers RESPONSE_CACHE keeps in memory (per process; the least recently used go first). With REDIS_URL the answers are in Redis instead, bounded by their TTL and the maxmemory policy of Redis.',
    default: '1000',
    example: '10000',
    schema: int(1, 1_000_000),
  },
  {
    name: 'MAX_PAGE_SIZE',
    description: 'Largest `first`/`last` a connection accepts.',
    default: '500',
    example: '100',
    schema: int(1, 10_000),
  },
  {
    name: 'MAX_NODES',
    description: 'Largest number of ids `nodes` accepts (and of representations `_entities` accepts).',
    default: '500',
    example: '200',
    schema: int(1, 10_000),
  },
  {
    name: 'FEDERATION',
    description:
      'Serve /graphql as an Apollo Federation v2 subgraph: adds `_service` and `_entities`, each data source type an entity keyed by `id`; the rest of the schema is unchanged.',
    default: 'false',
    example: 'true',
    schema: flag,
  },
  {
    name: 'UPSTREAM_CONNECT_TIMEOUT_MS',
    description: 'Time allowed to open a connection to an upstream (each provider can set its own).',
    default: '3000',
    example: '1000',
    schema: int(1, 600_000),
  },
  {
    name: 'UPSTREAM_HEADERS_TIMEOUT_MS',
    description:
      'Time allowed for an upstream to start answering (each provider can set its own); checked about twice a second, so it may run up to a second over.',
    default: '10000',
    example: '5000',
    schema: int(1, 600_000),
  },
  {
    name: 'UPSTREAM_BODY_TIMEOUT_MS',
    description:
      'Longest pause allowed while an upstream sends its answer (each provider can set its own); checked about twice a second, so it may run up to a second over.',
    default: '10000',
    example: '5000',
    schema: int(1, 600_000),
  },
  {
    name: 'UPSTREAM_DEADLINE_MS',
    description:
      'Longest time one call to an upstream may take in all, from waiting for a connection to the last byte of its answer; each try of a retried read has its own (each provider can set its own).',
    default: '20000',
    example: '5000',
    schema: int(1, 600_000),
  },
  {
    name: 'UPSTREAM_MAX_BODY_BYTES',
    description:
      'Largest answer accepted from an upstream, in bytes; a larger one fails the call with UPSTREAM_ERROR (each provider can set its own).',
    default: '16777216',
    example: '1048576',
    schema: int(1, 1_073_741_824),
  },
  {
    name: 'UPSTREAM_CONNECTIONS',
    description:
      'Most connections open to each upstream at once; further calls queue. Size it for the concurrent requests one gateway serves.',
    default: '128',
    example: '64',
    schema: int(1, 10_000),
  },
  {
    name: 'UPSTREAM_MAX_RPS',
    description:
      'Most calls per second to each upstream, shared by every gateway on REDIS_URL (else per process); it halves while the upstream answers 429 and grows back as calls succeed. 0: no budget.',
    default: '0',
    example: '50',
    schema: int(0, 1_000_000),
  },
  {
    name: 'UPSTREAM_MAX_CONCURRENT',
    description:
      'Most calls in flight at once to each upstream, shared by every gateway on REDIS_URL through leases that expire a little after UPSTREAM_DEADLINE_MS (else per process, where UPSTREAM_CONNECTIONS also bounds them). 0: no budget.',
    default: '0',
    example: '20',
    schema: int(0, 100_000),
  },
  {
    name: 'UPSTREAM_BUDGET_WAIT_MS',
    description:
      'Longest a call over its upstream’s <PREFIX>_MAX_RPS or <PREFIX>_MAX_CONCURRENT waits for its turn (never past its operation’s time limit) before it fails UPSTREAM_BUSY.',
    default: '250',
    example: '100',
    schema: int(0, 60_000),
  },
  {
    name: 'UPSTREAM_BUDGET_SLOW_MS',
    description:
      'An upstream answer slower than this slows its <PREFIX>_MAX_RPS budget as a 429 does (the rate halves). 0: only 429s do.',
    default: '0',
    example: '2000',
    schema: int(0, 600_000),
  },
  {
    name: 'UPSTREAM_RETRY_ATTEMPTS',
    description:
      'Tries in all for a read that fails for a passing reason (5xx, timeout, 429); writes are tried once.',
    default: '3',
    example: '1',
    schema: int(1, 10),
  },
  {
    name: 'UPSTREAM_RETRY_MAX_DELAY_MS',
    description: 'Longest backoff between two tries (it starts at 100 ms and doubles, with jitter).',
    default: '2000',
    example: '500',
    schema: int(1, 60_000),
  },
  {
    name: 'UPSTREAM_MAX_RETRY_AFTER_MS',
    description: 'Longest Retry-After waited for before trying again; a longer one fails the call at once.',
    default: '10000',
    example: '3000',
    schema: int(0, 600_000),
  },
  {
    name: 'UPSTREAM_BREAKER_FAILURES',
    description: 'Consecutive failures of one upstream that open its circuit breaker (calls then fail fast).',
    default: '5',
    example: '10',
    schema: int(1, 1000),
  },
  {
    name: 'UPSTREAM_BREAKER_RESET_MS',
    description: 'How long an open breaker fails fast before one call probes the upstream again.',
    default: '10000',
    example: '30000',
    schema: int(1, 3_600_000),
  },
  {
    name: 'READINESS_TIMEOUT_MS',
    description:
      'Budget of one /ready check: a provider is usable when its upstream answers a HEAD request within it (any status counts) and its circuit breaker is not open. /ready answers 200 while at least one provider is usable and 503 when none is (or the process is shutting down); its body lists each provider’s state, as does the `gateway_provider_ready` metric.',
    default: '500',
    example: '2000',
    schema: int(10, 60_000),
  },
  {
    name: 'METRICS',
    description:
      'Serve Prometheus metrics at /metrics (GraphQL requests and latency by operation, upstream calls, latency and errors by provider and route, breaker states, DataLoader batch sizes, process metrics). Like /health and /ready it needs no gateway credentials.',
    default: 'true',
    example: 'false',
    schema: flag,
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    description:
      'Turns OpenTelemetry tracing on: spans of each GraphQL operation and of each upstream call are sent as OTLP/HTTP JSON to `<endpoint>/v1/traces`, and upstreams receive a W3C `traceparent`. Off when unset. The standard OTEL_EXPORTER_OTLP_HEADERS and OTEL_TRACES_SAMPLER variables apply too.',
    example: 'http://otel-collector:4318',
    schema: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  },
  {
    name: 'OTEL_SERVICE_NAME',
    description: 'The `service.name` of the spans this gateway sends when tracing is on.',
    default: 'datasource-gateway',
    example: 'datasource-gateway-eu',
    schema: z.string().min(1),
  },
  {
    name: 'CORS_ORIGINS',
    description:
      'Comma-separated origins whose browser pages may call /graphql, /ready and /metrics, e.g. https://app.example.com; a listed origin may send credentials. `*` lets any origin read answers, without credentials. Defaults to `*` in demo mode; otherwise no CORS header is sent.',
    example: 'https://app.example.com,https://admin.example.com',
    schema: originList.optional(),
  },
  {
    name: 'GATEWAY_AUTH',
    description:
      'Who may call /graphql: `none` (anyone), `tokens` (a token from GATEWAY_TOKENS) or `jwt` (a JWT checked with GATEWAY_JWT_SECRET or GATEWAY_JWKS_URL), sent as `Authorization: Bearer <token>`. Defaults to `none` in demo mode; required once an upstream is configured. /health is always open.',
    example: 'jwt',
    schema: z.enum(['none', 'tokens', 'jwt']).optional(),
  },
  {
    name: 'GATEWAY_TOKENS',
    description: 'Comma-separated API tokens the gateway accepts when GATEWAY_AUTH is `tokens`.',
    example: 'gw_3f9c…,gw_81ad…',
    schema: tokenList.optional(),
  },
  {
    name: 'GATEWAY_JWT_SECRET',
    description:
      'Shared secret (at least 32 characters) that verifies HS256 JWTs when GATEWAY_AUTH is `jwt`.',
    example: 'a-random-string-of-32-or-more-characters',
    schema: z.string().optional(),
  },
  {
    name: 'GATEWAY_JWKS_URL',
    description:
      'URL of the JSON Web Key Set that verifies JWTs (RS/PS/ES/EdDSA) when GATEWAY_AUTH is `jwt`; instead of GATEWAY_JWT_SECRET.',
    example: 'https://auth.example.com/.well-known/jwks.json',
    schema: z.url().optional(),
  },
  {
    name: 'GATEWAY_JWT_ISSUER',
    description: 'When set, a JWT’s `iss` claim must equal it.',
    example: 'https://auth.example.com/',
    schema: z.string().optional(),
  },
  {
    name: 'GATEWAY_JWT_AUDIENCE',
    description: 'When set, a JWT’s `aud` claim must contain it.',
    example: 'datasource-gateway',
    schema: z.string().optional(),
  },
  {
    name: 'GATEWAY_JWT_CLOCK_TOLERANCE_S',
    description:
      'Seconds the issuer’s clock and the gateway’s may disagree by when a JWT’s `exp`, `nbf` and `iat` are checked.',
    default: '30',
    example: '5',
    schema: int(0, 600),
  },
  {
    name: 'GATEWAY_JWT_MAX_LIFETIME_S',
    description:
      'The longest a JWT may live, from its `iat` (or from now, without one) to its `exp`; a longer-lived token is refused, so a leaked one is not good for long.',
    default: '86400',
    example: '3600',
    schema: int(60, 31_536_000),
  },
];
