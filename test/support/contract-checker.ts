import type { ResilienceOptions, UpstreamCallEvent } from '../../src/gateway/upstream/index.js';
import type { Contract, ValidationIssue } from '../../src/sandbox/kit/index.js';

/** A response that broke the OpenAPI document, with the call it answered. */
export type ContractIssue = ValidationIssue & { operation: string; status: number };

/** Watches an upstream pool's answers: checks each against the document and keeps its raw body. */
export interface ResponseChecker {
  /** Pass as the pool's `onResponse`. */
  onResponse(event: UpstreamCallEvent): void;
  /** Answers that broke the document since the last call, then forgets them. */
  takeIssues(): ContractIssue[];
  /** Every raw answer body seen, as JSON text, since the last call (for secret searches). */
  takeBodies(): string[];
  /** Every raw answer body seen so far, as JSON text (for secret searches). */
  readonly bodies: string[];
}

export function checkResponses(contract: Contract): ResponseChecker {
  let issues: ContractIssue[] = [];
  const bodies: string[] = [];
  let taken = 0;
  return {
    onResponse(e) {
      bodies.push(JSON.stringify(e.body) ?? '');
      for (const issue of contract.validateResponse(e.operation, e.status, e.body)) {
        issues.push({ ...issue, operation: e.operation, status: e.status });
      }
    },
    takeIssues() {
      const out = issues;
      issues = [];
      return out;
    },
    takeBodies() {
      const out = bodies.slice(taken);
      taken = bodies.length;
      return out;
    },
    bodies,
  };
}

/** The rejection of a promise that must fail, as a value a test can assert on. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

/** Contract tests see each upstream answer as it is: no retry, and a breaker that never opens. */
export const exactlyOnce: Partial<ResilienceOptions> = { attempts: 1, breakerFailures: 1_000_000 };
