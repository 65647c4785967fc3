import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamHttp } from '../../src/gateway/upstream/index.js';
import {
  createPrequelImportHttp,
  PREQUEL_API_VERSION,
  PrequelImportClient,
} from '../../src/providers/prequel-import/client.js';
import { describePrequelImportError } from '../../src/providers/prequel-import/describe-error.js';
import { prequelImportDemoCredentials } from '../../src/sandbox/prequel-import/index.js';
import { exactlyOnce } from '../support/contract-checker.js';
import { fullSource } from './prequel-import-fixtures.js';
import { failure, type ImportHarness, startImport } from './prequel-import-harness.js';

const apiKey = prequelImportDemoCredentials.apiKey;

describe('prequel-import: credentials, versions and failures', () => {
  let h: ImportHarness;
  let someId: string;
  beforeAll(async () => {
    h = await startImport();
    someId = (await h.client.listSources({ pageSize: 1 })).sources[0]?.id ?? '';
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    h.sim.setFaults(undefined);
    expect(h.takeIssues()).toEqual([]);
  });

  /** One call of every endpoint through a client. */
  function everyCall(client: PrequelImportClient): Record<string, () => Promise<unknown>> {
    const { body } = fullSource('sftp', 'Auth probe');
    return {
      listSources: () => client.listSources(),
      createSource: () => client.createSource(body),
      getSource: () => client.getSource(someId),
      updateSource: () => client.updateSource(someId, { name: 'Auth probe' }),
      testSource: () => client.testSource(body),
      testSavedSource: () => client.testSavedSource(someId),
    };
  }

  it('answers 401 with its own body on every endpoint when the API key is missing', async () => {
    for (const [operation, call] of Object.entries(everyCall(h.clientWith({})))) {
      const error = await failure(call());
      expect(error).toMatchObject({
        status: 401,
        operation,
        upstreamMessage: expect.stringContaining('X-API-KEY'),
      });
    }
    expect(h.sim.store.all().some((s) => s.name === 'Auth probe')).toBe(false);
  });

  it('answers 401 on every endpoint when the API key is wrong', async () => {
    for (const [operation, call] of Object.entries(everyCall(h.clientWith({ 'x-api-key': 'prq_wrong' })))) {
      const error = await failure(call());
      expect(error).toMatchObject({ status: 401, operation, upstreamMessage: 'Invalid API key' });
    }
  });

  it('sends the API key and X-Prequel-Api-Version: 2023-12-01 on every call', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"success","data":{"sources":[],"source":{}},"message":"","has_next":false}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const http = createPrequelImportHttp({ baseUrl: `http://127.0.0.1:${port}`, resilience: exactlyOnce });
    try {
      const client = new PrequelImportClient(http, () => ({ 'x-api-key': apiKey }));
      for (const call of Object.values(everyCall(client))) await call();
      expect(seen).toHaveLength(6);
      for (const headers of seen) {
        expect(headers['x-api-key']).toBe(apiKey);
        expect(headers['x-prequel-api-version']).toBe(PREQUEL_API_VERSION);
      }
    } finally {
      await http.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses an API version it does not know with 400, and takes calls that name none', async () => {
    const error = await failure(
      h.clientWith({ 'x-api-key': apiKey, 'x-prequel-api-version': '2019-01-01' }).listSources(),
    );
    expect(error).toMatchObject({ status: 400, upstreamMessage: expect.stringContaining('2019-01-01') });
    const bare = new UpstreamHttp({
      provider: 'prequel-import',
      baseUrl: h.sim.url,
      describeError: () => ({}),
    });
    try {
      const answer = await bare.request<unknown>({
        method: 'GET',
        path: `/import/sources/${someId}`,
        operation: 'getSource',
        headers: { 'x-api-key': apiKey },
      });
      expect(answer.status).toBe(200);
      expect(h.takeIssues()).toEqual([]);
    } finally {
      await bare.close();
    }
  });

  it('answers 429 with Retry-After when rate limited, in its own error body', async () => {
    h.takeBodies();
    h.sim.setFaults({ rateLimit: { retryAfterSeconds: 7 }, operations: ['listSources'] });
    const error = await failure(h.client.listSources());
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 7 });
    expect(JSON.parse(h.takeBodies()[0] ?? '{}')).toEqual({ status: 'error', message: 'Too many requests' });
    await expect(h.client.getSource(someId)).resolves.toMatchObject({ id: someId });
  });

  it('answers 500 when the API fails, then recovers', async () => {
    h.sim.setFaults({ failNext: 1 });
    await expect(h.client.getSource(someId)).rejects.toMatchObject({ status: 500, kind: 'http' });
    await expect(h.client.getSource(someId)).resolves.toMatchObject({ id: someId });
  });

  it('reads the blamed field out of every error shape it may meet', () => {
    expect(
      describePrequelImportError(400, { status: 'error', message: 'source.postgres.port: must be integer' }),
    ).toEqual({
      message: 'source.postgres.port: must be integer',
      field: 'source.postgres.port',
      problems: [{ field: 'source.postgres.port', message: 'must be integer' }],
    });
    expect(describePrequelImportError(400, { error: ['name: is required', 'port: too big'] })).toEqual({
      message: 'name: is required; port: too big',
      field: 'name',
      problems: [
        { field: 'name', message: 'is required' },
        { field: 'port', message: 'too big' },
      ],
    });
    expect(describePrequelImportError(500, 'Internal error')).toEqual({ message: 'Internal error' });
    expect(describePrequelImportError(502, { unexpected: true })).toEqual({});
  });
  it('reads `detail`, the code a body gives, and the first line that names a field', () => {
    expect(describePrequelImportError(404, { status: 'error', detail: 'Source not found' })).toEqual({
      message: 'Source not found',
    });
    expect(
      describePrequelImportError(400, {
        status: 'error',
        code: 'INVALID_SOURCE',
        message: 'Invalid source;  source.items[2].port: must be integer;  ; source.name: is required',
      }),
    ).toEqual({
      code: 'INVALID_SOURCE',
      message: 'Invalid source; source.items[2].port: must be integer; source.name: is required',
      field: 'source.items[2].port',
      problems: [
        { message: 'Invalid source' },
        { field: 'source.items[2].port', message: 'must be integer' },
        { field: 'source.name', message: 'is required' },
      ],
    });
  });

  it('reads a field with an index of two digits, and nothing from a body that is null or missing', () => {
    expect(describePrequelImportError(400, { message: 'source.items[12].port: must be integer' }).field).toBe(
      'source.items[12].port',
    );
    expect(describePrequelImportError(500, null)).toEqual({});
    expect(describePrequelImportError(500, undefined)).toEqual({});
  });

  it('reads the texts of a list of at most 64 lines, and nothing from a body with none', () => {
    const lines = Array.from({ length: 70 }, (_, i) => `f${i}: is wrong`);
    const many = describePrequelImportError(400, { message: [7, ...lines] });
    expect(many.message?.split('; ')).toEqual(lines.slice(0, 63));
    expect(many.field).toBe('f0');
    expect(describePrequelImportError(400, { message: [' ', null] })).toEqual({});
    expect(describePrequelImportError(400, { status: 'error', message: 'Bad request', code: 5 })).toEqual({
      message: 'Bad request',
    });
  });
});
