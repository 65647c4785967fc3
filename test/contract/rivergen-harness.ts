import type { UpstreamHttp } from '../../src/gateway/upstream/index.js';
import { createRiverGenHttp, RiverGenClient, riverGenBearer } from '../../src/providers/rivergen/client.js';
import { loadContract } from '../../src/sandbox/kit/index.js';
import {
  type RiverGenSimulator,
  type RiverGenStartOptions,
  riverGenDemoTokens,
  riverGenSandbox,
} from '../../src/sandbox/rivergen/index.js';
import { type ContractIssue, checkResponses, exactlyOnce } from '../support/contract-checker.js';

export { failure } from '../support/contract-checker.js';

export const contract = loadContract(new URL('../../src/providers/rivergen/openapi.yaml', import.meta.url));

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
  takeIssues(): ContractIssue[];
  close(): Promise<void>;
}

export async function startRiverGen(options: RiverGenStartOptions = {}): Promise<RiverGenHarness> {
  const sim = await riverGenSandbox.start({ port: 0, ...options });
  const checker = checkResponses(contract);
  const http = createRiverGenHttp({
    baseUrl: sim.url,
    onResponse: checker.onResponse,
    resilience: exactlyOnce,
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
    bodies: checker.bodies,
    takeIssues: checker.takeIssues,
    async close() {
      await http.close();
      await sim.close();
    },
  };
}
