import { randomUUID } from 'node:crypto';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import pino, { type Logger } from 'pino';
import { describeUpstream } from './errors.js';
import type { UpstreamCallEvent, UpstreamError } from './upstream/index.js';

/**
 * Everything logged about one HTTP request, gathered while it runs. It travels explicitly: the server
 * hands it to the GraphQL context, sessions tag their upstream calls with it, and errors of the
 * answer are noted against it (no async context tracking, whose promise hooks cost every promise).
 */
export class RequestScope {
  readonly requestId: string;
  /**
   * Upstream calls by provider: how many, and milliseconds spent waiting on them. Counted only when
   * the `request done` line is written (info), and made at the first call: a request pays nothing for it otherwise.
   */
  upstream: Map<string, { calls: number; ms: number; failed: number }> | undefined = undefined;
  /** Upstream failures the answer carries, by provider, route and code: one warn line when it ends. */
  failures: Map<string, UpstreamFailureCount> | undefined = undefined;
  /** The operation the request runs, by name, once known (see useOperationNames). */
  operationName: string | undefined = undefined;
  /** For a batch, each operation's name in the order sent (see noteBatch), instead of `operationName`. */
  batch: (string | undefined)[] | undefined = undefined;
  /** Whether the response cache answered (`hit`) or the operation ran (`miss`); unset when it was not asked. */
  cache: 'hit' | 'miss' | undefined = undefined;

  /** A caller's well-formed x-request-id is kept; otherwise a new one is made. */
  constructor(incomingId?: string) {
    this.requestId = incomingId && /^[\w.:-]{1,128}$/.test(incomingId) ? incomingId : randomUUID();
  }
}

/** How many errors of the answer one failing upstream route caused, their code and what happened. */
export interface UpstreamFailureCount {
  provider: string;
  route: string;
  code: string;
  /** `http 503`, `timeout`, `unreachable`, `malformed`, `too-large`, `aborted` or `circuit-open`. */
  failure: string;
  errors: number;
}

/**
 * The request an object belongs to: each error of an answer, so that Yoga's error log can name its
 * request, and Node's request itself, which Yoga hands on to the GraphQL context as `req`. The scope
 * is kept on the object: a module-level WeakMap keyed by it would hold every request's objects
 * through young-generation GC (see `requestLocal`).
 */
const scopeKey = Symbol('requestScope');

/** Notes that `target` (an error of the answer, or the incoming request) belongs to `scope`. */
export function noteRequestScope(target: unknown, scope: RequestScope): void {
  if (typeof target === 'object' && target !== null && Object.isExtensible(target))
    Object.defineProperty(target, scopeKey, { value: scope, configurable: true });
}

/** The request `target` was noted against, if any. */
export function requestScopeOf(target: unknown): RequestScope | undefined {
  if (typeof target !== 'object' || target === null) return undefined;
  const scope = (target as { [scopeKey]?: unknown })[scopeKey];
  return scope instanceof RequestScope ? scope : undefined;
}

const batchIndexKey = Symbol('batchIndex');

/** Says the request is a batch of these operations' parameters: each is logged by its position. */
export function noteBatch(scope: RequestScope, operations: readonly unknown[]): void {
  scope.batch = operations.map(() => undefined);
  operations.forEach((params, index) => {
    // Non-enumerable: Yoga refuses parameters it does not know, and reads only enumerable ones.
    if (typeof params === 'object' && params !== null && Object.isExtensible(params))
      Object.defineProperty(params, batchIndexKey, { value: index });
  });
}

/** Whether `params` are one entry of a batch (their position noted by `noteBatch`). */
export function isBatchEntry(params: object): boolean {
  return (params as { [batchIndexKey]?: number })[batchIndexKey] !== undefined;
}

/** `next`, which stands for `params` (a persisted document's text put in place of its id), at its position in the batch. */
export function keepBatchPosition<T extends object>(params: object, next: T): T {
  const index = (params as { [batchIndexKey]?: number })[batchIndexKey];
  if (index !== undefined) Object.defineProperty(next, batchIndexKey, { value: index });
  return next;
}

/** Names the request's operation, or its operation at the position these parameters hold in a batch. */
function nameOperation(scope: RequestScope, params: unknown, name: string | undefined): void {
  const index = (params as { [batchIndexKey]?: number } | undefined)?.[batchIndexKey];
  if (scope.batch && index !== undefined) scope.batch[index] = name;
  else scope.operationName = name;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
/** A longer operation name is cut to this length in a log line. */
const MAX_LOGGED_NAME = 100;

/**
 * Notes on each request's scope the name of the operation it runs, for its log lines: the
 * `operationName` it sends, else the name of its document's only operation. Never the document itself
 * nor its variables, which may hold secrets. Requests without a scope (`yoga.fetch`) cost nothing.
 */
export function useOperationNames(): Plugin {
  return {
    onParse({ context }) {
      const scope = requestScopeOf((context as { req?: unknown }).req);
      if (!scope) return;
      const requested = context.params?.operationName;
      // A name that is not a GraphQL name is not an operation's: it is not logged.
      if (typeof requested === 'string' && NAME.test(requested)) {
        nameOperation(scope, context.params, requested.slice(0, MAX_LOGGED_NAME));
        return;
      }
      return ({ result }) => {
        if (!result || result instanceof Error) return;
        let only: OperationDefinitionNode | undefined;
        for (const definition of result.definitions) {
          if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
          if (only) return;
          only = definition;
        }
        nameOperation(scope, context.params, only?.name?.value.slice(0, MAX_LOGGED_NAME));
      };
    },
  };
}

/** Keys whose values never reach a log line, wherever they appear. */
const SECRET_KEYS = [
  'password',
  'secret',
  'secretKey',
  'secret_key',
  'token',
  'apiKey',
  'api_key',
  'authorization',
  'x-api-key',
  'x-pdc-token',
  'x-rivergen-token',
  'accessToken',
];

/** JSON lines at `level`, to stdout unless another destination is given (tests keep them). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'datasource-gateway' },
    redact: { paths: [...SECRET_KEYS, ...SECRET_KEYS.map((key) => `*.${key}`)], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Records one upstream call against the request that made it, and logs it at debug level. */
export function recordUpstreamCall(logger: Logger, event: UpstreamCallEvent): void {
  // Every call passes here: what is counted is for the info line, and the call's own line is debug.
  if (!logger.isLevelEnabled('info')) return;
  const current = event.tag instanceof RequestScope ? event.tag : undefined;
  if (current) {
    current.upstream ??= new Map();
    const entry = current.upstream.get(event.provider) ?? { calls: 0, ms: 0, failed: 0 };
    entry.calls += 1;
    entry.ms += event.durationMs;
    if (event.status >= 400) entry.failed += 1;
    current.upstream.set(event.provider, entry);
  }
  if (!logger.isLevelEnabled('debug')) return;
  logger.debug(
    {
      requestId: current?.requestId,
      provider: event.provider,
      operation: event.operation,
      status: event.status,
      ms: Math.round(event.durationMs),
    },
    'upstream call',
  );
}

/**
 * Notes an upstream failure that reached the answer. A failing upstream is an incident, not a bug:
 * it is logged at warn without a stack, once per request (see logRequestDone); outside a request
 * scope (a `yoga.fetch` without `listen`) it is logged at once, still one line and no stack.
 */
export function logUpstreamFailure(
  logger: Logger,
  error: UpstreamError,
  current: RequestScope | undefined,
): void {
  const failure = {
    provider: error.provider,
    route: error.operation,
    code: describeUpstream(error).extensions.code,
    failure: error.kind === 'http' ? `http ${error.status}` : error.kind,
  };
  if (!current) {
    logger.warn(failure, error.message);
    return;
  }
  const key = `${failure.provider} ${failure.route} ${failure.code} ${failure.failure}`;
  current.failures ??= new Map();
  const entry = current.failures.get(key) ?? { ...failure, errors: 0 };
  entry.errors += 1;
  current.failures.set(key, entry);
}

/**
 * One line per finished request: its operation's name, status, duration and the time spent per
 * upstream; and, when its answer carries upstream failures, one warn line naming each failing route,
 * its code and count.
 */
export function logRequestDone(
  logger: Logger,
  current: RequestScope | undefined,
  request: { method?: string | undefined; url?: string | undefined },
  status: number,
  startedAt: number,
): void {
  const info = logger.isLevelEnabled('info');
  // Most requests at `warn` write no line: nothing is read for one then.
  if (!info && !current?.failures) return;
  const fields = {
    method: request.method ?? '',
    path: (request.url ?? '').split('?')[0] ?? '',
    status,
    ms: performance.now() - startedAt,
  };
  if (info) {
    const upstream = Object.fromEntries(
      [...(current?.upstream ?? new Map())].map(([provider, entry]) => [
        provider,
        { calls: entry.calls, ms: Math.round(entry.ms), failed: entry.failed },
      ]),
    );
    logger.info(
      {
        requestId: current?.requestId,
        operationName: current?.operationName,
        ...(current?.batch ? { batch: current.batch } : {}),
        ...(current?.cache ? { cache: current.cache } : {}),
        ...fields,
        ms: Math.round(fields.ms),
        upstream,
      },
      'request done',
    );
  }
  if (current?.failures) {
    const failures = [...current.failures.values()];
    const summary = failures
      .map((f) => `${f.provider} ${f.route} ${f.code} (${f.failure}) ×${f.errors}`)
      .join(', ');
    logger.warn(
      {
        requestId: current.requestId,
        operationName: current.operationName,
        ...(current.batch ? { batch: current.batch } : {}),
        method: fields.method,
        path: fields.path,
        upstreamFailures: failures,
      },
      `upstream failures: ${summary}`,
    );
  }
}
