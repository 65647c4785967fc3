import { setTimeout as sleep } from 'node:timers/promises';
import type { Agent } from 'undici';
import { send } from './calls.js';
import type { LoadProcess } from './children.js';
import type { BenchOptions } from './options.js';
import { emptyErrors, type Latency, type LoadResult, type Plan } from './protocol.js';
import {
  closedRoundSeconds,
  generatorFor,
  onGateway,
  type Scenario,
  singleCall,
  type Target,
  type TargetName,
} from './scenarios.js';
import type { SimulatorControl } from './sims.js';
import { round, summarise } from './stats.js';
import { readCpuTicks, stealPercent } from './steal.js';
import type { ExtraTurns } from './turns.js';

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
  /**
   * What ranked each round, in the order run: rps for a closed loop, p99 in ms for a paced run. The
   * row is the median round.
   */
  rounds?: number[];
  /** `serverCpuUsPerQuery` of each round, in the order run, when every round had it. */
  serverCpuUsByRound?: number[];
  /**
   * The share of the machine's CPU time the hypervisor took during each round kept (the most of any
   * target's run in that turn), in the order run; absent where /proc/stat is not there to tell.
   */
  stealPercent?: number[];
  /** Turns run for this measurement and replaced because the hypervisor took too much of them. */
  roundsSetAside?: number;
}

interface Round {
  result: LoadResult;
  cpuUs: number | undefined;
  loaded: ReturnType<typeof perQuery>;
  stealPercent: number | undefined;
}

/** One round of every target of a measurement, back to back. */
interface Turn {
  rounds: Map<TargetName, Round>;
  /** The most the hypervisor took of any of its rounds, in %. */
  stealPercent: number | undefined;
}

/** Whether the hypervisor took more of a turn than the bench allows; without /proc/stat, never. */
const disturbed = (turn: { stealPercent: number | undefined }, maxStealPercent: number) =>
  (turn.stealPercent ?? 0) > maxStealPercent;

/**
 * The turns a measurement reports: the first `wanted` in which the hypervisor took at most
 * `maxStealPercent`, or, when too few were, those topped up with the least disturbed of the rest.
 * Kept in the order they ran.
 */
export function chooseTurns<T extends { stealPercent: number | undefined }>(
  turns: readonly T[],
  wanted: number,
  maxStealPercent: number,
): T[] {
  const clean = turns.filter((turn) => !disturbed(turn, maxStealPercent)).slice(0, wanted);
  const leastDisturbed = turns
    .filter((turn) => disturbed(turn, maxStealPercent))
    .sort((a, b) => (a.stealPercent ?? 0) - (b.stealPercent ?? 0))
    .slice(0, wanted - clean.length);
  const kept = new Set([...clean, ...leastDisturbed]);
  return turns.filter((turn) => kept.has(turn));
}

export interface MeasureDeps {
  load: LoadProcess;
  sims: SimulatorControl;
  client: Agent;
  options: BenchOptions;
  /** Whether a measurement runs another turn; the whole run's extra turns share its budget. */
  extraTurns: ExtraTurns;
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

/** One timed run of a target: a warm-up first when asked, then the run, its server CPU and calls. */
async function timedRound(
  deps: MeasureDeps,
  target: Target,
  generator: Row['generator'],
  bounds: { connections: number; maxIterations: number; rate?: number },
  latencyMs: number,
  warmUp: boolean,
  durationSeconds: number,
): Promise<Round> {
  const { options } = deps;
  if (warmUp && options.warmupSeconds > 0) {
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
  const ticksBefore = await readCpuTicks();
  const result = await deps.load.run({
    kind: 'load',
    generator,
    plan: target.plan,
    bounds: { ...bounds, durationSeconds },
  });
  const ticksAfter = await readCpuTicks();
  const cpuAfter = await deps.serverCpuUs(target.name);
  const cpuUs =
    cpuBefore !== undefined && cpuAfter !== undefined && result.iterations > 0
      ? Math.round((cpuAfter - cpuBefore) / result.iterations)
      : undefined;
  const loaded = perQuery(await deps.sims.counts(), result.iterations);
  await settle(deps, target.name);
  return { result, cpuUs, loaded, stealPercent: stealPercent(ticksBefore, ticksAfter) };
}

/** How often `settle` looks, and how long it waits at most. */
const SETTLE_POLL_MS = 100;
const SETTLE_MAX_MS = 5_000;

/**
 * Waits for what a round left running to finish before anything else is timed. When the load
 * generator stops, the queries in flight lose their clients: the gateway cancels their upstream
 * calls, the pass-through lets them run to the end. Whatever is left would run during the next
 * target's round, taking its CPU and adding its upstream calls to that round's count. Settled once
 * the server's CPU time and the simulators' call counts have not moved for one poll, or after 5 s.
 */
export async function settle(
  deps: Pick<MeasureDeps, 'sims' | 'serverCpuUs'>,
  target: TargetName,
): Promise<void> {
  const callsSoFar = async () => perQuery(await deps.sims.counts(), 1).total;
  let last = { cpu: await deps.serverCpuUs(target), calls: await callsSoFar() };
  for (let waited = 0; waited < SETTLE_MAX_MS; waited += SETTLE_POLL_MS) {
    await sleep(SETTLE_POLL_MS);
    const now = { cpu: await deps.serverCpuUs(target), calls: await callsSoFar() };
    if (now.cpu === last.cpu && now.calls === last.calls) return;
    last = now;
  }
}

/**
 * Percentiles over every request of every round of a paced run. A round's p99 rests on its 30
 * slowest requests of 3,000, so one stall of the shared machine decides it; pooled, a stall weighs
 * the share of the requests it delayed.
 */
export function pooledLatency(
  rounds: readonly LoadResult[],
  samplesOf: (r: LoadResult) => number[] | undefined = (r) => r.samples,
): Latency {
  return summarise(rounds.flatMap((r) => samplesOf(r) ?? []));
}

/** Failed iterations of all rounds together, and the first few answers that show why. */
function failuresOf(rounds: readonly Round[]): Pick<LoadResult, 'errors' | 'errorSamples'> {
  const errors = emptyErrors();
  for (const { result } of rounds)
    for (const key of Object.keys(errors) as (keyof typeof errors)[]) errors[key] += result.errors[key];
  return { errors, errorSamples: rounds.flatMap((r) => r.result.errorSamples).slice(0, 3) };
}

/**
 * Every scenario against every target, at each latency: verification first, then one warm-up of
 * every scenario on both GraphQL servers, then per measurement a warm-up of each target and its
 * timed rounds, the targets taking turns.
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
  // scenario timed also pays for compiling the code that every later one shares. After it, a
  // measurement's own warm-up only has to settle the load (connections, pools) it is about to time.
  if (options.primeSeconds > 0)
    for (const scenario of scenarios)
      for (const target of scenario.targets)
        if (onGateway(target.name) || target.name === 'passthrough')
          await deps.load.run({
            kind: 'load',
            generator: generatorFor(scenario),
            plan: target.plan,
            bounds: {
              connections: options.connections,
              maxIterations: options.maxRequests,
              durationSeconds: options.primeSeconds,
            },
          });
  for (const latencyMs of options.latencies) {
    await deps.sims.setAll(latencyMs > 0 ? { latencyMs } : undefined);
    const connections = latencyMs > 0 ? options.latencyConnections : options.connections;
    for (const scenario of scenarios) {
      const closed = generatorFor(scenario);
      // With added latency, single-call scenarios also run paced below saturation (see runPaced), at
      // their own rates when they have some; --paced-rate 0 turns every paced run off.
      const loads: { generator: Row['generator']; rate?: number }[] = [{ generator: closed }];
      const rates = options.pacedRates.length > 0 ? (scenario.pacedRates ?? options.pacedRates) : [];
      if (latencyMs > 0 && singleCall(scenario))
        for (const rate of rates) loads.push({ generator: 'paced', rate });
      for (const { generator, rate } of loads) {
        const bounds = { connections, maxIterations: options.maxRequests, ...(rate ? { rate } : {}) };
        // The targets take turns, round after round: a stretch in which the shared cores are busy
        // elsewhere then spoils one round of each target, not every run of one of them. A turn in
        // which the hypervisor gave much of the machine to other guests is run again.
        const turns: Turn[] = [];
        while (deps.extraTurns.another(turns)) {
          const turn: Turn = { rounds: new Map(), stealPercent: undefined };
          await deps.extraTurns.run(turns.length, async () => {
            for (const target of scenario.targets) {
              const done = await timedRound(
                deps,
                target,
                generator,
                bounds,
                latencyMs,
                turns.length === 0,
                rate
                  ? options.pacedDurationSeconds
                  : closedRoundSeconds(scenario, latencyMs, options.durationSeconds),
              );
              turn.rounds.set(target.name, done);
              if (done.stealPercent !== undefined)
                turn.stealPercent = Math.max(turn.stealPercent ?? 0, done.stealPercent);
            }
          });
          turns.push(turn);
          if (disturbed(turn, options.maxStealPercent))
            deps.log(
              `${scenario.id.padEnd(22)} ${String(latencyMs).padStart(3)} ms ${rate ? `paced ${rate}/s: ` : ''}` +
                `turn ${turns.length} disturbed, the hypervisor took ${turn.stealPercent}% of the CPU time`,
            );
        }
        const kept = chooseTurns(turns, options.rounds, options.maxStealPercent);
        const steals = kept.map((turn) => turn.stealPercent);
        for (const target of scenario.targets) {
          const all = kept.flatMap((turn) => turn.rounds.get(target.name) ?? []);
          // Paced runs are judged on latency, closed loops on throughput.
          const rank = (r: Round) => (rate ? r.result.latency.p99 : r.result.rps);
          const { result, cpuUs, loaded } = [...all].sort((a, b) => rank(a) - rank(b))[
            Math.floor(all.length / 2)
          ] as Round;
          const { samples: _, firstEdgeSamples: __, ...median } = result;
          const latency = rate ? pooledLatency(all.map((r) => r.result)) : result.latency;
          const firstEdge =
            rate && result.firstEdge
              ? pooledLatency(
                  all.map((r) => r.result),
                  (r) => r.firstEdgeSamples,
                )
              : result.firstEdge;
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
            // The median round, but the failures of every round (none is hidden by the choice) and,
            // when paced, the latency of every request.
            result: { ...median, latency, ...(firstEdge ? { firstEdge } : {}), ...failuresOf(all) },
            upstreamCallsPerQuery: calls.total,
            upstreamCalls: calls.out,
            upstreamCallsPerQueryUnderLoad: loaded.total,
            rounds: all.map(rank),
            ...(steals.every((p) => p !== undefined) ? { stealPercent: steals } : {}),
            roundsSetAside: turns.length - kept.length,
          };
          if (cpuUs !== undefined) row.serverCpuUsPerQuery = cpuUs;
          const cpuByRound = all.map((r) => r.cpuUs);
          if (cpuByRound.every((us) => us !== undefined)) row.serverCpuUsByRound = cpuByRound;
          if (onGateway(target.name)) row.gatewayPeakRssMb = await deps.gatewayRss();
          rows.push(row);
          const errors = Object.values(row.result.errors).reduce((sum, n) => sum + n, 0);
          deps.log(
            `${scenario.id.padEnd(22)} ${String(latencyMs).padStart(3)} ms ${target.name.padEnd(16)} ` +
              `${rate ? `paced ${rate}/s `.padEnd(14) : ''.padEnd(14)}` +
              `${String(result.rps).padStart(8)} rps  p50 ${latency.p50.toFixed(2).padStart(7)} ms  ` +
              `p99 ${latency.p99.toFixed(2).padStart(7)} ms  ` +
              `${firstEdge ? `first edge p50 ${firstEdge.p50.toFixed(2)} ms p99 ${firstEdge.p99.toFixed(2)} ms  ` : ''}` +
              `calls/q ${calls.total}` +
              `${row.serverCpuUsPerQuery !== undefined ? `  cpu ${row.serverCpuUsPerQuery} µs/q` : ''}${errors ? `  ERRORS ${errors}` : ''}` +
              `${all.length > 1 ? `  (${rate ? 'p99 by round' : 'median of'} ${all.map((r) => round(rank(r), 1)).join(' / ')})` : ''}` +
              `${row.stealPercent ? `  steal ${row.stealPercent.join(' / ')} %` : ''}`,
          );
        }
      }
    }
  }
  await deps.sims.setAll(undefined);
  return rows;
}
