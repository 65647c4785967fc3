import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function start(env: Record<string, string>): Promise<TestGateway> {
  gw = await startTestGateway({ UPSTREAM_RETRY_ATTEMPTS: '1', ...env });
  return gw;
}

interface DataSourcesPage {
  dataSources: { totalCount: number; edges: { node: { provider: string } }[] } | null;
}

const ACROSS = '{ dataSources(first: 200) { totalCount edges { node { provider } } } }';
const RIVERGEN = '{ riverGenDataSources(first: 1) { edges { node { id } } } }';

/** The providers that answered a `dataSources` page. */
const providersIn = (result: { data?: DataSourcesPage | null }) =>
  new Set(result.data?.dataSources?.edges.map((edge) => edge.node.provider));

const MB = 1024 * 1024;

describe('a trickling upstream', () => {
  it('is cut off at its deadline with UPSTREAM_TIMEOUT while the other providers answer', async () => {
    const g = await start({ UPSTREAM_DEADLINE_MS: '60000', RIVERGEN_DEADLINE_MS: '300' });
    g.sims.rivergen?.setFaults({ trickle: { intervalMs: 50, bytesPerChunk: 1 } });

    const started = performance.now();
    const result = await g.query<DataSourcesPage>(ACROSS);
    const tookMs = performance.now() - started;

    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'RiverGen did not answer in time',
        extensions: expect.objectContaining({ code: 'UPSTREAM_TIMEOUT', provider: 'rivergen' }),
      }),
    ]);
    expect(providersIn(result)).toEqual(new Set(['PREQUEL_IMPORT', 'PREQUEL_EXPORT', 'PDC']));
    // The global deadline is a minute: only RiverGen's own 300 ms cut the call short.
    expect(tookMs).toBeLessThan(300 + 2_000);
  });

  it('is waited for when its own deadline is longer than the global one', async () => {
    const g = await start({ UPSTREAM_DEADLINE_MS: '300', RIVERGEN_DEADLINE_MS: '10000' });
    // The whole body comes in one piece, 600 ms after the headers: past 300 ms, well within 10 s.
    g.sims.rivergen?.setFaults({ trickle: { intervalMs: 600, bytesPerChunk: MB } });
    g.sims.pdc?.setFaults({
      trickle: { intervalMs: 600, bytesPerChunk: MB },
      operations: ['filterDataSources'],
    });

    const result = await g.query<DataSourcesPage>(ACROSS);

    expect(result.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'UPSTREAM_TIMEOUT', provider: 'pdc' }),
      }),
    ]);
    expect(providersIn(result)).toContain('RIVERGEN');
  });
});

describe('an oversized answer', () => {
  it.each([
    ['sent chunked', false],
    ['declared in its Content-Length', true],
  ])('fails that provider with UPSTREAM_ERROR when %s, while the others answer', async (_, declared) => {
    const g = await start({ RIVERGEN_MAX_BODY_BYTES: String(MB) });
    g.sims.rivergen?.setFaults({ oversizedBytes: 64 * MB, oversizedDeclared: declared });

    const result = await g.query<DataSourcesPage>(ACROSS);

    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'RiverGen sent an answer larger than the 1048576 bytes the gateway accepts from it',
        extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', provider: 'rivergen' }),
      }),
    ]);
    expect(providersIn(result)).toEqual(new Set(['PREQUEL_IMPORT', 'PREQUEL_EXPORT', 'PDC']));
  });

  it('is read as usual while it stays within the bound', async () => {
    const g = await start({ RIVERGEN_MAX_BODY_BYTES: String(MB) });
    g.sims.rivergen?.setFaults({ oversizedBytes: MB - 1024 });

    const result = await g.query<{ riverGenDataSources: { edges: unknown[] } }>(RIVERGEN);

    expect(result.errors).toBeUndefined();
    expect(result.data?.riverGenDataSources.edges).toHaveLength(1);
  });

  it.each([
    ['sent chunked, counted as it arrives', false],
    ['declared in its Content-Length', true],
  ])('accepts an answer of exactly the bound %s, and refuses one a byte longer', async (_, declared) => {
    const bound = 20_000;
    const g = await start({ RIVERGEN_MAX_BODY_BYTES: String(bound) });

    g.sims.rivergen?.setFaults({ oversizedBytes: bound, oversizedDeclared: declared });
    const within = await g.query<{ riverGenDataSources: { edges: unknown[] } }>(RIVERGEN);
    g.sims.rivergen?.setFaults({ oversizedBytes: bound + 1, oversizedDeclared: declared });
    const over = await g.query(RIVERGEN);

    expect(within.errors).toBeUndefined();
    expect(within.data?.riverGenDataSources.edges).toHaveLength(1);
    expect(over.errors?.[0]?.message).toBe(
      `RiverGen sent an answer larger than the ${bound} bytes the gateway accepts from it`,
    );
  });

  it('reads an answer that starts with a byte-order mark as the JSON after it', async () => {
    const g = await start({});
    const text = JSON.stringify({ data: { sources: [] }, has_next: false });
    g.sims['prequel-import']?.setFaults({ bodyText: `\ufeff${text}`, operations: ['listSources'] });
    const result = await g.query('{ importSources(first: 2) { edges { node { id } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ importSources: { edges: [] } });
  });

  it('leaves memory flat across ten at once of 64 MB each', async () => {
    const g = await start({ RIVERGEN_MAX_BODY_BYTES: String(MB) });
    g.sims.rivergen?.setFaults({ oversizedBytes: 64 * MB });
    await g.query(RIVERGEN); // warms the gateway up, so that what follows measures the answers alone
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakBuffers = before.arrayBuffers;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
    }, 5);

    const results = await Promise.all(Array.from({ length: 10 }, () => g.query(RIVERGEN))).finally(() =>
      clearInterval(sampler),
    );

    for (const result of results)
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'rivergen' });
    // 640 MB were offered: read whole, even one answer would pass the bound on buffers.
    expect(peakBuffers - before.arrayBuffers).toBeLessThan(64 * MB);
    expect(peakRss - before.rss).toBeLessThan(128 * MB);
  });
});

describe('a half-open breaker', () => {
  it('fails other calls fast while its trial call trickles, and lets calls through once the trial succeeds', async () => {
    const g = await start({
      UPSTREAM_BREAKER_FAILURES: '2',
      UPSTREAM_BREAKER_RESET_MS: '200',
      RIVERGEN_DEADLINE_MS: '10000',
    });
    const rivergen = g.sims.rivergen;
    rivergen?.setFaults({ errorRate: 1, errorStatus: 503 });
    for (let i = 0; i < 2; i++) await g.query(RIVERGEN);
    const open = await g.query(RIVERGEN);
    expect(open.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      provider: 'rivergen',
    });
    expect(rivergen?.stats.count('listDataSources')).toBe(2);

    // The upstream is back but slow: the trial's answer takes about a second to arrive.
    rivergen?.setFaults({ trickle: { intervalMs: 20, bytesPerChunk: 16 } });
    await new Promise((resolve) => setTimeout(resolve, 250)); // past the breaker's reset time
    let trialDone = false;
    const trial = g.query(RIVERGEN).finally(() => {
      trialDone = true;
    });
    await vi.waitFor(() => expect(rivergen?.stats.count('listDataSources')).toBe(3));

    const meanwhile = await g.query(RIVERGEN);

    expect(trialDone).toBe(false);
    expect(meanwhile.errors?.[0]).toMatchObject({
      message: 'RiverGen is failing repeatedly; calls to it are paused for a few seconds',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', provider: 'rivergen' },
    });
    expect(rivergen?.stats.count('listDataSources')).toBe(3);

    expect((await trial).errors).toBeUndefined();
    rivergen?.setFaults(undefined);
    const after = await g.query(RIVERGEN);
    expect(after.errors).toBeUndefined();
    expect(rivergen?.stats.count('listDataSources')).toBe(4);
  });
});
