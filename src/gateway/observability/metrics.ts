import { collectDefaultMetrics, Registry } from 'prom-client';
import type { AdmissionState } from '../admission.js';
import type { ActiveProvider } from '../context.js';
import type { BreakerState, UpstreamCallEvent, UpstreamFailureEvent } from '../upstream/index.js';
import type { OperationInfo } from './operation.js';
import type { ProviderReadiness } from './readiness.js';
import { CounterFamily, type Family, GaugeFamily, HistogramFamily, type LabelValue } from './series.js';

/** Distinct operation names one gateway labels; later new names count as `other`. */
const MAX_OPERATION_NAMES = 200;

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'half-open', 'open'];

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

let processRegistry: Registry | undefined;

/** Process metrics (CPU, memory, event loop, GC) belong to the process: one collector however many gateways. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * One gateway's Prometheus metrics, kept apart from any other gateway in the process. Its own
 * series are plain numbers (see series.ts): every upstream call records, so recording stays cheap.
 */
export class GatewayMetrics {
  readonly contentType = Registry.PROMETHEUS_CONTENT_TYPE;
  private readonly names = new Set<string>();
  private readonly operations = new CounterFamily(
    'gateway_graphql_requests_total',
    'GraphQL requests by operation name, operation type and outcome (ok, or the first error code).',
    ['operation', 'type', 'outcome'],
  );
  private readonly operationSeconds = new HistogramFamily(
    'gateway_graphql_request_duration_seconds',
    'Time from receiving a GraphQL request to its result, by operation name and type.',
    ['operation', 'type'],
    SECONDS,
  );
  private readonly upstreamCalls = new CounterFamily(
    'gateway_upstream_requests_total',
    'Calls sent to upstreams (each try counts) by provider, route (operationId) and status: the HTTP status, or timeout/unreachable/aborted when no answer came.',
    ['provider', 'route', 'status'],
  );
  private readonly upstreamSeconds = new HistogramFamily(
    'gateway_upstream_request_duration_seconds',
    'Time upstreams took to answer, by provider and route (operationId).',
    ['provider', 'route'],
    SECONDS,
  );
  private readonly upstreamErrors = new CounterFamily(
    'gateway_upstream_errors_total',
    'Failed upstream calls by provider, route (operationId) and kind (http, timeout, unreachable, malformed, too-large, aborted, circuit-open), with the status when one came.',
    ['provider', 'route', 'kind', 'status'],
  );
  private readonly batchSizes = new HistogramFamily(
    'gateway_dataloader_batch_size',
    'Ids per DataLoader batch, by loader (the GraphQL type it loads) and provider.',
    ['loader', 'provider'],
    [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
  );
  private readonly cacheLookups = new CounterFamily(
    'gateway_response_cache_lookups_total',
    'Queries looked up in the response cache (RESPONSE_CACHE) by result: hit (answered from it, no upstream called) or miss (run).',
    ['result'],
  );
  private readonly redisErrors = new CounterFamily(
    'gateway_redis_errors_total',
    'Failures of the shared Redis (REDIS_URL) by operation: connection (each failed connection attempt), or the feature whose command failed (rate-limit, upstream-budget, upstream-concurrency, response-cache, apq), which then failed open.',
    ['operation'],
  );
  private readonly rateLimited = new CounterFamily(
    'gateway_rate_limited_total',
    'Requests answered 429 RATE_LIMITED because their caller was over RATE_LIMIT.',
    [],
  );
  private readonly breakerStates: GaugeFamily;
  private readonly budgets: GaugeFamily;
  private readonly providerReady: GaugeFamily;
  private readonly admission: GaugeFamily[];
  private readonly subscriptions: GaugeFamily;
  /** Which provider owns each loader's type, worked out at the first batch (providers connect first). */
  private owners: Map<string, string> | undefined;

  constructor(
    private readonly providers: () => readonly ActiveProvider[],
    admission?: () => AdmissionState,
    readiness: () => readonly ProviderReadiness[] | undefined = () => undefined,
    openSubscriptions: () => number = () => 0,
  ) {
    this.subscriptions = new GaugeFamily(
      'gateway_subscriptions_open',
      'Subscriptions open now (MAX_SUBSCRIPTIONS bounds it).',
      [],
      () => [[[], openSubscriptions()]],
    );
    this.admission = admission
      ? [
          new GaugeFamily(
            'gateway_admission_running_records',
            'Records the operations running now may hold (MAX_RECORDS_IN_FLIGHT bounds it).',
            [],
            () => [[[], admission().running]],
          ),
          new GaugeFamily(
            'gateway_admission_waiting',
            'Operations waiting for room under MAX_RECORDS_IN_FLIGHT.',
            [],
            () => [[[], admission().waiting]],
          ),
          new GaugeFamily(
            'gateway_admission_provider_running_records',
            'Records held by the running operations that may call the provider (its <PREFIX>_MAX_RECORDS_IN_FLIGHT share bounds it).',
            ['provider'],
            () => admission().providers.map((share) => [[share.id], share.running] as const),
          ),
          new GaugeFamily(
            'gateway_admission_provider_waiting',
            'Operations waiting that may call the provider.',
            ['provider'],
            () => admission().providers.map((share) => [[share.id], share.waiting] as const),
          ),
        ]
      : [];
    this.breakerStates = new GaugeFamily(
      'gateway_upstream_breaker_state',
      'Circuit breaker state per provider: 1 for the state it is in (closed, half-open, open), 0 for the others; with WORKERS, how many workers are in each state.',
      ['provider', 'state'],
      () => this.breakers(),
      // Each worker has its own breakers: the sum counts the workers in each state, which says more than the worst.
      'sum',
    );
    this.budgets = new GaugeFamily(
      'gateway_upstream_budget_rps',
      'Calls per second the provider’s <PREFIX>_MAX_RPS budget allows now: lower while it answers 429 (shared by the fleet with REDIS_URL).',
      ['provider'],
      () =>
        this.providers().flatMap(({ definition, runtime }) => {
          // A provider's upstreams share its one budget.
          const rps = runtime.upstreams?.find((upstream) => upstream.budgetRps !== undefined)?.budgetRps;
          return rps === undefined ? [] : [[[definition.id], rps] as const];
        }),
      // Workers share one rate through Redis: summing it over them would overstate it.
      'max',
    );
    // As of the last /ready check: probing upstreams on every scrape would add calls of its own.
    this.providerReady = new GaugeFamily(
      'gateway_provider_ready',
      'Whether each provider was usable at the last /ready check: 1 if so, 0 if not (its reason is in the /ready body); with WORKERS, 1 only if it was at the last check of each worker that made one.',
      ['provider'],
      () => (readiness() ?? []).map(({ id, ready }) => [[id], ready ? 1 : 0] as const),
      // A sum would count the workers that checked; a worker that found the provider unusable says 0.
      'min',
    );
  }

  /** Counts one finished GraphQL request. */
  recordOperation(operation: OperationInfo, codes: readonly string[], seconds: number): void {
    const name = this.operationLabel(operation.name);
    this.operations.inc([name, operation.type, codes[0] ?? 'ok']);
    this.operationSeconds.observe([name, operation.type], seconds);
  }

  readonly onUpstreamResponse = (event: UpstreamCallEvent): void => {
    this.upstreamCalls.inc([event.provider, event.operation, event.status]);
    this.upstreamSeconds.observe([event.provider, event.operation], event.durationMs / 1000);
  };

  readonly onUpstreamFailure = (event: UpstreamFailureEvent): void => {
    // Tries sent that got no whole answer have no response event: they count here.
    if (event.kind === 'timeout' || event.kind === 'unreachable' || event.kind === 'aborted')
      this.upstreamCalls.inc([event.provider, event.operation, event.kind]);
    else if (event.kind === 'too-large')
      this.upstreamCalls.inc([event.provider, event.operation, event.status]);
    this.upstreamErrors.inc([event.provider, event.operation, event.kind, event.status]);
  };

  readonly observeBatch = (loader: string, size: number): void => {
    this.owners ??= new Map(
      this.providers().flatMap(({ definition }) => definition.typenames.map((type) => [type, definition.id])),
    );
    this.batchSizes.observe([loader, this.owners.get(loader) ?? 'unknown'], size);
  };

  readonly observeCacheLookup = (hit: boolean): void => {
    this.cacheLookups.inc([hit ? 'hit' : 'miss']);
  };

  readonly observeRedisError = (operation: string): void => {
    this.redisErrors.inc([operation]);
  };

  readonly observeRateLimited = (): void => {
    this.rateLimited.inc([]);
  };

  /** The Prometheus text exposition of this gateway's metrics and the process's. */
  async scrape(): Promise<string> {
    const own = this.families()
      .map((family) => family.expose())
      .join('\n');
    return `${own}\n${await processMetrics().metrics()}`;
  }

  /** The same, as prom-client's registries hand them to a cluster's primary to sum over workers. */
  async json(): Promise<unknown[]> {
    return [
      ...this.families().map((family) => family.json()),
      ...(await processMetrics().getMetricsAsJSON()),
    ];
  }

  private families(): Family[] {
    return [
      this.operations,
      this.operationSeconds,
      this.upstreamCalls,
      this.upstreamSeconds,
      this.upstreamErrors,
      this.batchSizes,
      this.cacheLookups,
      this.redisErrors,
      this.rateLimited,
      this.breakerStates,
      this.budgets,
      this.providerReady,
      ...this.admission,
      this.subscriptions,
    ];
  }

  /** Each provider's worst breaker state: 1 for that state, 0 for the others. */
  private *breakers(): Generator<readonly [readonly LabelValue[], number]> {
    for (const { definition, runtime } of this.providers()) {
      const states = (runtime.upstreams ?? []).map((upstream) => upstream.breakerState);
      const worst = [...BREAKER_STATES].reverse().find((state) => states.includes(state)) ?? 'closed';
      for (const state of BREAKER_STATES) yield [[definition.id, state], state === worst ? 1 : 0];
    }
  }

  /** Keeps label values few: a name past the first MAX_OPERATION_NAMES distinct ones is `other`. */
  private operationLabel(name: string): string {
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES) return 'other';
    this.names.add(name);
    return name;
  }
}
