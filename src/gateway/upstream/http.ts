import type { Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import { type ExchangeAnswer, UpstreamExchange } from './bounds.js';
import { awaitBudget, type UpstreamBudget } from './budget.js';
import type { ConcurrencyBudget } from './concurrency.js';
import { isUpstreamError, UpstreamError, type UpstreamErrorDetail } from './errors.js';
import type { ProbeResult, UpstreamFailureEvent, UpstreamTracer } from './observers.js';
import { type BreakerState, defaultResilience, Resilience, type ResilienceOptions } from './resilience.js';
import { Pool } from './undici-core.js';
import { failureKind, isTimeout, parseJson, queryString, retryAfter } from './wire.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined | null;

export interface UpstreamTimeouts {
  /** Time to open the TCP connection. */
  connectMs: number;
  /** Time from sending the request to receiving the response headers. */
  headersMs: number;
  /** Longest pause between two chunks of the response body. */
  bodyMs: number;
  /** Longest time one try may take in all: waiting for a socket, connecting, headers and the whole body. */
  deadlineMs: number;
}

export const defaultTimeouts: UpstreamTimeouts = {
  connectMs: 3_000,
  headersMs: 10_000,
  bodyMs: 10_000,
  deadlineMs: 20_000,
};

/** Largest answer body read from an upstream, by default (16 MiB). */
export const defaultMaxBodyBytes = 16 * 1024 * 1024;

export interface UpstreamHttpOptions {
  /** Provider id, named in every error this layer raises. */
  provider: string;
  /** Origin plus optional path prefix, e.g. `https://api.prequel.co` or `http://127.0.0.1:4101/`. */
  baseUrl: string;
  /** Headers sent on every call (API version headers and the like; not per-caller credentials). */
  defaultHeaders?: Record<string, string>;
  timeouts?: Partial<UpstreamTimeouts>;
  /** Largest answer body accepted; a larger answer fails the call as `too-large`. */
  maxBodyBytes?: number;
  /** Most sockets kept open to this upstream. */
  connections?: number;
  /** Retry and circuit-breaker settings; the defaults suit most upstreams. */
  resilience?: Partial<ResilienceOptions>;
  /** Reads the provider's error body into a code, a message and the blamed field. */
  describeError: (status: number, body: unknown) => UpstreamErrorDetail;
  /** Called once per call that got an answer, whatever its status (metrics, contract checks). */
  onResponse?: (event: UpstreamCallEvent) => void;
  /** Called once per call that failed, whatever the reason, including calls never sent (metrics). */
  onFailure?: (event: UpstreamFailureEvent) => void;
  /** Traces each call; the headers it returns (trace context) go with the request. */
  trace?: UpstreamTracer;
  /** Calls per second allowed to this upstream (`<PREFIX>_MAX_RPS`); unset: no budget, nothing per call. */
  budget?: UpstreamBudget;
  /** Calls allowed in flight at once to this upstream (`<PREFIX>_MAX_CONCURRENT`); unset: no budget. */
  concurrency?: ConcurrencyBudget;
}

/** What a deployment chooses about one upstream; the provider adds its id, headers and error reader. */
export type UpstreamSettings = Pick<
  UpstreamHttpOptions,
  | 'baseUrl'
  | 'timeouts'
  | 'maxBodyBytes'
  | 'resilience'
  | 'connections'
  | 'onResponse'
  | 'onFailure'
  | 'trace'
  | 'budget'
  | 'concurrency'
>;

/** One finished upstream call. `body` is the parsed JSON, or undefined when it was not JSON. */
export interface UpstreamCallEvent {
  provider: string;
  operation: string;
  method: HttpMethod;
  status: number;
  body: unknown;
  durationMs: number;
  /** The incoming request the call was made for, when the caller tagged it (see `forRequest`). */
  tag?: object;
}

export interface UpstreamRequest {
  method: HttpMethod;
  /** Path below the base URL, already filled in (`/import/sources/abc`). */
  path: string;
  /** The operationId in the provider's OpenAPI document, for errors, logs, metrics and contract checks. */
  operation: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /** Per-call headers, typically the caller's credentials. */
  headers?: Record<string, string>;
  /** The caller giving up (its client went away, its own deadline passed): the call is aborted, never retried. */
  signal?: AbortSignal;
  /** A read that may be retried (GETs are; POST reads such as PDC's by-ids say so). Writes never are. */
  safe?: boolean;
}

export interface UpstreamResponse<T> {
  status: number;
  data: T;
  headers: IncomingHttpHeaders;
}

/**
 * One upstream's HTTP connection pool: JSON in and out, timeouts, and a typed `UpstreamError` for
 * every non-2xx answer or transport failure. Providers build their typed clients on it.
 */
export class UpstreamHttp {
  readonly provider: string;
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly origin: string;
  private readonly options: UpstreamHttpOptions;
  private readonly resilience: Resilience;
  private readonly deadlineMs: number;
  private readonly maxBodyBytes: number;

  constructor(options: UpstreamHttpOptions) {
    this.options = options;
    this.provider = options.provider;
    this.resilience = new Resilience(options.provider, { ...defaultResilience, ...options.resilience });
    const base = new URL(options.baseUrl);
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.origin = base.origin;
    const timeouts = { ...defaultTimeouts, ...options.timeouts };
    this.deadlineMs = timeouts.deadlineMs;
    this.maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
    this.pool = new Pool(base.origin, {
      connections: options.connections ?? 128,
      connectTimeout: timeouts.connectMs,
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
      keepAliveTimeout: 10_000,
    });
  }

  /** Whether calls to this upstream currently go through (`closed`) or fail fast (`open`). */
  get breakerState(): BreakerState {
    return this.resilience.state;
  }

  /** Calls per second the budget allows now, or undefined without one (a gauge). */
  get budgetRps(): number | undefined {
    return this.options.budget?.rps;
  }

  /** True while the breaker fails calls without sending them (readiness). */
  get failingFast(): boolean {
    return this.resilience.failingFast;
  }

  /**
   * This pool as one incoming request uses it: every call made through the view carries `tag` into
   * its `onResponse` event, so the gateway can count calls per request without tracking async context,
   * and, unless it brings its own, the request's abort `signal` (asked for at the first call).
   */
  forRequest(tag: object | undefined, signal?: () => AbortSignal): UpstreamHttp {
    if (!tag && !signal) return this;
    const view = Object.create(this) as UpstreamHttp;
    // The tag travels beside the request: a copy of each request with the tag added would cost an
    // object per call.
    view.request = signal
      ? <T>(req: UpstreamRequest) => this.call<T>(req.signal ? req : { ...req, signal: signal() }, tag)
      : <T>(req: UpstreamRequest) => this.call<T>(req, tag);
    return view;
  }

  request<T>(req: UpstreamRequest): Promise<UpstreamResponse<T>> {
    return this.call<T>(req, undefined);
  }

  private call<T>(req: UpstreamRequest, tag: object | undefined): Promise<UpstreamResponse<T>> {
    return this.resilience.run(
      req.operation,
      req.safe ?? req.method === 'GET',
      () => this.send<T>(req, tag),
      req.signal,
      (error) => this.failed(req, error, 0),
    );
  }

  /**
   * Whether the upstream answers at all, whatever it says: one HEAD to its base path through this
   * pool, sent without credentials, never retried and never counted by the breaker.
   */
  async probe(timeoutMs: number): Promise<ProbeResult> {
    const exchange = new UpstreamExchange(this.maxBodyBytes, timeoutMs, undefined);
    try {
      await exchange.send(this.pool, { method: 'HEAD', path: this.basePath || '/' });
      return 'reachable';
    } catch (cause) {
      return exchange.expired || isTimeout(cause) ? 'timeout' : 'unreachable';
    } finally {
      exchange.done();
    }
  }

  /** One try of a call, in a slot of the concurrency budget when there is one, given back however it ends. */
  private send<T>(req: UpstreamRequest, tag: object | undefined): Promise<UpstreamResponse<T>> {
    const { concurrency } = this.options;
    return concurrency ? this.sendInSlot<T>(concurrency, req, tag) : this.attempt<T>(req, tag);
  }

  private async sendInSlot<T>(
    concurrency: ConcurrencyBudget,
    req: UpstreamRequest,
    tag: object | undefined,
  ): Promise<UpstreamResponse<T>> {
    const slot = await concurrency.acquire(req.signal);
    if (typeof slot !== 'function') {
      const error = new UpstreamError({
        provider: this.provider,
        operation: req.operation,
        ...(slot.kind === 'busy' ? { kind: 'busy', busy: 'concurrency', retryAfterSeconds: 1 } : slot),
      });
      this.failed(req, error, 0);
      throw error;
    }
    try {
      return await this.attempt<T>(req, tag);
    } finally {
      slot();
    }
  }

  /**
   * One try of a call, traced when tracing is on; every failure is reported once. One async step
   * from the request to its answer: the request is made and the answer read by plain functions.
   */
  private async attempt<T>(req: UpstreamRequest, tag: object | undefined): Promise<UpstreamResponse<T>> {
    if (this.options.budget) await this.withinBudget(this.options.budget, req);
    const started = performance.now();
    const trace = this.options.trace?.({
      provider: this.provider,
      operation: req.operation,
      method: req.method,
      origin: this.origin,
    });
    try {
      const exchange = new UpstreamExchange(this.maxBodyBytes, this.deadlineMs, req.signal);
      let answer: ExchangeAnswer;
      try {
        await exchange.send(this.pool, this.dispatchOptions(req, trace?.headers));
        answer = exchange.take();
      } catch (cause) {
        throw new UpstreamError({
          provider: this.provider,
          operation: req.operation,
          kind: failureKind(cause, exchange, req.signal),
          cause,
        });
      } finally {
        exchange.done();
      }
      const response = this.answered<T>(req, tag, answer, started);
      trace?.end({ status: response.status });
      return response;
    } catch (error) {
      const upstream = isUpstreamError(error) ? error : undefined;
      if (upstream) this.failed(req, upstream, performance.now() - started);
      trace?.end({ status: upstream?.status, failure: upstream?.kind ?? 'error' });
      throw error;
    }
  }

  /** Waits for the budget's token, briefly and never past the caller's signal; over the budget the call is not sent. */
  private withinBudget(budget: UpstreamBudget, req: UpstreamRequest): Promise<void> {
    return awaitBudget(budget, req.signal, (kind, cause, retryAfterSeconds) => {
      const error = new UpstreamError({
        provider: this.provider,
        operation: req.operation,
        kind,
        cause,
        retryAfterSeconds,
      });
      this.failed(req, error, 0);
      return error;
    });
  }

  private failed(req: UpstreamRequest, error: UpstreamError, durationMs: number): void {
    this.options.onFailure?.({
      provider: this.provider,
      operation: req.operation,
      method: req.method,
      kind: error.kind,
      status: error.status,
      durationMs,
    });
  }

  /** The request as undici dispatches it: the pool's headers, the call's, and its body as JSON or a form. */
  private dispatchOptions(
    req: UpstreamRequest,
    traceHeaders: Record<string, string> | undefined,
  ): Dispatcher.DispatchOptions {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.options.defaultHeaders,
      ...req.headers,
      ...traceHeaders,
    };
    let body: string | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    }
    return { method: req.method, path: this.basePath + req.path + queryString(req.query), headers, body };
  }

  /** The answer as the caller gets it, or the error it is: too large, an HTTP error, or not JSON. */
  private answered<T>(
    req: UpstreamRequest,
    tag: object | undefined,
    answer: ExchangeAnswer,
    started: number,
  ): UpstreamResponse<T> {
    const { status, headers: responseHeaders, text } = answer;
    if (text === undefined) {
      throw new UpstreamError({
        provider: this.provider,
        operation: req.operation,
        kind: 'too-large',
        status,
        limitBytes: this.maxBodyBytes,
      });
    }

    this.options.budget?.answered(status, performance.now() - started);
    const parsed = parseJson(text);
    this.options.onResponse?.({
      provider: this.provider,
      operation: req.operation,
      method: req.method,
      status,
      body: parsed.ok ? parsed.value : undefined,
      durationMs: performance.now() - started,
      tag,
    });
    if (status < 200 || status > 299) {
      const detail = parsed.ok ? this.options.describeError(status, parsed.value) : {};
      throw new UpstreamError({
        provider: this.provider,
        operation: req.operation,
        kind: 'http',
        status,
        retryAfterSeconds: retryAfter(responseHeaders['retry-after']),
        ...detail,
      });
    }
    if (!parsed.ok) {
      throw new UpstreamError({
        provider: this.provider,
        operation: req.operation,
        kind: 'malformed',
        status,
      });
    }
    return { status, data: parsed.value as T, headers: responseHeaders };
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
