import { describe, expect, it, vi } from 'vitest';
import { riverGenDemoTokens } from '../../src/sandbox/rivergen/index.js';
import { startTestGateway } from '../support/gateway.js';
import { callsDuring as callsOf } from '../support/upstream-calls.js';

const IMPORT_SOURCES = '{ importSources(first: 5) { edges { node { id name } } } }';
const DESTINATIONS = '{ destinations(first: 100) { totalCount edges { node { id name } } } }';

describe('kept apart per caller', () => {
  it('never answers one gateway token with what another was answered', async () => {
    const tokens = ['gw_cache_caller_one', 'gw_cache_caller_two'];
    await using gw = await startTestGateway({
      GATEWAY_AUTH: 'tokens',
      GATEWAY_TOKENS: tokens.join(','),
      RESPONSE_CACHE: 'on',
    });
    const as = (token: string) => () => gw.query(IMPORT_SOURCES, {}, { authorization: `Bearer ${token}` });
    expect(await callsOf(gw, as(tokens[0] ?? ''))).toBeGreaterThan(0);
    expect(await callsOf(gw, as(tokens[1] ?? ''))).toBeGreaterThan(0);
    expect(await callsOf(gw, as(tokens[0] ?? ''))).toBe(0);
    expect(await callsOf(gw, as(tokens[1] ?? ''))).toBe(0);
  });

  it('never answers one forwarded RiverGen token with what another organisation was answered', async () => {
    await using gw = await startTestGateway({ RIVERGEN_CREDENTIALS: 'forward', RESPONSE_CACHE: 'on' });
    const document = '{ riverGenDataSources(first: 3) { edges { node { id name } } } }';
    const as = (token: string) => gw.query(document, {}, { 'x-rivergen-token': token });
    const first = await as(riverGenDemoTokens.demo);
    const other = await as(riverGenDemoTokens.otherOrganization);
    expect(first.errors).toBeUndefined();
    expect(other.errors).toBeUndefined();
    expect(other.data).not.toEqual(first.data);
    let again: unknown;
    let otherAgain: unknown;
    expect(await callsOf(gw, async () => (again = await as(riverGenDemoTokens.demo)))).toBe(0);
    expect(await callsOf(gw, async () => (otherAgain = await as(riverGenDemoTokens.otherOrganization)))).toBe(
      0,
    );
    expect(again).toEqual(first);
    expect(otherAgain).toEqual(other);
    // A colleague in the same organisation is still another caller.
    expect(await callsOf(gw, () => as(riverGenDemoTokens.colleague))).toBeGreaterThan(0);
  });

  it('tells apart callers who send the same value in different headers', async () => {
    await using gw = await startTestGateway({
      PDC_CREDENTIALS: 'forward',
      RIVERGEN_CREDENTIALS: 'forward',
      RESPONSE_CACHE: 'on',
    });
    const token = 'one_value_two_headers';
    const asPdcUser = () => gw.query(IMPORT_SOURCES, {}, { 'x-pdc-token': token });
    const asRiverGenUser = () => gw.query(IMPORT_SOURCES, {}, { 'x-rivergen-token': token });
    expect(await callsOf(gw, asPdcUser)).toBeGreaterThan(0);
    expect(await callsOf(gw, asPdcUser)).toBe(0);
    expect(await callsOf(gw, asRiverGenUser)).toBeGreaterThan(0);
  });

  it('keeps nothing for a caller who sends no credential where callers forward theirs', async () => {
    await using gw = await startTestGateway({ PDC_CREDENTIALS: 'forward', RESPONSE_CACHE: 'on' });
    expect(await callsOf(gw, () => gw.query(IMPORT_SOURCES))).toBeGreaterThan(0);
    expect(await callsOf(gw, () => gw.query(IMPORT_SOURCES))).toBeGreaterThan(0);
  });
});

describe('how long answers are kept', () => {
  it('asks the upstream again once RESPONSE_CACHE_TTL_MS has passed', async () => {
    await using gw = await startTestGateway({ RESPONSE_CACHE: 'on', RESPONSE_CACHE_TTL_MS: '200' });
    await gw.query(IMPORT_SOURCES);
    expect(await callsOf(gw, () => gw.query(IMPORT_SOURCES))).toBe(0);
    await vi.waitFor(
      async () => expect(await callsOf(gw, () => gw.query(IMPORT_SOURCES))).toBeGreaterThan(0),
      {
        timeout: 5000,
        interval: 50,
      },
    );
  });

  it('keeps an answer holding a type RESPONSE_CACHE_TTL_PER_TYPE sets to 0 not at all, and the others as long as ever', async () => {
    await using gw = await startTestGateway({
      RESPONSE_CACHE: 'on',
      RESPONSE_CACHE_TTL_PER_TYPE: 'Destination=0, ImportSource=600000',
    });
    await gw.query(DESTINATIONS);
    expect(await callsOf(gw, () => gw.query(DESTINATIONS))).toBeGreaterThan(0);
    await gw.query(IMPORT_SOURCES);
    expect(await callsOf(gw, () => gw.query(IMPORT_SOURCES))).toBe(0);
  });
});

describe('with METRICS=false', () => {
  it('still answers a second identical query from the cache, counting nothing', async () => {
    await using gw = await startTestGateway({ RESPONSE_CACHE: 'on', METRICS: 'false' });
    const first = await gw.query(IMPORT_SOURCES);
    expect(first.errors).toBeUndefined();
    let again: unknown;
    expect(await callsOf(gw, async () => (again = await gw.query(IMPORT_SOURCES)))).toBe(0);
    expect(again).toEqual(first);
  });
});

describe('with RESPONSE_CACHE off (the default outside demo mode)', () => {
  it('asks the upstreams for every query, as before', async () => {
    await using gw = await startTestGateway();
    await gw.query(IMPORT_SOURCES);
    expect(await callsOf(gw, () => gw.query(IMPORT_SOURCES))).toBeGreaterThan(0);
  });
});
