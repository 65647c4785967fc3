import { parseArgs } from 'node:util';
import type { GatewayMode } from './gateway.js';
import { scenarioIds } from './scenarios.js';

export interface BenchOptions {
  quick: boolean;
  /** Scenario ids to run; `faults` is the fault run, `cache-hit` the response cache in memory against Redis. */
  scenarios: string[];
  latencies: number[];
  /** Seconds of each timed closed-loop round. */
  durationSeconds: number;
  /** Seconds of each timed paced round: its p99 rests on the requests of every round kept. */
  pacedDurationSeconds: number;
  /** Seconds each GraphQL target of each scenario runs once, untimed, before anything is timed. */
  primeSeconds: number;
  /** Seconds each target runs, untimed, before a measurement's first turn. */
  warmupSeconds: number;
  /** Timed runs of each target per measurement, taking turns; the median one is reported. */
  rounds: number;
  /**
   * A turn (one round of every target) in which the hypervisor took more than this share of the
   * machine's CPU time is set aside and run again.
   */
  maxStealPercent: number;
  /** Turns a measurement may run beyond `rounds` to replace those set aside. */
  extraRounds: number;
  /** Seconds that such extra turns may take over the whole run, every measurement together. */
  extraSeconds: number;
  /** Also time the floors (REST straight to the simulators) beside the gateway and the pass-through. */
  floors: boolean;
  /** Virtual users at 0 ms of upstream latency (throughput). */
  connections: number;
  /** Virtual users when the simulators add latency (the latency comparison). */
  latencyConnections: number;
  maxRequests: number;
  /** Iterations per second of each paced run with added latency, lowest first; empty: none. */
  pacedRates: number[];
  coldStarts: number;
  faultSeconds: number;
  faultConnections: number;
  gateway: GatewayMode;
  /** Variables set in every gateway's environment beyond the defaults (`--gateway-env NAME=VALUE`). */
  gatewayEnv: Record<string, string>;
  /**
   * WORKERS counts whose gateways take turns on a closed loop of the first scenario selected, at 0 ms;
   * empty: no comparison.
   */
  workers: number[];
  /** Iterations per second of the paced cache-hit comparison (memory against Redis). */
  cacheHitRate: number;
  /** Scenario to profile on a gateway of its own, or undefined. */
  profile: string | undefined;
  outDir: string;
}

export const usage = `npm run bench -- [options]

  --quick                   a few seconds per scenario, for development
  --scenario <ids>          comma-separated: ${scenarioIds.join(', ')}, faults, cache-hit (default: all)
  --latency <ms,ms>         simulator latencies to run at (BENCH_LATENCIES, default 0,20)
  --duration <s>            measured seconds per closed-loop round (BENCH_DURATION, default 2; quick 1);
                            twice that for lists and 100 nodes with added latency, whose answers
                            take a second or two
  --paced-duration <s>      measured seconds per paced round (BENCH_PACED_DURATION, default 2.5, or
                            --duration's when that is given; quick 1)
  --prime <s>               first, every scenario's gateway and pass-through targets run once for this
                            long, untimed (BENCH_PRIME, default 3; quick 0.3)
  --warmup <s>              unmeasured seconds of each target before a measurement's first turn
                            (BENCH_WARMUP, default 0.5; quick 0.3)
  --rounds <n>              timed runs per target, the targets taking turns; the median is reported
                            (BENCH_ROUNDS, default 3; quick 1)
  --max-steal <pct>         a turn in which the hypervisor took more than this share of the CPU time
                            (steal, /proc/stat) is set aside and run again (BENCH_MAX_STEAL, default 5;
                            100: never)
  --extra-rounds <n>        turns a measurement may add to replace those set aside; when they run
                            out, the least disturbed are kept (BENCH_EXTRA_ROUNDS, default 3; quick 0)
  --extra-time <s>          seconds such extra turns may take over the whole run (BENCH_EXTRA_TIME,
                            default 60); once spent, measurements keep their least disturbed turns
  --floors                  also time the floors, REST straight to the simulators, in every
                            measurement (BENCH_FLOORS=1; default: only the gateway and the pass-through)
  --connections <n>         virtual users at 0 ms (BENCH_CONNECTIONS, default 10)
  --latency-connections <n> virtual users with added latency (BENCH_LATENCY_CONNECTIONS, default 100)
  --max-requests <n>        stop a run after this many iterations (BENCH_MAX_REQUESTS, default 1000000)
  --paced-rate <n,n>        with added latency, also run single-call scenarios paced at each rate
                            (iterations/s over the same users) (BENCH_PACED_RATES, default 500,1000; 0: none);
                            data-sources-streamed paces at 25/s whatever the rates, unless they are 0
  --cold-starts <n>         gateway starts timed for cold start (default 5; quick 2)
  --fault-duration <s>      seconds of the fault run (BENCH_FAULT_DURATION, default 8; quick 4)
  --workers <n,n>           also run the first scenario selected in a closed loop at 0 ms against a
                            gateway started with each WORKERS count, taking turns (BENCH_WORKERS,
                            default 1,2; quick 0: none)
  --cache-hit-rate <n>      cache-hit: one kept query paced at this rate against a gateway keeping its
                            answers in memory and one keeping them in a redis-server of its own
                            (BENCH_CACHE_HIT_RATE, default 200)
  --gateway <dist|tsx>      the built bundle (default, as the container runs it) or src/ through tsx
  --gateway-env NAME=VALUE  set a variable in every gateway's environment, to compare a setting
                            (repeatable; the report names each)
  --profile[=<scenario>]    also profile one scenario at 0 ms (default node-rivergen) with --cpu-prof,
                            on a gateway and a pass-through of their own; with --gateway tsx the
                            profile names packages and src/ files, not the bundle
  --out <dir>               where latest.json/.md go (quick.json/.md with --quick; default bench/results)`;

function number(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`bench: ${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** Flags win over BENCH_* variables, which win over the defaults (quick or full). */
export function parseOptions(argv: string[], env: Record<string, string | undefined>): BenchOptions {
  const { values } = parseArgs({
    args: argv.map((arg) => (arg === '--profile' ? '--profile=node-rivergen' : arg)),
    options: {
      quick: { type: 'boolean', default: false },
      scenario: { type: 'string', multiple: true },
      latency: { type: 'string' },
      duration: { type: 'string' },
      'paced-duration': { type: 'string' },
      prime: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      'max-steal': { type: 'string' },
      'extra-rounds': { type: 'string' },
      'extra-time': { type: 'string' },
      floors: { type: 'boolean', default: false },
      connections: { type: 'string' },
      'latency-connections': { type: 'string' },
      'max-requests': { type: 'string' },
      'paced-rate': { type: 'string' },
      'cold-starts': { type: 'string' },
      'fault-duration': { type: 'string' },
      workers: { type: 'string' },
      'cache-hit-rate': { type: 'string' },
      gateway: { type: 'string' },
      'gateway-env': { type: 'string', multiple: true },
      profile: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new Error(usage);
  const quick = values.quick ?? false;
  const known = new Set<string>([...scenarioIds, 'faults', 'cache-hit']);
  const scenarios = (values.scenario ?? []).flatMap((s) => s.split(',')).filter(Boolean);
  for (const id of scenarios) {
    if (!known.has(id))
      throw new Error(`bench: --scenario ${id} is unknown; choose from ${[...known].join(', ')}`);
  }
  const latencies = (values.latency ?? env.BENCH_LATENCIES ?? '0,20')
    .split(',')
    .map((ms) => number('--latency', ms.trim(), 0, 0, 5_000));
  const gateway = values.gateway ?? env.BENCH_GATEWAY ?? 'dist';
  if (gateway !== 'dist' && gateway !== 'tsx')
    throw new Error(`bench: --gateway must be dist or tsx, got "${gateway}"`);
  if (values.profile !== undefined && !(scenarioIds as readonly string[]).includes(values.profile)) {
    throw new Error(
      `bench: --profile=${values.profile} is not a scenario; choose from ${scenarioIds.join(', ')}`,
    );
  }
  const gatewayEnv: Record<string, string> = {};
  for (const pair of values['gateway-env'] ?? []) {
    const equals = pair.indexOf('=');
    const name = pair.slice(0, equals);
    if (equals < 1 || !/^[A-Z][A-Z0-9_]*$/.test(name))
      throw new Error('bench: --gateway-env takes NAME=VALUE, NAME in capitals, digits and _');
    gatewayEnv[name] = pair.slice(equals + 1);
  }
  const duration = values.duration ?? env.BENCH_DURATION;
  const durationSeconds = number('--duration', duration, quick ? 1 : 2, 0.1, 3_600);
  return {
    quick,
    scenarios: scenarios.length > 0 ? scenarios : [...known],
    latencies,
    durationSeconds,
    pacedDurationSeconds: number(
      '--paced-duration',
      values['paced-duration'] ?? env.BENCH_PACED_DURATION,
      duration !== undefined || quick ? durationSeconds : 2.5,
      0.1,
      3_600,
    ),
    // One second each left the first scenario timed still compiling: its first round cost the gateway
    // ~40% more CPU a query than its fifth (bench/README.md, "Primed until compiled").
    primeSeconds: number('--prime', values.prime ?? env.BENCH_PRIME, quick ? 0.3 : 3, 0, 600),
    warmupSeconds: number('--warmup', values.warmup ?? env.BENCH_WARMUP, quick ? 0.3 : 0.5, 0, 600),
    rounds: Math.round(number('--rounds', values.rounds ?? env.BENCH_ROUNDS, quick ? 1 : 3, 1, 99)),
    maxStealPercent: number('--max-steal', values['max-steal'] ?? env.BENCH_MAX_STEAL, 5, 0, 100),
    extraRounds: Math.round(
      number('--extra-rounds', values['extra-rounds'] ?? env.BENCH_EXTRA_ROUNDS, quick ? 0 : 3, 0, 99),
    ),
    extraSeconds: number('--extra-time', values['extra-time'] ?? env.BENCH_EXTRA_TIME, 60, 0, 36_000),
    floors: values.floors || env.BENCH_FLOORS === '1',
    connections: number('--connections', values.connections ?? env.BENCH_CONNECTIONS, 10, 1, 1_000),
    latencyConnections: number(
      '--latency-connections',
      values['latency-connections'] ?? env.BENCH_LATENCY_CONNECTIONS,
      100,
      1,
      1_000,
    ),
    maxRequests: number(
      '--max-requests',
      values['max-requests'] ?? env.BENCH_MAX_REQUESTS,
      1_000_000,
      1,
      1e9,
    ),
    pacedRates: (values['paced-rate'] ?? env.BENCH_PACED_RATES ?? '500,1000')
      .split(',')
      .map((rate) => number('--paced-rate', rate.trim(), 0, 0, 100_000))
      .filter((rate) => rate > 0)
      .sort((a, b) => a - b),
    coldStarts: number('--cold-starts', values['cold-starts'], quick ? 2 : 5, 0, 50),
    faultSeconds: number(
      '--fault-duration',
      values['fault-duration'] ?? env.BENCH_FAULT_DURATION,
      quick ? 4 : 8,
      1,
      3_600,
    ),
    faultConnections: 20,
    workers: [
      ...new Set(
        (values.workers ?? env.BENCH_WORKERS ?? (quick ? '0' : '1,2'))
          .split(',')
          .map((n) => Math.round(number('--workers', n.trim(), 0, 0, 64)))
          .filter((n) => n > 0),
      ),
    ],
    cacheHitRate: number(
      '--cache-hit-rate',
      values['cache-hit-rate'] ?? env.BENCH_CACHE_HIT_RATE,
      200,
      1,
      100_000,
    ),
    gateway,
    gatewayEnv,
    profile: values.profile,
    outDir: values.out ?? 'bench/results',
  };
}
