import type { Agent } from 'undici';
import { cpuTimeUs, type LoadProcess, peakRssMb } from './children.js';
import type { GatewayProcess } from './gateway.js';
import { chooseTurns, verifyTarget } from './measure.js';
import type { BenchOptions } from './options.js';
import type { Latency, LoadResult } from './protocol.js';
import { generatorFor, type Scenario } from './scenarios.js';
import { round } from './stats.js';
import { busyCores, readCpuTicks, stealPercent } from './steal.js';
import type { ExtraTurns } from './turns.js';

/** CPU seconds per second of the timed run, by group of processes: 1 is one core kept busy. */
export interface CoresBusy {
  gateway?: number;
  loadGenerator?: number;
  simulators?: number;
  /** Every process on the machine, these and whatever else runs beside the bench. */
  machine?: number;
}

/** One WORKERS count, as measured: its median round by rps. */
export interface WorkersRun {
  workers: number;
  rps: number;
  latency: Latency;
  errors: number;
  /** The gateway's CPU time per query, its primary and workers together, in µs. */
  serverCpuUsPerQuery?: number;
  /** VmHWM of the primary and its workers, summed, after every round. */
  peakRssMb?: number;
  cores: CoresBusy;
  /** rps of every round kept, in the order run. */
  rounds: number[];
  /** rps against the first WORKERS count's. */
  rpsVsFirst: number;
}

export interface WorkersReport {
  scenario: string;
  connections: number;
  cpus: number;
  durationSeconds: number;
  runs: WorkersRun[];
}

export interface WorkersDeps {
  load: LoadProcess;
  client: Agent;
  options: BenchOptions;
  cpus: number;
  /** Whether another turn runs; the whole run's extra turns share its budget. */
  extraTurns: ExtraTurns;
  /** The simulators' process, whose CPU also comes out of the shared cores. */
  simulatorsPid: number | undefined;
  log(line: string): void;
}

interface Round {
  result: LoadResult;
  cpuUs?: number;
  cores: CoresBusy;
}

const cores = (before: number | undefined, after: number | undefined, seconds: number) =>
  before === undefined || after === undefined || seconds <= 0
    ? undefined
    : round((after - before) / 1e6 / seconds, 2);

/**
 * The same scenario's gateway target in a closed loop at 0 ms against each gateway (one per WORKERS
 * count), the gateways taking turns round after round as the targets of a measurement do.
 */
export async function measureWorkers(
  gateways: { workers: number; gateway: GatewayProcess; scenario: Scenario }[],
  deps: WorkersDeps,
): Promise<WorkersReport | undefined> {
  const { options } = deps;
  const first = gateways[0];
  if (!first) return undefined;
  const targetOf = (scenario: Scenario) => scenario.targets.find((t) => t.name === 'gateway');
  for (const { scenario } of gateways) {
    const target = targetOf(scenario);
    if (target) await verifyTarget(deps.client, scenario, target);
  }
  const generator = generatorFor(first.scenario);
  const bounds = { connections: options.connections, maxIterations: options.maxRequests };
  const turns: { rounds: Map<number, Round>; stealPercent: number | undefined }[] = [];
  while (deps.extraTurns.another(turns)) {
    const turn = { rounds: new Map<number, Round>(), stealPercent: undefined as number | undefined };
    await deps.extraTurns.run(turns.length, async () => {
      for (const { workers, gateway, scenario } of gateways) {
        const plan = targetOf(scenario)?.plan;
        if (!plan) continue;
        // A gateway of its own, started for this comparison: its code is as cold as the priming pass found it.
        const warmup = Math.max(options.warmupSeconds, options.primeSeconds);
        if (turns.length === 0 && warmup > 0)
          await deps.load.run({
            kind: 'load',
            generator,
            plan,
            bounds: { ...bounds, durationSeconds: warmup },
          });
        const pids = [gateway.child.pid, deps.load.child.pid, deps.simulatorsPid];
        const before = await Promise.all(pids.map(cpuTimeUs));
        const ticksBefore = await readCpuTicks();
        const result = await deps.load.run({
          kind: 'load',
          generator,
          plan,
          bounds: { ...bounds, durationSeconds: options.durationSeconds },
        });
        const ticksAfter = await readCpuTicks();
        const after = await Promise.all(pids.map(cpuTimeUs));
        const [gatewayBusy, loadBusy, simulatorsBusy] = [0, 1, 2].map((i) =>
          cores(before[i], after[i], result.elapsedSeconds),
        );
        const gatewayUs =
          before[0] !== undefined && after[0] !== undefined && result.iterations > 0
            ? Math.round((after[0] - before[0]) / result.iterations)
            : undefined;
        turn.rounds.set(workers, {
          result,
          ...(gatewayUs !== undefined ? { cpuUs: gatewayUs } : {}),
          cores: {
            gateway: gatewayBusy,
            loadGenerator: loadBusy,
            simulators: simulatorsBusy,
            machine: busyCores(ticksBefore, ticksAfter, result.elapsedSeconds),
          },
        });
        const steal = stealPercent(ticksBefore, ticksAfter);
        if (steal !== undefined) turn.stealPercent = Math.max(turn.stealPercent ?? 0, steal);
      }
    });
    turns.push(turn);
  }
  const kept = chooseTurns(turns, options.rounds, options.maxStealPercent);
  const runs: WorkersRun[] = [];
  for (const { workers, gateway } of gateways) {
    const all = kept.flatMap((turn) => turn.rounds.get(workers) ?? []);
    const median = [...all].sort((a, b) => a.result.rps - b.result.rps)[Math.floor(all.length / 2)];
    if (!median) continue;
    const errors = all.reduce((sum, r) => sum + Object.values(r.result.errors).reduce((a, b) => a + b, 0), 0);
    const rss = await peakRssMb(gateway.child.pid);
    const firstRps = runs[0]?.rps ?? median.result.rps;
    const run: WorkersRun = {
      workers,
      rps: median.result.rps,
      latency: median.result.latency,
      errors,
      ...(median.cpuUs !== undefined ? { serverCpuUsPerQuery: median.cpuUs } : {}),
      ...(rss !== undefined ? { peakRssMb: rss } : {}),
      cores: median.cores,
      rounds: all.map((r) => r.result.rps),
      rpsVsFirst: firstRps > 0 ? round(median.result.rps / firstRps, 2) : 0,
    };
    runs.push(run);
    deps.log(
      `workers ${String(workers).padStart(2)} ${first.scenario.id.padEnd(22)} ${String(run.rps).padStart(8)} rps ` +
        `(${run.rpsVsFirst}×)  p50 ${run.latency.p50.toFixed(2)} ms  cpu ${run.serverCpuUsPerQuery ?? '?'} µs/q  ` +
        `cores: gateway ${n(run.cores.gateway)}, load ${n(run.cores.loadGenerator)}, simulators ${n(run.cores.simulators)}, machine ${n(run.cores.machine)}` +
        `${errors ? `  ERRORS ${errors}` : ''}`,
    );
  }
  return {
    scenario: first.scenario.id,
    connections: options.connections,
    cpus: deps.cpus,
    durationSeconds: options.durationSeconds,
    runs,
  };
}

const n = (value: number | undefined) => (value === undefined ? '?' : String(value));

/** What bounds the ratio, read from the cores each group kept busy during the largest count's run. */
export function workersLimit(report: WorkersReport): string {
  const first = report.runs[0];
  const last = report.runs.at(-1);
  if (!first || !last || report.runs.length < 2) return '';
  const c = last.cores;
  const ours = (c.gateway ?? 0) + (c.loadGenerator ?? 0) + (c.simulators ?? 0);
  const others = c.machine === undefined ? undefined : round(Math.max(0, c.machine - ours), 2);
  const lines = [
    `With WORKERS=${last.workers} the gateway answered ${last.rpsVsFirst}× the queries of WORKERS=${first.workers}, ` +
      `at ${n(last.serverCpuUsPerQuery)} µs of gateway CPU per query against ${n(first.serverCpuUsPerQuery)}.`,
    `During that run the gateway kept ${n(c.gateway)} cores busy, the load generator ${n(c.loadGenerator)}, ` +
      `the simulators ${n(c.simulators)}${others === undefined ? '' : ` and other processes on the machine ${others}`}, ` +
      `${c.machine === undefined ? '' : `${c.machine} `}of its ${report.cpus}.`,
  ];
  if (c.machine !== undefined && c.machine >= 0.9 * report.cpus)
    lines.push(
      'The cores were saturated: the gateway shares them with the load generator and the simulators' +
        `${others ? ' (and here with other work)' : ''}, so its workers could use only what those left, ` +
        'and the ratio says little of what a second core gives a gateway whose clients and upstreams are elsewhere.',
    );
  else if (c.machine !== undefined)
    lines.push(
      `The cores were not saturated: the ${report.connections} users' queries in flight, not CPU, bounded the throughput.`,
    );
  return lines.join(' ');
}

export function workersSection(report: WorkersReport): string[] {
  const first = report.runs[0]?.workers ?? 1;
  return [
    '## Workers',
    '',
    `\`${report.scenario}\` in a closed loop at 0 ms with ${report.connections} users, against a gateway started with each WORKERS count ` +
      `(a primary forking that many workers on one port; WORKERS=1 is one process), the gateways taking turns; each row is its median round by rps. ` +
      'Gateway CPU and peak RSS are summed over the primary and its workers (peak RSS is then an upper bound: each process peaked on its own). ' +
      'Cores busy: CPU seconds per second of the timed run, for the gateway, the load generator, the simulators and the whole machine.',
    '',
    `| WORKERS | rps | vs WORKERS=${first} | p50 ms | p99 ms | gateway CPU µs/query | peak RSS MB | cores busy: gateway / load generator / simulators / machine | rps by round | errors |`,
    '|---|---|---|---|---|---|---|---|---|---|',
    ...report.runs.map(
      (r) =>
        `| ${r.workers} | ${Math.round(r.rps)} | ${r.rpsVsFirst.toFixed(2)}× | ${r.latency.p50.toFixed(2)} | ${r.latency.p99.toFixed(2)} | ` +
        `${r.serverCpuUsPerQuery ?? ''} | ${r.peakRssMb ?? ''} | ` +
        `${[r.cores.gateway, r.cores.loadGenerator, r.cores.simulators, r.cores.machine].map(n).join(' / ')} | ` +
        `${r.rounds.map((v) => Math.round(v)).join(' / ')} | ${r.errors} |`,
    ),
    '',
    workersLimit(report),
    '',
  ];
}
