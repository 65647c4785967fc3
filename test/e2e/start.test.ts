import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
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

describe('npm start', () => {
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

  it('on SIGTERM stops taking requests, finishes the one in flight, then exits', async () => {
    const run = start({});
    const line = await startLine(run);
    const url = line.url.replace('localhost', '127.0.0.1');
    const pdc = line.simulators?.pdc ?? '';
    // The demo simulators take fault settings over HTTP: make the catalog slow.
    await fetch(`${pdc}/__sandbox/faults`, { method: 'PUT', body: JSON.stringify({ latencyMs: 1500 }) });
    const inFlight = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ catalogDataSources(first: 1) { totalCount } }' }),
    }).then((r) => r.json() as Promise<{ data: { catalogDataSources: { totalCount: number } } }>);
    // Signal once the request has reached the slow simulator.
    for (let i = 0; i < 200; i++) {
      const stats = (await fetch(`${pdc}/__sandbox/stats`).then((r) => r.json())) as { total: number };
      if (stats.total > 1) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    run.child.kill('SIGTERM');
    const exited = once(run.child, 'exit') as Promise<[number]>;
    expect((await inFlight).data.catalogDataSources.totalCount).toBe(1000);
    const [code] = await exited;
    expect(code).toBe(0);
    expect(run.output()).toContain('SIGTERM received: finishing requests in flight, then exiting');
    // One JSON line per request, with its id and the time it spent on each upstream.
    const done = run
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map(
        (l) =>
          JSON.parse(l) as {
            msg: string;
            requestId?: string;
            status?: number;
            upstream?: Record<string, { calls: number }>;
          },
      )
      .find((l) => l.msg === 'request done' && l.upstream?.pdc);
    expect(done).toMatchObject({ status: 200, upstream: { pdc: { calls: 2 } } });
    expect(done?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
  });

  it('refuses to start on bad configuration, naming every variable at fault', async () => {
    const run = start({ PDC_URL: 'not a url', PORT: 'eighty', RIVERGEN_URL: 'http://127.0.0.1:1' });
    const [code] = (await once(run.child, 'exit')) as [number];
    expect(code).toBe(1);
    const output = run.output();
    expect(output).toContain('Invalid configuration');
    expect(output).toContain('PORT="eighty"');
    expect(output).toContain('PDC_URL="not a url"');
    expect(output).toContain('PDC_USERNAME and PDC_PASSWORD are required');
    expect(output).toContain('RIVERGEN_TOKEN is required');
  });
});
