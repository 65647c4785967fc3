import type { SandboxShape } from './shape.js';
import type { Simulator, StartOptions } from './simulator.js';

export interface SandboxStartOptions extends StartOptions {
  /** Seed for the demo data; the same seed gives the same data. */
  seed?: number;
  /** `documented`: answer only what the vendor's docs show; by default SANDBOX_SHAPE, else `extended`. */
  shape?: SandboxShape;
}

/** How `npm run sandbox`, demo mode and the tests start one upstream's simulator. */
export interface SandboxEntry<S extends Simulator = Simulator> {
  /** The provider id: `prequel-import`, `prequel-export`, `pdc` or `rivergen`. */
  provider: string;
  /** Port used by `npm run sandbox`; tests use port 0. */
  defaultPort: number;
  start(options?: SandboxStartOptions): Promise<S>;
  /** Credentials the demo data accepts, printed by `npm run sandbox` (they open nothing real). */
  demoCredentials: Record<string, string>;
}
