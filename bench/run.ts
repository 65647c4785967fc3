import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { type AnswerStoreKind, measureCacheHits } from './lib/cache-hits.js';
import { createClient } from './lib/calls.js';
import { cpuTimeUs, forkScript, LoadProcess, peakRssMb, stopChild } from './lib/children.js';
import { graphqlCall } from './lib/documents.js';
import { estimateRun, minutes } from './lib/estimate.js';
import { runFaultScenario } from './lib/faults.js';
import { loadFixtures } from './lib/fixtures.js';
import {
  buildGateway,
  type GatewayProcess,
  passthroughNodeOptions,
  root,
  startGateway,
} from './lib/gateway.js';
import { measureAll, type Row } from './lib/measure.js';
import { type BenchOptions, parseOptions } from './lib/options.js';
import { nowUs, type ProfileSummary, summariseProfile } from './lib/profile.js';
import { startRedis } from './lib/redis.js';
import { buildReport, renderMarkdown } from './lib/report.js';
import {
  buildScenarios,
  cannonCan,
  onGateway,
  type Scenario,
  scenarioIds,
  withoutFloors,
} from './lib/scenarios.js';
import { SimulatorControl } from './lib/sims.js';
import { median } from './lib/stats.js';
import { readCpuTicks, stealPercent } from './lib/steal.js';
import { checkTargets } from './lib/targets.js';
import { ExtraTurns } from './lib/turns.js';
import { connectUpstreams } from './lib/upstreams.js';
import { measureWorkers } from './lib/workers.js';
import type { SimulatorsReady } from './processes/simulators.js';

const log = (line: string) => console.log(line);
const children = new Set<ChildProcess>();
// A crash must not leave servers behind.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function track<T extends { child: ChildProcess }>(started: T): T {
  children.add(started.child);
  started.child.once('exit', () => children.delete(started.child));
  return started;
}

async function main(options: BenchOptions): Promise<number> {
  const began = performance.now();
  // Seconds each part of the run took, in the order run: where the time goes, beside the estimate.
  const phases: Record<string, number> = {};
  let phaseBegan = began;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round((now - phaseBegan) / 100) / 10;
    phaseBegan = now;
  };
  const loadAverageAtStart = loadavg().map((n) => Math.round(n * 100) / 100);
  if (options.gateway === 'dist') {
    log('bench: compiling the gateway (tsc, as npm run build)…');
    await buildGateway();
  }
  const sims = track(
    await forkScript<SimulatorsReady>(new URL('./processes/simulators.ts', import.meta.url)),
  );
  const control = new SimulatorControl(sims.payload.origins);
  const upstreams = await connectUpstreams(sims.payload.env);
  const fixtures = await loadFixtures(upstreams);
  const load = new LoadProcess(
    track(await forkScript(new URL('./processes/load.ts', import.meta.url))).child,
  );
  const probeItem = fixtures.rivergen[0];
  const probe =
    graphqlCall('', 'query Probe($id: ID!) { node(id: $id) { id } }', { id: probeItem?.globalId }).body ?? '';
  // The gateway's environment: the simulators' demo variables and any `--gateway-env` settings.
  const gatewayEnv = { ...sims.payload.env, ...options.gatewayEnv };
  const gatewayStart = { mode: options.gateway, env: gatewayEnv, probe };
  const everyScenario = (gatewayOrigin: string, passthroughOrigin: string) =>
    buildScenarios({ gateway: gatewayOrigin, passthrough: passthroughOrigin, upstreams, fixtures }).map(
      (scenario) => (options.floors ? scenario : withoutFloors(scenario)),
    );
  const selected = (all: Scenario[]) => all.filter((s) => options.scenarios.includes(s.id));
  const estimate = estimateRun(options, selected(everyScenario('', '')));
  log(
    `bench: this run should take about ${minutes(estimate.seconds)}` +
      `${estimate.atMostSeconds > estimate.seconds ? `, at most ${minutes(estimate.atMostSeconds)} with extra turns` : ''}:`,
  );
  for (const part of estimate.parts) log(`  ${part}`);
  const extraTurns = new ExtraTurns(options);

  phase('setup');
  const coldStarts: number[] = [];
  for (let i = 0; i < options.coldStarts; i++) {
    const cold = track(await startGateway(gatewayStart));
    coldStarts.push(cold.coldStartMs);
    await stopChild(cold.child);
  }
  if (coldStarts.length > 0) log(`bench: cold start ${coldStarts.map((v) => Math.round(v)).join(', ')} ms`);
  phase('cold starts');

  const gateway: GatewayProcess = track(await startGateway(gatewayStart));
  const startPassthrough = (nodeArgs: string[] = []) =>
    forkScript<{ origin: string }>(
      new URL('./processes/passthrough.ts', import.meta.url),
      {
        BENCH_UPSTREAM_ENV: JSON.stringify(sims.payload.env),
        // The container's environment (its heap limit, `ENV NODE_OPTIONS` in the Dockerfile), as a
        // server of one's own in the same container would run: without it the pass-through had a heap
        // limit of several GB, and V8 lets such a heap grow far more between full collections.
        ...passthroughNodeOptions(),
      },
      nodeArgs,
    );
  const passthrough = track(await startPassthrough());
  const scenariosFor = (gatewayOrigin: string) => everyScenario(gatewayOrigin, passthrough.payload.origin);
  const scenarios = selected(scenariosFor(gateway.origin));
  const client = createClient();
  let rows: Row[] = [];
  const ticksBefore = await readCpuTicks();
  if (scenarios.length > 0) {
    rows = await measureAll(scenarios, {
      load,
      sims: control,
      client,
      options,
      extraTurns,
      gatewayRss: () => peakRssMb(gateway.child.pid),
      serverCpuUs: async (target) =>
        onGateway(target)
          ? cpuTimeUs(gateway.child.pid)
          : target === 'passthrough'
            ? cpuTimeUs(passthrough.child.pid)
            : undefined,
      log,
    });
  }
  const steal = scenarios.length > 0 ? stealPercent(ticksBefore, await readCpuTicks()) : undefined;
  const peakRss = scenarios.length > 0 ? await peakRssMb(gateway.child.pid) : undefined;
  await stopChild(gateway.child);

  // Gateways with each WORKERS count, on the first scenario selected, after the single-process runs.
  phase('measurements');
  const workersScenario = scenarios[0];
  let workers: Awaited<ReturnType<typeof measureWorkers>>;
  if (workersScenario && options.workers.length > 0) {
    const gateways = [];
    for (const count of options.workers) {
      const started = track(
        await startGateway({ ...gatewayStart, env: { ...gatewayEnv, WORKERS: String(count) } }),
      );
      const scenario = scenariosFor(started.origin).find((s) => s.id === workersScenario.id);
      if (scenario) gateways.push({ workers: count, gateway: started, scenario });
    }
    try {
      workers = await measureWorkers(gateways, {
        load,
        client,
        options,
        extraTurns,
        cpus: cpus().length,
        simulatorsPid: sims.child.pid,
        log,
      });
    } finally {
      for (const { gateway: started } of gateways) await stopChild(started.child, 15_000);
    }
  }

  if (workers) phase('workers');
  const cacheHits = options.scenarios.includes('cache-hit')
    ? await runCacheHits(options, gatewayStart, control, load, client, extraTurns)
    : undefined;

  if (cacheHits) phase('cache hits');
  const faults = options.scenarios.includes('faults')
    ? await runFaultScenario({
        mode: options.gateway,
        env: gatewayEnv,
        probe,
        sims: control,
        load,
        scenariosFor,
        durationSeconds: options.faultSeconds,
        connections: options.faultConnections,
      })
    : undefined;
  if (faults) {
    const r = faults.result;
    log(
      `bench: faults — ${r.sent} sent, ${r.answered} answered, ${r.hung} hung, ${r.transport} lost; slowest ${Math.round(faults.longestAnswerMs)} ms of ${faults.answerBoundMs} allowed; peak RSS ${faults.gatewayPeakRssMb ?? '?'} MB of ${faults.rssBoundMb}; codes ${JSON.stringify(r.codes)}`,
    );
  }

  if (faults) phase('fault run');
  const profiles = options.profile
    ? await runProfiles(options, options.profile, { gatewayStart, startPassthrough, everyScenario, load })
    : undefined;
  await client.close();

  if (profiles) phase('profile');
  const wallSeconds = Math.round((performance.now() - began) / 1000);
  const report = buildReport({
    generatedAt: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: {
      node: process.version,
      cpus: cpus().length,
      platform: process.platform,
      loadAverageAtStart,
      ...(steal !== undefined ? { stealPercent: steal } : {}),
    },
    commit: gitCommit(),
    options,
    time: {
      wallSeconds,
      estimatedSeconds: estimate.seconds,
      estimate: estimate.parts,
      phases,
      extraTurns: {
        run: extraTurns.turnsRun,
        seconds: extraTurns.spentSeconds,
        measurementsCutShort: extraTurns.cutShort,
      },
    },
    rows,
    scenarioList: scenarios,
    coldStart: {
      samplesMs: coldStarts.map((v) => Math.round(v)),
      medianMs: coldStarts.length ? median(coldStarts) : undefined,
    },
    peakRssMb: peakRss,
    targets: checkTargets(rows, {
      peakRssMb: peakRss,
      coldStartMedianMs: coldStarts.length ? median(coldStarts) : undefined,
      wallSeconds,
      fullRun: !options.quick && scenarioIds.every((id) => options.scenarios.includes(id)),
    }),
    ...(faults ? { faults } : {}),
    ...(profiles ? { profiles } : {}),
    ...(workers ? { workers } : {}),
    ...(cacheHits ? { cacheHits } : {}),
  });
  const outDir = resolve(root, options.outDir);
  await mkdir(outDir, { recursive: true });
  const name = options.quick ? 'quick' : 'latest';
  await writeFile(join(outDir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(outDir, `${name}.md`), renderMarkdown(report));
  for (const check of report.targets)
    log(
      `target: ${check.met === undefined ? 'n/a ' : check.met ? 'met ' : 'NOT '} ${check.target} — ${check.detail}`,
    );
  log(
    `bench: wrote ${join(options.outDir, `${name}.json`)} and .md after ${minutes(wallSeconds)} (estimated ${minutes(estimate.seconds)})`,
  );

  await Promise.all([stopChild(passthrough.child), stopChild(sims.child)]);
  load.child.send({ type: 'stop' });
  if (report.errorsTotal > 0) {
    console.error(
      `bench: ${report.errorsTotal} iterations failed during timed runs; see errorSamples in the JSON`,
    );
    return 1;
  }
  return faults && !faults.passed ? 1 : 0;
}

/** Two gateways with the response cache on, one keeping its answers in a redis-server of the bench's own. */
async function runCacheHits(
  options: BenchOptions,
  start: { mode: BenchOptions['gateway']; env: Record<string, string>; probe: string },
  sims: SimulatorControl,
  load: LoadProcess,
  client: ReturnType<typeof createClient>,
  extraTurns: ExtraTurns,
) {
  const redis = await startRedis();
  if ('missing' in redis) {
    log(`bench: cache-hit skipped: ${redis.missing}`);
    return undefined;
  }
  track(redis);
  const cache = { RESPONSE_CACHE: 'on', RESPONSE_CACHE_TTL_MS: '86400000' };
  const gateways: { store: AnswerStoreKind; gateway: GatewayProcess }[] = [];
  try {
    for (const store of ['memory', 'redis'] as const) {
      const env = { ...start.env, ...cache, ...(store === 'redis' ? { REDIS_URL: redis.url } : {}) };
      gateways.push({ store, gateway: track(await startGateway({ ...start, env })) });
    }
    return await measureCacheHits(gateways, { load, client, sims, options, extraTurns, log });
  } finally {
    for (const { gateway } of gateways) await stopChild(gateway.child);
    await stopChild(redis.child);
  }
}

/**
 * One scenario at 0 ms against a gateway started with --cpu-prof, then the same against a pass-through
 * started so; each writes its profile as it exits.
 */
async function runProfiles(
  options: BenchOptions,
  scenarioId: string,
  servers: {
    gatewayStart: { mode: BenchOptions['gateway']; env: Record<string, string>; probe: string };
    startPassthrough: (nodeArgs: string[]) => Promise<{ child: ChildProcess; payload: { origin: string } }>;
    everyScenario: (gatewayOrigin: string, passthroughOrigin: string) => Scenario[];
    load: LoadProcess;
  },
): Promise<ProfileSummary[]> {
  const dir = resolve(root, options.outDir);
  await mkdir(dir, { recursive: true });
  const gateway = track(await startGateway({ ...servers.gatewayStart, profileDir: dir }));
  const gatewayProfile = await profileOne('gateway', gateway.child, () =>
    servers.everyScenario(gateway.origin, ''),
  );
  const passthrough = track(await servers.startPassthrough(['--cpu-prof', `--cpu-prof-dir=${dir}`]));
  const passthroughProfile = await profileOne('passthrough', passthrough.child, () =>
    servers.everyScenario('', passthrough.payload.origin),
  );
  return [gatewayProfile, passthroughProfile];

  async function profileOne(
    server: 'gateway' | 'passthrough',
    child: ChildProcess,
    scenarios: () => Scenario[],
  ): Promise<ProfileSummary> {
    const before = new Set(await readdir(dir));
    const plan = scenarios()
      .find((s) => s.id === scenarioId)
      ?.targets.find((t) => t.name === server)?.plan;
    if (!plan) throw new Error(`bench: --profile=${scenarioId} needs that scenario selected`);
    const from = nowUs();
    const result = await servers.load.run({
      kind: 'load',
      generator: cannonCan(plan) ? 'autocannon' : 'loop',
      plan,
      bounds: {
        connections: options.connections,
        durationSeconds: Math.max(options.durationSeconds, 5),
        maxIterations: options.maxRequests,
      },
    });
    const window = { fromUs: from, toUs: nowUs() };
    log(`bench: profiled ${scenarioId} on the ${server}: ${result.rps} rps`);
    await stopChild(child, 15_000);
    // One file per thread (CPU.<date>.<time>.<pid>.<thread>.<n>): the pass-through's tsx loader runs
    // in a thread of its own; the server is the main thread, 0.
    const written = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
    const mainThread = written.find((f) => f.split('.').at(-3) === '0');
    if (!mainThread) throw new Error(`bench: the ${server} wrote no .cpuprofile of its main thread`);
    for (const other of written) if (other !== mainThread) await rm(join(dir, other));
    const file = join(dir, `${server}-${scenarioId}.cpuprofile`);
    await rename(join(dir, mainThread), file);
    return { ...(await summariseProfile(file, scenarioId, window)), server };
  }
}

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
main(options).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
