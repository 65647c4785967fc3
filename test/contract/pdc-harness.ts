import type { UpstreamHttp } from '../../src/gateway/upstream/index.js';
import { createPdcHttp, PdcClient } from '../../src/providers/pdc/client.js';
import { loadContract } from '../../src/sandbox/kit/index.js';
import {
  type PdcSimulator,
  type PdcStartOptions,
  pdcDemoCredentials,
  pdcSandbox,
} from '../../src/sandbox/pdc/index.js';
import { type ContractIssue, checkResponses, exactlyOnce } from '../support/contract-checker.js';

export { failure } from '../support/contract-checker.js';

export const contract = loadContract(new URL('../../src/providers/pdc/openapi.yaml', import.meta.url));

/** A simulator, an HTTP pool whose every answer is checked against the document, and clients on it. */
export interface PdcHarness {
  sim: PdcSimulator;
  http: UpstreamHttp;
  /** Logged in as the demo user. */
  client: PdcClient;
  /** A client that sends whatever headers it is given. */
  clientWith(headers: Record<string, string>): PdcClient;
  /** Answers that broke the document since the last call, then forgets them. */
  takeIssues(): ContractIssue[];
  close(): Promise<void>;
}

export async function startPdc(options: PdcStartOptions = {}): Promise<PdcHarness> {
  const sim = await pdcSandbox.start({ port: 0, ...options });
  const checker = checkResponses(contract);
  const http = createPdcHttp({ baseUrl: sim.url, onResponse: checker.onResponse, resilience: exactlyOnce });
  const clientWith = (headers: Record<string, string>) => new PdcClient(http, () => headers);
  const { accessToken } = await clientWith({}).login(
    pdcDemoCredentials.username,
    pdcDemoCredentials.password,
  );
  return {
    sim,
    http,
    client: clientWith({ authorization: `Bearer ${accessToken}` }),
    clientWith,
    takeIssues: checker.takeIssues,
    async close() {
      await http.close();
      await sim.close();
    },
  };
}
