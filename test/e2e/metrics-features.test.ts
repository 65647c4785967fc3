import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { parsePrometheus } from '../support/prometheus.js';
import { until } from '../support/until.js';

async function metricsText(gw: TestGateway): Promise<string> {
  return (await gw.gateway.yoga.fetch('http://gateway.test/metrics')).text();
}

/** The sample lines of `name` exactly (not of the metrics its name starts), labels and value as written. */
function samples(text: string, name: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const PROVIDERS = ['prequel-import', 'prequel-export', 'pdc', 'rivergen'];

describe('/metrics of each feature', () => {
  it('shows admission in all and per provider, and the budget of the provider that has one, by their labels', async () => {
    await using gw = await startTestGateway({ RIVERGEN_MAX_RPS: '5' });
    const text = await metricsText(gw);
    expect(samples(text, 'gateway_admission_running_records')).toEqual([
      'gateway_admission_running_records 0',
    ]);
    expect(samples(text, 'gateway_admission_waiting')).toEqual(['gateway_admission_waiting 0']);
    expect(samples(text, 'gateway_admission_provider_running_records')).toEqual(
      PROVIDERS.map((id) => `gateway_admission_provider_running_records{provider="${id}"} 0`),
    );
    expect(samples(text, 'gateway_admission_provider_waiting')).toEqual(
      PROVIDERS.map((id) => `gateway_admission_provider_waiting{provider="${id}"} 0`),
    );
    expect(samples(text, 'gateway_upstream_budget_rps')).toEqual([
      'gateway_upstream_budget_rps{provider="rivergen"} 5',
    ]);
    expect(samples(text, 'gateway_subscriptions_open')).toEqual(['gateway_subscriptions_open 0']);
  });

  it('leaves out what is off or not yet known: no admission, no budget, no provider readiness before the first /ready', async () => {
    await using gw = await startTestGateway({ MAX_RECORDS_IN_FLIGHT: '0' });
    const before = await metricsText(gw);
    expect(before).not.toContain('gateway_admission_');
    expect(samples(before, 'gateway_upstream_budget_rps')).toEqual([]);
    expect(samples(before, 'gateway_provider_ready')).toEqual([]);
    expect(before).toContain('# TYPE gateway_provider_ready gauge\n');
    await gw.gateway.yoga.fetch('http://gateway.test/ready');
    expect(samples(await metricsText(gw), 'gateway_provider_ready')).toEqual(
      PROVIDERS.map((id) => `gateway_provider_ready{provider="${id}"} 1`),
    );
  });

  it('counts response cache lookups by result, and requests over RATE_LIMIT', async () => {
    await using gw = await startTestGateway({ RESPONSE_CACHE: 'on', RATE_LIMIT: '3/1h' });
    const document = '{ importSources(first: 2) { edges { node { id } } } }';
    for (let i = 0; i < 4; i++) await gw.query(document);
    const text = await metricsText(gw);
    expect(samples(text, 'gateway_response_cache_lookups_total')).toEqual([
      'gateway_response_cache_lookups_total{result="miss"} 1',
      'gateway_response_cache_lookups_total{result="hit"} 2',
    ]);
    expect(samples(text, 'gateway_rate_limited_total')).toEqual(['gateway_rate_limited_total 1']);
    // An upstream call on loopback is timed in seconds: well under the 30 s bucket.
    const metrics = parsePrometheus(text);
    const route = { provider: 'prequel-import', route: 'listSources' };
    expect(metrics('gateway_upstream_request_duration_seconds_count', route)).toBe(1);
    expect(metrics('gateway_upstream_request_duration_seconds_bucket', { ...route, le: '30' })).toBe(1);
  });

  it('counts each failed attempt to reach REDIS_URL as a connection error', async () => {
    await using gw = await startTestGateway({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
    await until(async () => samples(await metricsText(gw), 'gateway_redis_errors_total').length > 0);
    expect(samples(await metricsText(gw), 'gateway_redis_errors_total')[0]).toMatch(
      /^gateway_redis_errors_total\{operation="connection"\} [1-9]\d*$/,
    );
  });

  it('counts a call whose caller gave up as aborted, untimed', async () => {
    await using gw = await startTestGateway({ UPSTREAM_RETRY_ATTEMPTS: '1' });
    const list = await gw.query<{ catalogDataSources: { edges: { node: { id: string } }[] } }>(
      '{ catalogDataSources(first: 1) { edges { node { id } } } }',
    );
    const id = list.data?.catalogDataSources.edges[0]?.node.id;
    gw.sims.pdc?.setFaults({ hang: true, operations: ['getDataSourcesByIds'] });
    const caller = new AbortController();
    const request = Promise.resolve(
      gw.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id } }),
        signal: caller.signal,
      }),
    ).catch(() => undefined);
    await until(async () => gw.sims.pdc?.stats.count('getDataSourcesByIds') === 1);
    caller.abort();
    await request;
    const route = 'provider="pdc",route="getDataSourcesByIds"';
    await until(async () => (await metricsText(gw)).includes(`{${route},kind="aborted"}`));
    const text = await metricsText(gw);
    expect(samples(text, 'gateway_upstream_errors_total')).toEqual([
      `gateway_upstream_errors_total{${route},kind="aborted"} 1`,
    ]);
    expect(samples(text, 'gateway_upstream_requests_total')).toContain(
      `gateway_upstream_requests_total{${route},status="aborted"} 1`,
    );
    expect(
      parsePrometheus(text)('gateway_upstream_request_duration_seconds_count', {
        route: 'getDataSourcesByIds',
      }),
    ).toBe(0);
  });
});
