import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { judge } from '../../bench/lib/calls.js';
import { errorCodes, runPaced } from '../../bench/lib/generators.js';
import { chooseTurns, pooledLatency, type Row } from '../../bench/lib/measure.js';
import { parseOptions } from '../../bench/lib/options.js';
import type { LoadJob, LoadResult } from '../../bench/lib/protocol.js';
import { buildReport, renderMarkdown } from '../../bench/lib/report.js';
import { summarise } from '../../bench/lib/stats.js';
import { parseCpuTicks, stealPercent } from '../../bench/lib/steal.js';
import { checkTargets } from '../../bench/lib/targets.js';
import { loadResult as result } from '../support/load-results.js';

function row(
  scenario: string,
  latencyMs: number,
  target: Row['target'],
  r: LoadResult,
  calls = 1,
  rate?: number,
): Row {
  return {
    ...(rate ? { generator: 'paced', rate } : { generator: 'autocannon' }),
    scenario,
    title: scenario,
    latencyMs,
    connections: latencyMs > 0 ? 100 : 10,
    target,
    description: '',
    result: r,
    upstreamCallsPerQuery: calls,
    upstreamCalls: {},
    upstreamCallsPerQueryUnderLoad: calls,
  };
}

describe('bench pieces', () => {
  it('takes nearest-rank percentiles of the samples it was given', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarise(samples)).toEqual({ p50: 50, p90: 90, p99: 99, max: 100, mean: 50.5 });
    expect(summarise([])).toEqual({ p50: 0, p90: 0, p99: 0, max: 0, mean: 0 });
  });

  it('pools the requests of paced rounds, so that one stalled round does not set the p99', () => {
    // Two rounds of 1,000 with 11 requests held up by a stall (each round's own p99: 50 ms), one clean.
    const stalled = [...Array(989).fill(10), ...Array(11).fill(50)];
    const rounds = [stalled, stalled, Array(1000).fill(10)].map((samples) => ({
      ...result(1000, 10, summarise(samples).p99),
      samples,
    }));
    expect(rounds.map((r) => r.latency.p99)).toEqual([50, 50, 10]);
    // 22 slow of 3,000 is under 1%: the p99 of every request is the clean figure.
    expect(pooledLatency(rounds)).toMatchObject({ p50: 10, p99: 10, max: 50 });
    // 33 of 3,000 is over 1%: when the slowness is in every round, it stays in the p99.
    expect(pooledLatency([rounds[0], rounds[0], rounds[0]].map((r) => r as LoadResult)).p99).toBe(50);
  });

  it('reads the share of CPU time the hypervisor took from /proc/stat', () => {
    const at = (steal: number, rest: number) =>
      parseCpuTicks(`cpu  ${rest} 0 0 0 0 0 0 ${steal} 7 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n`);
    expect(at(20, 80)).toEqual({ steal: 20, idle: 0, total: 100 });
    // 30 of the 200 ticks between the readings were stolen; guest time is not counted twice.
    expect(stealPercent(at(20, 80), at(50, 250))).toBe(15);
    expect(stealPercent(at(20, 80), at(20, 80))).toBe(0);
    expect(stealPercent(undefined, at(20, 80))).toBeUndefined();
    expect(parseCpuTicks('intr 1 2 3\n')).toBeUndefined();
    expect(parseCpuTicks('cpu  1 2 3\n')).toBeUndefined();
  });

  it('keeps the first clean turns, or tops them up with the least disturbed ones, in the order run', () => {
    const turns = [12, 1, 30, 4, 9, 2].map((stealPercent, i) => ({ i, stealPercent }));
    expect(chooseTurns(turns, 3, 5).map((t) => t.i)).toEqual([1, 3, 5]);
    expect(chooseTurns(turns, 2, 5).map((t) => t.i)).toEqual([1, 3]);
    // Only two clean: the third is the least disturbed of the others (9%), not the first run (12%).
    expect(chooseTurns(turns.slice(0, 5), 3, 5).map((t) => t.i)).toEqual([1, 3, 4]);
    // Without /proc/stat nothing is set aside.
    expect(chooseTurns([{ stealPercent: undefined }, { stealPercent: undefined }], 2, 5)).toHaveLength(2);
  });

  it('counts a GraphQL answer with errors, or a non-2xx, as a failure', () => {
    expect(judge({ expect: 'graphql' }, 200, '{"data":{"node":null}}')).toBe('ok');
    expect(judge({ expect: 'graphql' }, 200, '{"errors":[{"message":"x"}],"data":null}')).toBe('graphql');
    expect(judge({ expect: 'graphql' }, 500, '{"data":{}}')).toBe('non2xx');
    expect(judge({ expect: 'status' }, 204, '')).toBe('ok');
  });

  it('reads the extensions.code of every error in an answer', () => {
    const body = JSON.stringify({
      data: { nodes: [null, null] },
      errors: [{ extensions: { code: 'UPSTREAM_TIMEOUT' } }, { extensions: {} }],
    });
    expect(errorCodes(body)).toEqual(['UPSTREAM_TIMEOUT', 'NO_CODE']);
    expect(errorCodes('{"data":')).toEqual(['UNREADABLE']);
  });

  it('refuses an unknown scenario or a bad number, naming the flag', () => {
    expect(() => parseOptions(['--scenario', 'nodes-everything'], {})).toThrow(/--scenario nodes-everything/);
    expect(() => parseOptions([], { BENCH_DURATION: 'soon' })).toThrow(/--duration must be a number/);
    expect(() => parseOptions(['--max-steal', '120'], {})).toThrow(
      'bench: --max-steal must be a number from 0 to 100, got "120"',
    );
    expect(parseOptions([], { BENCH_MAX_STEAL: '10' })).toMatchObject({
      maxStealPercent: 10,
      extraRounds: 3,
    });
    const quick = parseOptions(['--quick', '--profile'], {});
    expect(quick).toMatchObject({
      quick: true,
      durationSeconds: 1,
      profile: 'node-rivergen',
      latencies: [0, 20],
      extraRounds: 0,
    });
  });

  it('judges the targets of issue 7 from the rows and writes them into the Markdown', () => {
    const rows = [
      { ...row('node-pdc', 0, 'gateway', result(900, 1, 2)), stealPercent: [0.4, 7.5, 1], roundsSetAside: 2 },
      row('node-pdc', 0, 'passthrough', result(1000, 1, 2)),
      row('node-pdc', 0, 'floor', result(5000, 0.5, 1)),
      // Closed loop at 20 ms: saturated, far behind; the latency target reads the paced rows.
      row('node-pdc', 20, 'gateway', result(1500, 60, 110)),
      row('node-pdc', 20, 'floor', result(4000, 21, 24)),
      row('node-pdc', 20, 'gateway', result(1000, 22.5, 30), 1, 1000),
      row('node-pdc', 20, 'passthrough', result(1000, 22.25, 28), 1, 1000),
      row('node-pdc', 20, 'floor', result(1000, 21, 24), 1, 1000),
      row('nodes-pdc', 0, 'gateway', result(500, 5, 9), 1),
      row('nodes-pdc', 0, 'floor-gets', result(60, 50, 90), 100),
    ];
    const checks = checkTargets(rows, {
      peakRssMb: 120,
      coldStartMedianMs: 1500,
      primaryFloor: { 'node-pdc': 'floor', 'nodes-pdc': 'floor-gets' },
    });
    expect(checks.map((c) => c.met)).toEqual([true, false, true, undefined, true, false]);
    expect(checks[0]?.detail).toBe('node-pdc 90% (1 of 4 scenarios run)');
    expect(checks[1]?.detail).toBe(
      '1000 queries/s, not met: node-pdc +1.50/+6.00 ms (the pass-through adds +1.25 ms at p50) (1 of 5 scenarios run)',
    );

    const report = buildReport({
      generatedAt: '2026-01-01T00:00:00.000Z',
      command: 'npm run bench',
      machine: { node: 'v20', cpus: 2, platform: 'linux', loadAverageAtStart: [0], stealPercent: 3.2 },
      commit: undefined,
      options: parseOptions([], {}),
      rows,
      scenarioList: [],
      coldStart: { samplesMs: [1500], medianMs: 1500 },
      peakRssMb: 120,
      targets: checks,
    });
    expect(report.runs[0]?.ratios.find((r) => r.against === 'passthrough')?.throughput).toBe(0.9);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('| Peak RSS of the gateway under load < 200 MB | **met** | 120 MB |');
    expect(markdown).toContain(
      "The hypervisor took 3.2% of this machine's CPU time during the timed runs (steal, from /proc/stat). " +
        "A turn in which it took more than 5% of any target's round was set aside and run again, up to 3 extra turns " +
        'per measurement, after which the least disturbed turns are kept: 2 turns were set aside in this run.',
    );
    expect(markdown).toContain(
      '| node-pdc | 0 ms | 10 | closed | gateway | 900 | 1.00 | 2.00 | 0.90× | 0.18× | +0.50 / +1.00 | 1 |  | 0 | 0.4 / 7.5 / 1 |',
    );
    // Paced rows compare with the paced floor only.
    expect(markdown).toContain(
      '| node-pdc | 20 ms | 100 | paced 1000/s | gateway | 1000 | 22.50 | 30.00 | 1.00× | 1.00× | +1.50 / +6.00 | 1 |  | 0 |  |',
    );
  });

  it('paces queries at the rate asked, and charges a slow server for the queries it held up', async () => {
    let delayMs = 20;
    let served = 0;
    const server = createServer((_req, res) => {
      served += 1;
      setTimeout(() => res.end('{"data":{}}'), delayMs);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const job = (connections: number, rate: number, durationSeconds: number): LoadJob => ({
      kind: 'load',
      generator: 'paced',
      plan: {
        groups: [[{ origin, method: 'POST', path: '/graphql', headers: {}, body: '{}', expect: 'graphql' }]],
      },
      bounds: { connections, durationSeconds, maxIterations: 1_000_000, rate },
    });
    try {
      // 200 queries/s for half a second over 10 users: exactly 100 queries, each one answer long.
      const paced = await runPaced(job(10, 200, 0.5));
      expect(paced.iterations).toBe(100);
      expect(served).toBe(100);
      expect(paced.latency.p50).toBeGreaterThanOrEqual(20);

      // One user asked for 50/s from a server that takes 100 ms: the tenth query was due at 180 ms and
      // answered near 1 s. A closed loop would report ~100 ms for each; paced reports the wait.
      delayMs = 100;
      const behind = await runPaced(job(1, 50, 0.2));
      expect(behind.iterations).toBe(10);
      expect(behind.latency.max).toBeGreaterThan(500);
    } finally {
      server.close();
    }
  });
});
