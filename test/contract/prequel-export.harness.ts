import type { UpstreamHttp } from '../../src/gateway/upstream/index.js';
import {
  createPrequelExportHttp,
  type Destination,
  type DestinationPage,
  PrequelExportClient,
} from '../../src/providers/prequel-export/client.js';
import { loadContract } from '../../src/sandbox/kit/index.js';
import {
  PREQUEL_EXPORT_DEMO_API_KEY,
  type PrequelExportSimulator,
  prequelExportSandbox,
} from '../../src/sandbox/prequel-export/index.js';
import { type ContractIssue, checkResponses, exactlyOnce } from '../support/contract-checker.js';

export { failure } from '../support/contract-checker.js';

export const contract = loadContract(
  new URL('../../src/providers/prequel-export/openapi.yaml', import.meta.url),
);

/** A simulator, a typed client on it, and every response checked against the OpenAPI document. */
export interface Harness {
  sim: PrequelExportSimulator;
  http: UpstreamHttp;
  client: PrequelExportClient;
  /** A client that sends this key, or no key at all. */
  clientWithKey(key: string | undefined): PrequelExportClient;
  /** Responses that did not match the document since the last `takeIssues()`. */
  takeIssues(): ContractIssue[];
  close(): Promise<void>;
}

export async function startHarness(seed = 1): Promise<Harness> {
  const sim = await prequelExportSandbox.start({ port: 0, seed });
  const checker = checkResponses(contract);
  const http = createPrequelExportHttp({
    baseUrl: sim.url,
    onResponse: checker.onResponse,
    resilience: exactlyOnce,
  });
  const clientWithKey = (key: string | undefined) =>
    new PrequelExportClient(
      http,
      (): Record<string, string> => (key === undefined ? {} : { 'X-API-KEY': key }),
    );
  return {
    sim,
    http,
    client: clientWithKey(PREQUEL_EXPORT_DEMO_API_KEY),
    clientWithKey,
    takeIssues: checker.takeIssues,
    async close() {
      await http.close();
      await sim.close();
    },
  };
}

/** Every destination, following `next_url` cursors page by page. */
export async function listAll(
  client: PrequelExportClient,
  query: { page_size?: number; order?: 'asc' | 'desc' } = {},
): Promise<{ destinations: Destination[]; pages: number }> {
  const destinations: Destination[] = [];
  let page: DestinationPage | undefined;
  let pages = 0;
  do {
    page = await client.listDestinations({ ...query, cursor: page?.nextCursor });
    destinations.push(...page.destinations);
    pages += 1;
  } while (page.hasNext && pages < 1000);
  return { destinations, pages };
}
