import { type CacheHitReport, cacheHitSection } from './cache-hits.js';
import { minutes } from './estimate.js';
import type { FaultReport } from './faults.js';
import type { Row } from './measure.js';
import type { BenchOptions } from './options.js';
import type { ProfileSummary } from './profile.js';
import { onGateway, type Scenario } from './scenarios.js';
import { type Ratio, ratiosFor, signed, type TargetCheck } from './targets.js';
import { type WorkersReport, workersSection } from './workers.js';

export interface Report {
  generatedAt: string;
  command: string;
  machine: {
    node: string;
    cpus: number;
    platform: string;
    loadAverageAtStart: number[];
    /** The share of the machine's CPU time the hypervisor gave other guests during the timed runs, in %. */
    stealPercent?: number;
  };
  commit: string | undefined;
  options: BenchOptions;
  /** How long the run took, what it was estimated to take and why, and its extra turns. */
  time?: {
    wallSeconds: number;
    estimatedSeconds: number;
    estimate: string[];
    /** Seconds each part took, in the order run. */
    phases: Record<string, number>;
    extraTurns: { run: number; seconds: number; measurementsCutShort: number };
  };
  scenarios: {
    id: string;
    title: string;
    primaryFloor: string;
    targets: { name: string; description: string }[];
  }[];
  runs: (Row & { ratios: Ratio[] })[];
  coldStart: { samplesMs: number[]; medianMs: number | undefined };
  peakRssMb: number | undefined;
  /** Failed iterations over every timed run; anything but 0 makes the numbers suspect. */
  errorsTotal: number;
  targets: TargetCheck[];
  faults?: FaultReport;
  profiles?: ProfileSummary[];
  /** The same scenario against gateways with different WORKERS counts. */
  workers?: WorkersReport;
  /** One kept query against a gateway keeping its answers in memory and one keeping them in Redis. */
  cacheHits?: CacheHitReport;
}

export function buildReport(
  parts: Omit<Report, 'runs' | 'errorsTotal' | 'scenarios'> & { rows: Row[]; scenarioList: Scenario[] },
): Report {
  const { rows, scenarioList, ...rest } = parts;
  const runs = rows.map((row) => ({ ...row, ratios: ratiosFor(row, rows) }));
  const errorsTotal =
    rows.reduce((sum, r) => sum + Object.values(r.result.errors).reduce((a, b) => a + b, 0), 0) +
    (rest.workers?.runs.reduce((sum, r) => sum + r.errors, 0) ?? 0) +
    (rest.cacheHits?.runs.reduce((sum, r) => sum + r.errors, 0) ?? 0);
  const scenarios = scenarioList.map((s) => ({
    id: s.id,
    title: s.title,
    primaryFloor: s.primaryFloor,
    targets: s.targets.map((t) => ({ name: t.name, description: t.description })),
  }));
  return { ...rest, scenarios, runs, errorsTotal };
}

const met = (value: boolean | undefined) =>
  value === undefined ? 'not measured' : value ? '**met**' : '**not met**';
const ms = (value: number) => value.toFixed(2);

function ratioCells(row: Report['runs'][number], primaryFloor: string): string[] {
  const pass = row.ratios.find((r) => r.against === 'passthrough');
  const floor = row.ratios.find((r) => r.against === primaryFloor);
  return [
    pass ? `${pass.throughput.toFixed(2)}×` : '',
    floor ? `${floor.throughput.toFixed(2)}×` : '',
    floor ? `${signed(floor.addedP50Ms)} / ${signed(floor.addedP99Ms)}` : '',
  ];
}

export function renderMarkdown(report: Report): string {
  const lines: string[] = [];
  const o = report.options;
  lines.push('# Benchmark results', '');
  lines.push(
    `Generated ${report.generatedAt} by \`${report.command}\` on ${report.machine.cpus} CPUs, Node ${report.machine.node}` +
      `${report.commit ? `, commit ${report.commit.slice(0, 10)}` : ''}; load average at start ${report.machine.loadAverageAtStart.join(' / ')}.`,
    `Gateway: ${o.gateway === 'dist' ? "the bundle `npm run build` writes, with the code cache the image's build writes (`node dist/index.js`, as the container runs it)" : '`src/index.ts` through tsx'}, ` +
      `LOG_LEVEL=warn, GATEWAY_AUTH=none${Object.entries(o.gatewayEnv)
        .map(([name, value]) => `, ${name}=${value}`)
        .join(
          '',
        )}. The pass-through (bench/passthrough) runs with the container's NODE_OPTIONS (its heap limit), not the gateway's command-line flags. ` +
      `First every scenario runs for ${o.primeSeconds} s on the gateway and the pass-through, untimed. ` +
      `Then each measurement: a ${o.warmupSeconds} s warm-up per target, then ` +
      (o.rounds > 1
        ? `${o.rounds} timed rounds of ${o.durationSeconds} s (paced: ${o.pacedDurationSeconds} s; closed loops of lists and 100 nodes with added latency: ${2 * o.durationSeconds} s), the targets taking turns, each round followed by a wait until its server has finished what the clients left behind (its CPU time and the simulators' calls still for 100 ms, at most 5 s); a closed-loop row is its target's median round by rps, and its ratio to another target (server CPU per query, throughput) the median of the turns' ratios, each round against the other's of the same turn; a paced row's p50 and p99 are over every request of all its rounds (its median round by p99 gives the rest); every round in the JSON, failures of all rounds counted; `
        : `${o.durationSeconds} s timed (paced: ${o.pacedDurationSeconds} s); `) +
      `${o.connections} virtual users at 0 ms, ${o.latencyConnections} with added simulator latency. ` +
      `${o.floors ? 'The floors (REST straight to the simulators) are timed beside them. ' : ''}` +
      'Every process (simulators, gateway, pass-through, load generator) is its own, all on this machine over loopback.',
    '',
  );
  if (report.time)
    lines.push(
      `The run took ${minutes(report.time.wallSeconds)} (${Object.entries(report.time.phases)
        .map(([name, seconds]) => `${name} ${seconds} s`)
        .join(
          ', ',
        )}); it was estimated at ${minutes(report.time.estimatedSeconds)} before any extra turn: ${report.time.estimate.join('; ')}.`,
      '',
    );
  const setAside = report.runs.reduce(
    (sum, row) => sum + (row.target === 'gateway' ? (row.roundsSetAside ?? 0) : 0),
    0,
  );
  if (report.machine.stealPercent !== undefined) {
    const extra = report.time?.extraTurns;
    lines.push(
      `The hypervisor took ${report.machine.stealPercent}% of this machine's CPU time during the timed runs (steal, from /proc/stat). ` +
        `A turn in which it took more than ${o.maxStealPercent}% of any target's round was set aside and run again, ` +
        `up to ${o.extraRounds} extra turns per measurement and ${o.extraSeconds} s of extra turns over the run, after which the least disturbed turns are kept: ` +
        `${setAside} ${setAside === 1 ? 'turn was' : 'turns were'} set aside in this run` +
        (extra
          ? `; extra turns took ${extra.seconds} s${extra.measurementsCutShort > 0 ? `, and ${extra.measurementsCutShort} ${extra.measurementsCutShort === 1 ? 'measurement' : 'measurements'} kept a disturbed turn once they were spent` : ''}.`
          : '.'),
      '',
    );
  }
  if (report.errorsTotal > 0)
    lines.push(
      `**${report.errorsTotal} failed iterations in timed runs: treat the numbers below with care.**`,
      '',
    );

  lines.push('## Targets', '', '| target | status | measured |', '|---|---|---|');
  for (const check of report.targets) lines.push(`| ${check.target} | ${met(check.met)} | ${check.detail} |`);
  if (report.faults) {
    const f = report.faults.result;
    const { answerBoundMs, longestAnswerMs, gatewayPeakRssMb, rssBoundMb } = report.faults;
    lines.push(
      `| Fault run: every request answered within ${answerBoundMs / 1000} s, peak RSS under ${rssBoundMb} MB | ${met(report.faults.passed)} | ` +
        `${f.sent} sent, ${f.answered} answered, ${f.hung} hung, ${f.transport} lost; slowest ${Math.round(longestAnswerMs)} ms; peak RSS ${gatewayPeakRssMb ?? '?'} MB |`,
    );
  }
  lines.push('');

  lines.push(
    '## Runs',
    '',
    'Ratios compare each row with the same scenario and latency: throughput against the pass-through and against the floor; ' +
      'added latency (p50 / p99, ms) against the floor. Upstream calls are counted by the simulators for one query. ' +
      'Server CPU is the CPU time the gateway or pass-through process used per query during the timed run: ' +
      'unlike rps, it does not depend on what the other processes sharing the cores are doing. ' +
      'Load: `closed`, each user sends its next query as soon as its answer is in (throughput; at 100 users ' +
      'and 20 ms the servers saturate a core, so latency there is mostly queueing); `paced`, queries start ' +
      'at a fixed rate spread over the same users, identical for every target (added latency below saturation).',
    '',
    '| scenario | latency | users | load | target | rps | p50 ms | p99 ms | rps vs pass-through | rps vs floor | added vs floor | upstream calls/query | server CPU µs/query | errors | steal % by round |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  const primary = new Map(report.scenarios.map((s) => [s.id, s.primaryFloor]));
  for (const row of report.runs) {
    const errors = Object.values(row.result.errors).reduce((a, b) => a + b, 0);
    const isReference = row.target !== 'gateway' && row.target !== 'passthrough';
    const cells = isReference ? ['', '', ''] : ratioCells(row, primary.get(row.scenario) ?? 'floor');
    if (row.target === 'passthrough') cells[0] = '';
    lines.push(
      `| ${row.scenario} | ${row.latencyMs} ms | ${row.connections} | ${row.rate ? `paced ${row.rate}/s` : 'closed'} | ${row.target} | ${Math.round(row.result.rps)} | ` +
        `${ms(row.result.latency.p50)} | ${ms(row.result.latency.p99)} | ${cells.join(' | ')} | ${row.upstreamCallsPerQuery} | ${row.serverCpuUsPerQuery ?? ''} | ${errors} | ${row.stealPercent?.join(' / ') ?? ''} |`,
    );
  }
  lines.push('');

  lines.push(...streamedSection(report.runs));
  if (report.workers) lines.push(...workersSection(report.workers));
  if (report.cacheHits) lines.push(...cacheHitSection(report.cacheHits));

  lines.push('## What each target sends', '');
  for (const s of report.scenarios) {
    const against = onGateway(s.primaryFloor)
      ? 'compared with the answer whole: see Streamed lists'
      : `floor for the ratios: ${s.primaryFloor}`;
    lines.push(`- **${s.id}** — ${s.title} (${against})`);
    for (const t of s.targets) lines.push(`  - ${t.name}: ${t.description}`);
  }
  lines.push(
    '',
    'The gateway and the pass-through receive the same GraphQL document. The pass-through (bench/passthrough/) is a bare',
    'graphql-yoga server whose resolvers make the same undici calls as the gateway with no loaders, plugins or mapping.',
    '',
    `Cold start (spawn to the first answer that reached an upstream): ${report.coldStart.samplesMs.map((v) => Math.round(v)).join(', ')} ms. ` +
      `Peak RSS of the gateway (VmHWM) over the timed runs: ${report.peakRssMb ?? 'not measured'} MB.`,
    '',
  );

  if (report.faults) lines.push(...faultSection(report.faults));
  for (const profile of report.profiles ?? []) lines.push(...profileSection(profile));
  return `${lines.join('\n')}\n`;
}

const pair = (l: { p50: number; p99: number }) => `${ms(l.p50)} / ${ms(l.p99)}`;

/** Rows that streamed, beside the same query answered whole by the same gateway under the same load. */
function streamedSection(runs: Report['runs']): string[] {
  const streamed = runs.filter((row) => row.result.firstEdge);
  if (streamed.length === 0) return [];
  const lines = [
    '## Streamed lists',
    '',
    'The same page asked with `edges @stream` (its pageInfo deferred) and without, on the same gateway. ' +
      'First edge: from sending the query to reading the first part that carries edges; whole answer: to its last part. ' +
      'Unstreamed, the first edge comes with the whole answer. p50 / p99 in ms.',
    '',
    '| scenario | latency | users | load | first edge, streamed | whole answer, streamed | whole answer, unstreamed | first edge sooner by | rps streamed / unstreamed |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of streamed) {
    const firstEdge = row.result.firstEdge;
    if (!firstEdge) continue;
    const plain = runs.find(
      (o) =>
        o.scenario === row.scenario &&
        o.latencyMs === row.latencyMs &&
        o.rate === row.rate &&
        o.target === 'gateway',
    );
    const sooner = plain
      ? `${ms(plain.result.latency.p50 - firstEdge.p50)} / ${ms(plain.result.latency.p99 - firstEdge.p99)}`
      : '';
    lines.push(
      `| ${row.scenario} | ${row.latencyMs} ms | ${row.connections} | ${row.rate ? `paced ${row.rate}/s` : 'closed'} | ` +
        `${pair(firstEdge)} | ${pair(row.result.latency)} | ${plain ? pair(plain.result.latency) : ''} | ${sooner} | ` +
        `${Math.round(row.result.rps)} / ${plain ? Math.round(plain.result.rps) : ''} |`,
    );
  }
  lines.push('');
  return lines;
}

function faultSection(f: FaultReport): string[] {
  const r = f.result;
  const lines = [
    '## Fault run',
    '',
    `${f.connections} virtual users for ${f.durationSeconds} s send ${f.operations.join(', ')} in rotation to a gateway with ` +
      `${Object.entries(f.gatewayEnv)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}, while the simulators' faults change every ${f.phaseMs} ms:`,
    '',
  ];
  for (const [provider, phases] of Object.entries(f.schedule))
    lines.push(`- ${provider}: ${phases.map((p) => `\`${JSON.stringify(p)}\``).join(' → ')}`);
  lines.push(
    '',
    '| sent | answered | hung | lost | answers without errors | p50 ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|---|---|',
    `| ${r.sent} | ${r.answered} | ${r.hung} | ${r.transport} | ${r.clean} | ${ms(r.latency.p50)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} |`,
    '',
    '| extensions.code | answers carrying it | errors |',
    '|---|---|---|',
    ...Object.entries(r.answersByCode)
      .sort((a, b) => b[1] - a[1])
      .map(([code, answers]) => `| ${code} | ${answers} | ${r.codes[code] ?? 0} |`),
    '',
    `The slowest answer took ${Math.round(f.longestAnswerMs)} ms, against ${f.answerBoundMs} ms allowed by the settings ` +
      `(every try of a read running to UPSTREAM_DEADLINE_MS, with the longest wait between tries).`,
    '',
    `The gateway wrote ${f.gatewayLogLines} log lines at LOG_LEVEL=warn; its peak RSS was ${f.gatewayPeakRssMb ?? '?'} MB (bound ${f.rssBoundMb} MB).`,
    '',
    `HTTP statuses: ${Object.entries(r.statuses)
      .map(([s, n]) => `${s} × ${n}`)
      .join(', ')}.`,
    '',
  );
  return lines;
}

function profileSection(p: ProfileSummary): string[] {
  return [
    `## CPU profile (${p.scenario}, ${p.server === 'passthrough' ? 'pass-through' : 'gateway'} process)`,
    '',
    `${p.file}: ${Math.round(p.totalMs)} ms sampled (${p.span === 'load' ? 'under load only, start-up left out' : 'the whole process, start-up included'}). Self time by function (top ${p.functions.length}) and by package:`,
    '',
    '| share | function | where |',
    '|---|---|---|',
    ...p.functions.map((f) => `| ${f.share.toFixed(1)}% | ${f.name} | ${f.where} |`),
    '',
    '| share | package or folder |',
    '|---|---|',
    ...p.packages.map((f) => `| ${f.share.toFixed(1)}% | ${f.name} |`),
    '',
  ];
}
