import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResilienceOptions, UpstreamHttp } from '../../src/gateway/upstream/index.js';
import { createRiverGenHttp, RiverGenClient, riverGenBearer } from '../../src/providers/rivergen/client.js';
import {
  type RiverGenSimulator,
  riverGenDemoTokens,
  riverGenSandbox,
} from '../../src/sandbox/rivergen/index.js';

let sim: RiverGenSimulator;
let http: UpstreamHttp;
afterEach(async () => {
  await http.close();
  await sim.close();
});

async function start(options: {
  resilience?: Partial<ResilienceOptions>;
  deadlineMs?: number;
  connections?: number;
}): Promise<RiverGenClient> {
  sim = await riverGenSandbox.start({ port: 0 });
  http = createRiverGenHttp({
    baseUrl: sim.url,
    timeouts: { deadlineMs: options.deadlineMs ?? 10_000 },
    connections: options.connections,
    resilience: { initialDelayMs: 1, ...options.resilience },
  });
  return new RiverGenClient(http, riverGenBearer(riverGenDemoTokens.demo));
}

const lists = () => sim.stats.count('listDataSources');

describe('an upstream call whose caller gives up', () => {
  it('ends at once, is not retried and does not count against the breaker', async () => {
    const client = await start({ resilience: { attempts: 3, breakerFailures: 2 } });
    sim.setFaults({ trickle: { intervalMs: 50 } });
    for (let i = 1; i <= 3; i++) {
      const caller = new AbortController();
      const call = client.listDataSources({}, caller.signal);
      await vi.waitFor(() => expect(lists()).toBe(i));
      const why = new Error('the client went away');
      caller.abort(why);
      await expect(call).rejects.toMatchObject({ kind: 'aborted', provider: 'rivergen', cause: why });
    }
    expect(lists()).toBe(3);
    expect(http.breakerState).toBe('closed');

    sim.setFaults(undefined);
    await expect(client.listDataSources()).resolves.toBeTruthy();
  });

  it('ends during a retry backoff without waiting it out or trying again', async () => {
    const client = await start({ resilience: { attempts: 3 } });
    sim.setFaults({ rateLimit: { retryAfterSeconds: 5 } });
    const caller = new AbortController();
    const call = client.listDataSources({}, caller.signal);
    await vi.waitFor(() => expect(lists()).toBe(1));

    const abortedAt = performance.now();
    const why = new Error('the operation ran out of time');
    caller.abort(why);

    await expect(call).rejects.toMatchObject({ kind: 'aborted', cause: why });
    expect(performance.now() - abortedAt).toBeLessThan(1_000);
    expect(lists()).toBe(1);
  });

  it('ends while it waits for a connection held by a call that hangs', async () => {
    const client = await start({ connections: 1 });
    sim.setFaults({ hang: true });
    const stuck = client.listDataSources().catch((error: unknown) => error);
    await vi.waitFor(() => expect(lists()).toBe(1));

    // A write, tried once, whose caller gives up after 100 ms: only the call itself can end its wait.
    const started = performance.now();
    const queued = client.createDataSource({ name: 'queued', type: 's3' }, AbortSignal.timeout(100));

    await expect(queued).rejects.toMatchObject({ kind: 'aborted' });
    // The hanging call holds the only connection for its whole 10 s headers timeout.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(sim.stats.count()).toBe(1);
    await sim.close(); // lets the hanging call go
    await stuck;
  });

  it('is never sent when its caller has already given up', async () => {
    const client = await start({});
    await expect(client.listDataSources({}, AbortSignal.abort())).rejects.toMatchObject({ kind: 'aborted' });
    expect(lists()).toBe(0);
  });
});

describe('an upstream call past its deadline', () => {
  it('is cut off mid-body as a timeout, which counts against the breaker', async () => {
    const client = await start({ deadlineMs: 200, resilience: { attempts: 1, breakerFailures: 1 } });
    sim.setFaults({ trickle: { intervalMs: 50 } });

    await expect(client.listDataSources()).rejects.toMatchObject({ kind: 'timeout', provider: 'rivergen' });

    expect(http.breakerState).toBe('open');
  });
});
