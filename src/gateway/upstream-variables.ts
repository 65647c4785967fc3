import * as z from 'zod';
import type { Env, EnvVariable } from './provider.js';
import type { UpstreamTimeouts } from './upstream/index.js';

/** How the gateway talks to one upstream: its timeouts, the largest answer it reads and its pool size. */
export interface UpstreamTuning {
  timeouts: UpstreamTimeouts;
  /** Largest answer body read from the upstream; a larger one fails the call. */
  maxBodyBytes: number;
  /** Most sockets open to the upstream at once; further calls wait for a free one. */
  connections: number;
  /** Most calls per second to the upstream, from the whole fleet with REDIS_URL; 0: no budget. */
  maxRps: number;
  /** Most calls in flight at once to the upstream, from the whole fleet with REDIS_URL; 0: no budget. */
  maxConcurrent: number;
}

type TuningKey = keyof UpstreamTimeouts | 'maxBodyBytes' | 'connections' | 'maxRps' | 'maxConcurrent';

interface TuningVariable {
  key: TuningKey;
  /** The variable that sets it for every upstream, and so its default for each one. */
  global: string;
  suffix: string;
  description: (label: string) => string;
  example: string;
  /** 1 unless 0 means something (no budget). */
  min?: number;
  max: number;
}

const tuning: readonly TuningVariable[] = [
  {
    key: 'connectMs',
    global: 'UPSTREAM_CONNECT_TIMEOUT_MS',
    suffix: 'CONNECT_TIMEOUT_MS',
    description: (label) => `Time allowed to open a connection to ${label}.`,
    example: '1000',
    max: 600_000,
  },
  {
    key: 'headersMs',
    global: 'UPSTREAM_HEADERS_TIMEOUT_MS',
    suffix: 'HEADERS_TIMEOUT_MS',
    description: (label) => `Time allowed for ${label} to start answering.`,
    example: '5000',
    max: 600_000,
  },
  {
    key: 'bodyMs',
    global: 'UPSTREAM_BODY_TIMEOUT_MS',
    suffix: 'BODY_TIMEOUT_MS',
    description: (label) => `Longest pause allowed while ${label} sends its answer.`,
    example: '5000',
    max: 600_000,
  },
  {
    key: 'deadlineMs',
    global: 'UPSTREAM_DEADLINE_MS',
    suffix: 'DEADLINE_MS',
    description: (label) =>
      `Longest time one call to ${label} may take in all, from waiting for a connection to the last byte of its answer.`,
    example: '5000',
    max: 600_000,
  },
  {
    key: 'maxBodyBytes',
    global: 'UPSTREAM_MAX_BODY_BYTES',
    suffix: 'MAX_BODY_BYTES',
    description: (label) => `Largest answer accepted from ${label}, in bytes; a larger one fails the call.`,
    example: '1048576',
    max: 1_073_741_824,
  },
  {
    key: 'connections',
    global: 'UPSTREAM_CONNECTIONS',
    suffix: 'CONNECTIONS',
    description: (label) => `Most connections open to ${label} at once; further calls queue.`,
    example: '64',
    max: 10_000,
  },
  {
    key: 'maxRps',
    global: 'UPSTREAM_MAX_RPS',
    suffix: 'MAX_RPS',
    description: (label) =>
      `Most calls per second to ${label}, shared by every gateway on REDIS_URL; it halves while ${label} answers 429 and grows back as calls succeed. Over it a call waits up to UPSTREAM_BUDGET_WAIT_MS, then fails UPSTREAM_BUSY. 0: no budget for ${label}, even when UPSTREAM_MAX_RPS sets one.`,
    example: '50',
    min: 0,
    max: 1_000_000,
  },
  {
    key: 'maxConcurrent',
    global: 'UPSTREAM_MAX_CONCURRENT',
    suffix: 'MAX_CONCURRENT',
    description: (label) =>
      `Most calls in flight at once to ${label}, shared by every gateway on REDIS_URL (each process also keeps within its ${label} connections). Over it a call waits up to UPSTREAM_BUDGET_WAIT_MS, then fails UPSTREAM_BUSY. 0: no budget for ${label}, even when UPSTREAM_MAX_CONCURRENT sets one.`,
    example: '20',
    min: 0,
    max: 100_000,
  },
];

const name = (prefix: string, variable: TuningVariable) => `${prefix}_${variable.suffix}`;

/** The variables that tune one provider's upstream, each defaulting to its UPSTREAM_* value. */
export function upstreamVariables(prefix: string, label: string): EnvVariable[] {
  return tuning.map((variable) => ({
    name: name(prefix, variable),
    description: variable.description(label),
    default: variable.global,
    example: variable.example,
  }));
}

/**
 * One provider's tuning: the deployment-wide values with any of its own variables applied.
 * Returns the problems instead when a value is not a whole number in range.
 */
export function readUpstreamTuning(
  env: Env,
  prefix: string,
  base: UpstreamTuning,
): { tuning: UpstreamTuning; problems: string[] } {
  const problems: string[] = [];
  const values: Record<TuningKey, number> = {
    ...base.timeouts,
    maxBodyBytes: base.maxBodyBytes,
    connections: base.connections,
    maxRps: base.maxRps,
    maxConcurrent: base.maxConcurrent,
  };
  for (const variable of tuning) {
    const raw = env[name(prefix, variable)];
    if (raw === undefined || raw === '') continue;
    const min = variable.min ?? 1;
    const parsed = z.coerce.number().int().min(min).max(variable.max).safeParse(raw);
    if (parsed.success) values[variable.key] = parsed.data;
    else
      problems.push(
        `${name(prefix, variable)}: ${parsed.error.issues[0]?.message ?? 'invalid'} (a whole number from ${min} to ${variable.max})`,
      );
  }
  const { maxBodyBytes, connections, maxRps, maxConcurrent, ...timeouts } = values;
  return { tuning: { timeouts, maxBodyBytes, connections, maxRps, maxConcurrent }, problems };
}

/** Tuning variables set for a provider that is not configured: they would silently do nothing. */
export function strayTuning(env: Env, prefix: string, label: string): string[] {
  return tuning
    .map((variable) => name(prefix, variable))
    .filter((variable) => env[variable] !== undefined && env[variable] !== '')
    .map((variable) => `${variable} is set but ${label} is not configured, so it would not be used`);
}
