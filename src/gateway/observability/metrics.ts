import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ActiveProvider } from '../context.js';
import type { BreakerState, UpstreamCallEvent, UpstreamFailureEvent } from '../upstream/index.js';
import type { OperationInfo } from './operation.js';

/** Distinct operation names one gateway labels; later new names count as `other`. */
const MAX_OPERATION_NAMES = 200;

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'half-open', 'open'];

let processRegistry: Registry | undefined;

/** Process metrics (CPU, memory, event loop, GC) belong to the process: one collector however many gateways. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** One gateway's Prometheus metrics, on its own registry so that gateways in one process stay apart. */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();
  private readonly operations;
  private readonly operationSeconds;
  private readonly upstreamCalls;
  private readonly upstreamSeconds;
  private readonly upstreamErrors;
  private readonly batchSizes;
  /** Which provider owns each loader's type, worked out at the first batch (providers connect first). */
  private owners: Map<string, string> | undefined;

  constructor(private readonly providers: () => readonly ActiveProvider[]) {
    const registers = [this.registry];
    this.operations = new Counter({
      name: 'gateway_graphql_requests_total',
      help: 'GraphQL requests by operation name, operation type and outcome (ok, or the first error code).',
      labelNames: ['operation', 'type', 'outcome'] as const,
      registers,
    });
    this.operationSeconds = new Histogram({
      name: 'gateway_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to its result, by operation name and type.',
      labelNames: ['operation', 'type'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.upstreamCalls = new Counter({
      name: 'gateway_upstream_requests_total',
      help: 'Calls sent to upstreams (each try counts) by provider, route (operationId) and status: the HTTP status, or timeout/unreachable when no answer came.',
      labelNames: ['provider', 'route', 'status'] as const,
      registers,
    });
    this.upstreamSeconds = new Histogram({
      name: 'gateway_upstream_request_duration_seconds',
      help: 'Time upstreams took to answer, by provider and route (operationId).',
      labelNames: ['provider', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.upstreamErrors = new Counter({
      name: 'gateway_upstream_errors_total',
      help: 'Failed upstream calls by provider, route (operationId) and kind (http, timeout, unreachable, malformed, circuit-open), with the status when one came.',
      labelNames: ['provider', 'route', 'kind', 'status'] as const,
      registers,
    });
    this.batchSizes = new Histogram({
      name: 'gateway_dataloader_batch_size',
      help: 'Ids per DataLoader batch, by loader (the GraphQL type it loads) and provider.',
      labelNames: ['loader', 'provider'] as const,
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
      registers,
    });
    const active = this.providers;
    new Gauge({
      name: 'gateway_upstream_breaker_state',
      help: 'Circuit breaker state per provider: 1 for the state it is in (closed, half-open, open), 0 for the others.',
      labelNames: ['provider', 'state'] as const,
      registers,
      collect() {
        for (const { definition, runtime } of active()) {
          const states = (runtime.upstreams ?? []).map((upstream) => upstream.breakerState);
          const worst = [...BREAKER_STATES].reverse().find((state) => states.includes(state)) ?? 'closed';
          for (const state of BREAKER_STATES)
            this.set({ provider: definition.id, state }, state === worst ? 1 : 0);
        }
      },
    });
  }

  /** Counts one finished GraphQL request. */
  recordOperation(operation: OperationInfo, codes: readonly string[], seconds: number): void {
    const labels = { operation: this.operationLabel(operation.name), type: operation.type };
    this.operations.inc({ ...labels, outcome: codes[0] ?? 'ok' });
    this.operationSeconds.observe(labels, seconds);
  }

  readonly onUpstreamResponse = (event: UpstreamCallEvent): void => {
    const labels = { provider: event.provider, route: event.operation };
    this.upstreamCalls.inc({ ...labels, status: String(event.status) });
    this.upstreamSeconds.observe(labels, event.durationMs / 1000);
  };

  readonly onUpstreamFailure = (event: UpstreamFailureEvent): void => {
    const labels = { provider: event.provider, route: event.operation };
    if (event.kind === 'timeout' || event.kind === 'unreachable')
      this.upstreamCalls.inc({ ...labels, status: event.kind });
    this.upstreamErrors.inc(
      event.status === undefined
        ? { ...labels, kind: event.kind }
        : { ...labels, kind: event.kind, status: String(event.status) },
    );
  };

  readonly observeBatch = (loader: string, size: number): void => {
    this.owners ??= new Map(
      this.providers().flatMap(({ definition }) => definition.typenames.map((type) => [type, definition.id])),
    );
    this.batchSizes.observe({ loader, provider: this.owners.get(loader) ?? 'unknown' }, size);
  };

  /** The Prometheus text exposition of this gateway's metrics and the process's. */
  async scrape(): Promise<string> {
    const own = await this.registry.metrics();
    const process = await processMetrics().metrics();
    return `${own.trimEnd()}\n\n${process}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Keeps label values few: a name past the first MAX_OPERATION_NAMES distinct ones is `other`. */
  private operationLabel(name: string): string {
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES) return 'other';
    this.names.add(name);
    return name;
  }
}
