import type { BenchOptions } from './options.js';
import { closedRoundSeconds, onGateway, type Scenario, singleCall } from './scenarios.js';

/**
 * Seconds each step adds besides the load it times, as measured on a 2-core machine: a round's
 * counter reset, CPU and steal readings, result transfer and settling (one poll of 100 ms when its
 * server is done at once); a gateway's start and stop.
 */
const ROUND_OVERHEAD_S = 0.5;
const GATEWAY_START_S = 1.5;
const SETUP_S = 12;

export interface Estimate {
  /** Without extra turns. */
  seconds: number;
  /** With every second of extra turns the budget allows. */
  atMostSeconds: number;
  /** The arithmetic, one part a line. */
  parts: string[];
}

const s = (n: number) => `${Math.round(n * 10) / 10}`;

/** How long a run with these options and scenarios takes, from its parts' durations. */
export function estimateRun(options: BenchOptions, scenarios: readonly Scenario[]): Estimate {
  const parts: { what: string; seconds: number }[] = [];
  const add = (what: string, seconds: number) => {
    if (seconds > 0) parts.push({ what, seconds });
  };
  add(`setup (build, simulators, fixtures, servers): ${SETUP_S} s`, SETUP_S);
  add(`cold starts: ${options.coldStarts} × ${GATEWAY_START_S} s`, options.coldStarts * GATEWAY_START_S);
  const primed = scenarios.flatMap((sc) =>
    sc.targets.filter((t) => onGateway(t.name) || t.name === 'passthrough'),
  ).length;
  add(`priming: ${primed} targets × ${options.primeSeconds} s`, primed * options.primeSeconds);

  const round = (duration: number) => options.warmupSeconds + options.rounds * (duration + ROUND_OVERHEAD_S);
  let closed = 0;
  let slow = 0;
  let paced = 0;
  for (const latencyMs of options.latencies)
    for (const scenario of scenarios) {
      if (closedRoundSeconds(scenario, latencyMs, 1) > 1) slow += scenario.targets.length;
      else closed += scenario.targets.length;
      const rates = options.pacedRates.length > 0 ? (scenario.pacedRates ?? options.pacedRates) : [];
      if (latencyMs > 0 && singleCall(scenario)) paced += rates.length * scenario.targets.length;
    }
  add(
    `closed loops: ${closed} target runs × (${options.warmupSeconds} + ${options.rounds} × (${options.durationSeconds} + ${ROUND_OVERHEAD_S})) s`,
    closed * round(options.durationSeconds),
  );
  add(
    `closed loops of slow answers: ${slow} target runs × (${options.warmupSeconds} + ${options.rounds} × (${2 * options.durationSeconds} + ${ROUND_OVERHEAD_S})) s`,
    slow * round(2 * options.durationSeconds),
  );
  add(
    `paced: ${paced} target runs × (${options.warmupSeconds} + ${options.rounds} × (${options.pacedDurationSeconds} + ${ROUND_OVERHEAD_S})) s`,
    paced * round(options.pacedDurationSeconds),
  );
  // Gateways of their own warm up for the priming pass's time, not a warm-up's.
  const fresh = (duration: number) =>
    GATEWAY_START_S +
    Math.max(options.warmupSeconds, options.primeSeconds) +
    options.rounds * (duration + ROUND_OVERHEAD_S);
  const workers = scenarios.length > 0 ? options.workers.length : 0;
  add(
    `workers: ${workers} gateways × (${GATEWAY_START_S} + ${s(Math.max(options.warmupSeconds, options.primeSeconds))} + ${options.rounds} × (${options.durationSeconds} + ${ROUND_OVERHEAD_S})) s`,
    workers * fresh(options.durationSeconds),
  );
  if (options.scenarios.includes('cache-hit'))
    add(
      `cache hits: 2 gateways × (${GATEWAY_START_S} + ${s(Math.max(options.warmupSeconds, options.primeSeconds))} + ${options.rounds} × (${options.pacedDurationSeconds} + ${ROUND_OVERHEAD_S})) s + Redis 1 s`,
      2 * fresh(options.pacedDurationSeconds) + 1,
    );
  if (options.scenarios.includes('faults'))
    add(
      `fault run: ${GATEWAY_START_S} + ${options.faultSeconds} + 2 s of answers in flight`,
      GATEWAY_START_S + options.faultSeconds + 2,
    );
  if (options.profile)
    add(
      `profile: 2 servers × (${GATEWAY_START_S} + ${Math.max(options.durationSeconds, 5)}) s`,
      2 * (GATEWAY_START_S + Math.max(options.durationSeconds, 5)),
    );
  const seconds = Math.round(parts.reduce((sum, p) => sum + p.seconds, 0));
  const extra = options.extraRounds > 0 ? options.extraSeconds : 0;
  if (extra > 0) parts.push({ what: `extra turns for those set aside: at most ${extra} s`, seconds: 0 });
  return {
    seconds,
    atMostSeconds: seconds + extra,
    parts: parts.map((p) => (p.seconds > 0 ? `${p.what} = ${Math.round(p.seconds)} s` : p.what)),
  };
}

/** `9 min 5 s` */
export function minutes(seconds: number): string {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
