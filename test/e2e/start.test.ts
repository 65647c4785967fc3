import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the gateway's entry point the way `npm start` does, with only the given environment. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

/** The first log line: JSON, with the gateway's URL and, in demo mode, each simulator's. */
interface StartLine {
  msg: string;
  url: string;
  simulators?: Record<string, string>;
}

async function startLine(run: ReturnType<typeof start>): Promise<StartLine> {
  const line = await firstLine(run);
  return JSON.parse(line) as StartLine;
}

async function firstLine(run: ReturnType<typeof start>): Promise<string> {
  for (let waited = 0; waited < 200 && !run.output().includes('\n'); waited++) {
    await once(run.child.stdout ?? run.child, 'data');
  }
  return run.output().split('\n')[0] ?? '';
}

interface CatalogPage {
  data?: { catalogDataSources: { totalCount: number; edges: unknown[] } };
  errors?: { extensions?: { code?: string } }[];
}

/** Asks for the first `first` catalog entries through `via`, a pool of client connections. */
async function catalogPage(url: string, first: number, via: Agent) {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `{ catalogDataSources(first: ${first}) { totalCount edges { node { id } } } }`,
    }),
    dispatcher: via,
    // A request that gets no answer fails here rather than at the test's timeout.
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.statusCode, body: (await response.body.json()) as CatalogPage };
}

/** How a request ended: its status (and error code, if any), or the code of the error that ended it. */
function outcome(result: { status: number; body: CatalogPage } | { code?: string; name?: string }): string {
  if (!('status' in result)) return result.code ?? result.name ?? 'unknown';
  const code = result.body.errors?.[0]?.extensions?.code;
  return code ? `${result.status} ${code}` : String(result.status);
}

/** One raw HTTP/1.1 connection, to send a request while an earlier one is still unanswered. */
function rawConnection(url: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString();
  });
  // A reset is read from what arrived before it, not thrown.
  socket.on('error', () => {});
  return {
    send(query: string) {
      const body = JSON.stringify({ query });
      socket.write(
        `POST /graphql HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    },
    /** Everything the server sent, once it closed the connection. */
    received: once(socket, 'close').then(() => received),
  };
}

/** Whether a promise has settled, read at any later moment. */
function settles(promise: Promise<unknown>): () => boolean {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return () => settled;
}

// Each test starts the entry point in a process of its own, which takes seconds on a busy machine.
describe('npm start', { timeout: 60_000 }, () => {
  it('with nothing configured, says it is in demo mode on its first line and answers queries', async () => {
    const run = start({});
    try {
      const line = await startLine(run);
      expect(line.msg).toContain('DEMO mode');
      const url = line.url;
      const response = await fetch(url.replace('localhost', '127.0.0.1'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
        body: JSON.stringify({ query: '{ dataSources(first: 1) { totalCount } }' }),
      });
      // A local front end may call the demo, without credentials.
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      const body = (await response.json()) as { data: { dataSources: { totalCount: number } } };
      // The seeded demo: 84 import sources, 80 destinations, 1,000 catalog entries, 180 RiverGen sources.
      expect(body.data.dataSources.totalCount).toBe(84 + 80 + 1000 + 180);
    } finally {
      run.child.kill('SIGTERM');
      await once(run.child, 'exit');
    }
  });

  it('on SIGTERM finishes the requests in flight, refuses the ones that arrive meanwhile, then exits', async () => {
    // At debug level every upstream call is logged, even one whose answer never leaves the gateway.
    const run = start({ LOG_LEVEL: 'debug' });
    try {
      const line = await startLine(run);
      const url = line.url.replace('localhost', '127.0.0.1');
      const pdc = line.simulators?.pdc ?? '';
      // The demo simulators take fault settings over HTTP: hold the catalog's lists long enough to signal.
      await fetch(`${pdc}/__sandbox/faults`, {
        method: 'PUT',
        body: JSON.stringify({ latencyMs: 2000, operations: ['filterDataSources'] }),
      });
      // A client that keeps one connection open, as a proxy would: its next request waits for that socket.
      const kept = new Agent({ connections: 1 });
      // Every other request gets a connection of its own.
      const others = new Agent();
      const inFlight = [1, 2, 3, 4].map((first) => {
        const answer = catalogPage(url, first, first === 4 ? kept : others);
        return { first, answer, settled: settles(answer) };
      });
      // And one whose client will send a second request on the same socket before the first is answered.
      const pipelined = rawConnection(url);
      pipelined.send('{ catalogDataSources(first: 5) { totalCount } }');
      // Signal once every request has reached the slow simulator.
      for (let i = 0; i < 2000; i++) {
        const stats = (await fetch(`${pdc}/__sandbox/stats`).then((r) => r.json())) as {
          counts: Record<string, number>;
        };
        if ((stats.counts.filterDataSources ?? 0) >= inFlight.length + 1) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      run.child.kill('SIGTERM');
      const exited = once(run.child, 'exit') as Promise<[number]>;
      while (!run.output().includes('SIGTERM received')) await once(run.child.stdout ?? run.child, 'data');

      // Arriving during the drain: on a new connection, on the one the proxy keeps open, and a write
      // behind a request still in flight.
      const fresh = catalogPage(url, 1, others).then(outcome, outcome);
      const reused = catalogPage(url, 1, kept).then(outcome, outcome);
      const unknown = Buffer.from('CatalogDataSource:ffffffffffffffffffffffff').toString('base64url');
      pipelined.send(
        `mutation { updateCatalogDataSource(id: "${unknown}", input: { description: "x" }) { __typename } }`,
      );
      // A new connection is refused; on a busy machine it may reach the kernel's queue in the instant
      // between the log line and the listener closing, and is then reset, its request never read.
      expect(await fresh).toMatch(/^(ECONNREFUSED|ECONNRESET|503 GATEWAY_BUSY)$/);
      expect(inFlight.map((r) => r.settled())).toEqual([false, false, false, false]);
      for (const { first, answer } of inFlight) {
        const response = await answer;
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          data: { catalogDataSources: { totalCount: 1000, edges: expect.any(Array) } },
        });
        expect(response.body.data?.catalogDataSources.edges).toHaveLength(first);
      }
      // The in-flight answers said `connection: close`, so the proxy's next request opened a new one.
      expect(await reused).toMatch(/^(ECONNREFUSED|503 GATEWAY_BUSY)$/);
      // The first answer arrives whole and closes the connection; the write sent behind it never runs.
      const raw = await pipelined.received;
      expect(raw.match(/^HTTP\/1\.1 \d+/gm)).toEqual(['HTTP/1.1 200']);
      expect(raw).toMatch(/^connection: close\r$/im);
      expect(raw).toContain('{"data":{"catalogDataSources":{"totalCount":1000}}}');
      const [code] = await exited;
      expect(code).toBe(0);
      await Promise.all([kept.close(), others.close()]);
      expect(run.output()).toContain('SIGTERM received: finishing requests in flight, then exiting');
      const lines = run
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map(
          (l) =>
            JSON.parse(l) as {
              msg: string;
              requestId?: string;
              status?: number;
              operation?: string;
              upstream?: Record<string, { calls: number }>;
            },
        );
      const calls = lines.filter((l) => l.msg === 'upstream call').map((l) => l.operation);
      expect(calls.filter((operation) => operation === 'filterDataSources')).toHaveLength(5);
      expect(calls).not.toContain('updateDataSource');
      // One JSON line per request, with its id and the time it spent on each upstream.
      const done = lines.filter((l) => l.msg === 'request done' && l.upstream?.pdc);
      // Five lists and the one login they shared; nothing for the requests refused.
      expect(done.map((l) => l.status)).toEqual([200, 200, 200, 200, 200]);
      expect(done.reduce((sum, l) => sum + (l.upstream?.pdc?.calls ?? 0), 0)).toBe(6);
      expect(done[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
    } finally {
      // A failed expectation must not leave the gateway and its simulators running.
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });

  it('refuses to start on bad configuration, naming every variable at fault', async () => {
    const run = start({ PDC_URL: 'not a url', PORT: 'eighty', RIVERGEN_URL: 'http://127.0.0.1:1' });
    const [code] = (await once(run.child, 'exit')) as [number];
    expect(code).toBe(1);
    const output = run.output();
    expect(output).toContain('Invalid configuration');
    expect(output).toContain('PORT: ');
    expect(output).toContain('PDC_URL: ');
    // What is wrong and where, never the values set.
    expect(output).not.toMatch(/eighty|not a url/);
    expect(output).toContain('PDC_USERNAME and PDC_PASSWORD are required');
    expect(output).toContain('RIVERGEN_TOKEN is required');
  });
});
