import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function start(env: Record<string, string> = {}): Promise<TestGateway> {
  gw = await startTestGateway({
    UPSTREAM_HEADERS_TIMEOUT_MS: '300',
    UPSTREAM_RETRY_MAX_DELAY_MS: '50',
    ...env,
  });
  return gw;
}

const CATALOG = '{ catalogDataSources(first: 2) { edges { node { id } } } }';

async function someRiverGenId(g: TestGateway): Promise<string> {
  const list = await g.query<{ riverGenDataSources: { edges: { node: { id: string } }[] } }>(
    '{ riverGenDataSources(first: 1) { edges { node { id } } } }',
  );
  return list.data?.riverGenDataSources.edges[0]?.node.id ?? '';
}

describe('upstream faults', () => {
  it('rides out a flapping upstream by retrying reads', async () => {
    const g = await start();
    g.sims.pdc?.setFaults({ failNext: 2, errorStatus: 503, operations: ['filterDataSources'] });
    const result = await g.query(CATALOG);
    expect(result.errors).toBeUndefined();
    expect(g.sims.pdc?.stats.count('filterDataSources')).toBe(3);
  });

  it('waits the Retry-After of a 429 before trying again, up to UPSTREAM_MAX_RETRY_AFTER_MS itself', async () => {
    const g = await start({ UPSTREAM_MAX_RETRY_AFTER_MS: '1000' });
    g.sims.pdc?.setFaults({
      rateLimit: { retryAfterSeconds: 1, times: 1 },
      operations: ['filterDataSources'],
    });
    const started = Date.now();
    const result = await g.query(CATALOG);
    expect(result.errors).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(g.sims.pdc?.stats.count('filterDataSources')).toBe(2);
  });

  it('gives up at once with RATE_LIMITED when Retry-After is longer than it will wait', async () => {
    const g = await start({ UPSTREAM_MAX_RETRY_AFTER_MS: '3000' });
    g.sims.pdc?.setFaults({ rateLimit: { retryAfterSeconds: 30 }, operations: ['filterDataSources'] });
    const result = await g.query(CATALOG);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      provider: 'pdc',
      retryAfterSeconds: 30,
    });
    expect(g.sims.pdc?.stats.count('filterDataSources')).toBe(1);
  });

  it('reads a Retry-After given as an HTTP date, in whole seconds from now', async () => {
    const g = await start({ UPSTREAM_MAX_RETRY_AFTER_MS: '3000' });
    g.sims.pdc?.setFaults({
      rateLimit: { retryAfterSeconds: 30, asDate: true },
      operations: ['filterDataSources'],
    });
    const result = await g.query(CATALOG);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', provider: 'pdc' });
    // The date is written to the second: 30 s from now reads as 29 point something, rounded up.
    expect(result.errors?.[0]?.extensions?.retryAfterSeconds).toBeOneOf([29, 30]);
    expect(g.sims.pdc?.stats.count('filterDataSources')).toBe(1);
  });

  it('times a hanging upstream out within its budget, one timeout per try', async () => {
    const g = await start({ UPSTREAM_RETRY_ATTEMPTS: '2' });
    const id = await someRiverGenId(g);
    g.sims.rivergen?.setFaults({ hang: true, operations: ['getDataSource'] });
    const result = await g.query('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(result.data).toEqual({ node: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', provider: 'rivergen' });
    expect(g.sims.rivergen?.stats.count('getDataSource')).toBe(2);
  });

  it('never retries a mutation, whether it failed or timed out', async () => {
    const g = await start();
    const id = await someRiverGenId(g);
    const UPDATE = `mutation($id: ID!) { updateRiverGenDataSource(id: $id, input: { description: "x" }) { __typename } }`;
    g.sims.rivergen?.setFaults({ failNext: 1, errorStatus: 503, operations: ['updateDataSource'] });
    const failed = await g.query(UPDATE, { id });
    expect(failed.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      provider: 'rivergen',
    });
    expect(g.sims.rivergen?.stats.count('updateDataSource')).toBe(1);

    g.sims.rivergen?.setFaults({ hang: true, operations: ['updateDataSource'] });
    const hung = await g.query(UPDATE, { id });
    expect(hung.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(g.sims.rivergen?.stats.count('updateDataSource')).toBe(2);
  });

  it('waits the backoff and tries again after a 429 without Retry-After', async () => {
    const g = await start();
    g.sims.pdc?.setFaults({ failNext: 1, errorStatus: 429, operations: ['filterDataSources'] });
    const result = await g.query(CATALOG);
    expect(result.errors).toBeUndefined();
    expect(g.sims.pdc?.stats.count('filterDataSources')).toBe(2);
  });

  it('waits a backoff that starts at 100 ms and doubles between tries, each a little under its step', async () => {
    // Three retries wait between 50 + 100 + 200 and 100 + 200 + 400 ms, whatever the jitter.
    const g = await start({ UPSTREAM_RETRY_ATTEMPTS: '4', UPSTREAM_RETRY_MAX_DELAY_MS: '2000' });
    g.sims.pdc?.setFaults({ failNext: 3, errorStatus: 503, operations: ['filterDataSources'] });
    const started = Date.now();
    const result = await g.query(CATALOG);
    const took = Date.now() - started;
    expect(result.errors).toBeUndefined();
    expect(g.sims.pdc?.stats.count('filterDataSources')).toBe(4);
    expect(took).toBeGreaterThanOrEqual(350);
    expect(took).toBeLessThan(1_300);
  });

  it('keeps each backoff within UPSTREAM_RETRY_MAX_DELAY_MS, however many tries fail', async () => {
    // Uncapped, seven doublings from 100 ms would wait over six seconds in all.
    const g = await start({
      UPSTREAM_RETRY_ATTEMPTS: '8',
      UPSTREAM_RETRY_MAX_DELAY_MS: '10',
      UPSTREAM_BREAKER_FAILURES: '10',
    });
    g.sims.pdc?.setFaults({ failNext: 7, errorStatus: 503, operations: ['filterDataSources'] });
    const started = Date.now();
    const result = await g.query(CATALOG);
    expect(result.errors).toBeUndefined();
    expect(g.sims.pdc?.stats.count('filterDataSources')).toBe(8);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('neither retries a 4xx other than 429 nor counts it against the breaker', async () => {
    const g = await start({ UPSTREAM_BREAKER_FAILURES: '2', UPSTREAM_BREAKER_RESET_MS: '60000' });
    g.sims.pdc?.setFaults({ failNext: 3, errorStatus: 400, operations: ['filterDataSources'] });
    for (let i = 1; i <= 3; i++) {
      const refused = await g.query(CATALOG);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ provider: 'pdc' });
      expect(g.sims.pdc?.stats.count('filterDataSources')).toBe(i);
    }
    const answered = await g.query(CATALOG);
    expect(answered.errors).toBeUndefined();
    expect(g.sims.pdc?.stats.count('filterDataSources')).toBe(4);
  });

  it('tries an unreachable upstream again, and counts each try against its breaker', async () => {
    const g = await start({
      RIVERGEN_URL: 'http://127.0.0.1:1',
      UPSTREAM_RETRY_ATTEMPTS: '3',
      UPSTREAM_BREAKER_FAILURES: '3',
      UPSTREAM_BREAKER_RESET_MS: '60000',
    });
    const LIST = '{ riverGenDataSources(first: 1) { edges { node { id } } } }';
    const unreachable = await g.query(LIST);
    expect(unreachable.errors?.[0]).toMatchObject({
      message: 'RiverGen could not be reached',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', provider: 'rivergen' },
    });
    // Its three tries opened the breaker: the next call is not sent.
    const paused = await g.query(LIST);
    expect(paused.errors?.[0]).toMatchObject({
      message: 'RiverGen is failing repeatedly; calls to it are paused for a few seconds',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', provider: 'rivergen' },
    });
  });

  it('turns malformed upstream JSON into a clean error, not retried', async () => {
    const g = await start();
    g.sims.pdc?.setFaults({ malformed: true, operations: ['filterDataSources'] });
    const result = await g.query(CATALOG);
    expect(result.errors?.[0]).toMatchObject({
      message: 'Pentaho Data Catalog answered in an unexpected shape',
      extensions: { code: 'UPSTREAM_ERROR', provider: 'pdc' },
    });
    expect(g.sims.pdc?.stats.count('filterDataSources')).toBe(1);
  });

  it('opens the breaker of a down upstream, fails fast without calling it, and closes once it recovers', async () => {
    const g = await start({
      UPSTREAM_RETRY_ATTEMPTS: '1',
      UPSTREAM_BREAKER_FAILURES: '3',
      UPSTREAM_BREAKER_RESET_MS: '200',
    });
    const sources = '{ importSources(first: 1) { edges { node { id } } } }';
    g.sims['prequel-import']?.setFaults({ errorRate: 1, errorStatus: 500 });
    for (let i = 0; i < 3; i++) await g.query(sources);
    expect(g.sims['prequel-import']?.stats.count('listSources')).toBe(3);

    const fast = await g.query(sources);
    expect(fast.errors?.[0]).toMatchObject({
      message: 'Prequel Import is failing repeatedly; calls to it are paused for a few seconds',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', provider: 'prequel-import' },
    });
    expect(g.sims['prequel-import']?.stats.count('listSources')).toBe(3);

    const others = await g.query<{ dataSources: { totalCount: number } }>(
      '{ dataSources(first: 1) { totalCount } }',
    );
    expect(others.data?.dataSources.totalCount).toBe(80 + 1000 + 180);
    expect(others.errors?.[0]?.extensions).toMatchObject({ provider: 'prequel-import' });

    g.sims['prequel-import']?.setFaults(undefined);
    // The breaker lets a probe through once its reset time has passed.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const recovered = await g.query(sources);
    expect(recovered.errors).toBeUndefined();
  });
});
