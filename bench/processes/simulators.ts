import { startDemoUpstreams } from '../../src/sandbox/demo.js';
import type { ChildMessage } from '../lib/protocol.js';

/** The four simulators in their own process, as `npm start` would embed them, on free loopback ports. */
export interface SimulatorsReady {
  /** The environment that points a gateway at them (URLs and demo credentials). */
  env: Record<string, string>;
  /** Origin of each simulator, by provider id. */
  origins: Record<string, string>;
}

const demo = await startDemoUpstreams();
const ready: ChildMessage = {
  type: 'ready',
  payload: {
    env: demo.env,
    origins: Object.fromEntries(demo.simulators.map((sim) => [sim.provider, sim.url])),
  } satisfies SimulatorsReady,
};
process.send?.(ready);

const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
