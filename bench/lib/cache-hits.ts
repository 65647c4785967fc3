import type { Agent } from 'undici';
import { send } from './calls.js';
import type { LoadProcess } from './children.js';
import { graphqlCall, LIST_DOCUMENT } from './documents.js';
import type { GatewayProcess } from './gateway.js';
import { chooseTurns, pooledLatency } from './measure.js';
import type { BenchOptions } from './options.js';
import type { Latency, LoadResult } from './protocol.js';
import type { SimulatorControl } from './sims.js';
import { round } from './stats.js';
import { readCpuTicks, stealPercent } from './steal.js';
import type { ExtraTurns } from './turns.js';

/** Where the gateway keeps its answers: in its own memory, or in Redis (REDIS_URL). */
export type AnswerStoreKind = 'memory' | 'redis';

export interface CacheHitRun {
  store: AnswerStoreKind;
  /** Over every request of every round kept. */
  latency: Latency;
  errors: number;
  /** p99 of each round kept, in ms, in the order run. */
  rounds: number[];
}

export interface CacheHitReport {
  query: string;
  rate: number;
  connections: number;
  durationSeconds: number;
  /** Simulator requests during the timed runs: 0 when every answer was a cache hit. */
  upstreamCalls: number;
  runs: CacheHitRun[];
}

export interface CacheHitDeps {
  load: LoadProcess;
  client: Agent;
  sims: SimulatorControl;
  options: BenchOptions;
  /** Whether another turn runs; the whole run's extra turns share its budget. */
  extraTurns: ExtraTurns;
  log(line: string): void;
}

/**
 * One query the gateways already keep, paced, against a gateway keeping its answers in memory and one
 * keeping them in Redis, taking turns: what a Redis round trip (and parsing the answer) adds to a hit.
 */
export async function measureCacheHits(
  gateways: { store: AnswerStoreKind; gateway: GatewayProcess }[],
  deps: CacheHitDeps,
): Promise<CacheHitReport> {
  const { options } = deps;
  const plans = gateways.map(({ store, gateway }) => {
    const call = graphqlCall(gateway.origin, LIST_DOCUMENT);
    return { store, call, plan: { groups: [[call]] } };
  });
  // The first answer is kept; the runs that follow are all hits.
  for (const { store, call } of plans) {
    const answer = await send(deps.client, call);
    if (answer.outcome !== 'ok')
      throw new Error(
        `bench: the gateway keeping answers in ${store} answers wrongly: ${answer.body.slice(0, 300)}`,
      );
  }
  const bounds = {
    connections: options.connections,
    maxIterations: options.maxRequests,
    rate: options.cacheHitRate,
  };
  await deps.sims.reset();
  const turns: { rounds: Map<AnswerStoreKind, LoadResult>; stealPercent: number | undefined }[] = [];
  // Gateways of their own, started for this comparison: their code is as cold as the priming pass found it.
  const warmup = Math.max(options.warmupSeconds, options.primeSeconds);
  while (deps.extraTurns.another(turns)) {
    const turn = {
      rounds: new Map<AnswerStoreKind, LoadResult>(),
      stealPercent: undefined as number | undefined,
    };
    await deps.extraTurns.run(turns.length, async () => {
      for (const { store, plan } of plans) {
        if (turns.length === 0 && warmup > 0)
          await deps.load.run({
            kind: 'load',
            generator: 'paced',
            plan,
            bounds: { ...bounds, durationSeconds: warmup },
          });
        const ticksBefore = await readCpuTicks();
        const result = await deps.load.run({
          kind: 'load',
          generator: 'paced',
          plan,
          bounds: { ...bounds, durationSeconds: options.pacedDurationSeconds },
        });
        turn.rounds.set(store, result);
        const steal = stealPercent(ticksBefore, await readCpuTicks());
        if (steal !== undefined) turn.stealPercent = Math.max(turn.stealPercent ?? 0, steal);
      }
    });
    turns.push(turn);
  }
  const counts = await deps.sims.counts();
  const upstreamCalls = Object.values(counts)
    .flatMap((byOperation) => Object.values(byOperation))
    .reduce((sum, n) => sum + n, 0);
  const kept = chooseTurns(turns, options.rounds, options.maxStealPercent);
  const runs = plans.map(({ store }) => {
    const results = kept.flatMap((turn) => turn.rounds.get(store) ?? []);
    const errors = results.reduce((sum, r) => sum + Object.values(r.errors).reduce((a, b) => a + b, 0), 0);
    return { store, latency: pooledLatency(results), errors, rounds: results.map((r) => r.latency.p99) };
  });
  const report = {
    query: LIST_DOCUMENT,
    rate: options.cacheHitRate,
    connections: options.connections,
    durationSeconds: options.pacedDurationSeconds,
    upstreamCalls,
    runs,
  };
  for (const line of cacheHitLines(report)) deps.log(line);
  return report;
}

/** The Redis run against the in-memory one, in ms: what a hit served from Redis adds. */
export function addedByRedis(report: CacheHitReport): { p50: number; p99: number } | undefined {
  const memory = report.runs.find((r) => r.store === 'memory');
  const redis = report.runs.find((r) => r.store === 'redis');
  if (!memory || !redis) return undefined;
  return {
    p50: round(redis.latency.p50 - memory.latency.p50, 2),
    p99: round(redis.latency.p99 - memory.latency.p99, 2),
  };
}

function cacheHitLines(report: CacheHitReport): string[] {
  const added = addedByRedis(report);
  return [
    ...report.runs.map(
      (r) =>
        `cache hit ${r.store.padEnd(6)} paced ${report.rate}/s  p50 ${r.latency.p50.toFixed(2)} ms  p99 ${r.latency.p99.toFixed(2)} ms` +
        `${r.errors ? `  ERRORS ${r.errors}` : ''}`,
    ),
    ...(added ? [`cache hit from Redis adds p50 ${signed(added.p50)} ms, p99 ${signed(added.p99)} ms`] : []),
  ];
}

const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;

export function cacheHitSection(report: CacheHitReport): string[] {
  const added = addedByRedis(report);
  return [
    '## Cache hits from Redis',
    '',
    `The same query (\`Postgres\`: a page of up to 100 data sources across providers), already kept, paced at ${report.rate}/s over ` +
      `${report.connections} users against a gateway with RESPONSE_CACHE=on keeping its answers in memory and one ` +
      'keeping them in a local Redis (REDIS_URL), taking turns; p50 and p99 over every request of the rounds kept. ' +
      `The upstreams received ${report.upstreamCalls} calls during the timed runs (0: every answer was a hit).`,
    '',
    '| answers kept in | p50 ms | p99 ms | p99 by round | errors |',
    '|---|---|---|---|---|',
    ...report.runs.map(
      (r) =>
        `| ${r.store} | ${r.latency.p50.toFixed(2)} | ${r.latency.p99.toFixed(2)} | ` +
        `${r.rounds.map((v) => v.toFixed(2)).join(' / ')} | ${r.errors} |`,
    ),
    ...(added ? [`| Redis adds | ${signed(added.p50)} | ${signed(added.p99)} | | |`] : []),
    '',
  ];
}
