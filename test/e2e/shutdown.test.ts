import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { listen } from '../../src/server.js';
import { startEntryPoint } from '../support/entry-point.js';
import { startTestGateway } from '../support/gateway.js';

const CATALOG = JSON.stringify({ query: '{ catalogDataSources(first: 1) { totalCount } }' });
/** The PDC routes a catalog read uses; its service login is left alone. */
const CATALOG_READS = ['filterDataSources', 'getDataSourcesByIds'];

/** Resolves once `check` holds (polling, no fixed sleeps). */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}

function postCatalog(url: string) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: CATALOG });
}

describe('shutting down', () => {
  it('finishes the requests in flight within the budget, and takes no new connection meanwhile', async () => {
    await using gw = await startTestGateway();
    const server = await listen(gw.gateway, '127.0.0.1', 0);
    gw.sims.pdc?.setFaults({ latencyMs: 300, operations: CATALOG_READS });
    const inFlight = postCatalog(server.url);
    await until(() => gw.sims.pdc?.stats.count('filterDataSources') === 1);
    const closing = server.close(5_000);
    await expect(fetch(`${server.url.replace(/\/graphql$/, '')}/ready`)).rejects.toThrow();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { catalogDataSources: { totalCount: 1000 } } });
    await closing;
  });

  it('aborts what is still running once the budget has passed, upstream calls included', async () => {
    await using gw = await startTestGateway();
    const server = await listen(gw.gateway, '127.0.0.1', 0);
    gw.sims.pdc?.setFaults({ hang: true, operations: CATALOG_READS });
    const inFlight = Array.from({ length: 3 }, () =>
      postCatalog(server.url).catch((error: unknown) => error),
    );
    await until(() => gw.sims.pdc?.stats.inFlight() === 3);
    const started = performance.now();
    await server.close(300);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    expect(performance.now() - started).toBeLessThan(2_000);
    for (const answer of await Promise.all(inFlight)) expect(answer).toBeInstanceOf(Error);
    await until(() => gw.sims.pdc?.stats.inFlight() === 0);
  });

  it('on SIGTERM exits 0 within SHUTDOWN_TIMEOUT_MS, however long the upstream hangs', async () => {
    const budget = 500;
    const run = startEntryPoint({ SHUTDOWN_TIMEOUT_MS: String(budget) });
    const line = await run.started();
    const url = line.url.replace('localhost', '127.0.0.1');
    const pdc = line.simulators?.pdc ?? '';
    // The demo simulators take fault settings over HTTP: the catalog accepts reads and never answers.
    await fetch(`${pdc}/__sandbox/faults`, {
      method: 'PUT',
      body: JSON.stringify({ hang: true, operations: CATALOG_READS }),
    });
    const inFlight = Array.from({ length: 3 }, () => postCatalog(url).catch((error: unknown) => error));
    await until(async () => {
      const stats = (await (await fetch(`${pdc}/__sandbox/stats`)).json()) as {
        counts: Record<string, number>;
      };
      return stats.counts.filterDataSources === 3;
    });
    const exited = once(run.child, 'exit') as Promise<[number]>;
    const signalled = performance.now();
    run.child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    // The budget, then a moment to abort and close.
    expect(performance.now() - signalled).toBeLessThan(budget + 1_000);
    for (const answer of await Promise.all(inFlight)) expect(answer).toBeInstanceOf(Error);
    expect(run.output()).toContain(
      'requests still in flight when the shutdown budget ran out: aborting them',
    );
    // Starting a process through tsx takes seconds on a busy machine.
  }, 60_000);
});
