import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../src/sandbox/kit/index.js';
import type { PdcSimulator } from '../../src/sandbox/pdc/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

interface Listed {
  id: string;
  name: string;
}

interface MineAnswer {
  nodes: (Listed | null)[];
  catalogDataSources: { totalCount: number; edges: { node: Listed }[] };
}

const MINE = /* GraphQL */ `
  query Mine($ids: [ID!]!, $first: Int!) {
    nodes(ids: $ids) { id ... on DataSource { name } }
    catalogDataSources(first: $first) { totalCount edges { node { id name } } }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation Rename($id: ID!, $input: UpdateCatalogDataSourceInput!) {
    updateCatalogDataSource(id: $id, input: $input) {
      __typename
      ... on UpdateCatalogDataSourceSuccess { catalogDataSource { id description } }
    }
  }
`;

/** The first data sources of the catalog that every request lists; the ids asked by id come after them. */
const LISTED = 5;
const REQUESTS = 80;
const IDS_PER_REQUEST = 3;

let gw: TestGateway;
let sim: PdcSimulator;
/** Two catalog users, each with a token the catalog issued to them. */
let users: { name: string; token: string }[];
/** Seeded data sources in catalog order, as every user sees them. */
let catalog: Listed[] = [];

const nativeOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1] as string;
const calls = (operation?: string) => sim.stats.requests(operation);
const askedIds = (call: RecordedRequest) => (call.body as { ids: string[] }).ids;

beforeAll(async () => {
  gw = await startTestGateway({ PDC_CREDENTIALS: 'forward' });
  sim = gw.sims.pdc as PdcSimulator;
  users = ['catalog.alice', 'catalog.bob'].map((name) => ({ name, token: sim.issueToken(name) }));
  const list = await gw.query<{ catalogDataSources: { edges: { node: Listed }[] } }>(
    '{ catalogDataSources(first: 300) { edges { node { id name } } } }',
    {},
    { 'x-pdc-token': users[0]?.token ?? '' },
  );
  expect(list.errors).toBeUndefined();
  catalog = list.data?.catalogDataSources.edges.map((e) => e.node) ?? [];
  expect(catalog).toHaveLength(300);
});
afterAll(() => gw.close());
afterEach(() => sim.setFaults(undefined));

describe('PDC behind a gateway that forwards each caller’s token', () => {
  it('sends each of 80 interleaved concurrent requests of two users upstream with that user’s token only', async () => {
    gw.resetCounts();
    // Each call waits a moment at the catalog, so that the two users’ calls overlap there.
    sim.setFaults({ latencyMs: 40 });
    const requests = Array.from({ length: REQUESTS }, (_, n) => {
      const user = users[n % 2] as (typeof users)[number];
      const start = LISTED + n * IDS_PER_REQUEST;
      return { n, user, wanted: catalog.slice(start, start + IDS_PER_REQUEST) };
    });
    const answers = await Promise.all(
      requests.map(async (request) => ({
        ...request,
        result: await gw.query<MineAnswer>(
          MINE,
          { ids: request.wanted.map((w) => w.id), first: 1 + (request.n % LISTED) },
          { 'x-pdc-token': request.user.token },
        ),
      })),
    );

    for (const { n, wanted, result } of answers) {
      expect(result.errors, `request ${n}`).toBeUndefined();
      expect(result.data?.nodes).toEqual(wanted);
      expect(result.data?.catalogDataSources.totalCount).toBe(1000);
      expect(result.data?.catalogDataSources.edges.map((e) => e.node)).toEqual(
        catalog.slice(0, 1 + (n % LISTED)),
      );
    }
    expect(sim.stats.peakInFlight()).toBeGreaterThan(1);

    // The gateway never logs in on its own account: every call carries one caller's token.
    expect(sim.stats.count('authenticate')).toBe(0);
    expect(sim.stats.counts()).toEqual({ getDataSourcesByIds: REQUESTS, filterDataSources: REQUESTS });
    const byPrincipal = (operation: string) =>
      calls(operation).reduce<Record<string, number>>((out, call) => {
        const who = String(call.principal);
        out[who] = (out[who] ?? 0) + 1;
        return out;
      }, {});
    for (const operation of ['getDataSourcesByIds', 'filterDataSources']) {
      expect(byPrincipal(operation)).toEqual({ 'catalog.alice': REQUESTS / 2, 'catalog.bob': REQUESTS / 2 });
    }
    // Each request's records came from one call of its own, made with its own user's token: no batch
    // mixes two requests, so no loader handed one caller a record fetched for the other.
    const byIds = calls('getDataSourcesByIds');
    for (const { n, user, wanted } of requests) {
      const carrying = byIds.filter((call) =>
        askedIds(call).some((id) => wanted.some((w) => nativeOf(w.id) === id)),
      );
      expect(carrying, `request ${n}`).toHaveLength(1);
      expect(carrying[0]?.principal, `request ${n}`).toBe(user.name);
      expect([...askedIds(carrying[0] as RecordedRequest)].sort()).toEqual(
        wanted.map((w) => nativeOf(w.id)).sort(),
      );
    }
  });

  it('writes with the token of the caller who asked', async () => {
    gw.resetCounts();
    const [alice, bob] = users as [(typeof users)[number], (typeof users)[number]];
    const targets = [catalog[290], catalog[291]] as Listed[];
    const results = await Promise.all(
      [alice, bob].map((user, i) =>
        gw.query<{
          updateCatalogDataSource: {
            __typename: string;
            catalogDataSource: Listed & { description: string };
          };
        }>(
          UPDATE,
          { id: targets[i]?.id, input: { description: `kept by ${user.name}` } },
          { 'x-pdc-token': user.token },
        ),
      ),
    );
    results.forEach((result, i) => {
      expect(result.errors).toBeUndefined();
      expect(result.data?.updateCatalogDataSource.catalogDataSource).toEqual({
        id: targets[i]?.id,
        description: `kept by ${users[i]?.name}`,
      });
    });
    const writes = calls('updateDataSource');
    expect(writes.map((call) => [call.path.split('/').pop(), call.principal]).sort()).toEqual(
      [
        [nativeOf(targets[0]?.id ?? ''), alice.name],
        [nativeOf(targets[1]?.id ?? ''), bob.name],
      ].sort(),
    );
    expect(sim.stats.count('authenticate')).toBe(0);
  });

  it('takes the token with or without a `Bearer` prefix, in any case and however spaced', async () => {
    const user = users[1] as (typeof users)[number];
    for (const sent of [`Bearer ${user.token}`, `bearer   ${user.token}`]) {
      gw.resetCounts();
      const result = await gw.query<{ catalogDataSources: { totalCount: number } }>(
        '{ catalogDataSources(first: 1) { totalCount } }',
        {},
        { 'x-pdc-token': sent },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.catalogDataSources.totalCount).toBe(1000);
      expect(calls().map((call) => call.principal)).toEqual([user.name]);
    }
  });

  it('asks a caller who sent no PDC token to send it, naming the header, without calling PDC', async () => {
    gw.resetCounts();
    const alice = users[0] as (typeof users)[number];
    // The gateway's own Authorization header is not a PDC token.
    const attempts: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${alice.token}` },
      { 'x-pdc-token': '' },
    ];
    for (const headers of attempts) {
      const result = await gw.query<{ catalogDataSources: unknown }>(
        '{ catalogDataSources(first: 5) { totalCount } }',
        {},
        headers,
      );
      expect(result.data?.catalogDataSources).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', provider: 'pdc' });
      expect(result.errors?.[0]?.message).toContain('`x-pdc-token`');
      expect(result.errors?.[0]?.message).not.toContain(alice.token);
    }
    expect(sim.stats.count()).toBe(0);
  });

  it('answers a token PDC refuses with UNAUTHENTICATED, never echoing it, and lets other callers through', async () => {
    gw.resetCounts();
    const alice = users[0] as (typeof users)[number];
    const refused = [
      sim.issueToken(alice.name, 0), // expired
      `${alice.token.slice(0, -4)}AAAA`, // forged signature
      'not-a-token',
    ];
    const sent = Array.from({ length: 30 }, (_, n) =>
      n % 2 === 0 ? { token: alice.token, good: true } : { token: refused[n % 3] as string, good: false },
    );
    const results = await Promise.all(
      sent.map(({ token }) =>
        gw.query<{ catalogDataSources: { totalCount: number } | null }>(
          '{ catalogDataSources(first: 1) { totalCount } }',
          {},
          { 'x-pdc-token': token },
        ),
      ),
    );
    results.forEach((result, n) => {
      const { token, good } = sent[n] as (typeof sent)[number];
      if (good) {
        expect(result.errors, `request ${n}`).toBeUndefined();
        expect(result.data?.catalogDataSources?.totalCount).toBe(1000);
        return;
      }
      expect(result.data?.catalogDataSources).toBeNull();
      expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'UNAUTHENTICATED', provider: 'pdc' }]);
      expect(result.errors?.[0]?.message).toMatch(/Pentaho Data Catalog/);
      expect(result.errors?.[0]?.message).not.toContain(token);
    });
    // Refused calls reached PDC with the caller's token and were turned away; none fell back to a login.
    expect(sim.stats.count('authenticate')).toBe(0);
    const principals = calls('filterDataSources').map((call) => call.principal);
    expect(principals.filter((who) => who === alice.name)).toHaveLength(15);
    expect(principals.filter((who) => who === undefined)).toHaveLength(15);
  });
});
