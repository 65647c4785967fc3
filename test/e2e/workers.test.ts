import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { providers } from '../../src/providers/registry.js';
import { type EntryPoint, startEntryPoint } from '../support/entry-point.js';
import { parsePrometheus } from '../support/prometheus.js';

interface StartLine {
  url: string;
  workers?: number[];
  simulators?: Record<string, string>;
}

let run: EntryPoint;
let line: StartLine;
let url: string;

// Three processes start on a machine the other test files share: give them time.
beforeAll(async () => {
  run = startEntryPoint({ WORKERS: '2' });
  line = (await run.started()) as StartLine;
  url = line.url.replace('localhost', '127.0.0.1');
}, 120_000);

afterAll(async () => {
  if (run.child.exitCode === null && run.child.signalCode === null) {
    run.child.kill('SIGKILL');
    await once(run.child, 'exit');
  }
});

/** One query on a connection of its own: the cluster hands each new connection to the next worker. */
async function ask(operation: string, query = '{ dataSources(first: 1) { totalCount } }', type = 'query') {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ query: `${type} ${operation} ${query}` }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.statusCode, body: (await response.body.json()) as { data?: unknown } };
}

/** The log lines written so far, parsed. */
function logLines(): { msg: string; pid?: number; operationName?: string; worker?: number }[] {
  return run
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

async function scrape() {
  const response = await request(url.replace(/\/graphql$/, '/metrics'), { headers: { connection: 'close' } });
  return parsePrometheus(await response.body.text());
}

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('WORKERS=2', { timeout: 120_000 }, () => {
  it('serves from two worker processes on one port and sums their metrics', async () => {
    expect(line.workers).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 10 }, () => ask('Spread')));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { dataSources: { totalCount: 84 + 80 + 1000 + 180 } } });
    }
    // Each worker writes its line once its answer is sent.
    const served = () => logLines().filter((l) => l.msg === 'request done' && l.operationName === 'Spread');
    await until(() => served().length === 10, 'ten lines');
    // Both workers answered, and only they: the primary serves nothing itself.
    expect(new Set(served().map((l) => l.pid))).toEqual(new Set(line.workers));
    // Whichever worker answers the scrape, it counts every worker's requests.
    for (let i = 0; i < 4; i++) {
      const metrics = await scrape();
      expect(metrics('gateway_graphql_requests_total', { operation: 'Spread', outcome: 'ok' })).toBe(10);
      expect(metrics('gateway_workers')).toBe(2);
    }
  });

  it('reports the gauges a sum would garble: workers per breaker state, a provider ready only if in each worker', async () => {
    // Fresh connections go to the workers in turn: each makes /ready checks of its own.
    const readyUrl = url.replace(/\/graphql$/, '/ready');
    for (let i = 0; i < 4; i++) {
      const response = await request(readyUrl, { headers: { connection: 'close' } });
      expect(response.statusCode).toBe(200);
      await response.body.dump();
    }
    const metrics = await scrape();
    expect(metrics('gateway_upstream_breaker_state', { provider: 'pdc', state: 'closed' })).toBe(2);
    expect(metrics('gateway_upstream_breaker_state', { provider: 'pdc', state: 'open' })).toBe(0);
    expect(metrics('gateway_provider_ready', { provider: 'pdc' })).toBe(1);
  });

  it('starts another worker when one dies, and keeps answering', async () => {
    const [victim, survivor] = line.workers ?? [];
    process.kill(victim as number, 'SIGKILL');
    await until(
      () => logLines().some((l) => l.msg.startsWith(`worker ${victim} exited (SIGKILL)`)),
      'the primary noticed',
    );
    // Answers go on meanwhile: the surviving worker takes the connections.
    expect((await ask('Meanwhile')).status).toBe(200);
    await until(async () => {
      const metrics = await scrape();
      return metrics('gateway_workers') === 2 && metrics('gateway_worker_restarts_total') === 1;
    }, 'a new worker');
    const answers = await Promise.all(Array.from({ length: 10 }, () => ask('Replaced')));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const replaced = () =>
      logLines().filter((l) => l.msg === 'request done' && l.operationName === 'Replaced');
    await until(() => replaced().length === 10, 'ten lines');
    const pids = new Set(replaced().map((l) => l.pid));
    expect(pids.has(victim)).toBe(false);
    expect(pids.has(survivor)).toBe(true);
    expect(pids.size).toBe(2);
  });

  it("empties every worker's kept answers when a mutation runs through one of them", async () => {
    const id = 'Uml2ZXJHZW5EYXRhU291cmNlOjE';
    const read = `{ dataSource(id: "${id}") { ... on RiverGenDataSource { port } } }`;
    const portIn = (body: { data?: unknown }) =>
      (body.data as { dataSource: { port: number } }).dataSource.port;
    // Demo mode keeps answers: read often enough that each worker answers twice, once from its cache.
    const before = [];
    for (let i = 0; i < 6; i++) before.push(portIn((await ask('Port', read)).body));
    expect(new Set(before).size).toBe(1);
    const hits = () =>
      logLines().filter(
        (l) =>
          l.msg === 'request done' && l.operationName === 'Port' && (l as { cache?: string }).cache === 'hit',
      );
    await until(() => new Set(hits().map((l) => l.pid)).size === 2, 'a kept answer in each worker');
    const port = (before[0] ?? 5432) + 1;
    const patched = await ask(
      'Patch',
      `{ updateRiverGenDataSource(id: "${id}", input: { port: ${port} }) { __typename } }`,
      'mutation',
    );
    expect(patched.body).toEqual({
      data: { updateRiverGenDataSource: { __typename: 'UpdateRiverGenDataSourceSuccess' } },
    });
    // Whichever worker answers the same read next, it says what the mutation wrote.
    for (let i = 0; i < 6; i++) expect(portIn((await ask('Port', read)).body)).toBe(port);
  });

  it('on SIGTERM lets every worker finish its requests in flight, then exits', async () => {
    const pdc = line.simulators?.pdc ?? '';
    // The demo simulators take fault settings over HTTP: hold the catalog's lists long enough to signal.
    await fetch(`${pdc}/__sandbox/faults`, {
      method: 'PUT',
      body: JSON.stringify({ latencyMs: 1_500, operations: ['filterDataSources'] }),
    });
    const listed = async () =>
      ((await (await fetch(`${pdc}/__sandbox/stats`)).json()) as { counts: Record<string, number> }).counts
        .filterDataSources ?? 0;
    const before = await listed();
    const inFlight = Array.from({ length: 6 }, () =>
      ask('Draining', '{ catalogDataSources(first: 1) { totalCount } }'),
    );
    await until(async () => (await listed()) - before >= 6, 'every request at the slow simulator');
    const exited = once(run.child, 'exit') as Promise<[number | null]>;
    run.child.kill('SIGTERM');
    for (const answer of await Promise.all(inFlight)) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { catalogDataSources: { totalCount: 1000 } } });
    }
    const [code] = await exited;
    expect(code).toBe(0);
    const drained = () =>
      logLines().filter((l) => l.msg === 'SIGTERM received: finishing requests in flight, then exiting');
    expect(drained()).toHaveLength(2);
    const pids = new Set(
      logLines()
        .filter((l) => l.msg === 'request done' && l.operationName === 'Draining')
        .map((l) => l.pid),
    );
    expect(pids.size).toBe(2);
  });
});

describe('WORKERS', () => {
  const upstream = { RIVERGEN_URL: 'http://127.0.0.1:9', RIVERGEN_TOKEN: 't', GATEWAY_AUTH: 'none' };
  it('is one process in demo mode and one per core once an upstream is configured, unless set', () => {
    expect(loadConfig({}, providers).workers).toBe(1);
    expect(loadConfig(upstream, providers).workers).toBe(availableParallelism());
    expect(loadConfig({ ...upstream, WORKERS: '3' }, providers).workers).toBe(3);
    expect(loadConfig({ WORKERS: 'auto' }, providers).workers).toBe(availableParallelism());
  });

  it('refuses anything but a positive number or `auto`, naming the variable', () => {
    for (const value of ['0', '-1', 'all', '1.5']) {
      expect(() => loadConfig({ WORKERS: value }, providers)).toThrow(ConfigError);
      expect(() => loadConfig({ WORKERS: value }, providers)).toThrow(/WORKERS/);
    }
  });
});
