import type { PollSettings } from './live-polls.js';
import type { DataSourceFilter, DataSourceRecord, ListSlice, ListWindow } from './records.js';
import type {
  ConcurrencyBudget,
  ResilienceOptions,
  UpstreamBudget,
  UpstreamCallEvent,
  UpstreamFailureEvent,
  UpstreamHttp,
  UpstreamSettings,
  UpstreamTimeouts,
  UpstreamTracer,
} from './upstream/index.js';

/** The environment as the process received it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** What a provider's configuration reader found: its config, or that it is not configured. */
export type ProviderConfigResult<Config> =
  | { status: 'configured'; config: Config }
  | { status: 'absent' }
  | { status: 'invalid'; problems: string[] };

/** One environment variable a provider reads, for the README and start-up errors. */
export interface EnvVariable {
  name: string;
  description: string;
  default?: string;
  example: string;
}

/** What the gateway hands every provider runtime. */
export interface RuntimeServices {
  timeouts: UpstreamTimeouts;
  maxBodyBytes: number;
  /** Most sockets open to the provider's upstream at once. */
  connections: number;
  resilience: ResilienceOptions;
  /** How the polls behind subscriptions pace themselves. */
  polling: PollSettings;
  /** Called after every upstream call that got an answer (metrics, logs, contract checks). */
  onUpstreamResponse?: (event: UpstreamCallEvent) => void;
  /** Called after every upstream call that failed, answered or not, or was never sent (metrics). */
  onUpstreamFailure?: (event: UpstreamFailureEvent) => void;
  /** Traces every upstream call when tracing is on. */
  traceUpstream?: UpstreamTracer;
  /** The provider's calls per second (`<PREFIX>_MAX_RPS`), when it has a budget. */
  budget?: UpstreamBudget;
  /** The provider's calls in flight at once (`<PREFIX>_MAX_CONCURRENT`), when it has a budget. */
  concurrency?: ConcurrencyBudget;
}

/** The settings of one upstream at `baseUrl`, as this deployment configured every upstream. */
export function upstreamSettings(baseUrl: string, services: RuntimeServices): UpstreamSettings {
  return {
    baseUrl,
    timeouts: services.timeouts,
    maxBodyBytes: services.maxBodyBytes,
    connections: services.connections,
    resilience: services.resilience,
    onResponse: services.onUpstreamResponse,
    onFailure: services.onUpstreamFailure,
    trace: services.traceUpstream,
    budget: services.budget,
    concurrency: services.concurrency,
  };
}

/** The caller of one GraphQL request, as far as providers need to know. */
export interface RequestCaller {
  /** A request header by its lower-case name; providers that forward caller credentials read it here. */
  header(name: string): string | undefined;
  /**
   * Stands for the incoming request: sessions make their upstream calls through
   * `UpstreamHttp.forRequest(tag)`, so each call is counted against the request that made it.
   */
  tag?: object;
  /**
   * The operation's abort signal (client gone, or its time limit passed), made on first call:
   * sessions hand it to `UpstreamHttp.forRequest(tag, signal)` so that every upstream call carries it.
   */
  signal?: () => AbortSignal;
}

/** The part of a provider the gateway core calls for cross-provider queries. */
export interface ProviderSession {
  /** A window of this provider's data sources that pass the filter, in a stable order. */
  listDataSources(filter: DataSourceFilter, window: ListWindow): Promise<ListSlice<DataSourceRecord>>;
  /** How many of this provider's data sources pass the filter. */
  countDataSources(filter: DataSourceFilter): Promise<number>;
  /**
   * Every one of this provider's data sources that pass the filter, in no promised order, read at
   * most once per request: what a sorted `dataSources` merges when no upstream sorts as asked.
   */
  allDataSources(filter: DataSourceFilter): Promise<readonly DataSourceRecord[]>;
}

/** A provider's long-lived part: connection pools, token caches. One per process. */
export interface ProviderRuntime<Session extends ProviderSession = ProviderSession> {
  /** A session bound to one request's caller; it holds nothing that outlives the request. */
  session(caller: RequestCaller): Session;
  /** The upstream pools this provider calls, which /ready probes and /metrics watches. */
  upstreams?: readonly UpstreamHttp[];
  /** Request headers whose credentials it forwards upstream: what it shows depends on them (cached answers are kept apart by them). */
  callerHeaders?: readonly string[];
  close(): Promise<void>;
}

/**
 * Everything the gateway core knows about a provider. A provider folder exports one of these;
 * the registry lists them. The core never imports a provider's internals.
 */
export interface ProviderDefinition<Config = unknown, Session extends ProviderSession = ProviderSession> {
  /** Stable id used in errors (`extensions.provider`) and configuration, e.g. `pdc`. */
  id: string;
  /** Its value in the GraphQL `Provider` enum, e.g. `PDC`. */
  enumValue: string;
  /**
   * Prefix of every environment variable of this provider, e.g. `PDC` for PDC_URL; the gateway
   * adds `<prefix>_CONNECT_TIMEOUT_MS` and the other upstream tuning variables under it.
   */
  envPrefix: string;
  /** Human name used in messages, e.g. `Pentaho Data Catalog`. */
  label: string;
  /** What this provider holds, for the enum value's description. */
  description: string;
  /** GraphQL type names of the DataSource implementations this provider owns. */
  typenames: readonly string[];
  env: readonly EnvVariable[];
  readConfig(env: Env): ProviderConfigResult<Config>;
  connect(config: Config, services: RuntimeServices): ProviderRuntime<Session>;
}
