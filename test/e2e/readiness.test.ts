import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type ListeningGateway, serveOverHttp } from '../support/listening.js';
import { parsePrometheus } from '../support/prometheus.js';

const PROVIDERS = ['prequel-import', 'prequel-export', 'pdc', 'rivergen'];
const IMPORT_SOURCES = '{ importSources(first: 1) { edges { node { id } } } }';

let gw: TestGateway | undefined;
let http: ListeningGateway | undefined;
afterEach(async () => {
  await http?.close();
  await gw?.close();
  gw = undefined;
  http = undefined;
});

async function start(env: Record<string, string> = {}) {
  gw = await startTestGateway(env);
  http = await serveOverHttp(gw);
  return { gw, http };
}

interface ReadyBody {
  ready: boolean;
  draining?: true;
  providers?: { id: string; ready: boolean; reason?: string }[];
  redis?: { ok: boolean; reason?: string };
}

async function ready(
  on: ListeningGateway,
): Promise<{ status: number; body: ReadyBody; text: string; headers: Headers }> {
  const response = await on.get('/ready');
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as ReadyBody, text, headers: response.headers };
}

/** What /ready says when every provider but `down` is ready and `down` is not, for `reason`. */
function allBut(down: string, reason: string): ReadyBody {
  return {
    ready: true,
    providers: PROVIDERS.map((id) => (id === down ? { id, ready: false, reason } : { id, ready: true })),
  };
}

describe('/ready', () => {
  it('answers 200 listing every provider as ready while every simulator is up', async () => {
    const { http } = await start();
    const answer = await ready(http);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ready: true, providers: PROVIDERS.map((id) => ({ id, ready: true })) });
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    // A load balancer's HEAD gets the same status, and no cache keeps it either.
    const head = await fetch(`${http.base}/ready`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('cache-control')).toBe('no-store');
  });

  it('is served at /ready alone', async () => {
    const { gw, http } = await start();
    gw.resetCounts();
    for (const path of ['/ready/', '/readyz', '/graphql/ready']) {
      const other = await http.get(path);
      expect(other.status).toBe(404);
      expect(await other.text()).toBe('');
    }
    for (const id of PROVIDERS) expect(gw.sims[id]?.stats.count()).toBe(0);
  });

  it('stays 200 while one provider is down, naming it, and the others still answer', async () => {
    const { gw, http } = await start();
    await gw.sims.pdc?.close();
    const answer = await ready(http);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(allBut('pdc', 'unreachable'));
    // Names and reasons only: no URL, host or port of the upstream.
    expect(answer.text).not.toMatch(/127\.0\.0\.1|http|:\d{2,5}/);
    expect((await http.get('/health')).status).toBe(200);
    const others = await gw.query(IMPORT_SOURCES);
    expect(others.errors).toBeUndefined();
  });

  it('calls an upstream that does not answer within READINESS_TIMEOUT_MS a timeout, with one probe per check, never retried', async () => {
    const { gw, http } = await start({ READINESS_TIMEOUT_MS: '150', UPSTREAM_BREAKER_FAILURES: '2' });
    gw.sims.rivergen?.setFaults({ hang: true });
    for (let i = 0; i < 3; i++) {
      const answer = await ready(http);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(allBut('rivergen', 'timeout'));
    }
    expect(gw.sims.rivergen?.stats.count('unmatched')).toBe(3);

    // Probes that timed out do not count against the breaker: once the upstream answers, so does the gateway.
    gw.sims.rivergen?.setFaults(undefined);
    expect((await ready(http)).status).toBe(200);
    const list = await gw.query('{ riverGenDataSources(first: 1) { edges { node { id } } } }');
    expect(list.errors).toBeUndefined();
  });

  it('shares one round of probes between checks that arrive together', async () => {
    const { gw, http } = await start();
    const answers = await Promise.all([ready(http), ready(http), ready(http)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    for (const id of PROVIDERS) expect(gw.sims[id]?.stats.count('unmatched')).toBe(1);
  });

  it('marks a provider `breaker open` while it fails fast, without probing it, and ready again once it recovers', async () => {
    const { gw, http } = await start({
      UPSTREAM_RETRY_ATTEMPTS: '1',
      UPSTREAM_BREAKER_FAILURES: '2',
      UPSTREAM_BREAKER_RESET_MS: '300',
    });
    const sim = gw.sims['prequel-import'];
    sim?.setFaults({ errorRate: 1, errorStatus: 503 });
    for (let i = 0; i < 2; i++) await gw.query(IMPORT_SOURCES);
    sim?.stats.reset();

    const answer = await ready(http);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(allBut('prequel-import', 'breaker open'));
    expect(sim?.stats.count()).toBe(0);
    const others = await gw.query<{ catalogDataSources: { totalCount: number } }>(
      '{ catalogDataSources(first: 1) { totalCount } }',
    );
    expect(others.errors).toBeUndefined();

    sim?.setFaults(undefined);
    // Past its reset time the breaker lets the next call through, so the provider counts as ready again.
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await ready(http)).body).toEqual({
      ready: true,
      providers: PROVIDERS.map((id) => ({ id, ready: true })),
    });
    const recovered = await gw.query(IMPORT_SOURCES);
    expect(recovered.errors).toBeUndefined();
  });

  it('while the probe of a half-open breaker is out, fails other calls at once, is not ready and says half-open', async () => {
    const { gw, http } = await start({
      UPSTREAM_RETRY_ATTEMPTS: '1',
      UPSTREAM_BREAKER_FAILURES: '2',
      UPSTREAM_BREAKER_RESET_MS: '200',
      UPSTREAM_HEADERS_TIMEOUT_MS: '1000',
    });
    const sim = gw.sims['prequel-import'];
    sim?.setFaults({ errorRate: 1, errorStatus: 503 });
    for (let i = 0; i < 2; i++) await gw.query(IMPORT_SOURCES);
    sim?.setFaults({ hang: true });
    sim?.stats.reset();
    await new Promise((resolve) => setTimeout(resolve, 250));

    let probed = false;
    const probe = gw.query(IMPORT_SOURCES).finally(() => {
      probed = true;
    });
    await vi.waitFor(() => expect(sim?.stats.count('listSources')).toBe(1));
    const other = await gw.query(IMPORT_SOURCES);
    expect(other.errors?.[0]?.message).toBe(
      'Prequel Import is failing repeatedly; calls to it are paused for a few seconds',
    );
    expect(probed).toBe(false);
    expect((await ready(http)).body).toEqual(allBut('prequel-import', 'breaker open'));
    const metrics = parsePrometheus(await (await http.get('/metrics')).text());
    expect(
      metrics('gateway_upstream_breaker_state', { provider: 'prequel-import', state: 'half-open' }),
    ).toBe(1);
    expect(sim?.stats.count('listSources')).toBe(1);
    expect((await probe).errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });

  it('answers 503 when no provider is usable, naming each and why', async () => {
    const { gw, http } = await start({ READINESS_TIMEOUT_MS: '150' });
    gw.sims.rivergen?.setFaults({ hang: true });
    for (const id of ['prequel-import', 'prequel-export', 'pdc']) await gw.sims[id]?.close();
    const answer = await ready(http);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      ready: false,
      providers: PROVIDERS.map((id) => ({
        id,
        ready: false,
        reason: id === 'rivergen' ? 'timeout' : 'unreachable',
      })),
    });
  });

  it('answers 503 once the process is shutting down, without probing, while requests are still served', async () => {
    const { gw, http } = await start();
    gw.resetCounts();
    gw.gateway.drain();
    const answer = await ready(http);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ ready: false, draining: true });
    for (const id of PROVIDERS) expect(gw.sims[id]?.stats.count('unmatched')).toBe(0);
    expect((await gw.query(IMPORT_SOURCES)).errors).toBeUndefined();
  });

  it('with REDIS_URL, reports Redis unreachable beside the providers, still ready, naming no address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const { gw, http } = await start({ REDIS_URL: `redis://127.0.0.1:${port}` });
    const answer = await ready(http);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      ready: true,
      providers: PROVIDERS.map((id) => ({ id, ready: true })),
      redis: { ok: false, reason: expect.any(String) },
    });
    expect(answer.text).not.toContain(String(port));
    // Its first try failed: the outage is logged once, by the error's kind and code.
    const outages = () =>
      gw.logs
        .map((line) => JSON.parse(line) as { level: number; msg?: string; err?: object })
        .filter((line) => line.msg?.startsWith('Redis is unreachable'));
    await vi.waitFor(() => expect(outages()).toHaveLength(1));
    expect(outages()).toMatchObject([
      { level: 40, err: { message: 'Error (ECONNREFUSED)', code: 'ECONNREFUSED' } },
    ]);
    expect(gw.logs.filter((line) => line.includes(String(port)))).toEqual([]);
  });

  it('exposes each provider’s state at the last check as gateway_provider_ready', async () => {
    const { gw, http } = await start();
    await gw.sims.pdc?.close();
    await ready(http);
    const text = await (await http.get('/metrics')).text();
    expect(text).toMatch(/^gateway_provider_ready\{provider="pdc"\} 0$/m);
    const metrics = parsePrometheus(text);
    for (const id of PROVIDERS.filter((id) => id !== 'pdc'))
      expect(metrics('gateway_provider_ready', { provider: id })).toBe(1);
  });
});
