import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/gateway/upstream/index.js';
import { pdcPasswordAuth } from '../../src/providers/pdc/auth.js';
import { PdcClient, readJwtClaims } from '../../src/providers/pdc/client.js';
import { describePdcError, pdcMessageParts } from '../../src/providers/pdc/describe-error.js';
import { pdcDemoCredentials } from '../../src/sandbox/pdc/index.js';
import { failure, type PdcHarness, startPdc } from './pdc-harness.js';

const { username, password } = pdcDemoCredentials;

describe('pdc contract: logging in and bearer tokens', () => {
  let h: PdcHarness;
  beforeAll(async () => {
    h = await startPdc();
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.takeIssues()).toEqual([]);
    h.sim.setFaults(undefined);
  });

  it('logs in with a form post and returns a JWT whose exp is about an hour away', async () => {
    const before = Date.now();
    const token = await h.clientWith({}).login(username, password);
    expect(token.accessToken.split('.')).toHaveLength(3);
    expect(token.subject).toBe(username);
    const lifetime = token.expiresAt.getTime() - before;
    expect(lifetime).toBeGreaterThan(3590_000);
    expect(lifetime).toBeLessThanOrEqual(3601_000);
    const header = JSON.parse(Buffer.from(token.accessToken.split('.')[0] ?? '', 'base64url').toString());
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(h.sim.stats.last('authenticate')?.body).toEqual({
      username,
      password,
      client_id: 'pdc-client',
      grant_type: 'password',
    });
  });

  it('then uses the token as a bearer on the data-source endpoints', async () => {
    const token = await h.clientWith({}).login(username, password);
    const client = h.clientWith({ authorization: `Bearer ${token.accessToken}` });
    const page = await client.filterDataSources({ databaseTypes: ['*'] }, { limit: 1 });
    expect(page.pageInfo.totalCount).toBe(1000);
  });

  it('refuses a wrong password with 401 Unauthorized', async () => {
    const error = await failure(h.clientWith({}).login(username, 'not-the-password'));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 401, upstreamMessage: 'Unauthorized', operation: 'authenticate' });
  });

  it('refuses a call without a token, with a malformed token, or with a forged signature', async () => {
    const token = h.sim.issueToken(username);
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nonsense' },
      { authorization: `Bearer ${forged}` },
    ];
    for (const headers of attempts) {
      const error = await failure(h.clientWith(headers).getDataSourcesByIds(['0'.repeat(24)]));
      expect(error).toMatchObject({ status: 401, upstreamMessage: 'Unauthorized' });
    }
    expect(h.sim.stats.count('getDataSourcesByIds')).toBeGreaterThanOrEqual(3);
  });

  it('refuses an expired token', async () => {
    const expired = h.sim.issueToken(username, 0);
    const claims = readJwtClaims(expired);
    expect(claims?.exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    const error = await failure(
      h.clientWith({ authorization: `Bearer ${expired}` }).getDataSource('0'.repeat(24)),
    );
    expect(error).toMatchObject({ status: 401, upstreamMessage: 'Unauthorized' });
  });

  it('issues tokens with the lifetime given at start', async () => {
    const short = await startPdc({ tokenTtlSeconds: 90, count: 6 });
    try {
      const token = await short.clientWith({}).login(username, password);
      const claims = readJwtClaims(token.accessToken);
      expect(token.expiresAt.getTime() / 1000).toBe(claims?.exp);
      expect((claims?.exp ?? 0) - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(89);
      expect((claims?.exp ?? 0) - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(90);
      expect(short.takeIssues()).toEqual([]);
    } finally {
      await short.close();
    }
  });

  it('keeps one service-account token for concurrent calls and logs in again near its expiry', async () => {
    let clock = Date.now();
    const before = h.sim.stats.count('authenticate');
    const auth = pdcPasswordAuth(h.clientWith({}), {
      username,
      password,
      refreshBeforeSeconds: 60,
      now: () => clock,
    });
    const client: PdcClient = new PdcClient(h.http, () => auth.headers());
    await Promise.all([
      client.getDataSourcesByIds(['0'.repeat(24)]),
      client.getDataSourcesByIds(['1'.repeat(24)]),
      client.getDataSourcesByIds(['2'.repeat(24)]),
    ]);
    expect(h.sim.stats.count('authenticate') - before).toBe(1);
    clock += 3541_000;
    await client.getDataSourcesByIds(['3'.repeat(24)]);
    expect(h.sim.stats.count('authenticate') - before).toBe(2);
  });

  it('answers 503 Connection Refused when the catalog cannot reach its store', async () => {
    h.sim.setFaults({ failNext: 1, errorStatus: 503, operations: ['filterDataSources'] });
    const error = await failure(h.client.filterDataSources({ databaseTypes: ['*'] }));
    expect(error).toMatchObject({ status: 503, upstreamMessage: 'Connection Refused', provider: 'pdc' });
  });
});

describe('pdc describeError', () => {
  it('reads a string message and the field it starts with', () => {
    expect(describePdcError(401, { status: 401, message: 'Unauthorized' })).toEqual({
      message: 'Unauthorized',
    });
    expect(describePdcError(400, { status: 400, message: 'resourceName: "x" already exists' })).toEqual({
      message: 'resourceName: "x" already exists',
      field: 'resourceName',
      problems: [{ field: 'resourceName', message: '"x" already exists' }],
    });
  });

  it('reads an array of strings or of field/message objects', () => {
    expect(
      describePdcError(400, {
        status: 400,
        message: ['[1].port: must match pattern', 'limit: must be <= 10000'],
      }),
    ).toEqual({
      message: '[1].port: must match pattern; limit: must be <= 10000',
      field: '[1].port',
      problems: [
        { field: '[1].port', message: 'must match pattern' },
        { field: 'limit', message: 'must be <= 10000' },
      ],
    });
    expect(
      describePdcError(400, { status: 400, message: [{ property: 'host', message: 'is required' }] }),
    ).toEqual({
      message: 'host: is required',
      field: 'host',
      problems: [{ field: 'host', message: 'is required' }],
    });
    // A path given as a list of names is written as PDC writes one in its sentences.
    expect(
      describePdcError(400, { status: 400, message: [{ path: [1, 'port'], message: 'must match pattern' }] }),
    ).toMatchObject({ field: '[1].port', problems: [{ field: '[1].port', message: 'must match pattern' }] });
  });

  it('reads an object from field to reason', () => {
    expect(
      describePdcError(400, {
        status: 400,
        message: { resourceName: 'cannot be changed', port: ['bad', 'worse'] },
      }),
    ).toEqual({
      message: 'resourceName: cannot be changed; port: bad, worse',
      field: 'resourceName',
      problems: [
        { field: 'resourceName', message: 'cannot be changed' },
        { field: 'port', message: 'bad, worse' },
      ],
    });
  });

  it('reads an error body only within its bounds: 64 values, 8 levels deep, 2,000 characters a text', () => {
    const fields = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, 'is wrong']));
    const byField = describePdcError(400, { status: 400, message: fields });
    expect(byField.problems).toHaveLength(64);
    expect(byField.problems?.at(-1)).toEqual({ field: 'f63', message: 'is wrong' });

    // The list itself is one of the 64 values looked at, so 63 of its items are read, in order.
    const listed = describePdcError(400, {
      status: 400,
      message: Array.from({ length: 100 }, (_, i) => `f${i}: is wrong`),
    });
    expect(listed.problems?.map((problem) => problem.field)).toEqual(
      Array.from({ length: 63 }, (_, i) => `f${i}`),
    );
    // Values past the first 64 are not read, even when earlier ones hold nothing.
    const sparse = describePdcError(400, {
      status: 400,
      message: [...Array.from({ length: 70 }, () => null), 'port: is wrong'],
    });
    expect(sparse).toEqual({});

    // One value's parts fill only what is left of the 64.
    const mixed = describePdcError(400, { status: 400, message: ['a: is wrong', fields] });
    expect(mixed.problems).toHaveLength(64);
    expect(mixed.problems?.at(-1)).toEqual({ field: 'f62', message: 'is wrong' });
    // Two lists and 62 texts are the 64 values: the text after the inner list is still read.
    const inner = Array.from({ length: 61 }, (_, i) => `f${i}: is wrong`);
    const edge = describePdcError(400, { status: 400, message: [inner, 'last: is wrong'] });
    expect(edge.problems).toHaveLength(62);
    expect(edge.problems?.at(-1)).toEqual({ field: 'last', message: 'is wrong' });

    const nested = (depth: number): unknown => (depth === 0 ? 'port: is wrong' : [nested(depth - 1)]);
    expect(describePdcError(400, { status: 400, message: nested(8) })).toMatchObject({ field: 'port' });
    expect(describePdcError(400, { status: 400, message: nested(9) })).toEqual({});

    const long = describePdcError(400, { status: 400, message: `port: ${'x'.repeat(3000)}` });
    expect(long.message).toHaveLength(2000);
    expect(long.field).toBe('port');
  });

  it('writes a field given as a list of names up to 8 of them, and none for an empty one', () => {
    const path = ['a', 'b', 0, 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    expect(describePdcError(400, { status: 400, message: [{ path, message: 'is wrong' }] })).toMatchObject({
      field: 'a.b[0].c.d.e.f.g',
    });
    expect(
      describePdcError(400, { status: 400, message: [{ path: [null, 'port', true], message: 'is wrong' }] }),
    ).toMatchObject({ field: 'port' });
    expect(describePdcError(400, { status: 400, message: [{ path: [], message: 'is wrong' }] })).toEqual({
      message: 'is wrong',
    });
    // A field that is neither text nor a list of names names none; only the first 9 names are looked at.
    expect(describePdcError(400, { status: 400, message: [{ field: 7, message: 'is wrong' }] })).toEqual({
      message: 'is wrong',
    });
    const late = [...Array.from({ length: 9 }, () => null), 'port'];
    expect(describePdcError(400, { status: 400, message: [{ path: late, message: 'is wrong' }] })).toEqual({
      message: 'is wrong',
    });
    expect(describePdcError(400, { status: 400, message: [{ field: '', message: 'is wrong' }] })).toEqual({
      message: 'is wrong',
    });
    expect(
      describePdcError(400, { status: 400, message: [{ field: 'p'.repeat(2500), message: 'is wrong' }] })
        .field,
    ).toHaveLength(2000);
  });

  it('keeps the code a body gives, and reads its problems from `errors` or `error` when it has no `message`', () => {
    expect(
      describePdcError(400, { status: 400, code: 'E_VALIDATION', message: 'host: is required' }),
    ).toEqual({
      code: 'E_VALIDATION',
      message: 'host: is required',
      field: 'host',
      problems: [{ field: 'host', message: 'is required' }],
    });
    expect(describePdcError(400, { status: 400, code: 7, errors: ['port: must be a number'] })).toEqual({
      message: 'port: must be a number',
      field: 'port',
      problems: [{ field: 'port', message: 'must be a number' }],
    });
    expect(describePdcError(409, { status: 409, error: 'Conflict' })).toEqual({ message: 'Conflict' });
    expect(describePdcError(400, { status: 400, message: 42 })).toEqual({ message: '42' });
  });

  it('reads items that say `msg` or `detail` and name their field as `param`, and items without a field', () => {
    expect(
      describePdcError(400, {
        status: 400,
        message: [
          '  Validation failed  ',
          { param: 'host', msg: 'is required' },
          { detail: 'port: is too large' },
        ],
      }),
    ).toEqual({
      message: 'Validation failed; host: is required; port: is too large',
      field: 'host',
      problems: [
        { message: 'Validation failed' },
        { field: 'host', message: 'is required' },
        { field: 'port', message: 'is too large' },
      ],
    });
  });

  it("says a field is invalid when its reason is not text, and keeps only a list's texts", () => {
    expect(
      describePdcError(400, {
        status: 400,
        message: { port: 5, host: [], note: [1, 'too long', null, 'not text'] },
      }),
    ).toEqual({
      message: 'port: is invalid; host: is invalid; note: too long, not text',
      field: 'port',
      problems: [
        { field: 'port', message: 'is invalid' },
        { field: 'host', message: 'is invalid' },
        { field: 'note', message: 'too long, not text' },
      ],
    });
  });

  it('reads a field whose problem runs over several lines, and at most 64 reasons of a field', () => {
    expect(
      describePdcError(400, { status: 400, message: 'host: is required\nwhen configMethod is credentials' }),
    ).toEqual({
      message: 'host: is required\nwhen configMethod is credentials',
      field: 'host',
      problems: [{ field: 'host', message: 'is required\nwhen configMethod is credentials' }],
    });
    const reasons = Array.from({ length: 70 }, (_, i) => `r${i}`);
    expect(describePdcError(400, { status: 400, message: { port: reasons } }).problems).toEqual([
      { field: 'port', message: reasons.slice(0, 64).join(', ') },
    ]);
  });

  it('splits a message it made back into its parts, each on its field', () => {
    expect(pdcMessageParts('resourceName: already exists; host: is required; of the catalog')).toEqual([
      { field: 'resourceName', text: 'already exists' },
      { field: 'host', text: 'is required; of the catalog' },
    ]);
    expect(pdcMessageParts('Validation failed')).toEqual([{ text: 'Validation failed' }]);
  });

  it('tolerates bodies without a message', () => {
    expect(describePdcError(500, undefined)).toEqual({});
    expect(describePdcError(500, null)).toEqual({});
    expect(describePdcError(500, { status: 500 })).toEqual({});
    expect(describePdcError(502, 'Bad gateway')).toEqual({ message: 'Bad gateway' });
  });
});
