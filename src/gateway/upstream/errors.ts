/** What went wrong with one upstream call, in terms the gateway can map to a GraphQL error code. */
export type UpstreamFailureKind =
  /** The upstream answered with a non-2xx status. */
  | 'http'
  /** No whole answer within the configured connect, headers, body or overall deadline. */
  | 'timeout'
  /** The connection could not be made or broke before an answer arrived. */
  | 'unreachable'
  /** A 2xx answer whose body is not JSON, or not of the shape the client reads. */
  | 'malformed'
  /** Not sent: the upstream failed too often lately and its breaker is open (or its one trial call is out). */
  | 'circuit-open'
  /** An answer larger than the gateway accepts from this upstream; the rest of it was not read. */
  | 'too-large'
  /** The caller gave up (its request went away or ran out of time) before the answer came. */
  | 'aborted'
  /** Not sent: the calls per second (its MAX_RPS) or at once (its MAX_CONCURRENT) allowed to this upstream are spent for now. */
  | 'busy';

/** What a provider could read out of an upstream error body. */
export interface UpstreamErrorDetail {
  /** The upstream's own error code, when it sends one (e.g. RiverGen's `VALIDATION_ERROR`). */
  code?: string;
  /**
   * The upstream's message, already turned into one line. It is the upstream's own text and may
   * quote anything it was sent: it is read for the fields it names, never shown or logged.
   */
  message?: string;
  /** The request field the upstream blamed, as a dotted path, when it names one. */
  field?: string;
  /** Every problem the upstream listed, each with the field it names; for refusals of several fields. */
  problems?: readonly UpstreamProblem[];
}

/** One problem in an upstream's refusal: the request field (a dotted path) when it names one, and what is wrong. */
export interface UpstreamProblem {
  field?: string;
  message: string;
}

export interface UpstreamErrorInit extends UpstreamErrorDetail {
  provider: string;
  operation: string;
  kind: UpstreamFailureKind;
  status?: number;
  retryAfterSeconds?: number;
  /** For `too-large`: the most bytes accepted. */
  limitBytes?: number;
  /** For `busy`: which budget was spent, the calls per second (the default) or the calls at once. */
  busy?: 'rate' | 'concurrency';
  cause?: unknown;
}

/**
 * A failed upstream call. It is server-side only: it names the provider and the operation but holds
 * no URL, header or request body, so logging it cannot leak credentials.
 */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly problems: readonly UpstreamProblem[] | undefined;
  readonly provider: string;
  readonly operation: string;
  readonly kind: UpstreamFailureKind;
  readonly status: number | undefined;
  readonly upstreamCode: string | undefined;
  readonly upstreamMessage: string | undefined;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly limitBytes: number | undefined;
  readonly busy: 'rate' | 'concurrency' | undefined;

  constructor(init: UpstreamErrorInit) {
    // No stack frames: what failed is in the fields, and the place the gateway noticed it (one of
    // a few lines of the upstream client) says nothing more. Capturing the frames (async ones
    // included) and formatting them, as the GraphQL error built around each failure does, took
    // ~16 µs a failed call in a profile of answers with 100 refused lookups.
    // The message is made first: nothing that may throw runs while the limit is lowered.
    const message = describe(init);
    const frames = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message, init.cause === undefined ? undefined : { cause: init.cause });
    } finally {
      Error.stackTraceLimit = frames;
    }
    this.problems = init.problems;
    this.provider = init.provider;
    this.operation = init.operation;
    this.kind = init.kind;
    this.status = init.status;
    this.upstreamCode = init.code;
    this.upstreamMessage = init.message;
    this.field = init.field;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.limitBytes = init.limitBytes;
    this.busy = init.busy;
  }
}

function describe(init: UpstreamErrorInit): string {
  const where = `${init.provider} ${init.operation}`;
  switch (init.kind) {
    case 'http':
      // Not the upstream's message: it may quote what it was sent, and this text reaches the logs.
      return `${where} answered ${init.status}`;
    case 'timeout':
      return `${where} did not answer in time`;
    case 'unreachable':
      return `${where} could not be reached`;
    case 'malformed':
      return `${where} answered ${init.message ? `in an unexpected shape: ${init.message}` : 'with a body that is not valid JSON'}`;
    case 'circuit-open':
      return `${where} was not called: the upstream failed repeatedly and calls are paused`;
    case 'too-large':
      return `${where} answered with more than ${init.limitBytes} bytes, the most accepted`;
    case 'aborted':
      return `${where} was cancelled before it answered`;
    case 'busy':
      return `${where} was not called: the ${init.busy === 'concurrency' ? 'calls at once' : 'calls per second'} allowed to it are spent`;
  }
}

export function isUpstreamError(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError;
}
