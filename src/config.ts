import { z } from 'zod';
import type { Env, EnvVariable, ProviderDefinition } from './gateway/provider.js';
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
  maxPageSize: number;
  maxNodes: number;
  timeouts: UpstreamTimeouts;
  resilience: ResilienceOptions;
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
  for (const definition of registry) {
    const result = definition.readConfig(env);
    if (result.status === 'configured') providers.push({ definition, config: result.config });
    if (result.status === 'invalid') problems.push(...result.problems);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const get = <T>(name: string) => values.get(name) as T;
  return {
    host: get<string>('HOST'),
    port: get<number>('PORT'),
    demo: providers.length === 0,
    graphiql: get<boolean>('GRAPHIQL'),
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
    providers,
  };
}
