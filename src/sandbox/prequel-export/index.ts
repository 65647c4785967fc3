import type { IncomingHttpHeaders } from 'node:http';
import {
  contractFile,
  loadContract,
  reshapeAnswers,
  type SandboxEntry,
  type Simulator,
  type SimulatorSpec,
  shapeOf,
  startSimulator,
} from '../kit/index.js';
import { documentedExportAnswer } from './documented.js';
import { createHandlers, failure } from './handlers.js';
import { seedStore } from './seed.js';
import type { ExportStore } from './store.js';
import { DEFAULT_TRANSFER_STEPS, type TransferSteps } from './transfer-progress.js';

/** The API key the demo organisation accepts (it opens nothing real). */
export const PREQUEL_EXPORT_DEMO_API_KEY = 'prq_demo_export_5f1c0e7a9b2d4c36';
/** The only API version the simulator speaks; clients send it on every call. */
export const PREQUEL_EXPORT_API_VERSION = '2023-12-01';

export { SEEDED_DESTINATIONS } from './seed.js';
export type { ExportStore } from './store.js';
export type { TransferSteps } from './transfer-progress.js';

/** The simulator, with its store so tests can look behind the API (e.g. at stored secrets). */
export interface PrequelExportSimulator extends Simulator {
  readonly store: ExportStore;
  /** How transfers queued through the API move on from now; undefined restores the default (a step every 2 reads). */
  setTransferSteps(steps: Partial<TransferSteps> | undefined): void;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

export const prequelExportSandbox: SandboxEntry<PrequelExportSimulator> = {
  provider: 'prequel-export',
  defaultPort: 4102,
  demoCredentials: { 'X-API-KEY': PREQUEL_EXPORT_DEMO_API_KEY },
  async start(options = {}) {
    const contract = loadContract(contractFile('prequel-export'));
    const store = seedStore(contract.document, options.seed ?? 1);
    const spec: SimulatorSpec<string> = {
      provider: 'prequel-export',
      contract,
      handlers: createHandlers(store),
      authenticate(headers) {
        const key = header(headers, 'x-api-key');
        if (!key) return { reject: failure(401, 'missing API key: send it in the X-API-KEY header') };
        if (key !== PREQUEL_EXPORT_DEMO_API_KEY) return { reject: failure(401, 'invalid API key') };
        const version = header(headers, 'x-prequel-api-version');
        if (version !== undefined && version !== PREQUEL_EXPORT_API_VERSION) {
          return {
            reject: failure(
              400,
              `X-Prequel-Api-Version: unknown API version; this API speaks ${PREQUEL_EXPORT_API_VERSION}`,
            ),
          };
        }
        return { principal: 'demo-organisation' };
      },
      invalid: (issues) =>
        failure(400, issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ')),
      error: (status, message) => failure(status, message),
    };
    const documented = shapeOf(options) === 'documented';
    const simulator = await startSimulator<string>(
      documented ? reshapeAnswers(spec, documentedExportAnswer) : spec,
      options,
    );
    const setTransferSteps = (steps: Partial<TransferSteps> | undefined) => {
      store.progress.steps = { ...DEFAULT_TRANSFER_STEPS, ...steps };
    };
    return Object.assign(simulator, { store, setTransferSteps });
  },
};
