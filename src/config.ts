import { z } from 'zod';
import type { GatewayAuthOptions } from './gateway/auth.js';
import type { Env, EnvVariable, ProviderDefinition } from './gateway/provider.js';
import type { QueryLimits } from './gateway/request-limits.js';
import type { ResilienceOptions, UpstreamTimeouts } from './gateway/upstream/index.js';

/** A provider that has configuration, ready to connect. */
export interface ConfiguredProvider {
  definition: ProviderDefinition;
  config: unknown;
}

export interface GatewayConfig {
  host: string;
  port: number;
  /** True when no upstream is configured and the gateway serves the built-in simulators. */
  demo: boolean;
  graphiql: boolean;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  introspection: boolean;
  /** How large a query document may be before it is refused unrun (graphql-armor). */
  queryLimits: QueryLimits;
  requestBodyLimitBytes: number;
  maxPageSize: number;
  maxNodes: number;
  timeouts: UpstreamTimeouts;
  resilience: ResilienceOptions;
  /** Who may call the gateway (its own `Authorization` header, not upstream credentials). */
  auth: GatewayAuthOptions;
  providers: ConfiguredProvider[];
}

/** Start-up configuration is wrong; the message lists every problem, one per line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const tokenList = z
  .string()
  .transform((s) => s.split(',').flatMap((item) => item.trim() || []))
  .pipe(z.array(z.string()).min(1, 'list at least one token'));

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
    name: 'GRAPHIQL',
    description: 'Serve GraphiQL at /graphql to browsers.',
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
      'Answer introspection queries (`__schema`, `__type`); when false they are refused and field suggestions are hidden.',
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
      'Highest cost a query may have: each field costs 1, each object 2, nested selections weigh 1.5× more, and a literal `first`/`last` multiplies its selection.',
    default: '1000000',
    example: '100000',
    schema: int(1, 1_000_000_000),
  },
  {
    name: 'MAX_QUERY_ALIASES',
    description: 'Most aliases one query may use.',
    default: '15',
    example: '5',
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
    name: 'MAX_PAGE_SIZE',
    description: 'Largest `first`/`last` a connection accepts.',
    default: '500',
    example: '100',
    schema: int(1, 10_000),
  },
  {
    name: 'MAX_NODES',
    description: 'Largest number of ids `nodes` accepts.',
    default: '500',
    example: '200',
    schema: int(1, 10_000),
  },
  {
    name: 'UPSTREAM_CONNECT_TIMEOUT_MS',
    description: 'Time allowed to open a connection to an upstream.',
    default: '3000',
    example: '1000',
    schema: int(1, 600_000),
  },
  {
    name: 'UPSTREAM_HEADERS_TIMEOUT_MS',
    description: 'Time allowed for an upstream to start answering.',
    default: '10000',
    example: '5000',
    schema: int(1, 600_000),
  },
  {
    name: 'UPSTREAM_BODY_TIMEOUT_MS',
    description: 'Longest pause allowed while an upstream sends its answer.',
    default: '10000',
    example: '5000',
    schema: int(1, 600_000),
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
];

/** Reads and checks the whole environment once; every problem is listed in one ConfigError. */
export function loadConfig(env: Env, registry: readonly ProviderDefinition[]): GatewayConfig {
  const problems: string[] = [];
  const values = new Map<string, unknown>();
  for (const variable of gatewayEnv) {
    const raw = env[variable.name] === '' ? undefined : env[variable.name];
    const parsed = variable.schema.safeParse(raw ?? variable.default);
    if (parsed.success) values.set(variable.name, parsed.data);
    else
      problems.push(
        `${variable.name}=${JSON.stringify(raw)}: ${parsed.error.issues[0]?.message ?? 'invalid'} (${variable.description})`,
      );
  }

  const providers: ConfiguredProvider[] = [];
  let upstreamSet = false;
  for (const definition of registry) {
    const result = definition.readConfig(env);
    if (result.status === 'configured') providers.push({ definition, config: result.config });
    if (result.status === 'invalid') problems.push(...result.problems);
    if (result.status !== 'absent') upstreamSet = true;
  }
  const auth = readGatewayAuth(values, upstreamSet);
  if (!auth.ok) problems.push(...auth.problems);
  if (problems.length > 0 || !auth.ok) throw new ConfigError(problems);

  const get = <T>(name: string) => values.get(name) as T;
  return {
    host: get<string>('HOST'),
    port: get<number>('PORT'),
    demo: providers.length === 0,
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
    requestBodyLimitBytes: get<number>('REQUEST_BODY_LIMIT_BYTES'),
    maxPageSize: get<number>('MAX_PAGE_SIZE'),
    maxNodes: get<number>('MAX_NODES'),
    timeouts: {
      connectMs: get<number>('UPSTREAM_CONNECT_TIMEOUT_MS'),
      headersMs: get<number>('UPSTREAM_HEADERS_TIMEOUT_MS'),
      bodyMs: get<number>('UPSTREAM_BODY_TIMEOUT_MS'),
    },
    resilience: {
      attempts: get<number>('UPSTREAM_RETRY_ATTEMPTS'),
      initialDelayMs: 100,
      maxDelayMs: get<number>('UPSTREAM_RETRY_MAX_DELAY_MS'),
      maxRetryAfterMs: get<number>('UPSTREAM_MAX_RETRY_AFTER_MS'),
      breakerFailures: get<number>('UPSTREAM_BREAKER_FAILURES'),
      breakerResetMs: get<number>('UPSTREAM_BREAKER_RESET_MS'),
    },
    auth: auth.options,
    providers,
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
    if (secret.length >= 32) options = { mode, key: { secret }, issuer, audience };
    else problems.push('GATEWAY_JWT_SECRET is too short: an HS256 secret needs at least 32 characters');
  } else if (jwksUrl !== undefined) {
    options = { mode, key: { jwksUrl }, issuer, audience };
  } else if (values.has('GATEWAY_JWKS_URL')) {
    problems.push('GATEWAY_AUTH is `jwt`: set GATEWAY_JWT_SECRET (HS256) or GATEWAY_JWKS_URL (a key set)');
  }
  return options && problems.length === 0 ? { ok: true, options } : { ok: false, problems };
}
