import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { postForParts } from '../support/incremental.js';
import { type ListeningGateway, serveOverHttp } from '../support/listening.js';
import { parsePrometheus, type Scrape } from '../support/prometheus.js';
import { subscribe } from '../support/subscriptions.js';

let gw: TestGateway;
let http: ListeningGateway;
beforeAll(async () => {
  gw = await startTestGateway({ UPSTREAM_RETRY_ATTEMPTS: '1' });
  http = await serveOverHttp(gw);
});
afterAll(async () => {
  await http.close();
  await gw.close();
});

/** How much each metric moved while `run` ran. */
async function delta(run: () => Promise<unknown>): Promise<Scrape> {
  const scrape = async () => parsePrometheus(await (await http.get('/metrics')).text());
  const before = await scrape();
  await run();
  const after = await scrape();
  return (name, labels) => after(name, labels) - before(name, labels);
}

describe('the /metrics endpoint and the requests it counts', () => {
  it('serves the text to a GET or a HEAD of /metrics alone, never to be kept by a cache', async () => {
    const got = await http.get('/metrics');
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(got.headers.get('cache-control')).toBe('no-store');
    expect(await got.text()).toContain('# TYPE gateway_graphql_requests_total counter\n');
    const head = await fetch(`${http.base}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(head.headers.get('cache-control')).toBe('no-store');
    expect(await head.text()).toBe('');
    for (const other of [
      await fetch(`${http.base}/metrics`, { method: 'POST', body: '' }),
      await http.get('/metrics/x'),
      await http.get('/graphql/metrics'),
    ]) {
      expect(other.status).toBe(404);
      expect(await other.text()).toBe('');
    }
  });

  it('counts an answer in parts once, after its last part, with the error of a later part as its outcome', async () => {
    gw.sims.rivergen?.setFaults({ failNext: 1, errorStatus: 503, operations: ['listDataSources'] });
    const moved = await delta(async () => {
      const response = await postForParts(
        gw.gateway,
        'query Later { __typename ... @defer { riverGenDataSources(first: 1) { totalCount } } }',
      );
      expect(await response.text()).toContain('UPSTREAM_UNAVAILABLE');
    });
    const later = { operation: 'Later', type: 'query' };
    expect(moved('gateway_graphql_requests_total', { ...later, outcome: 'UPSTREAM_UNAVAILABLE' })).toBe(1);
    expect(moved('gateway_graphql_requests_total')).toBe(1);
    expect(moved('gateway_graphql_request_duration_seconds_count', later)).toBe(1);
    // Timed in seconds from the request to its last part: well under the 30 s bucket.
    expect(moved('gateway_graphql_request_duration_seconds_bucket', { ...later, le: '30' })).toBe(1);
  });

  it('counts a subscription once it ends, as a subscription, by its name and outcome', async () => {
    const listed = await gw.query<{ destinations: { edges: { node: { id: string } }[] } }>(
      '{ destinations(first: 1) { edges { node { id } } } }',
    );
    const destinationId = listed.data?.destinations.edges[0]?.node.id;
    const moved = await delta(async () => {
      const live = await subscribe(
        `${http.base}/graphql`,
        'subscription Watch($destinationId: ID!, $transferId: String) { destinationTransfer(destinationId: $destinationId, transferId: $transferId) { id } }',
        { destinationId, transferId: 'no-such-transfer' },
      );
      expect(await live.rest()).toHaveLength(1);
    });
    const watch = { operation: 'Watch', type: 'subscription' };
    expect(moved('gateway_graphql_requests_total', { ...watch, outcome: 'NOT_FOUND' })).toBe(1);
    expect(moved('gateway_graphql_requests_total')).toBe(1);
    expect(moved('gateway_graphql_request_duration_seconds_count', watch)).toBe(1);
  });

  it('counts a batch as one request, its outcome the first error code among its answers', async () => {
    const moved = await delta(async () => {
      const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query: 'query One { __typename }' }, { query: 'query Two { nope }' }]),
      });
      const answers = (await response.json()) as { errors?: { extensions?: { code?: string } }[] }[];
      expect(answers.map((answer) => answer.errors?.[0]?.extensions?.code)).toEqual([
        undefined,
        'GRAPHQL_VALIDATION_FAILED',
      ]);
    });
    expect(moved('gateway_graphql_requests_total', { outcome: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(moved('gateway_graphql_requests_total')).toBe(1);
  });

  it('names a request by the operation its document runs: the one operationName picks, cut to 64 characters', async () => {
    const long = `Q${'x'.repeat(63)}y`;
    const moved = await delta(async () => {
      const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `query First { __typename } mutation ${long} { __typename }`,
          operationName: long,
        }),
      });
      expect(response.status).toBe(200);
    });
    const cut = long.slice(0, 64);
    expect(cut).toHaveLength(64);
    expect(moved('gateway_graphql_requests_total', { operation: cut, type: 'mutation', outcome: 'ok' })).toBe(
      1,
    );
    expect(moved('gateway_graphql_requests_total')).toBe(1);
  });

  it('counts a request refused before it ran as anonymous, of unknown type, with the refusal’s code', async () => {
    const moved = await delta(() => gw.query('query Broken { nope }'));
    expect(
      moved('gateway_graphql_requests_total', {
        operation: 'anonymous',
        type: 'unknown',
        outcome: 'GRAPHQL_VALIDATION_FAILED',
      }),
    ).toBe(1);
    expect(moved('gateway_graphql_requests_total')).toBe(1);
    const unknown = { operation: 'anonymous', type: 'unknown' };
    expect(moved('gateway_graphql_request_duration_seconds_count', unknown)).toBe(1);
    expect(moved('gateway_graphql_request_duration_seconds_bucket', { ...unknown, le: '30' })).toBe(1);
  });

  it('counts a query without a name as anonymous', async () => {
    const moved = await delta(() => gw.query('{ __typename }'));
    expect(
      moved('gateway_graphql_requests_total', { operation: 'anonymous', type: 'query', outcome: 'ok' }),
    ).toBe(1);
    expect(moved('gateway_graphql_requests_total')).toBe(1);
  });
});
