import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../bench/lib/report.js';
import { ensureDebianProgram } from '../support/debian.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// Only that the harness runs end to end and reports what it should; the numbers are not judged here.
describe('npm run bench', () => {
  it('runs one scenario against the gateway, the pass-through and the floor, and reports each', async () => {
    const args = ['--import', 'tsx', 'bench/run.ts', '--quick', '--scenario', 'node-rivergen', '--floors'];
    args.push(
      '--latency',
      '0,20',
      '--paced-rate',
      '100',
      '--duration',
      '0.3',
      '--warmup',
      '0',
      '--rounds',
      '2',
      '--cold-starts',
      '1',
      '--gateway',
      'tsx',
      '--profile',
    );
    await promisify(execFile)(process.execPath, [...args, '--out', out], { cwd: root });

    const report = JSON.parse(readFileSync(join(out, 'quick.json'), 'utf8')) as Report;
    // At 0 ms a closed loop; at 20 ms a closed loop, then the same three paced at 100 queries/s.
    expect(report.runs.map((r) => `${r.latencyMs} ${r.rate ?? 'closed'} ${r.target}`)).toEqual([
      '0 closed gateway',
      '0 closed passthrough',
      '0 closed floor',
      '20 closed gateway',
      '20 closed passthrough',
      '20 closed floor',
      '20 100 gateway',
      '20 100 passthrough',
      '20 100 floor',
    ]);
    for (const run of report.runs) {
      expect(run).toMatchObject({ scenario: 'node-rivergen', upstreamCallsPerQuery: 1 });
      expect(run.upstreamCalls).toEqual({ rivergen: { getDataSource: 1 } });
      expect(run.result.iterations).toBeGreaterThan(0);
      expect(run.result.errors).toEqual({ non2xx: 0, graphql: 0, transport: 0, timeouts: 0 });
      expect(run.rounds).toHaveLength(2);
      // --quick runs no extra turns: every turn is kept, with what the hypervisor took of it.
      expect(run.stealPercent).toHaveLength(2);
      expect(run.roundsSetAside).toBe(0);
      // Raw latencies pool the rounds of a paced run; they never reach the report.
      expect(run.result).not.toHaveProperty('samples');
    }

    expect(report.runs[0]?.ratios.map((r) => r.against)).toEqual(['passthrough', 'floor']);
    expect(report.runs[0]?.serverCpuUsPerQuery).toBeGreaterThan(0);
    // CPU per query and throughput against the pass-through, at each latency.
    expect(report.targets[0]?.detail).toMatch(/^node-rivergen [\d.]+× \/ [\d.]+× \(0 ms \/ 20 ms\)/);
    expect(report.targets[1]?.detail).toMatch(/^node-rivergen [\d.]+× \/ [\d.]+× \(0 ms \/ 20 ms\)/);
    expect(report.targets.find((t) => t.target === 'Upstream calls per query unchanged')).toMatchObject({
      met: true,
      detail: 'node-rivergen 1',
    });
    expect(report.time?.wallSeconds).toBeGreaterThan(0);
    expect(report.time?.estimate.length).toBeGreaterThan(0);
    expect(report.machine.stealPercent).toBeGreaterThanOrEqual(0);
    expect(report.coldStart.samplesMs).toHaveLength(1);
    expect(report.peakRssMb).toBeGreaterThan(0);
    expect(report.targets.map((t) => t.target)).toHaveLength(7);
    expect(readFileSync(join(out, 'quick.md'), 'utf8')).toContain(
      '| node-rivergen | 0 ms | 10 | closed | gateway |',
    );

    // --profile: the scenario once more on each server, its load only; one profile each, of its main thread.
    expect(report.profiles?.map((p) => [p.server, p.scenario, p.span])).toEqual([
      ['gateway', 'node-rivergen', 'load'],
      ['passthrough', 'node-rivergen', 'load'],
    ]);
    for (const profile of report.profiles ?? []) expect(profile.packages.length).toBeGreaterThan(0);
    expect(readdirSync(out).filter((file) => file.endsWith('.cpuprofile'))).toEqual([
      'gateway-node-rivergen.cpuprofile',
      'passthrough-node-rivergen.cpuprofile',
    ]);
    expect(readFileSync(join(out, 'quick.md'), 'utf8')).toContain(
      '## CPU profile (node-rivergen, pass-through process)',
    );
  }, 120_000);

  it('times the first streamed edges of a cross-provider page and its end, beside the same page unstreamed', async () => {
    const dir = mkdtempSync(join(out, 'streamed-'));
    const args = ['--import', 'tsx', 'bench/run.ts', '--quick', '--scenario', 'data-sources-streamed'];
    args.push(
      '--latency',
      '20',
      '--duration',
      '0.4',
      '--warmup',
      '0',
      '--cold-starts',
      '0',
      '--gateway',
      'tsx',
    );
    await promisify(execFile)(process.execPath, [...args, '--out', dir], { cwd: root });

    const report = JSON.parse(readFileSync(join(dir, 'quick.json'), 'utf8')) as Report;
    // A closed loop, then paced at the scenario's own rate: a page costs too much for the lookups' rates.
    expect(report.runs.map((r) => `${r.rate ?? 'closed'} ${r.target}`)).toEqual([
      'closed gateway',
      'closed gateway-streamed',
      '25 gateway',
      '25 gateway-streamed',
    ]);
    for (const run of report.runs) {
      expect(run.result.errors).toEqual({ non2xx: 0, graphql: 0, transport: 0, timeouts: 0 });
      expect(run.upstreamCalls).toHaveProperty('pdc');
      expect(run.upstreamCalls).toHaveProperty('prequel-import');
      expect(run.serverCpuUsPerQuery).toBeGreaterThan(0);
      // The first edges are timed on the streamed answer only, and come no later than its end.
      if (run.target === 'gateway') expect(run.result).not.toHaveProperty('firstEdge');
      else expect(run.result.firstEdge?.p50).toBeLessThanOrEqual(run.result.latency.p50);
    }
    expect(readFileSync(join(dir, 'quick.md'), 'utf8')).toMatch(
      /\| data-sources-streamed \| 20 ms \| 100 \| paced 25\/s \| [\d.]+ \/ [\d.]+ \|/,
    );
  }, 90_000);

  it('runs the same scenario against a gateway with WORKERS=1 and one with WORKERS=2, and reports both', async () => {
    const dir = mkdtempSync(join(out, 'workers-'));
    const args = ['--import', 'tsx', 'bench/run.ts', '--quick', '--scenario', 'node-rivergen'];
    args.push(
      '--workers',
      '1,2',
      '--latency',
      '0',
      '--duration',
      '0.3',
      '--warmup',
      '0',
      '--cold-starts',
      '0',
      '--gateway',
      'tsx',
    );
    await promisify(execFile)(process.execPath, [...args, '--out', dir], { cwd: root });

    const report = JSON.parse(readFileSync(join(dir, 'quick.json'), 'utf8')) as Report;
    const [one, two] = report.workers?.runs ?? [];
    expect(report.workers?.scenario).toBe('node-rivergen');
    expect([one?.workers, two?.workers]).toEqual([1, 2]);
    for (const run of [one, two]) {
      expect(run?.rps).toBeGreaterThan(0);
      expect(run?.errors).toBe(0);
      expect(run?.serverCpuUsPerQuery).toBeGreaterThan(0);
      expect(run?.cores.gateway).toBeGreaterThan(0);
      expect(run?.cores.loadGenerator).toBeGreaterThanOrEqual(0);
    }
    expect(one?.rpsVsFirst).toBe(1);
    // A primary and two workers hold more memory than one process: the peak is summed over them.
    expect(two?.peakRssMb).toBeGreaterThan(one?.peakRssMb ?? Number.POSITIVE_INFINITY);
    const markdown = readFileSync(join(dir, 'quick.md'), 'utf8');
    expect(markdown).toContain('## Workers');
    expect(markdown).toMatch(/With WORKERS=2 the gateway answered [\d.]+× the queries of WORKERS=1/);
  }, 90_000);

  it('runs one kept query against a gateway keeping its answers in memory and one keeping them in Redis, and reports both', async (ctx) => {
    if (!existsSync('/usr/bin/redis-server')) return ctx.skip('no redis-server for the cache-hit comparison');
    const dir = mkdtempSync(join(out, 'cache-hit-'));
    const args = ['--import', 'tsx', 'bench/run.ts', '--quick', '--scenario', 'cache-hit'];
    args.push('--duration', '0.5', '--warmup', '0', '--cold-starts', '0', '--gateway', 'tsx');
    await promisify(execFile)(process.execPath, [...args, '--out', dir], { cwd: root });

    const report = JSON.parse(readFileSync(join(dir, 'quick.json'), 'utf8')) as Report;
    expect(report.cacheHits?.runs.map((run) => run.store)).toEqual(['memory', 'redis']);
    for (const run of report.cacheHits?.runs ?? []) {
      expect(run.latency.p50).toBeGreaterThan(0);
      expect(run.errors).toBe(0);
    }
    // Every answer was a hit, in memory and from Redis alike.
    expect(report.cacheHits?.upstreamCalls).toBe(0);
    const markdown = readFileSync(join(dir, 'quick.md'), 'utf8');
    expect(markdown).toContain('## Cache hits from Redis');
    expect(markdown).toMatch(/\| Redis adds \| [+-][\d.]+ \| [+-][\d.]+ \|/);
  }, 90_000);
});

describe('bench/instructions.ts', () => {
  it('counts the instructions a query costs each server, and their ratio', async (ctx) => {
    const valgrind = await ensureDebianProgram('/usr/bin/valgrind', 'valgrind');
    if ('missing' in valgrind) return ctx.skip(valgrind.missing);
    const args = ['--import', 'tsx', 'bench/instructions.ts', '--scenario', 'node-rivergen,nodes-pdc'];
    args.push('--warmup', '20', '--requests', '5');
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root });
    const rows = stdout.split('\n').filter((line) => /^(node-rivergen|nodes-pdc) /.test(line));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const [gateway, passthrough, ratio] = [...row.matchAll(/([\d.]+) k|([\d.]+)×/g)].map((m) =>
        Number(m[1] ?? m[2]),
      );
      expect(gateway).toBeGreaterThan(10);
      expect(passthrough).toBeGreaterThan(10);
      expect(ratio).toBeCloseTo((gateway ?? 0) / (passthrough ?? 1), 1);
    }
    expect(stdout).toContain('main-thread instructions per query');
  }, 300_000);
});
