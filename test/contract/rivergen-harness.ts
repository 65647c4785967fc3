import type { UpstreamHttp } from '../../src/gateway/upstream/index.js';
import { createRiverGenHttp, RiverGenClient, riverGenBearer } from '../../src/providers/rivergen/client.js';
import { loadContract, type ValidationIssue } from '../../src/sandbox/kit/index.js';
import {
  type RiverGenSimulator,
  type RiverGenStartOptions,
  riverGenDemoTokens,
  riverGenSandbox,
} from '../../src/sandbox/rivergen/index.js';

export const contract = loadContract(new URL('../../src/providers/rivergen/openapi.yaml', import.meta.url));

type Issue = ValidationIssue & { operation: string; status: number };

/** A simulator, an HTTP pool whose every answer is checked against the document, and clients on it. */
export interface RiverGenHarness {
  sim: RiverGenSimulator;
  http: UpstreamHttp;
  /** The demo user, organisation 1. */
  client: RiverGenClient;
  /** Another user of organisation 1. */
  colleague: RiverGenClient;
  /** A user of organisation 2. */
  otherOrg: RiverGenClient;
  /** A user who belongs to no organisation. */
  noOrg: RiverGenClient;
  /** A client that sends whatever headers it is given. */
  clientWith(headers: Record<string, string>): RiverGenClient;
  /** Every answer body received, as JSON text (to search for secrets). */
  bodies: string[];
  /** Answers that broke the document since the last call, then forgets them. */
  takeIssues(): Issue[];
  close(): Promise<void>;
}

export async function startRiverGen(options: RiverGenStartOptions = {}): Promise<RiverGenHarness> {
  const sim = await riverGenSandbox.start({ port: 0, ...options });
  let issues: Issue[] = [];
  const bodies: string[] = [];
  const http = createRiverGenHttp({
    baseUrl: sim.url,
    onResponse: (e) => {
      bodies.push(JSON.stringify(e.body));
      for (const issue of contract.validateResponse(e.operation, e.status, e.body)) {
        issues.push({ ...issue, operation: e.operation, status: e.status });
      }
    },
  });
  const as = (token: string) => new RiverGenClient(http, riverGenBearer(token));
  return {
    sim,
    http,
    client: as(riverGenDemoTokens.demo),
    colleague: as(riverGenDemoTokens.colleague),
    otherOrg: as(riverGenDemoTokens.otherOrganization),
    noOrg: as(riverGenDemoTokens.noOrganization),
    clientWith: (headers) => new RiverGenClient(http, () => headers),
    bodies,
    takeIssues() {
      const taken = issues;
      issues = [];
      return taken;
    },
    async close() {
      await http.close();
      await sim.close();
    },
  };
}

/** The rejection of a promise that must fail. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}
