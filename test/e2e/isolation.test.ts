import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riverGenDemoTokens } from '../../src/sandbox/rivergen/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

interface Seen {
  id: string;
  organizationId?: number;
}

interface IsolationAnswer {
  riverGenDataSources: { totalCount: number; edges: { node: Seen }[] };
  dataSources: { totalCount: number; edges: { node: Seen & { provider: string } }[] };
  nodes: (Seen | null)[];
}

const ISOLATION = /* GraphQL */ `
  query Isolation($first: Int!, $order: SortOrder!, $ids: [ID!]!) {
    riverGenDataSources(first: $first, sortBy: NAME, sortOrder: $order) {
      totalCount
      edges { node { id organizationId } }
    }
    dataSources(first: $first, filter: { providers: [RIVERGEN] }) {
      totalCount
      edges { node { id provider ... on RiverGenDataSource { organizationId } } }
    }
    nodes(ids: $ids) { id ... on RiverGenDataSource { organizationId } }
  }
`;

const organizations = [
  { id: 1, token: riverGenDemoTokens.demo, total: 180 },
  { id: 2, token: riverGenDemoTokens.otherOrganization, total: 120 },
] as const;

let gw: TestGateway;
/** Every RiverGen id each organisation holds, read one request at a time before the storm. */
const owned = new Map<number, string[]>();

beforeAll(async () => {
  gw = await startTestGateway({ RIVERGEN_CREDENTIALS: 'forward' });
  for (const org of organizations) {
    const result = await gw.query<{ riverGenDataSources: { edges: { node: Seen }[] } }>(
      '{ riverGenDataSources(first: 500) { edges { node { id organizationId } } } }',
      {},
      { 'x-rivergen-token': org.token },
    );
    expect(result.errors).toBeUndefined();
    owned.set(
      org.id,
      (result.data?.riverGenDataSources.edges ?? []).map((e) => e.node.id),
    );
  }
});
afterAll(() => gw.close());

/** A few ids spread over a list, different for each request. */
function sample(ids: readonly string[], request: number, size: number): string[] {
  return Array.from({ length: size }, (_, i) => ids[(request * 7 + i * 13) % ids.length] as string);
}

describe('RiverGen organisations behind one forwarding gateway', () => {
  it('each organisation holds its own data sources, and none of the other’s', () => {
    const [first, second] = [owned.get(1) ?? [], owned.get(2) ?? []];
    expect(first).toHaveLength(180);
    expect(second).toHaveLength(120);
    expect(first.filter((id) => second.includes(id))).toEqual([]);
  });

  it('answers 120 interleaved concurrent requests from two organisations with only their own data', async () => {
    const requests = Array.from({ length: 120 }, (_, n) => {
      const org = organizations[n % 2] as (typeof organizations)[number];
      const other = organizations[(n + 1) % 2] as (typeof organizations)[number];
      const mine = sample(owned.get(org.id) ?? [], n, 4);
      const theirs = sample(owned.get(other.id) ?? [], n, 3);
      return { org, mine, theirs, n };
    });
    const answers = await Promise.all(
      requests.map(async ({ org, mine, theirs, n }) => {
        const result = await gw.query<IsolationAnswer>(
          ISOLATION,
          { first: 5 + (n % 40), order: n % 4 < 2 ? 'ASC' : 'DESC', ids: [...mine, ...theirs] },
          { 'x-rivergen-token': org.token },
        );
        return { org, mine, theirs, result };
      }),
    );

    const seenBy = new Map<number, Set<string>>([
      [1, new Set()],
      [2, new Set()],
    ]);
    for (const { org, mine, theirs, result } of answers) {
      expect(result.errors).toBeUndefined();
      const data = result.data as IsolationAnswer;
      const own = new Set(owned.get(org.id));
      const listed = [
        ...data.riverGenDataSources.edges.map((e) => e.node),
        ...data.dataSources.edges.map((e) => e.node),
      ];
      expect(data.riverGenDataSources.totalCount).toBe(org.total);
      expect(data.dataSources.totalCount).toBe(org.total);
      for (const node of listed) {
        expect(node.organizationId).toBe(org.id);
        expect(own.has(node.id)).toBe(true);
      }
      // Its own ids resolve, with its organisation; the other organisation's are simply not there.
      expect(data.nodes.slice(0, mine.length).map((n) => n?.id)).toEqual(mine);
      expect(data.nodes.slice(0, mine.length).every((n) => n?.organizationId === org.id)).toBe(true);
      expect(data.nodes.slice(mine.length)).toEqual(theirs.map(() => null));
      const seen = seenBy.get(org.id) as Set<string>;
      for (const node of [...listed, ...data.nodes]) if (node) seen.add(node.id);
    }

    const seenByFirst = seenBy.get(1) as Set<string>;
    const seenBySecond = [...(seenBy.get(2) as Set<string>)];
    expect(seenByFirst.size).toBeGreaterThan(40);
    expect(seenBySecond.length).toBeGreaterThan(40);
    expect(seenBySecond.filter((id) => seenByFirst.has(id))).toEqual([]);
  });

  it('refuses a user who belongs to no organisation with FORBIDDEN, not data', async () => {
    const result = await gw.query<{ riverGenDataSources: unknown }>(
      '{ riverGenDataSources(first: 5) { totalCount edges { node { id } } } }',
      {},
      { 'x-rivergen-token': riverGenDemoTokens.noOrganization },
    );
    expect(result.data?.riverGenDataSources).toBeNull();
    expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', provider: 'rivergen' }]);
  });

  it('asks a caller who sent no RiverGen token to send it, naming the header', async () => {
    const result = await gw.query<{ riverGenDataSources: unknown }>(
      '{ riverGenDataSources(first: 5) { totalCount } }',
    );
    expect(result.data?.riverGenDataSources).toBeNull();
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', provider: 'rivergen' });
    expect(result.errors?.[0]?.message).toContain('`x-rivergen-token`');
  });

  it('never takes the gateway’s own Authorization header for the forwarded RiverGen token', async () => {
    const result = await gw.query<{ riverGenDataSources: unknown }>(
      '{ riverGenDataSources(first: 5) { totalCount } }',
      {},
      { authorization: `Bearer ${riverGenDemoTokens.demo}` },
    );
    expect(result.data?.riverGenDataSources).toBeNull();
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', provider: 'rivergen' });
  });
});
