import type { UpstreamFailureKind } from './errors.js';

/** One upstream call that failed: no answer (timeout, unreachable, aborted), a bad one (http, malformed, too-large), or not sent (circuit-open). */
export interface UpstreamFailureEvent {
  provider: string;
  operation: string;
  method: string;
  kind: UpstreamFailureKind;
  /** The status of the answer, when one came (http, malformed, too-large). */
  status?: number;
  /** Time the call took; 0 when it was never sent. */
  durationMs: number;
}

/** One upstream call about to be sent, as a tracer sees it: never its URL's path, query or headers. */
export interface UpstreamCallStart {
  provider: string;
  /** The operationId in the provider's OpenAPI document. */
  operation: string;
  method: string;
  /** Scheme, host and port of the upstream. */
  origin: string;
}

/** A traced upstream call: headers to send with it (trace context), and how it ended. */
export interface UpstreamCallTrace {
  headers: Record<string, string>;
  /** `failure` is the kind of an UpstreamError, or `error` for anything else thrown. */
  end(outcome: { status?: number; failure?: UpstreamFailureKind | 'error' }): void;
}

/** Starts tracing one upstream call (each try of a retried read is its own call). */
export type UpstreamTracer = (call: UpstreamCallStart) => UpstreamCallTrace;

/** Whether an upstream answers at all, as a readiness probe found it. */
export type ProbeResult = 'reachable' | 'timeout' | 'unreachable';
