import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, send } from './lib/calls.js';
import { forkScript, stopChild } from './lib/children.js';
import { loadFixtures } from './lib/fixtures.js';
import { buildGateway, passthroughNodeOptions, startGateway } from './lib/gateway.js';
import type { HttpCall } from './lib/protocol.js';
import { buildScenarios, type Scenario, scenarioIds } from './lib/scenarios.js';
import { connectUpstreams } from './lib/upstreams.js';

/**
 * Instructions per query on each server's main thread, a count that a loaded machine does not move
 * (see README.md, "Instructions, counted"). The built gateway and the pass-through run under
 * valgrind's callgrind with its instrumentation off; each scenario is sent one iteration at a time
 * (`--warmup` of them first, for V8 to compile what they run), then counted over `--requests`.
 * Instructions are not time (a cache miss costs more than an add) but they are the same from run to
 * run, which time on a shared machine is not: a change that saves a few percent shows here in one run.
 *
 *   npx tsx bench/instructions.ts [--scenario node-rivergen,node-pdc] [--requests 300] [--warmup 3000] [--no-passthrough] [--no-build] [--build-dir <dir>]
 *
 * `--build-dir` counts another build (`node --import tsx scripts/build.ts <dir>` in a checkout of
 * another commit), for a before and after.
 * Needs valgrind (Debian's package: `apt-get install -y valgrind`).
 */
const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'node-rivergen,node-pdc' },
    requests: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '3000' },
    'no-passthrough': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'build-dir': { type: 'string' },
  },
});
const requests = Number(values.requests);
const warmup = Number(values.warmup);
if (!Number.isInteger(requests) || requests < 1) throw new Error('--requests is a whole number of 1 or more');
if (!Number.isInteger(warmup) || warmup < 0) throw new Error('--warmup is a whole number of 0 or more');
const wanted = values.scenario.split(',');
for (const id of wanted)
  if (!(scenarioIds as readonly string[]).includes(id))
    throw new Error(`--scenario takes ids among ${scenarioIds.join(', ')}; ${JSON.stringify(id)} is none`);
try {
  execFileSync('callgrind_control', ['-h'], { stdio: 'ignore' });
} catch {
  throw new Error('bench/instructions.ts needs valgrind: apt-get install -y valgrind');
}

// valgrind names the pipes its control commands go through after HOST, which the gateway reads as
// the address it binds: every process here is given the same.
const HOST = '127.0.0.1';
const outFile = join(tmpdir(), `instructions-${process.pid}`);
const launcher = {
  command: [
    'valgrind',
    '--quiet',
    '--tool=callgrind',
    '--instr-atstart=no',
    `--callgrind-out-file=${outFile}.%p`,
  ],
  // Node under valgrind starts some ten times slower.
  readyTimeoutMs: 300_000,
};
const control = (pid: number, ...args: string[]) =>
  execFileSync('callgrind_control', [...args, String(pid)], {
    env: { ...process.env, HOST },
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString();

if (!values['no-build'] && !values['build-dir']) await buildGateway();
const sims = await forkScript<{ env: Record<string, string> }>(
  new URL('./processes/simulators.ts', import.meta.url),
);
const upstreams = await connectUpstreams(sims.payload.env);
const fixtures = await loadFixtures(upstreams);
const probe = buildScenarios({ gateway: '', passthrough: '', upstreams, fixtures })
  .find((s) => s.id === 'node-rivergen')
  ?.targets.find((t) => t.name === 'gateway')?.plan.groups[0]?.[0]?.body;
const gateway = await startGateway({
  mode: 'dist',
  env: { ...sims.payload.env, HOST },
  probe: probe ?? '',
  launcher,
  ...(values['build-dir'] ? { buildDir: values['build-dir'] } : {}),
});
const passthrough = values['no-passthrough']
  ? undefined
  : await forkScript<{ origin: string }>(
      new URL('./processes/passthrough.ts', import.meta.url),
      { BENCH_UPSTREAM_ENV: JSON.stringify(sims.payload.env), HOST, ...passthroughNodeOptions() },
      [],
      launcher,
    );
const scenarios = buildScenarios({
  gateway: gateway.origin,
  passthrough: passthrough?.payload.origin ?? '',
  upstreams,
  fixtures,
}).filter((s) => wanted.includes(s.id));

const client = createClient(1, 600_000);
/** One iteration of a target's plan: its groups one after the other, the calls of a group at once. */
async function iterate(scenario: Scenario, target: Scenario['targets'][number]): Promise<void> {
  const bodies: string[] = [];
  for (const group of target.plan.groups) {
    const answers = await Promise.all(group.map((call: HttpCall) => send(client, call)));
    for (const answer of answers) {
      if (answer.outcome !== 'ok')
        throw new Error(
          `${scenario.id} on the ${target.name}: ${answer.outcome} ${answer.body.slice(0, 300)}`,
        );
      bodies.push(answer.body);
    }
  }
  const wrong = target.verify(bodies);
  if (wrong) throw new Error(`${scenario.id} on the ${target.name}: ${wrong}`);
}

/** Main-thread instructions per iteration of the target, on the server of `pid`. */
async function count(scenario: Scenario, target: Scenario['targets'][number], pid: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await iterate(scenario, target);
  control(pid, '-i', 'on');
  // Code met for the first time under instrumentation is translated: not in the count, but on its way.
  for (let i = 0; i < Math.min(50, warmup); i++) await iterate(scenario, target);
  control(pid, '-z');
  for (let i = 0; i < requests; i++) await iterate(scenario, target);
  const totals = control(pid, '-e');
  control(pid, '-i', 'off');
  // Thread 1 is the main thread; V8's helpers (its compiler, its collector's) run in the others.
  const main = /^\s*Th 1\s+([\d,]+)/m.exec(totals)?.[1];
  if (!main) throw new Error(`callgrind_control gave no count for the main thread: ${totals}`);
  return Number(main.replaceAll(',', '')) / requests;
}

const rows: string[] = [];
try {
  for (const scenario of scenarios) {
    const servers = [
      { name: 'gateway', pid: gateway.child.pid },
      ...(passthrough ? [{ name: 'passthrough', pid: passthrough.child.pid }] : []),
    ];
    const counts: number[] = [];
    for (const server of servers) {
      const target = scenario.targets.find((t) => t.name === server.name);
      if (!target || server.pid === undefined) continue;
      counts.push(await count(scenario, target, server.pid));
    }
    const [own, theirs] = counts;
    const shown = counts.map((n) => `${(n / 1000).toFixed(1).padStart(9)} k`).join('  ');
    const ratio = own !== undefined && theirs !== undefined ? `  ${(own / theirs).toFixed(2)}×` : '';
    rows.push(`${scenario.id.padEnd(24)}${shown}${ratio}`);
    console.log(rows.at(-1));
  }
} finally {
  await client.close();
  await stopChild(gateway.child, 60_000);
  if (passthrough) await stopChild(passthrough.child, 60_000);
  await stopChild(sims.child);
  for (const file of readdirSync(tmpdir()))
    if (file.startsWith(`instructions-${process.pid}.`)) rmSync(join(tmpdir(), file));
}
console.log(
  `\nmain-thread instructions per query (gateway${passthrough ? ', pass-through, gateway ÷ pass-through' : ''}), ${requests} queries after ${warmup}`,
);
