import { afterEach, describe, expect, it } from 'vitest';
import { type PdcSimulator, pdcDemoCredentials } from '../../src/sandbox/pdc/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const CATALOG = '{ catalogDataSources(first: 1) { totalCount } }';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function start(env: Record<string, string> = {}) {
  gw = await startTestGateway(env);
  const pdc = gw.sims.pdc as PdcSimulator;
  return { gw, pdc, logins: () => pdc.stats.count('authenticate') };
}

async function catalogTotal(on: TestGateway, headers?: Record<string, string>) {
  return on.query<{ catalogDataSources: { totalCount: number } }>(CATALOG, {}, headers);
}

describe('the PDC service account token', () => {
  it('is renewed with one login when PDC refuses it, and the query that met the refusal still succeeds', async () => {
    const { gw, pdc, logins } = await start();
    expect((await catalogTotal(gw)).errors).toBeUndefined();
    expect(logins()).toBe(1);

    pdc.rotateSigningKey();
    pdc.stats.reset();
    const after = await catalogTotal(gw);
    expect(after.errors).toBeUndefined();
    expect(after.data?.catalogDataSources.totalCount).toBe(1000);
    // The refused call, one login, the same call again.
    expect(pdc.stats.requests().map((r) => r.operationId)).toEqual([
      'filterDataSources',
      'authenticate',
      'filterDataSources',
    ]);

    pdc.stats.reset();
    expect((await catalogTotal(gw)).errors).toBeUndefined();
    expect(logins()).toBe(0);
  });

  it('is renewed once for all the queries that meet the refusal together', async () => {
    const { gw, pdc, logins } = await start();
    await catalogTotal(gw);
    pdc.rotateSigningKey();
    pdc.stats.reset();
    const answers = await Promise.all(Array.from({ length: 8 }, () => catalogTotal(gw)));
    for (const answer of answers) expect(answer.data?.catalogDataSources.totalCount).toBe(1000);
    expect(logins()).toBe(1);
  });

  it('is renewed only once per call: a second 401 fails the query as PDC answered it', async () => {
    const { gw, pdc, logins } = await start();
    await catalogTotal(gw);
    pdc.stats.reset();
    pdc.setFaults({ failNext: 2, errorStatus: 401, operations: ['filterDataSources'] });
    const answer = await catalogTotal(gw);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', provider: 'pdc' });
    expect(logins()).toBe(1);
    expect(pdc.stats.count('filterDataSources')).toBe(2);
  });

  it('is asked for again when the login meets a passing failure (503, 500), with the reads’ backoff', async () => {
    const { gw, pdc, logins } = await start();
    pdc.setFaults({ failNext: 2, errorStatus: 503, operations: ['authenticate'] });
    const first = await catalogTotal(gw);
    expect(first.errors).toBeUndefined();
    expect(logins()).toBe(3);

    pdc.rotateSigningKey();
    pdc.setFaults({ failNext: 1, errorStatus: 500, operations: ['authenticate'] });
    const renewed = await catalogTotal(gw);
    expect(renewed.errors).toBeUndefined();
    expect(logins()).toBe(5);
  });

  it('is not asked for again when PDC refuses the password', async () => {
    const { gw, logins } = await start({ PDC_PASSWORD: 'not-the-password' });
    const answer = await catalogTotal(gw);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', provider: 'pdc' });
    expect(logins()).toBe(1);
  });
});

describe('a forwarded PDC token', () => {
  it('is the caller’s: a 401 for it is the caller’s answer, with no login and no second try', async () => {
    const { gw, pdc, logins } = await start({ PDC_CREDENTIALS: 'forward' });
    const headers = { 'x-pdc-token': pdc.issueToken(pdcDemoCredentials.username) };
    expect((await catalogTotal(gw, headers)).data?.catalogDataSources.totalCount).toBe(1000);

    pdc.rotateSigningKey();
    pdc.stats.reset();
    const answer = await catalogTotal(gw, headers);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', provider: 'pdc' });
    expect(logins()).toBe(0);
    expect(pdc.stats.count('filterDataSources')).toBe(1);
  });
});
