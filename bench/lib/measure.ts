import { setTimeout as sleep } from 'node:timers/promises';
import type { Agent } from 'undici';
import { send } from './calls.js';
import type { LoadProcess } from './children.js';
import type { BenchOptions } from './options.js';
import type { LoadResult, Plan } from './protocol.js';
import { generatorFor, type Scenario, type Target, type TargetName } from './scenarios.js';
import type { SimulatorControl } from './sims.js';
import { round } from './stats.js';

/** One scenario × latency × target, as measured. */
export interface Row {
  scenario: string;
  title: string;
  latencyMs: number;
  connections: number;
  target: TargetName;
  description: string;
  generator: 'autocannon' | 'loop' | 'paced';
  /** Iterations per second offered by a paced run; undefined for a closed loop. */
  rate?: number;
  result: LoadResult;
  /** Simulator requests for one query, counted exactly on a lone query after a first one warmed up. */
  upstreamCallsPerQuery: number;
  /** The same, per provider and operationId. */
  upstreamCalls: Record<string, Record<string, number>>;
  /** Simulator requests during the timed run divided by its iterations (requests in flight at the edges blur it). */
  upstreamCallsPerQueryUnderLoad: number;
  /** The gateway's VmHWM after this run (gateway rows only). */
  gatewayPeakRssMb?: number;
  /**
   * CPU time the GraphQL server (gateway or pass-through) spent per iteration of the timed run, in µs.
   * Unlike rps it does not move with what else the shared cores are doing.
   */
  serverCpuUsPerQuery?: number;
}

export interface MeasureDeps {
  load: LoadProcess;
  sims: SimulatorControl;
  client: Agent;
  options: BenchOptions;
  /** VmHWM of the gateway process, in MB. */
  gatewayRss(): Promise<number | undefined>;
  /** CPU time used so far by the process serving `target` (gateway or pass-through), in µs. */
  serverCpuUs(target: TargetName): Promise<number | undefined>;
  log(line: string): void;
}

/** Sends one iteration and checks every answer, so that no run times errors or wrong data. */
export async function verifyTarget(client: Agent, scenario: Scenario, target: Target): Promise<void> {
  const bodies = await collect(client, target.plan);
  const problem = bodies.failed ?? target.verify(bodies.texts);
  if (problem)
    throw new Error(`bench: ${scenario.id} → ${target.name} answers wrongly, so it is not timed: ${problem}`);
}

async function collect(client: Agent, plan: Plan): Promise<{ texts: string[]; failed?: string }> {
  const texts: string[] = [];
  for (const group of plan.groups) {
    const answers = await Promise.all(group.map((call) => send(client, call)));
    const bad = answers.find((answer) => answer.outcome !== 'ok');
    if (bad) return { texts, failed: `${bad.outcome} ${bad.status} ${bad.body.slice(0, 300)}` };
    texts.push(...answers.map((answer) => answer.body));
  }
  return { texts };
}

function perQuery(counts: Record<string, Record<string, number>>, iterations: number) {
  let total = 0;
  const out: Record<string, Record<string, number>> = {};
  for (const [provider, operations] of Object.entries(counts)) {
    for (const [operation, count] of Object.entries(operations)) {
      total += count;
      out[provider] ??= {};
      (out[provider] as Record<string, number>)[operation] = round(count / Math.max(1, iterations), 2);
    }
  }
  return { total: round(total / Math.max(1, iterations), 2), out };
}

/**
 * Every scenario against every target, at each latency: verification first, then one warm-up of
 * every scenario on both GraphQL servers, then per run a warm-up and the timed run.
 */
export async function measureAll(scenarios: Scenario[], deps: MeasureDeps): Promise<Row[]> {
  const { options } = deps;
  const rows: Row[] = [];
  const exact = new Map<string, ReturnType<typeof perQuery>>();
  for (const scenario of scenarios) {
    for (const target of scenario.targets) {
      await verifyTarget(deps.client, scenario, target);
      await deps.sims.reset();
      await verifyTarget(deps.client, scenario, target);
      exact.set(`${scenario.id} ${target.name}`, perQuery(await deps.sims.counts(), 1));
    }
  }
  // Every path of both GraphQL servers runs once before anything is timed: otherwise the first
  // scenario timed also pays for compiling the code that every later one shares.
  if (options.warmupSeconds > 0)
    for (const scenario of scenarios)
      for (const target of scenario.targets)
        if (target.name === 'gateway' || target.name === 'passthrough')
          await deps.load.run({
            kind: 'load',
            generator: generatorFor(scenario),
            plan: target.plan,
            bounds: {
              connections: options.connections,
              maxIterations: options.maxRequests,
              durationSeconds: options.warmupSeconds,
            },
          });
  for (const latencyMs of options.latencies) {
    await deps.sims.setAll(latencyMs > 0 ? { latencyMs } : undefined);
    const connections = latencyMs > 0 ? options.latencyConnections : options.connections;
    for (const scenario of scenarios) {
      const closed = generatorFor(scenario);
      // With added latency, single-call scenarios also run paced below saturation (see runPaced).
      const loads: { generator: Row['generator']; rate?: number }[] = [{ generator: closed }];
      if (latencyMs > 0 && closed === 'autocannon')
        for (const rate of options.pacedRates) loads.push({ generator: 'paced', rate });
      for (const { generator, rate } of loads)
        for (const target of scenario.targets) {
          const bounds = { connections, maxIterations: options.maxRequests, ...(rate ? { rate } : {}) };
          if (options.warmupSeconds > 0) {
            await deps.load.run({
              kind: 'load',
              generator,
              plan: target.plan,
              bounds: { ...bounds, durationSeconds: options.warmupSeconds },
            });
            // Let calls still in flight from the warm-up land before the counters are zeroed.
            await sleep(50 + 3 * latencyMs);
          }
          await deps.sims.reset();
          const cpuBefore = await deps.serverCpuUs(target.name);
          const result = await deps.load.run({
            kind: 'load',
            generator,
            plan: target.plan,
            bounds: { ...bounds, durationSeconds: options.durationSeconds },
          });
          const cpuAfter = await deps.serverCpuUs(target.name);
          const loaded = perQuery(await deps.sims.counts(), result.iterations);
          const calls = exact.get(`${scenario.id} ${target.name}`) ?? loaded;
          const row: Row = {
            scenario: scenario.id,
            title: scenario.title,
            latencyMs,
            connections,
            target: target.name,
            description: target.description,
            generator,
            ...(rate ? { rate } : {}),
            result,
            upstreamCallsPerQuery: calls.total,
            upstreamCalls: calls.out,
            upstreamCallsPerQueryUnderLoad: loaded.total,
          };
          if (cpuBefore !== undefined && cpuAfter !== undefined && result.iterations > 0)
            row.serverCpuUsPerQuery = Math.round((cpuAfter - cpuBefore) / result.iterations);
          if (target.name === 'gateway') row.gatewayPeakRssMb = await deps.gatewayRss();
          rows.push(row);
          const errors = Object.values(result.errors).reduce((sum, n) => sum + n, 0);
          deps.log(
            `${scenario.id.padEnd(22)} ${String(latencyMs).padStart(3)} ms ${target.name.padEnd(13)} ` +
              `${rate ? `paced ${rate}/s `.padEnd(14) : ''.padEnd(14)}` +
              `${String(result.rps).padStart(8)} rps  p50 ${result.latency.p50.toFixed(2).padStart(7)} ms  ` +
              `p99 ${result.latency.p99.toFixed(2).padStart(7)} ms  calls/q ${calls.total}` +
              `${row.serverCpuUsPerQuery !== undefined ? `  cpu ${row.serverCpuUsPerQuery} µs/q` : ''}${errors ? `  ERRORS ${errors}` : ''}`,
          );
        }
    }
  }
  await deps.sims.setAll(undefined);
  return rows;
}
