import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UpstreamError, UpstreamHttp } from '../../src/gateway/upstream/index.js';
import {
  compileContract,
  type OpenApiDocument,
  type Simulator,
  startSimulator,
} from '../../src/sandbox/kit/index.js';

const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Widgets', version: '1' },
  security: [{ key: [] }],
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'x-key' } },
    schemas: {
      Widget: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: { name: { type: 'string', minLength: 1 }, size: { type: 'integer', minimum: 1 } },
      },
    },
  },
  paths: {
    '/widgets/{id}': {
      get: {
        operationId: 'getWidget',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Widget' } } } },
        },
      },
    },
    '/widgets/special': {
      get: { operationId: 'getSpecial', security: [], responses: { '200': {} } },
    },
    '/widgets': {
      post: {
        operationId: 'createWidget',
        parameters: [{ name: 'dry', in: 'query', schema: { type: 'boolean', default: false } }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Widget' } } },
        },
        responses: {
          '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Widget' } } } },
        },
      },
    },
  },
};

const contract = compileContract(document, 'widgets');

async function start(): Promise<Simulator> {
  return startSimulator<string>({
    provider: 'widgets',
    contract,
    handlers: {
      getWidget: (req) => ({
        status: 200,
        body: { name: `w${String(req.params.id)}`, size: typeof req.params.id },
      }),
      getSpecial: () => ({ status: 200, body: { ok: true } }),
      createWidget: (req) => ({ status: 201, body: { ...(req.body as object), dry: req.query.dry } }),
    },
    authenticate: (headers) =>
      headers['x-key'] === 'secret'
        ? { principal: 'me' }
        : { reject: { status: 401, body: { message: 'Unauthorized' } } },
    invalid: (issues) => ({
      status: 400,
      body: { message: issues.map((i) => `${i.field}: ${i.message}`).join('; ') },
    }),
    error: (status, message) => ({ status, body: { message } }),
  });
}

describe('simulator kit', () => {
  let sim: Simulator;
  let http: UpstreamHttp;
  afterEach(async () => {
    await http.close();
    await sim.close();
  });

  async function setup(headersMs?: number): Promise<void> {
    sim = await start();
    http = new UpstreamHttp({
      provider: 'widgets',
      baseUrl: sim.url,
      defaultHeaders: { 'x-key': 'secret' },
      timeouts: headersMs === undefined ? undefined : { headersMs },
      // The kit's faults are asserted one answer at a time.
      resilience: { attempts: 1, breakerFailures: 1_000_000 },
      describeError: (_status, body) => ({ message: (body as { message?: string }).message }),
    });
  }

  it('routes by the document, coerces parameters and prefers literal paths', async () => {
    await setup();
    const widget = await http.request<{ name: string; size: string }>({
      method: 'GET',
      path: '/widgets/7',
      operation: 'getWidget',
    });
    expect(widget.data).toEqual({ name: 'w7', size: 'number' });
    const special = await http.request({
      method: 'GET',
      path: '/widgets/special',
      operation: 'getSpecial',
      headers: { 'x-key': '' },
    });
    expect(special.data).toEqual({ ok: true });
    expect(sim.stats.counts()).toEqual({ getWidget: 1, getSpecial: 1 });
  });

  it('refuses missing credentials with the upstream answer', async () => {
    await setup();
    const error = await http
      .request({ method: 'GET', path: '/widgets/1', operation: 'getWidget', headers: { 'x-key': 'nope' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 401, upstreamMessage: 'Unauthorized', kind: 'http' });
  });

  it('names the invalid field of a body', async () => {
    await setup();
    const error = await http
      .request({
        method: 'POST',
        path: '/widgets',
        operation: 'createWidget',
        json: { size: 0, colour: 'red' },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    const message = (error as UpstreamError).upstreamMessage ?? '';
    expect(message).toContain('name: is required');
    expect(message).toContain('size: must be >= 1');
    expect(message).toContain('colour: is not a known field');
    expect(sim.stats.last('createWidget')?.body).toEqual({ size: 0, colour: 'red' });
  });

  it('fills query defaults and validates responses against the document', async () => {
    await setup();
    const created = await http.request({
      method: 'POST',
      path: '/widgets',
      operation: 'createWidget',
      json: { name: 'a' },
    });
    expect(created.data).toEqual({ name: 'a', dry: false });
    expect(contract.validateResponse('createWidget', 201, created.data)).toEqual([
      { location: 'response', field: 'dry', message: 'is not a known field' },
    ]);
    expect(contract.validateResponse('createWidget', 500, {})[0]?.message).toContain('not documented');
  });

  it('injects faults: failures, 429 with Retry-After, malformed bodies and hangs', async () => {
    await setup(200);
    sim.setFaults({ failNext: 1, errorStatus: 503 });
    await expect(
      http.request({ method: 'GET', path: '/widgets/1', operation: 'getWidget' }),
    ).rejects.toMatchObject({ status: 503 });
    await expect(
      http.request({ method: 'GET', path: '/widgets/1', operation: 'getWidget' }),
    ).resolves.toBeTruthy();
    sim.setFaults({ rateLimit: { retryAfterSeconds: 3 } });
    await expect(
      http.request({ method: 'GET', path: '/widgets/1', operation: 'getWidget' }),
    ).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 3,
    });
    sim.setFaults({ malformed: true });
    await expect(
      http.request({ method: 'GET', path: '/widgets/1', operation: 'getWidget' }),
    ).rejects.toMatchObject({
      kind: 'malformed',
    });
    sim.setFaults({ hang: true });
    await expect(
      http.request({ method: 'GET', path: '/widgets/1', operation: 'getWidget' }),
    ).rejects.toMatchObject({
      kind: 'timeout',
    });
    expect(sim.stats.count('getWidget')).toBe(5);
  });
});

describe('simulator body faults', () => {
  let sim: Simulator;
  afterEach(async () => {
    await sim.close();
  });

  const get = (path = '/widgets/7') => request(`${sim.url}${path}`, { headers: { 'x-key': 'secret' } });

  /** Reads a body chunk by chunk, keeping only the count, the size and (up to `keep` bytes) the text. */
  async function drain(body: AsyncIterable<Buffer>, keep = Number.POSITIVE_INFINITY) {
    let chunks = 0;
    let bytes = 0;
    const kept: Buffer[] = [];
    for await (const chunk of body) {
      chunks += 1;
      bytes += chunk.length;
      if (bytes <= keep) kept.push(chunk);
    }
    return { chunks, bytes, text: Buffer.concat(kept).toString() };
  }

  /** Resolves once the simulator has no request in flight (its peak after a reset is the current count). */
  const idle = () =>
    vi.waitFor(() => {
      sim.stats.reset();
      expect(sim.stats.peakInFlight()).toBe(0);
    });

  it('trickles the real answer a few bytes at a time after sending the headers at once', async () => {
    sim = await start();
    sim.setFaults({ trickle: { intervalMs: 5, bytesPerChunk: 3 } });
    const response = await get();
    expect(response.statusCode).toBe(200);
    const expected = JSON.stringify({ name: 'w7', size: 'number' });
    expect(response.headers['content-length']).toBe(String(expected.length));

    const read = await drain(response.body);

    expect(read.text).toBe(expected);
    expect(read.chunks).toBeGreaterThan(1);
  });

  it('stops trickling when the client goes away, and closes cleanly mid-trickle', async () => {
    sim = await start();
    sim.setFaults({ trickle: { intervalMs: 20 } });
    const gone = await get();
    gone.body.destroy();
    await idle();

    const stuck = await get();
    const cut = drain(stuck.body);
    await sim.close();
    await expect(cut).rejects.toThrow();
  });

  it('pads an answer to the size asked, as valid JSON of the provider’s shape, sent chunked', async () => {
    sim = await start();
    sim.setFaults({ oversizedBytes: 3_000_000 });
    const response = await get();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.headers['transfer-encoding']).toBe('chunked');

    const read = await drain(response.body);

    expect(read.bytes).toBe(3_000_000);
    const parsed = JSON.parse(read.text) as Record<string, unknown>;
    expect(parsed).toMatchObject({ name: 'w7', size: 'number' });
    expect(Object.keys(parsed)).toEqual(['name', 'size', 'padding']);
  });

  it('declares the padded size in a Content-Length when asked', async () => {
    sim = await start();
    sim.setFaults({ oversizedBytes: 200_000, oversizedDeclared: true });
    const response = await get();
    expect(response.headers['content-length']).toBe('200000');
    const read = await drain(response.body);
    expect(read.bytes).toBe(200_000);
  });

  it('stops sending a huge answer when the client goes away', async () => {
    sim = await start();
    sim.setFaults({ oversizedBytes: 500 * 1024 * 1024 });
    const response = await get();
    let read = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (read > 1024 * 1024) break;
    }
    await idle();
    expect(read).toBeLessThan(500 * 1024 * 1024);
  });

  it('takes the new faults over its control endpoint', async () => {
    sim = await start();
    const put = await request(`${sim.url}/__sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ oversizedBytes: 10_000, oversizedDeclared: true, operations: ['getWidget'] }),
    });
    expect(put.statusCode).toBe(204);
    await put.body.dump();
    const padded = await get();
    expect(padded.headers['content-length']).toBe('10000');
    await padded.body.dump();

    await request(`${sim.url}/__sandbox/faults`, {
      method: 'PUT',
      body: JSON.stringify({ trickle: { intervalMs: 1, bytesPerChunk: 2 } }),
    }).then((r) => r.body.dump());
    const trickled = await drain((await get()).body);
    expect(trickled.text).toBe(JSON.stringify({ name: 'w7', size: 'number' }));
    expect(trickled.chunks).toBeGreaterThan(1);
  });
});
