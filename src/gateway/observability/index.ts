import type { Plugin } from 'graphql-yoga';
import type { AdmissionState } from '../admission.js';
import type { ActiveProvider } from '../context.js';
import type { RuntimeServices } from '../provider.js';
import type { RedisState } from '../shared/redis.js';
import { GatewayMetrics } from './metrics.js';
import { ReadinessCheck, useReadiness } from './readiness.js';
import { createTracing, type TracingOptions } from './tracing.js';
import { useMetrics } from './use-metrics.js';

export type { TracingOptions } from './tracing.js';

export interface ObservabilityOptions {
  /** Serve Prometheus metrics at /metrics. */
  metrics: boolean;
  /** Budget of one /ready check: every upstream probe gives up after this long. */
  readinessTimeoutMs: number;
  /** OTLP tracing; off when absent. */
  tracing?: TracingOptions;
}

/** Turns a worker's own metrics into the text of the whole cluster's (see cluster.ts). */
export type SumOverWorkers = (local: () => Promise<unknown[]>) => () => Promise<string>;

/** What server.ts wires in: hooks for the provider runtimes, Yoga plugins, a batch observer, a flush. */
export interface Observability {
  services: Pick<RuntimeServices, 'onUpstreamResponse' | 'onUpstreamFailure' | 'traceUpstream'>;
  plugins: Plugin[];
  /** Told the size of every DataLoader batch (metrics). */
  onBatch?: (loader: string, size: number) => void;
  /** Told of each response cache lookup, answered from the cache or not (metrics). */
  onCacheLookup?: (hit: boolean) => void;
  /** Told of each failure of the shared Redis, by operation (metrics). */
  onRedisError?: (operation: string) => void;
  /** Told of each request refused by RATE_LIMIT (metrics). */
  onRateLimited?: () => void;
  /** With REDIS_URL: /ready reports Redis's state too. */
  reportRedis(state: () => RedisState): void;
  /** The process is shutting down: /ready answers 503 from now on. */
  drain(): void;
  close(): Promise<void>;
}

/**
 * /ready always; /metrics and tracing as configured. `providers` is read once they are connected;
 * `admission`, when operations are admitted by their records in flight, and `openSubscriptions`, at each scrape.
 */
export function createObservability(
  options: ObservabilityOptions,
  providers: () => readonly ActiveProvider[],
  admission?: () => AdmissionState,
  openSubscriptions?: () => number,
  /** In a cluster worker: what /metrics serves, given this process's own metrics to contribute. */
  sumOverWorkers?: SumOverWorkers,
): Observability {
  const readiness = new ReadinessCheck(providers, options.readinessTimeoutMs);
  const metrics = options.metrics
    ? new GatewayMetrics(providers, admission, () => readiness.last, openSubscriptions)
    : undefined;
  const tracing = options.tracing ? createTracing(options.tracing) : undefined;
  return {
    services: {
      onUpstreamResponse: metrics?.onUpstreamResponse,
      onUpstreamFailure: metrics?.onUpstreamFailure,
      traceUpstream: tracing?.traceUpstream,
    },
    plugins: [
      useReadiness(readiness),
      ...(metrics
        ? [useMetrics(metrics, sumOverWorkers?.(() => metrics.json()) ?? (() => metrics.scrape()))]
        : []),
      ...(tracing ? [tracing.plugin] : []),
    ],
    onBatch: metrics?.observeBatch,
    onCacheLookup: metrics?.observeCacheLookup,
    onRedisError: metrics?.observeRedisError,
    onRateLimited: metrics?.observeRateLimited,
    reportRedis: (state) => {
      readiness.redis = state;
    },
    drain: () => readiness.drain(),
    close: async () => {
      await tracing?.close();
    },
  };
}
