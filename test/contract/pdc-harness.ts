import type { UpstreamHttp } from '../../src/gateway/upstream/index.js';
import { createPdcHttp, PdcClient } from '../../src/providers/pdc/client.js';
import { loadContract, type ValidationIssue } from '../../src/sandbox/kit/index.js';
import {
  type PdcSimulator,
  type PdcStartOptions,
  pdcDemoCredentials,
  pdcSandbox,
} from '../../src/sandbox/pdc/index.js';

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
  takeIssues(): Array<ValidationIssue & { operation: string; status: number }>;
  close(): Promise<void>;
}

export async function startPdc(options: PdcStartOptions = {}): Promise<PdcHarness> {
  const sim = await pdcSandbox.start({ port: 0, ...options });
  let issues: Array<ValidationIssue & { operation: string; status: number }> = [];
  const http = createPdcHttp({
    baseUrl: sim.url,
    onResponse: (e) => {
      for (const issue of contract.validateResponse(e.operation, e.status, e.body)) {
        issues.push({ ...issue, operation: e.operation, status: e.status });
      }
    },
  });
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
