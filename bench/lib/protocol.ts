/** What the benchmark's processes say to each other over IPC. Every value here is plain JSON. */

/** One HTTP call, ready to send: everything a load generator needs and nothing to compute. */
export interface HttpCall {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * `graphql`: 2xx with `data` and no `errors`; `status`: any 2xx; `stream`: a 2xx answer in parts
   * (multipart/mixed or text/event-stream) without `errors` in any part, of which one carries edges.
   */
  expect: 'graphql' | 'status' | 'stream';
}

/** One iteration of a scenario against one target: groups run one after another, calls in a group at once. */
export interface Plan {
  groups: HttpCall[][];
}

export interface LoadBounds {
  /** Concurrent virtual users (autocannon connections). */
  connections: number;
  durationSeconds: number;
  /** Stop after this many iterations even if time remains. */
  maxIterations: number;
  /**
   * Iterations per second over all users, evenly spaced (paced load); unset for a closed loop, where
   * each user starts again as soon as its answer is in.
   */
  rate?: number;
}

export interface LoadJob {
  kind: 'load';
  /** `autocannon` needs a plan of exactly one call; `paced` needs `bounds.rate`. */
  generator: 'autocannon' | 'loop' | 'paced';
  plan: Plan;
  bounds: LoadBounds;
}

/** A bounded run over a rotation of GraphQL calls, counting every answer by its error codes. */
export interface FaultJob {
  kind: 'faults';
  calls: HttpCall[];
  bounds: LoadBounds;
  /** A request without an answer after this long counts as hung. */
  hangBoundMs: number;
}

export type Job = LoadJob | FaultJob;

export interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  /** Iterations that completed (with or without error). */
  iterations: number;
  elapsedSeconds: number;
  rps: number;
  /** Milliseconds per iteration, over iterations that succeeded. */
  latency: Latency;
  errors: { non2xx: number; graphql: number; transport: number; timeouts: number };
  /** First few bodies of failed iterations, cut short, for the report. */
  errorSamples: string[];
  /** Paced runs: every latency behind `latency`, so that rounds can be pooled (never in the report). */
  samples?: number[];
  /**
   * Plans whose calls stream: milliseconds from an iteration's start to the first part that carried
   * edges, over iterations that succeeded. `latency` is still to the end of the last part.
   */
  firstEdge?: Latency;
  /** Paced runs that stream: every latency behind `firstEdge`, pooled as `samples` are. */
  firstEdgeSamples?: number[];
}

export function emptyErrors(): LoadResult['errors'] {
  return { non2xx: 0, graphql: 0, transport: 0, timeouts: 0 };
}

export interface FaultResult {
  sent: number;
  answered: number;
  /** No answer within the hang bound. */
  hung: number;
  /** The connection failed before an answer. */
  transport: number;
  /** Answers with no `errors`. */
  clean: number;
  /** Every `extensions.code` seen, counted once per error. */
  codes: Record<string, number>;
  /** Answers that carry each code at least once. */
  answersByCode: Record<string, number>;
  /** HTTP status of every answer. */
  statuses: Record<string, number>;
  elapsedSeconds: number;
  latency: Latency;
}

export type ChildMessage =
  | { type: 'ready'; payload: unknown }
  | { type: 'result'; id: number; result: LoadResult | FaultResult }
  | { type: 'failed'; id: number; message: string };

export type ParentMessage = { type: 'job'; id: number; job: Job } | { type: 'stop' };
