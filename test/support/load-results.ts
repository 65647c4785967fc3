import type { LoadResult } from '../../bench/lib/protocol.js';

/** A load generator's result with these figures and no errors; `firstEdge` as p50 and p99, for a streamed list. */
export function loadResult(rps: number, p50: number, p99: number, firstEdge?: [number, number]): LoadResult {
  return {
    iterations: rps,
    elapsedSeconds: 1,
    rps,
    latency: { p50, p90: p99, p99, max: p99, mean: p50 },
    errors: { non2xx: 0, graphql: 0, transport: 0, timeouts: 0 },
    errorSamples: [],
    ...(firstEdge
      ? { firstEdge: { p50: firstEdge[0], p90: firstEdge[1], p99: firstEdge[1], max: firstEdge[1], mean: 0 } }
      : {}),
  };
}
