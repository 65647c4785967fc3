import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { forkScript, stopChild } from './lib/children.js';
import { graphqlCall, NODES_DOCUMENT } from './lib/documents.js';
import { loadFixtures, mixedItems } from './lib/fixtures.js';
import { buildGateway, startGateway } from './lib/gateway.js';
import { SimulatorControl } from './lib/sims.js';
import { connectUpstreams } from './lib/upstreams.js';

/**
 * What a query whose upstream calls fail costs the gateway, against the same query answered: the
 * bench's mixed `nodes` (100 ids, 76 upstream calls) sent by 10 clients, the gateway's CPU time per
 * query read from /proc. `--upstreams refuse`: every simulator answers 403 (not retried, not
 * counted by the breaker), so each of the 100 fields is an error; `leave`: the simulators wait 40 ms
 * and each client leaves 15 ms into its query; `answer`: nothing fails.
 *
 *   npx tsx bench/failure-cost.ts [--upstreams refuse|leave|answer] [--queries 300] [--no-build]
 */
const { values } = parseArgs({
  options: {
    upstreams: { type: 'string', default: 'refuse' },
    queries: { type: 'string', default: '300' },
    'no-build': { type: 'boolean', default: false },
  },
});
const mode = values.upstreams;
if (!['refuse', 'leave', 'answer'].includes(mode))
  throw new Error(`--upstreams: refuse, leave or answer, not ${mode}`);
const queries = Number(values.queries);

if (!values['no-build']) await buildGateway();
const sims = await forkScript<{ env: Record<string, string>; origins: Record<string, string> }>(
  new URL('./processes/simulators.ts', import.meta.url),
);
const control = new SimulatorControl(sims.payload.origins);
const fixtures = await loadFixtures(await connectUpstreams(sims.payload.env));
const body = graphqlCall('', NODES_DOCUMENT, { ids: mixedItems(fixtures).map((item) => item.globalId) }).body;
const probe = graphqlCall('', 'query Probe($id: ID!) { node(id: $id) { id } }', {
  id: fixtures.rivergen[0]?.globalId,
}).body;
const gateway = await startGateway({ mode: 'dist', env: sims.payload.env, probe: probe ?? '' });
const agent = new Agent({ connections: 10 });

/** User and system CPU time of the gateway's process so far, in ms (fields 14 and 15 of its stat, in ticks of 10 ms). */
function gatewayCpuMs(): number {
  const stat = readFileSync(`/proc/${gateway.child.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function one(): Promise<string> {
  const leaving = mode === 'leave' ? new AbortController() : undefined;
  const answered = request(`${gateway.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    dispatcher: agent,
    signal: leaving?.signal,
  }).then((response) => response.body.text());
  if (!leaving) return answered;
  await sleep(15);
  leaving.abort();
  return answered.catch(() => '');
}

await control.setAll(
  mode === 'refuse' ? { errorRate: 1, errorStatus: 403 } : mode === 'leave' ? { latencyMs: 40 } : undefined,
);
for (let i = 0; i < 30; i++) await one();
const sample = await one();
await sleep(300);
const before = gatewayCpuMs();
let left = queries;
await Promise.all(
  Array.from({ length: 10 }, async () => {
    while (left-- > 0) await one();
  }),
);
// What the gateway does after the clients have their answers (or have left) is the queries' too.
await sleep(500);
const used = gatewayCpuMs() - before;
const errors = sample.match(/"message"/g)?.length ?? 0;
console.log(
  `${mode}: ${queries} queries, gateway CPU ${used} ms, ${Math.round((used / queries) * 1000)} µs a query` +
    (mode === 'leave' ? '' : `; an answer of ${sample.length} bytes with ${errors} errors`),
);
await agent.close();
await stopChild(gateway.child);
await stopChild(sims.child);
