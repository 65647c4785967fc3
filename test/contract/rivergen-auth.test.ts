import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RiverGenClient as Client } from '../../src/providers/rivergen/client.js';
import { describeRiverGenError } from '../../src/providers/rivergen/describe-error.js';
import { riverGenSandbox } from '../../src/sandbox/rivergen/index.js';
import { failure, type RiverGenHarness, startRiverGen } from './rivergen-harness.js';

/** One call of every endpoint against a data source id. */
const everyEndpoint = (client: Client, id: number): [string, Promise<unknown>][] => [
  ['listDataSources', client.listDataSources()],
  ['createDataSource', client.createDataSource({ name: 'Auth probe', type: 'csv' })],
  ['getDataSource', client.getDataSource(id)],
  ['updateDataSource', client.updateDataSource(id, { description: 'probe' })],
  ['deleteDataSource', client.deleteDataSource(id)],
  ['updateDataSourceCredentials', client.updateDataSourceCredentials(id, { password: 'probe' })],
  ['testDataSourceConnection', client.testDataSourceConnection(id)],
];

describe('rivergen contract: tokens, organisations and failures', () => {
  let h: RiverGenHarness;
  let org1Id: number;
  beforeAll(async () => {
    h = await startRiverGen();
    org1Id = h.sim.store.dataSources(1)[0]?.id ?? 0;
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.takeIssues()).toEqual([]);
  });

  it('answers 401 UNAUTHORIZED on every endpoint without a token or with a wrong one', async () => {
    const tries: Record<string, string>[] = [
      {},
      { authorization: 'Bearer rg_not_a_token' },
      { authorization: 'Basic YTpi' },
    ];
    for (const headers of tries) {
      for (const [operation, call] of everyEndpoint(h.clientWith(headers), org1Id)) {
        expect(await failure(call)).toMatchObject({
          status: 401,
          upstreamCode: 'UNAUTHORIZED',
          upstreamMessage: 'Invalid or missing authentication token',
          operation,
        });
      }
    }
    expect(h.sim.store.dataSources(1).find((s) => s.id === org1Id)?.description).not.toBe('probe');
  });

  it('answers 403 FORBIDDEN on every endpoint to a user in no organisation', async () => {
    for (const [operation, call] of everyEndpoint(h.noOrg, org1Id)) {
      expect(await failure(call)).toMatchObject({
        status: 403,
        upstreamCode: 'FORBIDDEN',
        upstreamMessage: 'User is not a member of any organization',
        operation,
      });
    }
  });

  it("answers 404, never 403, when organisation 2 reaches for organisation 1's data source", async () => {
    const before = await h.client.getDataSource(org1Id);
    for (const [operation, call] of everyEndpoint(h.otherOrg, org1Id).slice(2)) {
      expect(await failure(call)).toMatchObject({ status: 404, upstreamCode: 'NOT_FOUND', operation });
    }
    expect(await h.client.getDataSource(org1Id)).toEqual(before);
    expect(h.sim.store.secretsOf(org1Id)?.password).not.toBe('probe');
  });

  it("never lists organisation 1's data sources to organisation 2, whatever the filter", async () => {
    const org1Ids = new Set(h.sim.store.dataSources(1).map((s) => s.id));
    const org1Name = h.sim.store.dataSources(1)[0]?.name ?? '';
    for (const query of [{}, { search: org1Name }, { workspace_id: 1 }, { type: 'postgresql' as const }]) {
      const page = await h.otherOrg.listDataSources({ ...query, page_size: 100 });
      expect(page.items.some((s) => org1Ids.has(s.id))).toBe(false);
      expect(page.items.every((s) => s.organization_id === 2)).toBe(true);
    }
  });

  it('lets two users of one organisation see and change the same data sources', async () => {
    const changed = await h.colleague.updateDataSource(org1Id, { tags: ['shared'] });
    expect(changed.updated_by_user_id).toBe(2);
    expect((await h.client.getDataSource(org1Id)).tags).toEqual(['shared']);
  });

  it('answers 429 RATE_LIMIT_EXCEEDED with Retry-After once an organisation spends its minute', async () => {
    const limited = await startRiverGen({ rateLimitPerMinute: 3 });
    try {
      for (let i = 0; i < 3; i++) await limited.client.listDataSources({ page_size: 1 });
      const error = await failure(limited.client.getDataSource(1));
      expect(error).toMatchObject({ status: 429, upstreamCode: 'RATE_LIMIT_EXCEEDED' });
      const { retryAfterSeconds } = error as { retryAfterSeconds: number };
      expect(retryAfterSeconds).toBeGreaterThan(0);
      expect(retryAfterSeconds).toBeLessThanOrEqual(60);
      // Another organisation has its own allowance.
      expect((await limited.otherOrg.listDataSources({ page_size: 1 })).items).toHaveLength(1);
      expect(limited.takeIssues()).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('answers injected 429, 500 and 503 in its own error envelope', async () => {
    h.sim.setFaults({ rateLimit: { retryAfterSeconds: 30 }, operations: ['listDataSources'] });
    expect(await failure(h.client.listDataSources())).toMatchObject({
      status: 429,
      upstreamCode: 'RATE_LIMIT_EXCEEDED',
      retryAfterSeconds: 30,
    });
    h.sim.setFaults({ failNext: 1, errorStatus: 500 });
    expect(await failure(h.client.getDataSource(org1Id))).toMatchObject({
      status: 500,
      upstreamCode: 'INTERNAL_ERROR',
    });
    h.sim.setFaults({ failNext: 1, errorStatus: 503 });
    expect(await failure(h.client.getDataSource(org1Id))).toMatchObject({
      status: 503,
      upstreamCode: 'SERVICE_UNAVAILABLE',
    });
    h.sim.setFaults(undefined);
    expect((await h.client.getDataSource(org1Id)).id).toBe(org1Id);
  });

  it('names its provider, its sandbox port 4104 and the demo user of organisation 1', async () => {
    expect(riverGenSandbox).toMatchObject({ provider: 'rivergen', defaultPort: 4104 });
    const demo = h.clientWith({ authorization: `Bearer ${riverGenSandbox.demoCredentials.accessToken}` });
    expect((await demo.listDataSources()).pagination.total_items).toBe(180);
  });
});

describe('rivergen error bodies as the client reads them', () => {
  it('reads the documented envelope with details.field', () => {
    expect(
      describeRiverGenError(400, {
        success: false,
        error: {
          code: 'VALIDATION_ERROR',
          message: 'Invalid request data',
          details: { field: 'name', reason: 'too long' },
          timestamp: '2026-01-01T00:00:00Z',
        },
      }),
    ).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'Invalid request data',
      field: 'name',
      problems: [{ field: 'name', message: 'too long' }],
    });
  });

  it('leaves out where in the request a FastAPI field was, and only that', () => {
    const detail = (loc: unknown[]) =>
      describeRiverGenError(422, { detail: [{ loc, msg: 'is wrong' }] }).field;
    expect(detail(['query', 'page_size'])).toBe('page_size');
    expect(detail(['name', 'body'])).toBe('name.body');
    expect(detail(['body', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'])).toBe('a.b.c.d.e.f.g.h');
    expect(detail(['body', 'items', 2, 'port'])).toBe('items[2].port');
  });

  it('reads the other code family, a bare error object and FastAPI detail lists', () => {
    expect(describeRiverGenError(401, { error: { code: 'AUTH_EXPIRED', message: 'Token expired' } })).toEqual(
      {
        code: 'AUTH_EXPIRED',
        message: 'Token expired',
      },
    );
    expect(
      describeRiverGenError(404, { code: 'RESOURCE_NOT_FOUND', message: 'Data source not found' }),
    ).toEqual({
      code: 'RESOURCE_NOT_FOUND',
      message: 'Data source not found',
    });
    expect(
      describeRiverGenError(422, {
        detail: [{ loc: ['body', 'credentials', 'password'], msg: 'field required', type: 'missing' }],
      }),
    ).toEqual({
      message: 'credentials.password: field required',
      field: 'credentials.password',
      problems: [{ field: 'credentials.password', message: 'field required' }],
    });
    expect(describeRiverGenError(403, { detail: 'User is not a member of any organization' })).toEqual({
      message: 'User is not a member of any organization',
    });
    expect(describeRiverGenError(502, '<html>Bad gateway</html>')).toEqual({
      message: '<html>Bad gateway</html>',
    });
    expect(describeRiverGenError(500, null)).toEqual({});
  });
  it('leaves out a place in the request given as path or header', () => {
    const field = (loc: unknown[]) =>
      describeRiverGenError(422, { detail: [{ loc, msg: 'is wrong' }] }).field;
    expect(field(['path', 'data_source_id'])).toBe('data_source_id');
    expect(field(['header', 'authorization'])).toBe('authorization');
  });

  it('reads at most 64 details, the first that names a field, and none that says nothing', () => {
    const many = describeRiverGenError(422, { detail: Array.from({ length: 70 }, (_, i) => `problem ${i}`) });
    expect(many.message?.split('; ')).toHaveLength(64);
    expect(many.field).toBeUndefined();
    expect(
      describeRiverGenError(422, {
        detail: ['a note', { loc: ['body', 'name'] }, { loc: ['body', 'port'], msg: 'not an integer' }],
      }),
    ).toEqual({
      message: 'a note; port: not an integer',
      field: 'name',
      problems: [
        { field: 'name', message: 'is invalid' },
        { field: 'port', message: 'not an integer' },
      ],
    });
  });

  it('adds only the fields a message names to those its details name, not its other sentences', () => {
    expect(
      describeRiverGenError(400, {
        error: {
          message: 'Invalid request data; port: not an integer',
          details: { field: 'name', reason: 'too long' },
        },
      }).problems,
    ).toEqual([
      { field: 'name', message: 'too long' },
      { field: 'port', message: 'not an integer' },
    ]);
  });

  it('reads a code given as error_code, an error given as text, and a message over several lines as one', () => {
    expect(
      describeRiverGenError(400, { error_code: 'BAD_REQUEST', error: 'Invalid\n  request   data ' }),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: 'Invalid request data',
    });
    expect(
      describeRiverGenError(400, { error: { code: 'BAD_REQUEST' }, message: 'Invalid request data' }),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: 'Invalid request data',
    });
    expect(describeRiverGenError(400, { error: { code: ' ', message: '  ' } })).toEqual({});
    expect(describeRiverGenError(400, '   ')).toEqual({});
  });

  it('joins a list of details, each on its field, and adds the fields a message lists beyond them', () => {
    expect(
      describeRiverGenError(422, {
        detail: [
          { loc: ['body', 'name'], msg: 'too long' },
          'a note',
          [{ loc: ['body', 'hidden'], msg: 'nested lists are left out' }],
          { loc: ['body', 'port'], msg: 'not an integer' },
        ],
      }),
    ).toEqual({
      message: 'name: too long; a note; port: not an integer',
      field: 'name',
      problems: [
        { field: 'name', message: 'too long' },
        { field: 'port', message: 'not an integer' },
      ],
    });
    expect(
      describeRiverGenError(400, {
        error: {
          code: 'BAD_REQUEST',
          message: 'name: too long; port: not an integer',
          details: { field: 'name' },
        },
      }),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: 'name: too long; port: not an integer',
      field: 'name',
      problems: [
        { field: 'name', message: 'is invalid' },
        { field: 'port', message: 'not an integer' },
      ],
    });
  });
});
