import { GraphQLError, type GraphQLErrorOptions } from 'graphql';
import { causedByTimeout } from './cancellation.js';
import { isUpstreamError, type UpstreamError } from './upstream/index.js';

/** Every `extensions.code` the gateway sends. Clients may switch on these; they do not change. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_BUSY'
  | 'PROVIDER_NOT_CONFIGURED'
  | 'GATEWAY_BUSY'
  | 'GATEWAY_TIMEOUT'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_ONLY'
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  | 'INTERNAL_SERVER_ERROR';

export interface ErrorExtensions {
  code: ErrorCode;
  /** The provider id the error comes from, when it comes from one. */
  provider?: string;
  /** The input field at fault, as a dotted path, for BAD_USER_INPUT. */
  field?: string;
  /** Seconds to wait before trying again, for RATE_LIMITED and GATEWAY_BUSY. */
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

export function gatewayError(message: string, extensions: ErrorExtensions): GraphQLError {
  return new GraphQLError(message, { extensions });
}

/** What was thrown, as an Error: a thrown non-Error becomes one with its text. */
export function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

export function badInput(message: string, field?: string): GraphQLError {
  return gatewayError(
    message,
    field === undefined ? { code: 'BAD_USER_INPUT' } : { code: 'BAD_USER_INPUT', field },
  );
}

/** How an upstream failure reads to a GraphQL client. */
const byStatus: Record<number, { code: ErrorCode; says: string }> = {
  400: { code: 'BAD_USER_INPUT', says: 'refused the request as invalid' },
  401: { code: 'UNAUTHENTICATED', says: 'did not accept the credentials' },
  403: { code: 'FORBIDDEN', says: 'refused access' },
  404: { code: 'NOT_FOUND', says: 'has no such record' },
  409: { code: 'CONFLICT', says: 'reported a conflict' },
  413: { code: 'BAD_USER_INPUT', says: 'refused the request as too large' },
  422: { code: 'BAD_USER_INPUT', says: 'refused the request as invalid' },
  429: { code: 'RATE_LIMITED', says: 'is rate limiting requests' },
};

/** What an upstream's refusal with `status` says, in the gateway's words: "RiverGen refused access". */
export function refusal(label: string, status: number): string {
  return `${label} ${byStatus[status]?.says ?? `answered with an unexpected status ${status}`}`;
}

const labels = new Map<string, string>();

/** How messages name a provider (`Pentaho Data Catalog` rather than `pdc`). */
export function registerProviderLabel(id: string, label: string): void {
  labels.set(id, label);
}

/** How messages name a provider: its label, or its id when it registered none. */
export function providerLabel(id: string): string {
  return labels.get(id) ?? id;
}

/** Maps a failed upstream call to a client-safe GraphQL error that names the provider. */
export function fromUpstream(error: UpstreamError, label = providerLabel(error.provider)): GraphQLError {
  const { message, extensions } = describeUpstream(error, label);
  return new GraphQLError(message, { extensions });
}

/** What a client reads of a failed upstream call: the message and extensions of `fromUpstream`'s error. */
export function describeUpstream(
  error: UpstreamError,
  label = providerLabel(error.provider),
): { message: string; extensions: ErrorExtensions } {
  const extensions: ErrorExtensions = { code: 'UPSTREAM_ERROR', provider: error.provider };
  let message: string;
  const timeout = causedByTimeout(error);
  if (timeout) {
    extensions.code = 'GATEWAY_TIMEOUT';
    message = `${label} had not answered when this operation's time limit (${timeout.timeoutMs} ms) ran out`;
  } else if (error.kind === 'timeout') {
    extensions.code = 'UPSTREAM_TIMEOUT';
    message = `${label} did not answer in time`;
  } else if (error.kind === 'unreachable') {
    extensions.code = 'UPSTREAM_UNAVAILABLE';
    message = `${label} could not be reached`;
  } else if (error.kind === 'circuit-open') {
    extensions.code = 'UPSTREAM_UNAVAILABLE';
    message = `${label} is failing repeatedly; calls to it are paused for a few seconds`;
  } else if (error.kind === 'busy') {
    extensions.code = 'UPSTREAM_BUSY';
    message = `${label} is receiving as many calls ${error.busy === 'concurrency' ? 'at once' : 'per second'} as this gateway allows it; try again shortly`;
    if (error.retryAfterSeconds !== undefined) extensions.retryAfterSeconds = error.retryAfterSeconds;
  } else if (error.kind === 'aborted') {
    // The caller's own deadline ran out (or it went away, and then nobody reads this).
    extensions.code = 'UPSTREAM_TIMEOUT';
    message = `The call to ${label} was cancelled before it answered`;
  } else if (error.kind === 'malformed') {
    message = `${label} answered in an unexpected shape`;
  } else if (error.kind === 'too-large') {
    message = `${label} sent an answer larger than the ${error.limitBytes} bytes the gateway accepts from it`;
  } else {
    const status = error.status ?? 0;
    const known = byStatus[status];
    if (known) {
      extensions.code = known.code;
      // Our words only: an upstream's own text may quote any value it was sent (a name, a host, a secret).
      message = refusal(label, status);
      if (error.retryAfterSeconds !== undefined) extensions.retryAfterSeconds = error.retryAfterSeconds;
    } else if (status >= 500) {
      extensions.code = 'UPSTREAM_UNAVAILABLE';
      message = `${label} is unavailable (it answered ${status})`;
    } else {
      message = refusal(label, status);
    }
  }
  return { message, extensions };
}

/**
 * An error as the answer carries it, made without a stack: the client reads its message, place and
 * extensions, and what is logged is the error it stands for. Capturing the frames (async ones too)
 * was most of the cost of masking a failed field: ~11 µs of each, in a profile of answers with 100.
 */
function answerError(message: string, options: GraphQLErrorOptions): GraphQLError {
  const frames = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, options);
  } finally {
    Error.stackTraceLimit = frames;
  }
}

/**
 * Yoga's error mask: errors the gateway raised on purpose pass through, upstream failures are
 * translated, and anything else becomes a bare INTERNAL_SERVER_ERROR with no stack or message.
 */
export function maskError(error: unknown, fallbackMessage: string): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isUpstreamError(original)) {
    const { message, extensions } = describeUpstream(original);
    return error instanceof GraphQLError
      ? answerError(message, { nodes: error.nodes, path: error.path, extensions })
      : answerError(message, { extensions });
  }
  // Aborted by its time limit somewhere no provider is named.
  const timeout = causedByTimeout(original);
  if (timeout) {
    const { nodes, path } = error instanceof GraphQLError ? error : {};
    return answerError(
      `This operation's time limit (${timeout.timeoutMs} ms) ran out before this field was answered`,
      { nodes, path, extensions: { code: 'GATEWAY_TIMEOUT' } },
    );
  }
  // Compiled queries raise GraphQLErrors with no extensions object at all.
  if (original instanceof GraphQLError && original.extensions?.code !== undefined) {
    return error instanceof GraphQLError && error !== original
      ? answerError(original.message, {
          nodes: error.nodes,
          path: error.path,
          extensions: original.extensions,
        })
      : original;
  }
  // Errors about the request itself (variables that do not fit, a request Yoga refuses) come
  // before execution, so they have no path; graphql-js and Yoga raise them without a code.
  if (error instanceof GraphQLError && error.path === undefined && original instanceof GraphQLError) {
    if (error.extensions === undefined)
      return answerError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    const status = (error.extensions.http as { status?: number } | undefined)?.status;
    error.extensions.code ??= status === 403 ? 'FORBIDDEN' : 'BAD_USER_INPUT';
    return error;
  }
  // Errors graphql-js raises itself (validation, parsing) have no originalError.
  if (error instanceof GraphQLError && error.originalError === undefined) return error;
  const path = error instanceof GraphQLError ? error.path : undefined;
  return answerError(fallbackMessage, { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
