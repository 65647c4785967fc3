import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { judge } from '../../bench/lib/calls.js';
import { estimateRun, minutes } from '../../bench/lib/estimate.js';
import { errorCodes, runPaced } from '../../bench/lib/generators.js';
import { chooseTurns, pooledLatency, type Row, settle } from '../../bench/lib/measure.js';
import { parseOptions } from '../../bench/lib/options.js';
import type { LoadJob, LoadResult } from '../../bench/lib/protocol.js';
import { buildReport, renderMarkdown } from '../../bench/lib/report.js';
import { type Target, withoutFloors } from '../../bench/lib/scenarios.js';
import { summarise } from '../../bench/lib/stats.js';
import { parseCpuTicks, stealPercent } from '../../bench/lib/steal.js';
import { checkTargets, ratiosFor } from '../../bench/lib/targets.js';
import { ExtraTurns } from '../../bench/lib/turns.js';
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

const extrasNone = {
  peakRssMb: undefined,
  coldStartMedianMs: undefined,
  wallSeconds: undefined,
  fullRun: false,
};

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
      extraSeconds: 60,
      durationSeconds: 2,
      pacedDurationSeconds: 2.5,
      floors: false,
    });
    // A duration given applies to the paced rounds too, unless they have their own.
    expect(parseOptions(['--duration', '1'], {}).pacedDurationSeconds).toBe(1);
    expect(parseOptions(['--duration', '1', '--paced-duration', '4'], {}).pacedDurationSeconds).toBe(4);
    expect(parseOptions(['--floors'], {}).floors).toBe(true);
    expect(parseOptions([], { BENCH_FLOORS: '1' }).floors).toBe(true);
    // A setting compared on the gateway, without its value ever echoed into an error.
    expect(
      parseOptions(['--gateway-env', 'MAX_RECORDS_IN_FLIGHT=4000', '--gateway-env', 'LOG_LEVEL=a=b'], {})
        .gatewayEnv,
    ).toEqual({ MAX_RECORDS_IN_FLIGHT: '4000', LOG_LEVEL: 'a=b' });
    expect(parseOptions([], {}).gatewayEnv).toEqual({});
    expect(() => parseOptions(['--gateway-env', 'secret-token'], {})).toThrow(
      'bench: --gateway-env takes NAME=VALUE, NAME in capitals, digits and _',
    );
    expect(() => parseOptions(['--gateway-env', 'lower=1'], {})).toThrow(/NAME=VALUE/);
    const quick = parseOptions(['--quick', '--profile'], {});
    expect(quick).toMatchObject({
      quick: true,
      durationSeconds: 1,
      profile: 'node-rivergen',
      latencies: [0, 20],
      extraRounds: 0,
    });
  });

  it("runs extra turns for disturbed ones within a measurement's count and the whole run's seconds", async () => {
    const turns = new ExtraTurns({ rounds: 2, extraRounds: 3, maxStealPercent: 5, extraSeconds: 0.05 });
    const steal = (...percents: number[]) => percents.map((stealPercent) => ({ stealPercent }));
    expect(turns.another(steal())).toBe(true);
    expect(turns.another(steal(1, 2))).toBe(false);
    expect(turns.another(steal(9, 2))).toBe(true);
    // Five turns is the most a measurement runs, clean or not.
    expect(turns.another(steal(9, 9, 9, 9, 9))).toBe(false);
    // The counted rounds cost the budget nothing; an extra turn does.
    await turns.run(1, () => sleep(30));
    expect(turns.spentSeconds).toBe(0);
    await turns.run(2, () => sleep(60));
    expect(turns.turnsRun).toBe(1);
    expect(turns.another(steal(9, 2, 9))).toBe(false);
    expect(turns.cutShort).toBe(1);
  });

  it('estimates a run from its parts', () => {
    const options = parseOptions([], {});
    const scenario = (id: string, targets: number) => ({
      id,
      title: id,
      primaryFloor: 'floor' as const,
      targets: Array.from({ length: targets }, (_, i) => ({
        name: i === 0 ? ('gateway' as const) : ('passthrough' as const),
        description: '',
        plan: {
          groups: [
            [{ origin: '', method: 'POST' as const, path: '/', headers: {}, expect: 'graphql' as const }],
          ],
        },
        verify: () => undefined,
      })),
    });
    const one = estimateRun({ ...options, scenarios: ['node-pdc'], workers: [] }, [scenario('node-pdc', 2)]);
    // 2 closed runs at each of 2 latencies, and 2 paced runs at each of 2 rates at 20 ms.
    expect(one.parts).toContain('closed loops: 4 target runs × (0.5 + 3 × (2 + 0.5)) s = 32 s');
    expect(one.parts).toContain('paced: 4 target runs × (0.5 + 3 × (2.5 + 0.5)) s = 38 s');
    expect(one.atMostSeconds - one.seconds).toBe(60);
    expect(minutes(one.seconds)).toMatch(/^\d+ min \d+ s$/);
    // Lists and 100 nodes answer in seconds with added latency: their closed rounds there last twice as long.
    const slow = estimateRun({ ...options, scenarios: ['nodes-pdc'], workers: [] }, [
      { ...scenario('nodes-pdc', 2), slow: true },
    ]);
    expect(slow.parts).toContain('closed loops: 2 target runs × (0.5 + 3 × (2 + 0.5)) s = 16 s');
    expect(slow.parts).toContain(
      'closed loops of slow answers: 2 target runs × (0.5 + 3 × (4 + 0.5)) s = 28 s',
    );
  });

  it('leaves the floors out unless asked, and paces only what made one call with them', () => {
    const call = { origin: '', method: 'GET' as const, path: '/', headers: {}, expect: 'status' as const };
    const target = (name: Target['name'], calls: number): Target => ({
      name,
      description: '',
      plan: { groups: [Array(calls).fill(call)] },
      verify: () => undefined,
    });
    const lookup = {
      id: 'node-pdc',
      title: '',
      primaryFloor: 'floor' as const,
      targets: [target('gateway', 1), target('passthrough', 1), target('floor', 1)],
    };
    const nodes = { ...lookup, id: 'nodes-pdc', targets: [target('gateway', 1), target('floor-gets', 100)] };
    expect(withoutFloors(lookup).targets.map((t) => t.name)).toEqual(['gateway', 'passthrough']);
    expect(withoutFloors(lookup).pacedRates).toBeUndefined();
    expect(withoutFloors(nodes).targets.map((t) => t.name)).toEqual(['gateway']);
    expect(withoutFloors(nodes).pacedRates).toEqual([]);
  });

  it('compares the gateway with the pass-through turn by turn: the median of the rounds’ ratios', () => {
    // The machine ran fast in the second turn and slow in the third: each ratio pairs rounds of one
    // stretch. The median rounds (1000 rps, 480 µs against 1000 rps, 450 µs) would say 1.00× and 1.07×.
    const rows = [
      {
        ...row('node-pdc', 0, 'gateway', result(1000, 1, 2)),
        rounds: [900, 1300, 1000],
        serverCpuUsPerQuery: 480,
        serverCpuUsByRound: [500, 400, 480],
      },
      {
        ...row('node-pdc', 0, 'passthrough', result(1000, 1, 2)),
        rounds: [1000, 1400, 800],
        serverCpuUsPerQuery: 450,
        serverCpuUsByRound: [450, 420, 520],
      },
    ];
    const [cpu, rps] = checkTargets(rows, extrasNone);
    // CPU 500/450, 400/420, 480/520: 1.11, 0.95, 0.92. Throughput 0.90, 0.93, 1.25.
    expect(cpu).toMatchObject({ met: true, detail: 'node-pdc 0.95× (0 ms) (1 of 16 cases run)' });
    expect(rps).toMatchObject({ met: false, detail: 'node-pdc 0.93× (0 ms) (1 of 16 cases run)' });
    expect(ratiosFor(rows[0] as Row, rows)).toEqual([
      { against: 'passthrough', throughput: 0.929, addedP50Ms: 0, addedP99Ms: 0 },
    ]);
  });

  it('judges the targets from the rows and writes them into the Markdown', () => {
    const rows = [
      {
        ...row('node-pdc', 0, 'gateway', result(900, 1, 2)),
        stealPercent: [0.4, 7.5, 1],
        roundsSetAside: 2,
        serverCpuUsPerQuery: 450,
      },
      { ...row('node-pdc', 0, 'passthrough', result(1000, 1, 2)), serverCpuUsPerQuery: 500 },
      row('node-pdc', 0, 'floor', result(5000, 0.5, 1)),
      // Closed loop at 20 ms: saturated; the latency target reads the paced rows.
      { ...row('node-pdc', 20, 'gateway', result(1500, 60, 110)), serverCpuUsPerQuery: 600 },
      { ...row('node-pdc', 20, 'passthrough', result(1400, 62, 120)), serverCpuUsPerQuery: 560 },
      row('node-pdc', 20, 'gateway', result(1000, 22.5, 30), 1, 1000),
      row('node-pdc', 20, 'passthrough', result(1000, 22.25, 28), 1, 1000),
      row('node-pdc', 20, 'gateway', result(500, 22.5, 30), 1, 500),
      row('node-pdc', 20, 'passthrough', result(500, 22, 20), 1, 500),
      row('nodes-mixed', 0, 'gateway', result(50, 200, 300), 77),
    ];
    const checks = checkTargets(rows, {
      peakRssMb: 120,
      coldStartMedianMs: 450,
      wallSeconds: 700,
      fullRun: true,
    });
    expect(checks.map((c) => c.met)).toEqual([false, false, false, true, true, false, true]);
    expect(checks[0]?.detail).toBe('node-pdc 0.90× / 1.07× (0 ms / 20 ms) (2 of 16 cases run)');
    expect(checks[1]?.detail).toBe('node-pdc 0.90× / 1.07× (0 ms / 20 ms) (2 of 16 cases run)');
    expect(checks[2]?.detail).toBe(
      '500/s, not met: node-pdc +0.50/+10.00 ms; 1000/s, met: node-pdc +0.25/+2.00 ms (2 of 10 cases run)',
    );
    expect(checks[5]?.detail).toBe('nodes-mixed 77 calls, expected 76');
    expect(checks[6]?.detail).toBe('11 min 40 s');
    expect(checkTargets(rows, { ...extrasNone, wallSeconds: 100 }).at(-1)).toMatchObject({
      met: undefined,
      detail: '1 min 40 s, not a full run',
    });

    const report = buildReport({
      generatedAt: '2026-01-01T00:00:00.000Z',
      command: 'npm run bench',
      machine: { node: 'v20', cpus: 2, platform: 'linux', loadAverageAtStart: [0], stealPercent: 3.2 },
      commit: undefined,
      options: parseOptions(['--gateway-env', 'MAX_RECORDS_IN_FLIGHT=4000'], {}),
      time: {
        wallSeconds: 700,
        estimatedSeconds: 600,
        estimate: ['setup = 12 s'],
        phases: { setup: 10.5, measurements: 600 },
        extraTurns: { run: 4, seconds: 40.5, measurementsCutShort: 1 },
      },
      rows,
      scenarioList: [],
      coldStart: { samplesMs: [450], medianMs: 450 },
      peakRssMb: 120,
      targets: checks,
    });
    expect(report.runs[0]?.ratios.find((r) => r.against === 'passthrough')?.throughput).toBe(0.9);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('## Targets\n');
    expect(markdown).toContain(
      "LOG_LEVEL=warn, GATEWAY_AUTH=none, MAX_RECORDS_IN_FLIGHT=4000. The pass-through (bench/passthrough) runs with the container's NODE_OPTIONS",
    );
    expect(markdown).not.toMatch(/issue \d/);
    expect(markdown).toContain('| Peak RSS of the gateway under load < 200 MB | **met** | 120 MB |');
    expect(markdown).toContain(
      'The run took 11 min 40 s (setup 10.5 s, measurements 600 s); it was estimated at 10 min 0 s before any extra turn: setup = 12 s.',
    );
    expect(markdown).toContain(
      "The hypervisor took 3.2% of this machine's CPU time during the timed runs (steal, from /proc/stat). " +
        "A turn in which it took more than 5% of any target's round was set aside and run again, up to 3 extra turns " +
        'per measurement and 60 s of extra turns over the run, after which the least disturbed turns are kept: ' +
        '2 turns were set aside in this run; extra turns took 40.5 s, and 1 measurement kept a disturbed turn once they were spent.',
    );
    expect(markdown).toContain(
      '| node-pdc | 0 ms | 10 | closed | gateway | 900 | 1.00 | 2.00 | 0.90× | 0.18× | +0.50 / +1.00 | 1 | 450 | 0 | 0.4 / 7.5 / 1 |',
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

  it('waits after a round until its server is done with what the clients left, and no longer', async () => {
    // A server still busy for three looks (its CPU time and the simulators' counts moving), then idle.
    let looks = 0;
    const busyFor = 3;
    const deps = {
      serverCpuUs: async () => 1000 * Math.min(++looks, busyFor + 1),
      sims: { counts: async () => ({ rivergen: { getDataSource: Math.min(looks, busyFor + 1) } }) },
    } as unknown as Parameters<typeof settle>[0];
    await settle(deps, 'passthrough');
    // The first look, three that found it still busy, and one that found it idle.
    expect(looks).toBe(busyFor + 2);
  });
});
