import type { Row } from './measure.js';
import { onGateway, type TargetName } from './scenarios.js';
import { median, round } from './stats.js';

/** How a row compares with another target of the same scenario and latency. */
export interface Ratio {
  against: TargetName;
  /** rps of this row / rps of the other: of their rounds turn by turn, the median, when closed loops. */
  throughput: number;
  /** Milliseconds added at p50 and p99 (negative: faster). */
  addedP50Ms: number;
  addedP99Ms: number;
}

export function ratiosFor(row: Row, rows: readonly Row[]): Ratio[] {
  return rows
    .filter(
      (o) =>
        o.scenario === row.scenario &&
        o.latencyMs === row.latencyMs &&
        o.rate === row.rate &&
        o.target !== row.target,
    )
    .filter((o) => !onGateway(o.target))
    .map((o) => ({
      against: o.target,
      throughput:
        pairedRatio(
          row,
          o,
          (r) => r.result.rps,
          (r) => (r.rate === undefined ? r.rounds : undefined),
          3,
        ) ?? 0,
      addedP50Ms: round(row.result.latency.p50 - o.result.latency.p50),
      addedP99Ms: round(row.result.latency.p99 - o.result.latency.p99),
    }));
}

/** One target of the gateway, judged on this run's numbers. */
export interface TargetCheck {
  target: string;
  /** undefined when the run did not measure what it needs. */
  met: boolean | undefined;
  detail: string;
}

const SINGLE = ['node-prequel-import', 'node-prequel-export', 'node-pdc', 'node-rivergen'];
/** The scenarios whose CPU per query and throughput the gateway must match the pass-through on. */
export const COMPARED = [...SINGLE, 'nodes-pdc', 'nodes-mixed', 'data-sources-postgres', 'patch-rivergen'];
/** The scenarios judged paced, at 20 ms: one call per query, so the rates stay below saturation. */
const PACED = [...SINGLE, 'patch-rivergen'];
const PACED_RATES = [500, 1000];
const LATENCIES = [0, 20];

/**
 * Upstream calls one query makes, as the gateway makes them today: one by-ids POST for 100 PDC ids,
 * that POST plus a GET for each of the 75 other ids of the mixed list, and one list call per provider
 * for the cross-provider page (streamed or not).
 */
export const EXPECTED_CALLS: Record<string, number> = {
  'node-prequel-import': 1,
  'node-prequel-export': 1,
  'node-pdc': 1,
  'node-rivergen': 1,
  'nodes-pdc': 1,
  'nodes-mixed': 76,
  'data-sources-postgres': 4,
  'data-sources-streamed': 4,
  'patch-rivergen': 1,
};

/** The longest a full run may take, in seconds. */
export const FULL_RUN_BOUND_S = 12 * 60;

/** The closed-loop row of a scenario, latency and target; the one paced at `rate` when given. */
function find(rows: readonly Row[], scenario: string, latencyMs: number, target: TargetName, rate?: number) {
  return rows.find(
    (r) => r.scenario === scenario && r.latencyMs === latencyMs && r.target === target && r.rate === rate,
  );
}

/** Met when every measured case is; undefined when none was measured. */
function all(checks: boolean[]): boolean | undefined {
  return checks.length === 0 ? undefined : checks.every(Boolean);
}

/** Milliseconds added, with their sign: the targets and the report's table write them so. */
export const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;

function partial(measured: number, of: number): string {
  return measured > 0 && measured < of ? ` (${measured} of ${of} cases run)` : '';
}

export interface Extras {
  peakRssMb: number | undefined;
  coldStartMedianMs: number | undefined;
  /** The run's length so far, in seconds. */
  wallSeconds: number | undefined;
  /** Whether every scenario ran, with the full run's options: only then does its length count. */
  fullRun: boolean;
}

/**
 * Gateway against pass-through, per scenario and latency, on one closed-loop figure: the median of
 * the turns' ratios, each turn's gateway round against the pass-through round run right after it,
 * when both rows have the figure round by round. The two servers then meet the same stretch of the
 * machine's time in each ratio: within one run a round can be a third faster than another of the
 * same target, and the median rounds of the two could come from such different stretches.
 */
function perScenario(
  rows: readonly Row[],
  value: (row: Row) => number | undefined,
  byRound: (row: Row) => readonly number[] | undefined,
): { id: string; latencyMs: number; ratio: number }[] {
  return COMPARED.flatMap((id) =>
    LATENCIES.map((latencyMs) => {
      const g = find(rows, id, latencyMs, 'gateway');
      const p = find(rows, id, latencyMs, 'passthrough');
      const ratio = g && p ? pairedRatio(g, p, value, byRound, 2) : undefined;
      return ratio === undefined ? undefined : { id, latencyMs, ratio };
    }).filter((x) => x !== undefined),
  );
}

/**
 * `value` of row `a` over that of row `b`, as the median of their rounds' ratios, turn by turn, when
 * both have the figure round by round; the ratio of the rows' figures otherwise.
 */
function pairedRatio(
  a: Row,
  b: Row,
  value: (row: Row) => number | undefined,
  byRound: (row: Row) => readonly number[] | undefined,
  digits: number,
): number | undefined {
  const [ar, br] = [byRound(a), byRound(b)];
  if (ar && br && ar.length > 0 && ar.length === br.length && br.every((v) => v > 0))
    return round(median(ar.map((v, i) => v / (br[i] as number))), digits);
  const [av, bv] = [value(a), value(b)];
  return av !== undefined && bv !== undefined && bv > 0 ? round(av / bv, digits) : undefined;
}

/** `node-pdc 0.93× / 0.97×` (0 ms / 20 ms), scenario by scenario. */
function ratioDetail(cases: { id: string; latencyMs: number; ratio: number }[]): string {
  const ids = [...new Set(cases.map((c) => c.id))];
  const latencies = [...new Set(cases.map((c) => c.latencyMs))];
  const text = ids
    .map(
      (id) =>
        `${id} ${cases
          .filter((c) => c.id === id)
          .map((c) => `${c.ratio.toFixed(2)}×`)
          .join(' / ')}`,
    )
    .join(', ');
  return `${text} (${latencies.map((l) => `${l} ms`).join(' / ')})${partial(cases.length, COMPARED.length * LATENCIES.length)}`;
}

export function checkTargets(rows: readonly Row[], extras: Extras): TargetCheck[] {
  const checks: TargetCheck[] = [];

  const cpu = perScenario(
    rows,
    (r) => r.serverCpuUsPerQuery,
    (r) => r.serverCpuUsByRound,
  );
  checks.push({
    target: 'Server CPU per query ≤ 1.0× the pass-through’s, every compared scenario at 0 and 20 ms',
    met: all(cpu.map((c) => c.ratio <= 1)),
    detail: cpu.length ? ratioDetail(cpu) : 'not run',
  });

  const rps = perScenario(
    rows,
    (r) => r.result.rps,
    (r) => r.rounds,
  );
  checks.push({
    target: 'Closed-loop throughput ≥ 1.0× the pass-through’s, the same scenarios',
    met: all(rps.map((c) => c.ratio >= 1)),
    detail: rps.length ? ratioDetail(rps) : 'not run',
  });

  // The same arrival rate for the gateway and the pass-through, in the same rounds, below saturation.
  const paced = PACED_RATES.flatMap((rate) =>
    PACED.map((id) => {
      const g = find(rows, id, 20, 'gateway', rate);
      const p = find(rows, id, 20, 'passthrough', rate);
      return g && p
        ? {
            id,
            rate,
            p50: g.result.latency.p50 - p.result.latency.p50,
            p99: g.result.latency.p99 - p.result.latency.p99,
          }
        : undefined;
    }).filter((x) => x !== undefined),
  );
  const meets = (a: (typeof paced)[number]) => a.p50 <= 0.3 && a.p99 <= 5;
  const ratesRun = PACED_RATES.filter((rate) => paced.some((a) => a.rate === rate));
  checks.push({
    target:
      'Paced at 500 and 1,000 queries/s over 20 ms upstreams: p50 within +0.3 ms and p99 within +5 ms of the pass-through’s',
    met: all(paced.map(meets)),
    detail:
      ratesRun
        .map((rate) => {
          const at = paced.filter((a) => a.rate === rate);
          return `${rate}/s, ${at.every(meets) ? 'met' : 'not met'}: ${at.map((a) => `${a.id} ${signed(a.p50)}/${signed(a.p99)} ms`).join(', ')}`;
        })
        .join('; ') + partial(paced.length, PACED.length * PACED_RATES.length) ||
      'not run paced at 500 or 1,000/s at 20 ms',
  });

  checks.push({
    target: 'Peak RSS of the gateway under load < 200 MB',
    met: extras.peakRssMb === undefined ? undefined : extras.peakRssMb < 200,
    detail: extras.peakRssMb === undefined ? 'not measured' : `${extras.peakRssMb} MB`,
  });
  checks.push({
    target: 'Cold start to the first answer < 500 ms',
    met: extras.coldStartMedianMs === undefined ? undefined : extras.coldStartMedianMs < 500,
    detail:
      extras.coldStartMedianMs === undefined
        ? 'not measured'
        : `median ${Math.round(extras.coldStartMedianMs)} ms`,
  });

  const calls = rows
    .filter((r) => r.target === 'gateway' && r.latencyMs === 0 && r.rate === undefined)
    .filter((r) => EXPECTED_CALLS[r.scenario] !== undefined)
    .map((r) => ({ id: r.scenario, calls: r.upstreamCallsPerQuery, expected: EXPECTED_CALLS[r.scenario] }));
  const wrong = calls.filter((c) => c.calls !== c.expected);
  checks.push({
    target: 'Upstream calls per query unchanged',
    met: all(calls.map((c) => c.calls === c.expected)),
    detail: !calls.length
      ? 'not run'
      : wrong.length
        ? wrong.map((c) => `${c.id} ${c.calls} calls, expected ${c.expected}`).join(', ')
        : calls.map((c) => `${c.id} ${c.calls}`).join(', '),
  });

  const wall = extras.wallSeconds;
  checks.push({
    target: 'The full `npm run bench` finishes in under 12 minutes',
    met: wall === undefined || !extras.fullRun ? undefined : wall < FULL_RUN_BOUND_S,
    detail:
      wall === undefined
        ? 'not measured'
        : `${Math.floor(wall / 60)} min ${wall % 60} s${extras.fullRun ? '' : ', not a full run'}`,
  });
  return checks;
}
