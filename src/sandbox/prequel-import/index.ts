import type { IncomingHttpHeaders } from 'node:http';
import {
  contractFile,
  createRandom,
  loadContract,
  reshapeAnswers,
  type SandboxEntry,
  type SandboxStartOptions,
  type SimResponse,
  type Simulator,
  shapeOf,
  startSimulator,
} from '../kit/index.js';
import { authenticate, createHandlers, invalidRequest, upstreamError } from './handlers.js';
import { seedStore } from './seed.js';
import { ImportStore } from './store.js';

export type { StoredSource } from './store.js';
export { ImportStore } from './store.js';

/** The demo API key; it opens nothing but this simulator. */
export const prequelImportDemoCredentials = {
  apiKey: 'prq_demo_import_4f7c2a9e1b',
} as const;

export interface PrequelImportStartOptions extends SandboxStartOptions {
  /** How many sources to seed; 84 by default (every vendor, six providers). */
  count?: number;
}

export interface PrequelImportSimulator extends Simulator {
  /** The simulator's data, for tests to inspect (including the secrets it stored). */
  readonly store: ImportStore;
}

async function start(options: PrequelImportStartOptions = {}): Promise<PrequelImportSimulator> {
  // Parsed and compiled on first start, not at import: importing a simulator's credentials stays cheap.
  const contract = loadContract(contractFile('prequel-import'));
  const random = createRandom(options.seed ?? 1);
  const store = new ImportStore(() => random.uuid());
  seedStore(store, random, options.count ?? 84);
  const apiKeys = new Set<string>([prequelImportDemoCredentials.apiKey]);

  const spec = {
    provider: 'prequel-import',
    contract,
    handlers: createHandlers({ store, now: () => new Date() }),
    authenticate: (headers: IncomingHttpHeaders) => authenticate(headers, apiKeys),
    invalid: invalidRequest,
    error: upstreamError,
  };
  const documented = shapeOf(options) === 'documented';
  const sim = await startSimulator<string>(documented ? reshapeAnswers(spec, withoutVendor) : spec, options);
  return Object.assign(sim, { store });
}

/** The documented source object has no `vendor`: its vendor is the settings block it carries. */
function withoutVendor(answer: SimResponse): SimResponse {
  const data = (answer.body as { data?: { source?: object; sources?: object[] } } | undefined)?.data;
  for (const source of [data?.source, ...(data?.sources ?? [])]) {
    if (source) Reflect.deleteProperty(source, 'vendor');
  }
  return answer;
}

export const prequelImportSandbox: SandboxEntry<PrequelImportSimulator> = {
  provider: 'prequel-import',
  defaultPort: 4101,
  start,
  demoCredentials: { ...prequelImportDemoCredentials },
};
