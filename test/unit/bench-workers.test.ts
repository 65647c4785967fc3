import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { cpuTimeUs, peakRssMb, processTree, stopChild } from '../../bench/lib/children.js';
import { parseOptions } from '../../bench/lib/options.js';
import { buildReport, renderMarkdown } from '../../bench/lib/report.js';
import { busyCores, parseCpuTicks } from '../../bench/lib/steal.js';
import type { WorkersReport, WorkersRun } from '../../bench/lib/workers.js';
import { loadResult } from '../support/load-results.js';

function run(workers: number, rps: number, cores: WorkersRun['cores'], rpsVsFirst: number): WorkersRun {
  const { latency } = loadResult(rps, 1, 2);
  return {
    workers,
    rps,
    latency,
    errors: 0,
    serverCpuUsPerQuery: 300 + workers,
    peakRssMb: 100 * workers,
    cores,
    rounds: [rps - 10, rps, rps + 10],
    rpsVsFirst,
  };
}

function report(machine: number): WorkersReport {
  return {
    scenario: 'node-rivergen',
    connections: 10,
    cpus: 2,
    durationSeconds: 3,
    runs: [
      run(1, 2000, { gateway: 0.9, loadGenerator: 0.5, simulators: 0.2, machine: 1.7 }, 1),
      run(2, 2600, { gateway: 1.2, loadGenerator: 0.5, simulators: 0.2, machine }, 1.3),
    ],
  };
}

describe('bench with WORKERS', () => {
  it('compares WORKERS=1 and 2 in a full run, none in a quick one, and refuses a bad count naming the flag', () => {
    expect(parseOptions([], {}).workers).toEqual([1, 2]);
    expect(parseOptions(['--quick'], {}).workers).toEqual([]);
    expect(parseOptions(['--workers', '1,4,4'], {}).workers).toEqual([1, 4]);
    expect(parseOptions(['--workers', '0'], {}).workers).toEqual([]);
    expect(parseOptions([], { BENCH_WORKERS: '2' }).workers).toEqual([2]);
    expect(() => parseOptions(['--workers', 'two'], {})).toThrow(/--workers must be a number/);
  });

  it('counts the cores the whole machine kept busy between two readings of /proc/stat', () => {
    // user nice system idle iowait irq softirq steal: 300 busy ticks, 100 idle, 20 waiting, 10 stolen.
    const before = parseCpuTicks('cpu  100 0 0 500 0 0 0 0 0 0\n');
    const after = parseCpuTicks('cpu  350 0 50 600 20 0 0 10 0 0\n');
    expect(busyCores(before, after, 1.5)).toBe(2);
    expect(busyCores(undefined, after, 1.5)).toBeUndefined();
  });

  it('sums the CPU time and peak RSS of a process and its children', async () => {
    // A parent that forks a child and prints its pid, both kept alive until stopped.
    const child = spawn(
      process.execPath,
      [
        '-e',
        "const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e3)'], { stdio: 'ignore' }); console.log(c.pid); process.on('SIGTERM', () => { c.kill(); process.exit(0); }); setInterval(() => {}, 1e3);",
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      const grandchild = Number(chunk.toString().trim());
      const tree = await processTree(child.pid as number);
      expect(tree).toEqual([child.pid, grandchild]);
      const [both, one] = await Promise.all([peakRssMb(child.pid), peakRssMb(grandchild)]);
      expect(both).toBeGreaterThan(one ?? Number.POSITIVE_INFINITY);
      const [cpuBoth, cpuOne] = await Promise.all([cpuTimeUs(child.pid), cpuTimeUs(grandchild)]);
      expect(cpuBoth).toBeGreaterThanOrEqual(cpuOne ?? Number.POSITIVE_INFINITY);
    } finally {
      await stopChild(child);
    }
  });

  it('writes a Workers table into the report, and says the shared cores bound the ratio when they were saturated', () => {
    const build = (workers: WorkersReport) =>
      buildReport({
        generatedAt: '2026-01-01T00:00:00.000Z',
        command: 'npm run bench',
        machine: { node: 'v20', cpus: 2, platform: 'linux', loadAverageAtStart: [0, 0, 0] },
        commit: undefined,
        options: parseOptions([], {}),
        rows: [],
        scenarioList: [],
        coldStart: { samplesMs: [], medianMs: undefined },
        peakRssMb: undefined,
        targets: [],
        workers,
      });
    const saturated = renderMarkdown(build(report(1.95)));
    expect(saturated).toContain('## Workers');
    expect(saturated).toContain(
      '| 2 | 2600 | 1.30× | 1.00 | 2.00 | 302 | 200 | 1.2 / 0.5 / 0.2 / 1.95 | 2590 / 2600 / 2610 | 0 |',
    );
    expect(saturated).toContain('With WORKERS=2 the gateway answered 1.3× the queries of WORKERS=1');
    expect(saturated).toContain('other processes on the machine 0.05, 1.95 of its 2.');
    expect(saturated).toContain('The cores were saturated');

    const idle = renderMarkdown(build(report(1.2)));
    expect(idle).toContain('The cores were not saturated');
  });
});
