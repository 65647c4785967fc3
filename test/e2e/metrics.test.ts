import { AggregatorRegistry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayOptions } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type ListeningGateway, serveOverHttp } from '../support/listening.js';
import { parsePrometheus, type Scrape } from '../support/prometheus.js';

let gw: TestGateway;
let http: ListeningGateway;
beforeAll(async () => {
  gw = await startTestGateway({ UPSTREAM_RETRY_ATTEMPTS: '1', UPSTREAM_HEADERS_TIMEOUT_MS: '300' });
  http = await serveOverHttp(gw);
});
afterAll(async () => {
  await http.close();
  await gw.close();
});

async function scrape(on: ListeningGateway = http): Promise<Scrape> {
  const response = await on.get('/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parsePrometheus(await response.text());
}

/** How much each metric moved while `run` ran. */
async function delta(run: () => Promise<unknown>): Promise<Scrape> {
  const before = await scrape();
  await run();
  const after = await scrape();
  return (name, labels) => after(name, labels) - before(name, labels);
}

async function catalogIds(count: number): Promise<string[]> {
  const list = await gw.query<{ catalogDataSources: { edges: { node: { id: string } }[] } }>(
    'query($n: Int) { catalogDataSources(first: $n) { edges { node { id } } } }',
    { n: count },
  );
  return list.data?.catalogDataSources.edges.map((edge) => edge.node.id) ?? [];
}

/** Each gateway metric's type, as docs/operations.md lists them (admission's on by default). */
const TYPES = {
  gateway_graphql_requests_total: 'counter',
  gateway_graphql_request_duration_seconds: 'histogram',
  gateway_upstream_requests_total: 'counter',
  gateway_upstream_request_duration_seconds: 'histogram',
  gateway_upstream_errors_total: 'counter',
  gateway_dataloader_batch_size: 'histogram',
  gateway_response_cache_lookups_total: 'counter',
  gateway_redis_errors_total: 'counter',
  gateway_rate_limited_total: 'counter',
  gateway_upstream_breaker_state: 'gauge',
  gateway_upstream_budget_rps: 'gauge',
  gateway_provider_ready: 'gauge',
  gateway_admission_running_records: 'gauge',
  gateway_admission_waiting: 'gauge',
  gateway_admission_provider_running_records: 'gauge',
  gateway_admission_provider_waiting: 'gauge',
  gateway_subscriptions_open: 'gauge',
};

/** The `# TYPE` of each `gateway_` metric in a scrape. */
function typesIn(text: string): Record<string, string> {
  return Object.fromEntries(
    [...text.matchAll(/^# TYPE (gateway_\w+) (.*)$/gm)].map(([, name, type]) => [name, type]),
  );
}

/** The `# HELP` line of each `gateway_` metric in a scrape. */
function helpIn(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('# HELP gateway_'));
}

describe('/metrics', () => {
  it('names every gateway metric with its type and a help text', async () => {
    const text = await (await http.get('/metrics')).text();
    expect(typesIn(text)).toEqual(TYPES);
    const help = helpIn(text);
    expect(help.map((line) => line.split(' ')[2])).toEqual(Object.keys(TYPES));
    for (const line of help) expect(line).toMatch(/^# HELP gateway_\w+ \S.{20,}$/);
  });

  it('counts a named query once, by name, type and outcome, and times it', async () => {
    const moved = await delta(() =>
      gw.query('query CatalogPage { catalogDataSources(first: 3) { totalCount } }'),
    );
    const labels = { operation: 'CatalogPage', type: 'query' };
    expect(moved('gateway_graphql_requests_total', { ...labels, outcome: 'ok' })).toBe(1);
    expect(moved('gateway_graphql_requests_total')).toBe(1);
    expect(moved('gateway_graphql_request_duration_seconds_count', labels)).toBe(1);
  });

  it('counts the upstream calls of a query route by route, exactly as the simulators received them', async () => {
    gw.resetCounts();
    const moved = await delta(() =>
      gw.query('{ dataSources(first: 5) { totalCount edges { node { id } } } }'),
    );
    let total = 0;
    for (const [provider, sim] of Object.entries(gw.sims)) {
      for (const [route, calls] of Object.entries(sim.stats.counts())) {
        total += calls;
        expect(moved('gateway_upstream_requests_total', { provider, route, status: '200' })).toBe(calls);
        expect(moved('gateway_upstream_request_duration_seconds_count', { provider, route })).toBe(calls);
      }
    }
    expect(total).toBeGreaterThan(3);
    expect(moved('gateway_upstream_requests_total')).toBe(total);
    expect(moved('gateway_upstream_errors_total')).toBe(0);
  });

  it('observes one DataLoader batch as large as the ids a nodes query asks for', async () => {
    const ids = await catalogIds(7);
    gw.resetCounts();
    const moved = await delta(() => gw.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }));
    const labels = { loader: 'CatalogDataSource', provider: 'pdc' };
    expect(moved('gateway_dataloader_batch_size_count', labels)).toBe(1);
    expect(moved('gateway_dataloader_batch_size_sum', labels)).toBe(7);
    expect(moved('gateway_dataloader_batch_size_bucket', { ...labels, le: '5' })).toBe(0);
    expect(moved('gateway_dataloader_batch_size_bucket', { ...labels, le: '10' })).toBe(1);
    expect(gw.sims.pdc?.stats.count('getDataSourcesByIds')).toBe(1);
    expect(moved('gateway_upstream_requests_total', { provider: 'pdc', route: 'getDataSourcesByIds' })).toBe(
      1,
    );
  });

  it('counts an upstream failure as an error of its provider, route and kind, and as the outcome of the operation', async () => {
    gw.sims.pdc?.setFaults({ failNext: 1, errorStatus: 503, operations: ['filterDataSources'] });
    const moved = await delta(() =>
      gw.query('query Failing { catalogDataSources(first: 1) { totalCount } }'),
    );
    const route = { provider: 'pdc', route: 'filterDataSources' };
    expect(moved('gateway_upstream_errors_total', { ...route, kind: 'http', status: '503' })).toBe(1);
    expect(moved('gateway_upstream_errors_total')).toBe(1);
    expect(moved('gateway_upstream_requests_total', { ...route, status: '503' })).toBe(1);
    expect(
      moved('gateway_graphql_requests_total', { operation: 'Failing', outcome: 'UPSTREAM_UNAVAILABLE' }),
    ).toBe(1);
  });

  it('counts an answer larger than the bound as too-large, with its status', async () => {
    const [id] = await catalogIds(1);
    // Past the default 16 MiB bound; refused from its Content-Length before any of it is read.
    gw.sims.pdc?.setFaults({
      oversizedBytes: 17 * 1024 * 1024,
      oversizedDeclared: true,
      operations: ['getDataSourcesByIds'],
    });
    try {
      const moved = await delta(() => gw.query('query($id: ID!) { node(id: $id) { id } }', { id }));
      const route = { provider: 'pdc', route: 'getDataSourcesByIds' };
      expect(moved('gateway_upstream_errors_total', { ...route, kind: 'too-large', status: '200' })).toBe(1);
      expect(moved('gateway_upstream_requests_total', { ...route, status: '200' })).toBe(1);
      expect(
        moved('gateway_graphql_requests_total', { operation: 'anonymous', outcome: 'UPSTREAM_ERROR' }),
      ).toBe(1);
    } finally {
      gw.sims.pdc?.setFaults(undefined);
    }
  });

  it('counts a call that got no answer in time as a timeout', async () => {
    const [id] = await catalogIds(1);
    gw.sims.pdc?.setFaults({ hang: true, operations: ['getDataSourcesByIds'] });
    try {
      const moved = await delta(() => gw.query('query($id: ID!) { node(id: $id) { id } }', { id }));
      const route = { provider: 'pdc', route: 'getDataSourcesByIds' };
      expect(moved('gateway_upstream_errors_total', { ...route, kind: 'timeout' })).toBe(1);
      expect(moved('gateway_upstream_requests_total', { ...route, status: 'timeout' })).toBe(1);
      expect(moved('gateway_upstream_request_duration_seconds_count', route)).toBe(0);
      expect(
        moved('gateway_graphql_requests_total', { operation: 'anonymous', outcome: 'UPSTREAM_TIMEOUT' }),
      ).toBe(1);
    } finally {
      gw.sims.pdc?.setFaults(undefined);
    }
  });

  it('names operations only from the document: unnamed ones are anonymous, long names are cut', async () => {
    const long = `Q${'x'.repeat(200)}`;
    const moved = await delta(async () => {
      await gw.query('{ catalogDataSources(first: 1) { totalCount } }');
      await gw.query(`query ${long} { catalogDataSources(first: 1) { totalCount } }`);
      await gw.query('query Broken { catalogDataSources(first: 1) { nope } }', undefined);
    });
    expect(
      moved('gateway_graphql_requests_total', { operation: 'anonymous', type: 'query', outcome: 'ok' }),
    ).toBe(1);
    expect(moved('gateway_graphql_requests_total', { operation: long.slice(0, 64), outcome: 'ok' })).toBe(1);
    expect(moved('gateway_graphql_requests_total', { operation: 'anonymous', type: 'unknown' })).toBe(1);
  });

  it('counts a call to an upstream that cannot be reached as unreachable, untimed', async () => {
    // PDC's login is the first call, and the only one: nothing is read without it.
    await using down = await startTestGateway({ UPSTREAM_RETRY_ATTEMPTS: '1' });
    await down.sims.pdc?.close();
    await down.query('query Down { catalogDataSources(first: 1) { totalCount } }');
    const text = await (await down.gateway.yoga.fetch('http://gateway.test/metrics')).text();
    expect(text).toMatch(
      /^gateway_upstream_requests_total\{provider="pdc",route="authenticate",status="unreachable"\} 1$/m,
    );
    expect(text).toMatch(
      /^gateway_upstream_errors_total\{provider="pdc",route="authenticate",kind="unreachable"\} 1$/m,
    );
    const metrics = parsePrometheus(text);
    expect(metrics('gateway_upstream_requests_total')).toBe(1);
    expect(metrics('gateway_upstream_request_duration_seconds_count')).toBe(0);
  });

  it('labels the first 200 operation names it sees; a new name after them counts as `other`', async () => {
    await using fresh = await startTestGateway();
    for (let i = 0; i <= 200; i++) await fresh.query(`query Name${i} { __typename }`);
    await fresh.query('query Name0 { __typename }');
    const metrics = parsePrometheus(
      await (await fresh.gateway.yoga.fetch('http://gateway.test/metrics')).text(),
    );
    expect(metrics('gateway_graphql_requests_total', { operation: 'Name0' })).toBe(2);
    expect(metrics('gateway_graphql_requests_total', { operation: 'Name199' })).toBe(1);
    expect(metrics('gateway_graphql_requests_total', { operation: 'Name200' })).toBe(0);
    expect(
      metrics('gateway_graphql_requests_total', { operation: 'other', type: 'query', outcome: 'ok' }),
    ).toBe(1);
    expect(metrics('gateway_graphql_request_duration_seconds_count', { operation: 'other' })).toBe(1);
    expect(metrics('gateway_graphql_requests_total')).toBe(202);
  });

  it('shows the breaker state of each provider, and open once an upstream keeps failing', async () => {
    await using other = await startTestGateway({
      UPSTREAM_RETRY_ATTEMPTS: '1',
      UPSTREAM_BREAKER_FAILURES: '2',
    });
    const otherHttp = await serveOverHttp(other);
    try {
      expect(
        (await scrape(otherHttp))('gateway_upstream_breaker_state', {
          provider: 'rivergen',
          state: 'closed',
        }),
      ).toBe(1);
      other.sims.rivergen?.setFaults({ errorRate: 1, errorStatus: 500 });
      const list = '{ riverGenDataSources(first: 1) { totalCount } }';
      for (let i = 0; i < 3; i++) await other.query(list);
      const later = await scrape(otherHttp);
      expect(later('gateway_upstream_breaker_state', { provider: 'rivergen', state: 'open' })).toBe(1);
      expect(later('gateway_upstream_breaker_state', { provider: 'rivergen', state: 'closed' })).toBe(0);
      expect(later('gateway_upstream_breaker_state', { provider: 'pdc', state: 'closed' })).toBe(1);
      expect(later('gateway_upstream_errors_total', { provider: 'rivergen', kind: 'circuit-open' })).toBe(1);
      // Each gateway counts only its own requests.
      expect(later('gateway_graphql_requests_total', { operation: 'CatalogPage' })).toBe(0);
    } finally {
      await otherHttp.close();
    }
  });

  it('includes the process metrics', async () => {
    const metrics = await scrape();
    expect(metrics('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(metrics('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('is not served with METRICS=false, and nothing else is missed: lookups by id still batch and answer', async () => {
    await using off = await startTestGateway({ METRICS: 'false' });
    const response = await off.gateway.yoga.fetch('http://gateway.test/metrics');
    expect(response.status).toBe(404);
    const listed = await off.query<{ catalogDataSources: { edges: { node: { id: string } }[] } }>(
      '{ catalogDataSources(first: 2) { edges { node { id } } } }',
    );
    const ids = listed.data?.catalogDataSources.edges.map((edge) => edge.node.id) ?? [];
    off.resetCounts();
    const found = await off.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(found).toEqual({ data: { nodes: ids.map((id) => ({ id })) }, status: 200 });
    expect(off.sims.pdc?.stats.count('getDataSourcesByIds')).toBe(1);
  });
});

/**
 * Gateways in this process as the workers of one cluster: each hands its own metrics over, and the
 * /metrics of any answers with prom-client's aggregation of them all, as cluster.ts's primary does.
 */
function inProcessCluster(): NonNullable<GatewayOptions['sumOverWorkers']> {
  const workers: (() => Promise<unknown[]>)[] = [];
  return (local) => {
    workers.push(local);
    return async () => {
      const each = await Promise.all(workers.map((own) => own()));
      return AggregatorRegistry.aggregate(
        each as Parameters<typeof AggregatorRegistry.aggregate>[0],
      ).metrics();
    };
  };
}

describe('/metrics with WORKERS', () => {
  it('sums the workers’ counts and histograms, keeps the budget shared and a provider ready only if in each worker', async () => {
    const cluster = inProcessCluster();
    const env = { UPSTREAM_RETRY_ATTEMPTS: '1', UPSTREAM_HEADERS_TIMEOUT_MS: '300', RIVERGEN_MAX_RPS: '5' };
    await using a = await startTestGateway(env, { sumOverWorkers: cluster });
    await using b = await startTestGateway(env, { sumOverWorkers: cluster });
    const lookUp = async (worker: TestGateway, count: number) => {
      const list = await worker.query<{ catalogDataSources: { edges: { node: { id: string } }[] } }>(
        'query Spread($n: Int) { catalogDataSources(first: $n) { edges { node { id } } } }',
        { n: count },
      );
      const ids = list.data?.catalogDataSources.edges.map((edge) => edge.node.id) ?? [];
      expect(ids).toHaveLength(count);
      await worker.query('query Lookup($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
      return ids;
    };
    await lookUp(a, 7);
    const [id] = await lookUp(b, 3);
    b.sims.pdc?.setFaults({ hang: true, operations: ['getDataSourcesByIds'] });
    await b.query('query($id: ID!) { node(id: $id) { id } }', { id });
    await a.gateway.yoga.fetch('http://gateway.test/ready');
    await b.sims.pdc?.close();
    await b.gateway.yoga.fetch('http://gateway.test/ready');

    const text = await (await a.gateway.yoga.fetch('http://gateway.test/metrics')).text();
    const metrics = parsePrometheus(text);
    expect(typesIn(text)).toEqual(TYPES);
    expect(helpIn(text)).toEqual(helpIn(await (await http.get('/metrics')).text()));

    const spread = { operation: 'Spread', type: 'query' };
    expect(metrics('gateway_graphql_requests_total', { ...spread, outcome: 'ok' })).toBe(2);
    expect(metrics('gateway_graphql_request_duration_seconds_count', spread)).toBe(2);
    expect(metrics('gateway_graphql_request_duration_seconds_bucket', { ...spread, le: '+Inf' })).toBe(2);
    expect(metrics('gateway_graphql_request_duration_seconds_bucket', { ...spread, le: '30' })).toBe(2);
    expect(metrics('gateway_graphql_request_duration_seconds_sum', spread)).toBeGreaterThan(0);

    const batches = { loader: 'CatalogDataSource', provider: 'pdc' };
    // Batches of 7 and 3 ids, and the 1 id of the lookup that got no answer.
    expect(metrics('gateway_dataloader_batch_size_bucket', { ...batches, le: '2' })).toBe(1);
    expect(metrics('gateway_dataloader_batch_size_bucket', { ...batches, le: '5' })).toBe(2);
    expect(metrics('gateway_dataloader_batch_size_bucket', { ...batches, le: '10' })).toBe(3);
    expect(metrics('gateway_dataloader_batch_size_bucket', { ...batches, le: '+Inf' })).toBe(3);
    expect(metrics('gateway_dataloader_batch_size_sum', batches)).toBe(11);
    expect(metrics('gateway_dataloader_batch_size_count', batches)).toBe(3);

    // A call that got no answer has no status: the label is left out, not written empty.
    expect(text).toMatch(
      /^gateway_upstream_errors_total\{provider="pdc",route="getDataSourcesByIds",kind="timeout"\} 1$/m,
    );
    expect(metrics('gateway_upstream_errors_total')).toBe(1);

    expect(metrics('gateway_upstream_breaker_state', { provider: 'pdc', state: 'closed' })).toBe(2);
    expect(metrics('gateway_upstream_budget_rps', { provider: 'rivergen' })).toBe(5);
    expect(metrics('gateway_provider_ready', { provider: 'pdc' })).toBe(0);
    expect(metrics('gateway_provider_ready', { provider: 'rivergen' })).toBe(1);
    expect(text).toMatch(/^gateway_subscriptions_open 0$/m);
    expect(text).toMatch(/^gateway_admission_running_records 0$/m);
  });
});
