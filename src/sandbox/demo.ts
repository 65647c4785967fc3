import { type SandboxEntry, type SandboxShape, type Simulator, shapeOf } from './kit/index.js';
import { pdcDemoCredentials, pdcSandbox } from './pdc/index.js';
import { PREQUEL_EXPORT_DEMO_API_KEY, prequelExportSandbox } from './prequel-export/index.js';
import { prequelImportDemoCredentials, prequelImportSandbox } from './prequel-import/index.js';
import { riverGenDemoTokens, riverGenSandbox } from './rivergen/index.js';

/** A simulator and the environment that points the gateway at it, as a real deployment would. */
interface DemoUpstream {
  entry: SandboxEntry;
  env(sim: Simulator): Record<string, string>;
}

/** Every simulated upstream, in registry order. */
export const demoUpstreams: readonly DemoUpstream[] = [
  {
    entry: prequelImportSandbox,
    env: (sim) => ({
      PREQUEL_IMPORT_URL: sim.url,
      PREQUEL_IMPORT_API_KEY: prequelImportDemoCredentials.apiKey,
    }),
  },
  {
    entry: prequelExportSandbox,
    env: (sim) => ({ PREQUEL_EXPORT_URL: sim.url, PREQUEL_EXPORT_API_KEY: PREQUEL_EXPORT_DEMO_API_KEY }),
  },
  {
    entry: pdcSandbox,
    env: (sim) => ({
      PDC_URL: sim.url,
      PDC_USERNAME: pdcDemoCredentials.username,
      PDC_PASSWORD: pdcDemoCredentials.password,
    }),
  },
  {
    entry: riverGenSandbox,
    // The demo user is a member of one organisation and sees only its data sources.
    env: (sim) => ({ RIVERGEN_URL: sim.url, RIVERGEN_TOKEN: riverGenDemoTokens.demo }),
  },
];

export interface DemoUpstreams {
  simulators: Simulator[];
  /** What the simulators answer: everything (`extended`) or only what the docs show. */
  shape: SandboxShape;
  /** Environment variables that configure the gateway for these simulators. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface DemoOptions {
  /** Listen on each simulator's fixed port (`npm run sandbox`) rather than a free one. */
  fixedPorts?: boolean;
  seed?: number;
  /** `documented`: each simulator answers only what its vendor's docs show; by default SANDBOX_SHAPE. */
  shape?: SandboxShape;
}

/** Starts every simulator on loopback with its seeded demo data. */
export async function startDemoUpstreams(options: DemoOptions = {}): Promise<DemoUpstreams> {
  const shape = shapeOf(options);
  const simulators = await Promise.all(
    demoUpstreams.map(({ entry }) =>
      entry.start({ port: options.fixedPorts ? entry.defaultPort : 0, seed: options.seed, shape }),
    ),
  );
  const env = Object.assign(
    {},
    ...demoUpstreams.map((upstream, i) => upstream.env(simulators[i] as Simulator)),
  );
  return {
    simulators,
    shape,
    env,
    close: async () => {
      await Promise.all(simulators.map((sim) => sim.close()));
    },
  };
}
