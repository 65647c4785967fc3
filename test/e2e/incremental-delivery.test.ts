import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/gateway/logging.js';
import { providers } from '../../src/providers/registry.js';
import { startDemoUpstreams } from '../../src/sandbox/demo.js';
import { createGateway } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { assemble, type Part, partsOf } from '../support/incremental.js';
import { serveOverHttp } from '../support/listening.js';
import { parsePrometheus } from '../support/prometheus.js';

const MEDIA_TYPES = ['multipart/mixed', 'text/event-stream'] as const;

/** A page of every provider, its edges streamed and its counts deferred; `@stream`/`@defer` are stripped for the plain form. */
const STREAMED_PAGE = `query Page($first: Int, $after: String) {
  dataSources(first: $first, after: $after) {
    edges @stream(initialCount: 2) { cursor node { id provider name ... on Destination @defer { lastCompletedTransfer { id status } } } }
    ... @defer(label: "counts") { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
  }
}`;
const PLAIN_PAGE = STREAMED_PAGE.replace(/ @stream\(initialCount: 2\)| @defer(\(label: "counts"\))?/g, '');

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

async function send(
  on: TestGateway,
  accept: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Response> {
  return on.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query, variables }),
  });
}

async function allParts(response: Response): Promise<Part[]> {
  const parts: Part[] = [];
  for await (const part of partsOf(response)) parts.push(part);
  return parts;
}

describe.each(MEDIA_TYPES)('@defer and @stream over %s', (accept) => {
  it('sends a deferred fragment in a later part than the rest', async () => {
    const response = await send(
      gw,
      accept,
      '{ destinations(first: 2) { edges { node { id name ... on Destination @defer { lastCompletedTransfer { id } } } } } }',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(accept);
    const [first, ...later] = await allParts(response);
    const edges = (first?.data?.destinations as { edges: { node: Record<string, unknown> }[] } | undefined)
      ?.edges;
    expect(edges).toHaveLength(2);
    for (const { node } of edges ?? []) expect(node).not.toHaveProperty('lastCompletedTransfer');
    expect(first?.hasNext).toBe(true);
    const deferred = later.flatMap((part) => part.incremental ?? []);
    expect(deferred.map((item) => item.path)).toEqual([
      ['destinations', 'edges', 0, 'node'],
      ['destinations', 'edges', 1, 'node'],
    ]);
    expect(deferred.every((item) => item.data && 'lastCompletedTransfer' in item.data)).toBe(true);
    expect(later.at(-1)?.hasNext).toBe(false);
  });

  it('assembles into the unstreamed answer page by page: edges, cursors, totalCount and pageInfo', async () => {
    let after: string | null = null;
    for (let page = 0; page < 4; page++) {
      const variables = { first: 7, after };
      const plain = (await (await send(gw, 'application/json', PLAIN_PAGE, variables)).json()) as Part;
      expect(plain.errors).toBeUndefined();
      const parts = await allParts(await send(gw, accept, STREAMED_PAGE, variables));
      expect(parts.length).toBeGreaterThan(1);
      expect(assemble(parts)).toEqual(plain);
      const connection = plain.data?.dataSources as { pageInfo: { endCursor: string | null } };
      after = connection.pageInfo.endCursor;
    }
  });
});

describe('a streamed dataSources page', () => {
  it('sends the edges of the providers that answered while a later one is still answering', async () => {
    await using slow = await startTestGateway();
    const query = `query Page($filter: DataSourceFilter) {
      dataSources(first: 90, filter: $filter) {
        edges @stream { cursor node { id provider } }
        ... @defer { totalCount pageInfo { hasNextPage endCursor } }
      }
    }`;
    // Destinations first, then the catalog: the page needs both.
    const variables = { filter: { providers: ['PREQUEL_EXPORT', 'PDC'] } };
    const plain = (await (
      await send(slow, 'application/json', query.replace(/ @stream| @defer/g, ''), variables)
    ).json()) as Part;
    const catalog = slow.sims.pdc;
    catalog?.setFaults({ latencyMs: 1_500, operations: ['filterDataSources'] });
    const parts: Part[] = [];
    let catalogBusyAtFirstEdges: boolean | undefined;
    for await (const part of partsOf(await send(slow, 'multipart/mixed', query, variables))) {
      parts.push(part);
      if (catalogBusyAtFirstEdges === undefined && part.incremental?.some((item) => item.items?.length))
        catalogBusyAtFirstEdges = catalog?.stats.inFlight() === 1;
    }
    expect(catalogBusyAtFirstEdges).toBe(true);
    expect(assemble(parts)).toEqual(plain);
  });
});

describe('a streamed dataSources page, provider by provider', () => {
  it("sends each provider's edges once it has answered, while a later one is still answering", async () => {
    await using slow = await startTestGateway();
    const counted = await slow.query<{
      importSources: { totalCount: number };
      destinations: { totalCount: number };
    }>('{ importSources(first: 1) { totalCount } destinations(first: 1) { totalCount } }');
    const imports = counted.data?.importSources.totalCount ?? 0;
    const destinations = counted.data?.destinations.totalCount ?? 0;
    expect(imports).toBeGreaterThan(0);
    // Import sources, then destinations, then the catalog: the page needs all three.
    const query = `query Page($filter: DataSourceFilter, $first: Int) {
      dataSources(first: $first, filter: $filter) { edges @stream { node { id provider } } }
    }`;
    const variables = {
      filter: { providers: ['PREQUEL_IMPORT', 'PREQUEL_EXPORT', 'PDC'] },
      first: imports + destinations + 1,
    };
    const plain = (await (
      await send(slow, 'application/json', query.replace(/ @stream/g, ''), variables)
    ).json()) as Part;
    slow.sims['prequel-export']?.setFaults({ latencyMs: 300, operations: ['listDestinations'] });
    const catalog = slow.sims.pdc;
    catalog?.setFaults({ latencyMs: 3_000, operations: ['filterDataSources'] });
    const parts: Part[] = [];
    let catalogBusyAtDestinations: boolean | undefined;
    for await (const part of partsOf(await send(slow, 'multipart/mixed', query, variables))) {
      parts.push(part);
      const items = (part.incremental ?? []).flatMap((item) => item.items ?? []) as {
        node: { provider: string };
      }[];
      if (
        catalogBusyAtDestinations === undefined &&
        items.some((item) => item.node.provider === 'PREQUEL_EXPORT')
      )
        catalogBusyAtDestinations = catalog?.stats.inFlight() === 1;
    }
    expect(catalogBusyAtDestinations).toBe(true);
    expect(assemble(parts)).toEqual(plain);
  });

  it('is answered as the unstreamed page when it fails before any edge: null, with the reason', async () => {
    const query = '{ dataSources(first: 2, after: "not-a-cursor") { edges @stream { node { id } } } }';
    const plain = (await (await send(gw, 'application/json', query.replace(' @stream', ''))).json()) as Part;
    expect(plain.data).toEqual({ dataSources: null });
    expect(plain.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const streamed = assemble(await allParts(await send(gw, 'multipart/mixed', query)));
    // The two executors differ only in whether an error names its place in the document.
    const withoutLocations = (answer: Part) => ({
      data: answer.data,
      errors: answer.errors?.map(({ message, path, extensions }) => ({ message, path, extensions })),
    });
    expect(withoutLocations(streamed)).toEqual(withoutLocations(plain));
  });
});

describe('a provider failing under @defer', () => {
  it("names the provider in the part that carries the deferred list, beside the other providers' data", async () => {
    // A gateway of its own: the failures open its PDC breaker.
    await using down = await startTestGateway();
    down.sims.pdc?.setFaults({ errorRate: 1, errorStatus: 503 });
    const parts = await allParts(
      await send(
        down,
        'multipart/mixed',
        '{ __typename ... @defer { dataSources(first: 500) { edges { node { id provider } } } } }',
      ),
    );
    expect(parts[0]?.errors).toBeUndefined();
    const deferred = parts.flatMap((part) => part.incremental ?? []);
    expect(deferred.flatMap((item) => item.errors ?? [])).toEqual([
      expect.objectContaining({
        path: ['dataSources'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', provider: 'pdc' }),
      }),
    ]);
    const { data } = assemble(parts);
    const connection = data?.dataSources as { edges: { node: { provider: string } }[] } | undefined;
    const nodes = connection?.edges.map((e) => e.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.some((node) => node.provider === 'PDC')).toBe(false);
  });
});

describe('a misplaced directive', () => {
  it("refuses @stream on a field that is not a list, and @defer on a mutation's root, before anything runs", async () => {
    gw.resetCounts();
    for (const query of [
      '{ dataSources(first: 1) { totalCount @stream } }',
      'mutation { ... @defer { createCatalogDataSources(inputs: []) { __typename } } }',
    ]) {
      const answer = (await (await send(gw, 'application/json', query)).json()) as Part;
      expect(answer.data, query).toBeUndefined();
      expect(answer.errors?.length, query).toBe(1);
    }
    expect(Object.values(gw.sims).reduce((sum, sim) => sum + sim.stats.count(), 0)).toBe(0);
  });
});

describe('an answer in parts and the gateway limits', () => {
  it('refuses a query whose deferred and streamed selections put it over the cost limit', async () => {
    await using small = await startTestGateway({ MAX_QUERY_COST: '100' });
    small.resetCounts();
    const within = await send(
      small,
      'multipart/mixed',
      '{ dataSources(first: 5) { edges { node { id } } } }',
    );
    expect(within.status).toBe(200);
    await allParts(within);
    small.resetCounts();
    const response = await send(
      small,
      'multipart/mixed',
      '{ dataSources(first: 5) { edges @stream { node { id ... @defer { name vendor host port database schema } } } } }',
    );
    const answer = (await allParts(response)).at(0);
    expect(answer?.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', limit: 'cost' }),
      }),
    ]);
    expect(Object.values(small.sims).reduce((sum, sim) => sum + sim.stats.count(), 0)).toBe(0);
  });

  it('gives back the admission share and stops the upstream calls when the client hangs up mid-stream', async () => {
    await using held = await startTestGateway({ MAX_RECORDS_IN_FLIGHT: '50' });
    const http = await serveOverHttp(held);
    const client = new Agent({ keepAliveTimeout: 10 });
    try {
      // The catalog never answers: the deferred part waits on it while the first part is out.
      held.sims.pdc?.setFaults({ hang: true, operations: ['filterDataSources'] });
      const leaving = new AbortController();
      const response = await fetch(`${http.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
        body: JSON.stringify({
          query:
            '{ riverGenDataSources(first: 2) { edges { node { id } } } ... @defer { catalogDataSources(first: 5) { edges { node { id } } } } }',
        }),
        signal: leaving.signal,
        dispatcher: client,
      });
      const parts = partsOf(response);
      const first = await parts.next();
      expect(first.value?.data).toHaveProperty('riverGenDataSources');
      expect(first.value?.hasNext).toBe(true);
      await until(async () => (await admitted(held)) > 0 && held.sims.pdc?.stats.inFlight() === 1);
      leaving.abort();
      await parts.return(undefined).catch(() => undefined);
      await until(async () => (await admitted(held)) === 0 && held.sims.pdc?.stats.inFlight() === 0);
      const calls = held.sims.pdc?.stats.count('filterDataSources');
      // Still free after the hang-up: a new request is admitted at once and no retry reached the catalog.
      const again = await send(held, 'application/json', '{ riverGenDataSources(first: 45) { totalCount } }');
      expect(((await again.json()) as Part).errors).toBeUndefined();
      expect(held.sims.pdc?.stats.count('filterDataSources')).toBe(calls);
    } finally {
      await http.close();
      await client.close();
    }
  });
});

describe('an answer in parts and its time limit', () => {
  it('ends the stream when OPERATION_TIMEOUT_MS runs out, the late part failing, its share and upstream call given back', async () => {
    await using timed = await startTestGateway({ OPERATION_TIMEOUT_MS: '600', MAX_RECORDS_IN_FLIGHT: '50' });
    timed.sims.pdc?.setFaults({ hang: true, operations: ['filterDataSources'] });
    const parts = await allParts(
      await send(
        timed,
        'text/event-stream',
        '{ riverGenDataSources(first: 2) { edges { node { id } } } ... @defer { catalogDataSources(first: 5) { edges { node { id } } } } }',
      ),
    );
    expect(parts[0]?.data).toHaveProperty('riverGenDataSources');
    expect(parts.at(-1)?.hasNext).toBe(false);
    const late = parts.flatMap((part) => part.incremental ?? []).flatMap((item) => item.errors ?? []);
    expect(late).toEqual([
      expect.objectContaining({
        path: ['catalogDataSources'],
        extensions: expect.objectContaining({ code: 'GATEWAY_TIMEOUT' }),
      }),
    ]);
    expect(await admitted(timed)).toBe(0);
    await until(async () => timed.sims.pdc?.stats.inFlight() === 0);
  });
});

describe('an answer in parts, observed to its last part', () => {
  it('is timed and counted with the errors of its later parts, and its log names the request', async () => {
    await using late = await startTestGateway({ UPSTREAM_RETRY_ATTEMPTS: '1' });
    const http = await serveOverHttp(late);
    try {
      late.sims.pdc?.setFaults({ latencyMs: 300, errorRate: 1, errorStatus: 503 });
      const scrape = async () => parsePrometheus(await (await http.get('/metrics')).text());
      const before = await scrape();
      const response = await globalThis.fetch(`${http.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
        body: JSON.stringify({
          query:
            'query Late { __typename ... @defer { catalogDataSources(first: 1) { edges { node { id } } } } }',
        }),
      });
      const parts = await allParts(response);
      const late503 = parts.flatMap((part) => part.incremental ?? []).flatMap((item) => item.errors ?? []);
      expect(late503.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
      const after = await scrape();
      const labels = { operation: 'Late', type: 'query' };
      const moved = (name: string, more: Record<string, string> = {}) =>
        after(name, { ...labels, ...more }) - before(name, { ...labels, ...more });
      // The first part went out at once; the operation lasted until the catalog's slow refusal.
      expect(moved('gateway_graphql_requests_total', { outcome: 'UPSTREAM_UNAVAILABLE' })).toBe(1);
      expect(moved('gateway_graphql_request_duration_seconds_sum')).toBeGreaterThanOrEqual(0.3);
      const requestId = response.headers.get('x-request-id');
      const failures = late.logs
        .map((line) => JSON.parse(line) as { msg?: string; requestId?: string })
        .filter((line) => line.msg?.startsWith('upstream failures'));
      expect(failures).toEqual([expect.objectContaining({ requestId })]);
    } finally {
      await http.close();
    }
  });
});

/** Records the running operations hold now, from the gateway's own metrics. */
async function admitted(on: TestGateway): Promise<number> {
  const text = await (await on.gateway.yoga.fetch('http://gateway.test/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith('gateway_admission_running_records '));
  return Number(line?.split(' ')[1]);
}

/** Resolves once `check` holds, polling (no fixed sleeps). */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}

type Listed = { edges: { node: { provider: string } }[] };

describe('the failures providers report while an answer in parts goes out', () => {
  it('carries one reported before the first part in it, and one reported later in a later part, each once', async () => {
    await using down = await startTestGateway({ UPSTREAM_RETRY_ATTEMPTS: '1' });
    down.sims.rivergen?.setFaults({ errorRate: 1, errorStatus: 503 });
    // The catalog refuses only after a while: the first part has gone out by then.
    down.sims.pdc?.setFaults({ latencyMs: 800, errorRate: 1, errorStatus: 503 });
    const parts = await allParts(
      await send(
        down,
        'multipart/mixed',
        `{
          now: dataSources(first: 3, filter: { providers: [RIVERGEN] }) { edges { node { id } } }
          ... @defer { later: dataSources(first: 3, filter: { providers: [PDC] }) { edges { node { id } } } }
        }`,
      ),
    );
    const failure = (path: string, provider: string) =>
      expect.objectContaining({
        path: [path],
        extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', provider }),
      });
    expect(parts[0]?.errors).toEqual([failure('now', 'rivergen')]);
    const later = parts.slice(1);
    expect(later.flatMap((part) => part.errors ?? [])).toEqual([]);
    expect(later.flatMap((part) => part.incremental ?? []).flatMap((item) => item.errors ?? [])).toEqual([
      failure('later', 'pdc'),
    ]);
    expect(assemble(parts).errors).toHaveLength(2);
  });

  it.each([
    ['beside the deferred data of its path', ' ... @defer { pageInfo { hasNextPage } }'],
    ['after the items of that part, none holding its path', ''],
  ])(
    'puts one failing mid-stream in the next part, once, %s, the edges of the others all there',
    async (_, deferred) => {
      await using down = await startTestGateway({ UPSTREAM_RETRY_ATTEMPTS: '1' });
      const query = `{ dataSources(first: 500, filter: { providers: [PDC, PREQUEL_EXPORT, PREQUEL_IMPORT] }) {
      edges @stream(initialCount: 0) { node { id provider } }${deferred} } }`;
      const plain = (await (
        await send(down, 'application/json', query.replace(/ @stream\(initialCount: 0\)| @defer/g, ''))
      ).json()) as Part;
      // Destinations come between the catalog and the import sources, and fail only after a while.
      down.sims['prequel-export']?.setFaults({ latencyMs: 800, errorRate: 1, errorStatus: 503 });
      const parts = await allParts(await send(down, 'multipart/mixed', query));
      expect(parts[0]?.errors).toBeUndefined();
      // Once, in the part sent after it failed: beside the deferred data at its path, or after the items of that part.
      const carrying = parts.filter((part) => part.incremental?.some((item) => item.errors));
      expect(carrying).toHaveLength(1);
      const items = carrying[0]?.incremental ?? [];
      const holder = items.findIndex((item) => item.errors);
      expect(items.filter((item) => item.errors)).toHaveLength(1);
      expect(items[holder]?.path).toEqual(holder === items.length - 1 ? expect.anything() : ['dataSources']);
      expect(items[holder]?.errors).toEqual([
        expect.objectContaining({
          path: ['dataSources'],
          extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', provider: 'prequel-export' }),
        }),
      ]);
      const { data, errors } = assemble(parts);
      const nodes = (data?.dataSources as Listed | undefined)?.edges.map((e) => e.node);
      const expected = (plain.data?.dataSources as Listed | undefined)?.edges
        .map((e) => e.node)
        .filter((node) => node.provider !== 'PREQUEL_EXPORT');
      // The page fills up from the providers after it: those the plain page held come first, in its order.
      expect(nodes?.slice(0, expected?.length)).toEqual(expected);
      expect(nodes?.some((node) => node.provider === 'PREQUEL_EXPORT')).toBe(false);
      expect(errors).toHaveLength(1);
    },
  );

  it('masks an unexpected failure of a streamed item as it masks the same failure unstreamed, the deferred data beside it whole', async () => {
    const demo = await startDemoUpstreams();
    // A bug in the gateway, as an observer that throws stands for one: on the destinations' transfers only.
    const logged: string[] = [];
    const gateway = createGateway(loadConfig({ ...demo.env, GATEWAY_AUTH: 'none' }, providers), {
      logger: createLogger('error', { write: (line: string) => void logged.push(line) }),
      services: {
        onUpstreamResponse: (event) => {
          if (event.operation === 'listTransfers') throw new Error('the upstream observer broke');
        },
      },
    });
    try {
      // Each destination's transfers fail; its name, deferred, and the import sources after it do not.
      const query = `{ dataSources(first: 500, orderBy: { field: PROVIDER }, filter: { providers: [PREQUEL_EXPORT, PREQUEL_IMPORT] }) {
        edges @stream(initialCount: 0) { node { id provider ... on Destination { transfers(first: 1) { edges { node { id } } } } ... @defer { name } } } } }`;
      const ask = (accept: string, text: string) =>
        gateway.yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept },
          body: JSON.stringify({ query: text }),
        });
      const plain = (await (
        await ask('application/json', query.replace(/ @stream\(initialCount: 0\)| @defer/g, ''))
      ).json()) as Part;
      const parts = await allParts(await ask('multipart/mixed', query));
      const unexpected = { message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      const destinations = ((plain.data?.dataSources as Listed | undefined)?.edges ?? []).filter(
        (edge) => edge.node.provider === 'PREQUEL_EXPORT',
      );
      expect(destinations.length).toBeGreaterThan(0);
      expect(plain.errors).toHaveLength(destinations.length);
      for (const error of plain.errors ?? []) expect(error).toMatchObject(unexpected);
      const streamed = parts.flatMap((part) => part.incremental ?? []).flatMap((item) => item.errors ?? []);
      expect(streamed).toHaveLength(destinations.length);
      for (const error of streamed) expect(error).toMatchObject(unexpected);
      expect(assemble(parts).data).toEqual(plain.data);
    } finally {
      await gateway.close();
      await demo.close();
    }
  });
});
