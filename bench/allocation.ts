import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { forkScript, stopChild } from './lib/children.js';
import { graphqlCall, LIST_DOCUMENT, NODE_DOCUMENT, NODES_DOCUMENT } from './lib/documents.js';
import { loadFixtures, mixedItems } from './lib/fixtures.js';
import { buildGateway, containerNodeOptions, root, startGateway } from './lib/gateway.js';
import { placeOf } from './lib/profile.js';
import { SimulatorControl } from './lib/sims.js';
import { originalFrame } from './lib/source-maps.js';
import { connectUpstreams } from './lib/upstreams.js';

/**
 * Bytes a server allocates per lookup, a gauge that a loaded machine does not move (see README.md,
 * "One walk per kind of hook"). The built gateway, or the pass-through, runs against the bench's
 * simulators with V8's sampling heap profiler preloaded (./processes/allocation-sampler.mjs),
 * sampling from after the warm-up, objects collected by GCs included; then the script reads the
 * profile: bytes per request, and the functions that allocated most.
 *
 *   npx tsx bench/allocation.ts [--passthrough] [--query node|nodes-pdc|nodes-mixed|list] [--env KEY=VALUE]… [--requests 20000] [--clients 10] [--latency 0] [--top 25] [--by site|file|package] [--survivors] [--no-build]
 *
 * `--by file` sums the sites of each source file, `--by package` those of each package or folder
 * of src/ (as bench/profile-summary.ts names places). `--survivors` counts only the bytes that
 * outlived a young-generation collection (V8 then moves them to the old generation, and only a full
 * collection frees them): a request's objects should not, as the requests in flight are few.
 * `--query` sends the `nodes` of 100 PDC ids or of 100 mixed ids, or the cross-provider list, of the bench's scenarios
 * instead of the lookup (fewer requests then do: `--requests 2000 --warmup 300`). `--clients` is how
 * many requests are in flight at once, and `--latency` the milliseconds each simulator waits before
 * it answers (as the bench's runs at 20 ms: with many clients, what a request keeps alive while it
 * waits). The young-generation and full collections V8 ran while
 * measuring are counted too (per 1,000 requests): a full one for every few young ones means that
 * what requests allocate is being promoted.
 */
const { values } = parseArgs({
  options: {
    passthrough: { type: 'boolean', default: false },
    query: { type: 'string', default: 'node' },
    /** KEY=VALUE, repeatable: the gateway's environment beside the simulators' (to weigh a feature turned off). */
    env: { type: 'string', multiple: true, default: [] },
    requests: { type: 'string', default: '20000' },
    clients: { type: 'string', default: '10' },
    latency: { type: 'string', default: '0' },
    warmup: { type: 'string', default: '3000' },
    top: { type: 'string', default: '25' },
    by: { type: 'string', default: 'site' },
    survivors: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const requests = Number(values.requests);
const profile = join(tmpdir(), `allocation-${process.pid}.heapprofile`);
const sampler = `--import=${new URL('./processes/allocation-sampler.mjs', import.meta.url).href}`;
const samplerEnv = { ALLOCATION_PROFILE: profile, ALLOCATION_SURVIVORS: values.survivors ? '1' : '0' };
// The container's NODE_OPTIONS (its heap limit), as the bench gives both servers (run.ts), and the sampler.
const nodeOptions = `${containerNodeOptions() ?? ''} ${sampler}`;

if (!values.passthrough && !values['no-build']) await buildGateway();
const sims = await forkScript<{ env: Record<string, string>; origins: Record<string, string> }>(
  new URL('./processes/simulators.ts', import.meta.url),
);
const latencyMs = Number(values.latency);
if (!Number.isFinite(latencyMs) || latencyMs < 0)
  throw new Error('--latency is a number of milliseconds, 0 or more');
if (latencyMs > 0) await new SimulatorControl(sims.payload.origins).setAll({ latencyMs });
const fixtures = await loadFixtures(await connectUpstreams(sims.payload.env));
const bodies: Record<string, () => string | undefined> = {
  node: () => graphqlCall('', NODE_DOCUMENT, { id: fixtures.rivergen[0]?.globalId }).body,
  'nodes-pdc': () =>
    graphqlCall('', NODES_DOCUMENT, { ids: fixtures.pdc.slice(0, 100).map((item) => item.globalId) }).body,
  'nodes-mixed': () =>
    graphqlCall('', NODES_DOCUMENT, { ids: mixedItems(fixtures).map((item) => item.globalId) }).body,
  list: () => graphqlCall('', LIST_DOCUMENT).body,
};
const body = bodies[values.query]?.() ?? '';
if (!body) throw new Error(`--query is one of ${Object.keys(bodies).join(', ')}`);

let server: ChildProcess;
let origin: string;
if (values.passthrough) {
  const started = await forkScript<{ origin: string }>(
    new URL('./processes/passthrough.ts', import.meta.url),
    {
      BENCH_UPSTREAM_ENV: JSON.stringify(sims.payload.env),
      NODE_OPTIONS: nodeOptions,
      ...samplerEnv,
    },
  );
  server = started.child;
  origin = started.payload.origin;
} else {
  const started = await startGateway({
    mode: 'dist',
    // The heap settings the container runs the gateway with: they decide how often its young generation is collected.
    env: {
      ...sims.payload.env,
      ...Object.fromEntries(
        values.env.map((pair) => [pair.split('=')[0] ?? '', pair.slice(pair.indexOf('=') + 1)]),
      ),
      NODE_OPTIONS: nodeOptions,
      ...samplerEnv,
    },
    probe: body,
  });
  server = started.child;
  origin = started.origin;
}

const pool = new Pool(origin, { connections: Number(values.clients) });
async function lookups(count: number): Promise<void> {
  let sent = 0;
  const client = async () => {
    while (sent < count) {
      sent += 1;
      const response = await pool.request({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await response.body.text();
      if (response.statusCode !== 200 || text.includes('"errors"')) throw new Error(`lookup failed: ${text}`);
    }
  };
  await Promise.all(Array.from({ length: Number(values.clients) }, client));
}
await lookups(Number(values.warmup));
server.kill('SIGUSR2');
await new Promise((resolve) => setTimeout(resolve, 300));
await lookups(requests);
await pool.close();
// Writing the profile at exit takes seconds on a loaded machine: a kill at the usual grace would cut it.
await stopChild(server, 60_000);
await stopChild(sims.child);

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: ProfileNode[];
}
const head = (JSON.parse(readFileSync(profile, 'utf8')) as { head: ProfileNode }).head;
const collections = JSON.parse(readFileSync(`${profile}.gc.json`, 'utf8')) as { young: number; full: number };
rmSync(profile);
rmSync(`${profile}.gc.json`);
/** Where a frame's code was written (see originalFrame): a file of src/ or of a package, and a line. */
function siteOf(frame: ProfileNode['callFrame']): string {
  const original = originalFrame(frame);
  if (values.by === 'package') return placeOf(original.url, original.functionName);
  const file = original.url.startsWith('file://')
    ? relative(root, new URL(original.url).pathname)
    : original.url;
  const shown = file.replace(/^.*node_modules\//, '');
  if (values.by === 'file') return shown;
  return `${original.functionName || '(anonymous)'} ${shown}:${original.lineNumber + 1}`;
}
const bySite = new Map<string, number>();
let total = 0;
const walk = (node: ProfileNode) => {
  const site = siteOf(node.callFrame);
  bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
  total += node.selfSize;
  for (const child of node.children) walk(child);
};
walk(head);
const perRequest = (bytes: number) => `${(bytes / requests / 1000).toFixed(1)} kB`;
console.log(
  `${values.passthrough ? 'pass-through' : 'gateway'}: ${perRequest(total)} ${values.survivors ? 'outliving the young generation' : 'allocated'} per query (${requests} of ${values.query})`,
);
const perThousand = (count: number) => ((count * 1000) / requests).toFixed(1);
console.log(
  `collections per 1,000 queries: ${perThousand(collections.young)} young-generation, ${perThousand(collections.full)} full`,
);
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  console.log(`${perRequest(bytes).padStart(9)}  ${site}`);
}
process.exit(0);
