/** One request as the simulator received it, before any check. */
export interface RecordedRequest {
  /** The operationId it matched, or `unmatched`. */
  operationId: string;
  method: string;
  path: string;
  /** The raw query string, with its leading `?` when present. */
  query: string;
  /** The parsed body, when there was one. */
  body: unknown;
  /** The W3C trace context header it carried, if any (tracing tests). */
  traceparent?: string;
  /** Who its credentials identified, once they were accepted (per-caller isolation tests). */
  principal?: unknown;
  at: number;
}

/** What a simulator received, for tests and benchmarks to read. */
export interface SimulatorStats {
  /** Requests that matched this operationId; all requests when omitted. */
  count(operationId?: string): number;
  counts(): Record<string, number>;
  /** The latest request of an operation, or undefined. */
  last(operationId: string): RecordedRequest | undefined;
  /** The latest requests (up to 500), oldest first, optionally of one operation. */
  requests(operationId?: string): RecordedRequest[];
  reset(): void;
  /** Most requests this simulator was answering at the same moment since the last reset. */
  peakInFlight(): number;
  /** Requests it is answering now: received, and neither answered nor given up by the client. */
  inFlight(): number;
  snapshot(): { total: number; counts: Record<string, number>; peakInFlight: number };
  record(request: RecordedRequest): void;
  /** Marks a request as begun; the returned function marks it finished. */
  enter(): () => void;
}

const KEEP = 500;

export function createStats(): SimulatorStats {
  let counts = new Map<string, number>();
  let total = 0;
  let log: RecordedRequest[] = [];
  let inFlight = 0;
  let peak = 0;
  return {
    count: (operationId) => (operationId === undefined ? total : (counts.get(operationId) ?? 0)),
    counts: () => Object.fromEntries(counts),
    last(operationId) {
      for (let i = log.length - 1; i >= 0; i--) if (log[i]?.operationId === operationId) return log[i];
      return undefined;
    },
    requests: (operationId) =>
      operationId === undefined ? [...log] : log.filter((r) => r.operationId === operationId),
    reset() {
      counts = new Map();
      total = 0;
      log = [];
      peak = inFlight;
    },
    peakInFlight: () => peak,
    inFlight: () => inFlight,
    snapshot: () => ({ total, counts: Object.fromEntries(counts), peakInFlight: peak }),
    record(request) {
      total += 1;
      counts.set(request.operationId, (counts.get(request.operationId) ?? 0) + 1);
      log.push(request);
      if (log.length > KEEP) log = log.slice(-KEEP);
    },
    enter() {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      let left = false;
      return () => {
        if (!left) inFlight -= 1;
        left = true;
      };
    },
  };
}
