import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { postForParts } from '../support/incremental.js';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver.js';

const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

let receiver: OtlpReceiver | undefined;
let open: TestGateway | undefined;
afterEach(async () => {
  await open?.close();
  await receiver?.close();
  open = undefined;
  receiver = undefined;
});

/** A gateway whose close the test awaits before reading what was exported (spans are flushed on close). */
async function startGateway(env: Record<string, string>) {
  const gw = await startTestGateway(env);
  open = gw;
  return {
    gw,
    close: async () => {
      open = undefined;
      await gw.close();
    },
  };
}

async function tracedGateway(env: Record<string, string> = {}) {
  receiver = await startOtlpReceiver();
  const started = await startGateway({
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_SERVICE_NAME: 'gateway-under-test',
    ...env,
  });
  return { ...started, receiver };
}

function childrenOf(spans: ReceivedSpan[], parent: ReceivedSpan): ReceivedSpan[] {
  return spans.filter((span) => span.parentSpanId === parent.spanId);
}

describe('tracing', () => {
  it('exports the operation span, under the caller’s trace, with a client span per upstream call as its children', async () => {
    const { gw, close, receiver } = await tracedGateway();
    const result = await gw.query(
      'query TracedCatalog { catalogDataSources(first: 2) { totalCount } }',
      undefined,
      {
        traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`,
      },
    );
    expect(result.errors).toBeUndefined();
    const filter = gw.sims.pdc?.stats.last('filterDataSources');
    await close();

    const operation = receiver.spans.find((span) => span.kind === SERVER);
    expect(operation).toMatchObject({
      name: 'query TracedCatalog',
      traceId: TRACE_ID,
      parentSpanId: CALLER_SPAN,
      service: 'gateway-under-test',
      scope: 'datasource-gateway',
      attributes: { 'graphql.operation.name': 'TracedCatalog', 'graphql.operation.type': 'query' },
    });
    if (!operation) return;
    expect(operation.status).not.toBe(ERROR);
    const calls = childrenOf(receiver.spans, operation);
    expect(calls.length).toBe(gw.sims.pdc?.stats.count());
    const call = calls.find((span) => span.attributes['gateway.upstream.route'] === 'filterDataSources');
    expect(call).toMatchObject({
      kind: CLIENT,
      traceId: TRACE_ID,
      attributes: {
        'gateway.upstream.provider': 'pdc',
        'http.request.method': 'POST',
        'http.response.status_code': 200,
        'server.address': '127.0.0.1',
      },
    });
    // The upstream received the trace context of exactly that client span.
    expect(filter?.traceparent).toBe(`00-${TRACE_ID}-${call?.spanId}-01`);
    // Spans carry no URL, query string or header of an upstream call.
    const exported = JSON.stringify(receiver.spans);
    expect(exported).not.toMatch(/https?:\/\/|\?|authorization|api-key|bearer/i);
  });

  it('starts a new trace when the caller sends none, and marks failures with their codes', async () => {
    const { gw, close, receiver } = await tracedGateway({ UPSTREAM_RETRY_ATTEMPTS: '1' });
    gw.sims.rivergen?.setFaults({ failNext: 1, errorStatus: 503, operations: ['listDataSources'] });
    const result = await gw.query('query Rivers { riverGenDataSources(first: 1) { totalCount } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    const sent = gw.sims.rivergen?.stats.last('listDataSources');
    await close();

    const operation = receiver.spans.find((span) => span.kind === SERVER);
    expect(operation).toMatchObject({
      name: 'query Rivers',
      parentSpanId: undefined,
      status: ERROR,
      statusMessage: 'UPSTREAM_UNAVAILABLE',
      attributes: { 'graphql.error.codes': ['UPSTREAM_UNAVAILABLE'] },
    });
    if (!operation) return;
    const [call, ...more] = childrenOf(receiver.spans, operation);
    expect(more).toEqual([]);
    expect(call).toMatchObject({
      kind: CLIENT,
      status: ERROR,
      statusMessage: '503',
      traceId: operation.traceId,
      attributes: {
        'gateway.upstream.provider': 'rivergen',
        'gateway.upstream.route': 'listDataSources',
        'http.response.status_code': 503,
        'error.type': '503',
      },
    });
    expect(sent?.traceparent).toBe(`00-${operation.traceId}-${call?.spanId}-01`);
  });

  it('ends the span of an answer in parts with its last part, marked with the errors of later parts', async () => {
    const { gw, close, receiver } = await tracedGateway({ UPSTREAM_RETRY_ATTEMPTS: '1' });
    gw.sims.rivergen?.setFaults({ latencyMs: 300, errorRate: 1, errorStatus: 503 });
    const response = await postForParts(
      gw.gateway,
      'query Later { __typename ... @defer { riverGenDataSources(first: 1) { totalCount } } }',
    );
    expect(await response.text()).toContain('UPSTREAM_UNAVAILABLE');
    await close();

    const operation = receiver.spans.find((span) => span.kind === SERVER);
    expect(operation).toMatchObject({
      name: 'query Later',
      status: ERROR,
      attributes: { 'graphql.error.codes': ['UPSTREAM_UNAVAILABLE'] },
    });
    if (!operation) return;
    // Its later part waited for RiverGen's slow refusal, which the span covers, as its child.
    expect(operation.durationMs).toBeGreaterThanOrEqual(300);
    const [call] = childrenOf(receiver.spans, operation);
    expect(call?.attributes['gateway.upstream.provider']).toBe('rivergen');
  });

  it('names an anonymous operation by its type, and a client span by method, provider and route, with the upstream’s port', async () => {
    // The endpoint as given with a slash after it: the spans still go to <endpoint>/v1/traces.
    receiver = await startOtlpReceiver();
    const { gw, close } = await startGateway({ OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}//` });
    const result = await gw.query('{ catalogDataSources(first: 1) { totalCount } }');
    expect(result.errors).toBeUndefined();
    await close();

    const operation = receiver.spans.find((span) => span.kind === SERVER);
    expect(operation).toMatchObject({
      name: 'query',
      status: 0,
      attributes: { 'graphql.operation.name': 'anonymous', 'graphql.operation.type': 'query' },
    });
    expect(operation?.attributes).not.toHaveProperty('graphql.error.codes');
    if (!operation) return;
    const call = childrenOf(receiver.spans, operation).find(
      (span) => span.attributes['gateway.upstream.route'] === 'filterDataSources',
    );
    expect(call).toMatchObject({
      name: 'POST pdc.filterDataSources',
      status: 0,
      attributes: {
        'server.address': '127.0.0.1',
        'server.port': Number(new URL(gw.sims.pdc?.url ?? '').port),
      },
    });
    expect(call?.attributes).not.toHaveProperty('error.type');
  });

  it('marks a call that got no answer in time with its kind and no status, and the operation with its code', async () => {
    const { gw, close, receiver } = await tracedGateway({
      UPSTREAM_RETRY_ATTEMPTS: '1',
      UPSTREAM_HEADERS_TIMEOUT_MS: '200',
    });
    gw.sims.rivergen?.setFaults({ hang: true, operations: ['listDataSources'] });
    const result = await gw.query('query Stuck { riverGenDataSources(first: 1) { totalCount } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    await close();

    const operation = receiver.spans.find((span) => span.kind === SERVER);
    expect(operation).toMatchObject({
      name: 'query Stuck',
      status: ERROR,
      statusMessage: 'UPSTREAM_TIMEOUT',
      attributes: { 'graphql.error.codes': ['UPSTREAM_TIMEOUT'] },
    });
    if (!operation) return;
    const [call, ...more] = childrenOf(receiver.spans, operation);
    expect(more).toEqual([]);
    expect(call).toMatchObject({
      name: 'GET rivergen.listDataSources',
      status: ERROR,
      statusMessage: 'timeout',
      attributes: { 'error.type': 'timeout' },
    });
    expect(call?.attributes).not.toHaveProperty('http.response.status_code');
  });

  it('marks an operation with each distinct code its errors carry, and a call refused as too large with its kind and status', async () => {
    const { gw, close, receiver } = await tracedGateway({ UPSTREAM_RETRY_ATTEMPTS: '1' });
    const list = await gw.query<{ catalogDataSources: { edges: { node: { id: string } }[] } }>(
      '{ catalogDataSources(first: 1) { edges { node { id } } } }',
    );
    const id = list.data?.catalogDataSources.edges[0]?.node.id;
    gw.sims.rivergen?.setFaults({ failNext: 1, errorStatus: 503, operations: ['listDataSources'] });
    gw.sims.pdc?.setFaults({
      oversizedBytes: 17 * 1024 * 1024,
      oversizedDeclared: true,
      operations: ['getDataSourcesByIds'],
    });
    const result = await gw.query(
      'query Both($id: ID!) { riverGenDataSources(first: 1) { totalCount } node(id: $id) { id } }',
      { id },
    );
    const codes = result.errors?.map((error) => error.extensions?.code);
    expect(new Set(codes)).toEqual(new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR']));
    await close();

    const operation = receiver.spans.find((span) => span.kind === SERVER && span.name === 'query Both');
    expect(operation?.status).toBe(ERROR);
    const marked = operation?.attributes['graphql.error.codes'] as string[];
    expect([...marked].sort()).toEqual(['UPSTREAM_ERROR', 'UPSTREAM_UNAVAILABLE']);
    expect(operation?.statusMessage).toBe(marked.join(', '));
    const large = receiver.spans.find(
      (span) => span.attributes['gateway.upstream.route'] === 'getDataSourcesByIds',
    );
    expect(large).toMatchObject({
      status: ERROR,
      statusMessage: 'too-large',
      attributes: { 'error.type': 'too-large', 'http.response.status_code': 200 },
    });
  });

  it('keeps the span of a request refused before it ran under its first name', async () => {
    const { gw, close, receiver } = await tracedGateway();
    const result = await gw.query('query Broken { nope }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    await close();
    expect(receiver.spans.map((span) => span.name)).toEqual(['GraphQL operation']);
  });

  it('is off unless an endpoint is configured: nothing exported, no traceparent sent', async () => {
    receiver = await startOtlpReceiver();
    const { gw, close } = await startGateway({});
    const result = await gw.query('{ dataSources(first: 3) { totalCount } }', undefined, {
      traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`,
    });
    expect(result.errors).toBeUndefined();
    const requests = Object.values(gw.sims).flatMap((sim) => sim.stats.requests());
    await close();
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((request) => request.traceparent !== undefined)).toEqual([]);
    expect(receiver.exports).toBe(0);
  });
});
