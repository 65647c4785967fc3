import type { UpstreamHttp } from '../../src/gateway/upstream/index.js';
import {
  createPrequelImportHttp,
  type ImportSource,
  PrequelImportClient,
} from '../../src/providers/prequel-import/client.js';
import { loadContract } from '../../src/sandbox/kit/index.js';
import {
  type PrequelImportSimulator,
  type PrequelImportStartOptions,
  prequelImportDemoCredentials,
  prequelImportSandbox,
} from '../../src/sandbox/prequel-import/index.js';
import { type ContractIssue, checkResponses, exactlyOnce } from '../support/contract-checker.js';

export { failure } from '../support/contract-checker.js';

export const contract = loadContract(
  new URL('../../src/providers/prequel-import/openapi.yaml', import.meta.url),
);

/** A simulator, an HTTP pool whose every answer is checked against the document, and clients on it. */
export interface ImportHarness {
  sim: PrequelImportSimulator;
  http: UpstreamHttp;
  /** Sends the demo API key. */
  client: PrequelImportClient;
  /** A client that sends whatever headers it is given. */
  clientWith(headers: Record<string, string>): PrequelImportClient;
  /** Answers that broke the document since the last call, then forgets them. */
  takeIssues(): ContractIssue[];
  /** Every raw answer body seen, as JSON text, since the last call (for secret searches). */
  takeBodies(): string[];
  close(): Promise<void>;
}

export async function startImport(options: PrequelImportStartOptions = {}): Promise<ImportHarness> {
  const sim = await prequelImportSandbox.start({ port: 0, ...options });
  const checker = checkResponses(contract);
  const http = createPrequelImportHttp({
    baseUrl: sim.url,
    onResponse: checker.onResponse,
    resilience: exactlyOnce,
  });
  const clientWith = (headers: Record<string, string>) => new PrequelImportClient(http, () => headers);
  return {
    sim,
    http,
    client: clientWith({ 'x-api-key': prequelImportDemoCredentials.apiKey }),
    clientWith,
    takeIssues: checker.takeIssues,
    takeBodies: checker.takeBodies,
    async close() {
      await http.close();
      await sim.close();
    },
  };
}

/** Every source, following `nextCursor` until the last page. */
export async function listAll(
  client: PrequelImportClient,
  order: 'asc' | 'desc',
  pageSize: number,
): Promise<{ sources: ImportSource[]; pages: number }> {
  const sources: ImportSource[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await client.listSources({ order, pageSize, cursor });
    pages += 1;
    sources.push(...page.sources);
    cursor = page.nextCursor;
    if (page.hasNext !== (cursor !== undefined)) throw new Error('hasNext and nextCursor disagree');
  } while (cursor !== undefined);
  return { sources, pages };
}
