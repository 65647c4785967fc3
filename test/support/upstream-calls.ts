import type { TestGateway } from './gateway.js';

/** Calls every simulator behind the gateway has received since its counters were last zeroed. */
export function upstreamCalls(gw: Pick<TestGateway, 'sims'>): number {
  return Object.values(gw.sims).reduce((sum, sim) => sum + sim.stats.count(), 0);
}

/** The upstream calls `run` made, counters zeroed first. */
export async function callsDuring(gw: TestGateway, run: () => Promise<unknown>): Promise<number> {
  gw.resetCounts();
  await run();
  return upstreamCalls(gw);
}
