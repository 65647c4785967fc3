import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RiverGenDataSourceSummary } from '../../src/providers/rivergen/client.js';
import { riverGenSandbox, riverGenTypes } from '../../src/sandbox/rivergen/index.js';
import { contract, failure, type RiverGenHarness, startRiverGen } from './rivergen-harness.js';

const SUMMARY_FIELDS = [
  'created_at',
  'database_name',
  'description',
  'host',
  'id',
  'last_tested_at',
  'name',
  'organization_id',
  'port',
  'status',
  'tags',
  'type',
  'updated_at',
  'workspace_id',
];

describe('rivergen contract: listing, filtering and paging an organisation', () => {
  let h: RiverGenHarness;
  /** Organisation 1's 180 data sources, read once in pages of 100, by id. */
  let org1: RiverGenDataSourceSummary[];
  beforeAll(async () => {
    h = await startRiverGen();
    const first = await h.client.listDataSources({ page_size: 100, sort_by: 'id', sort_order: 'asc' });
    const second = await h.client.listDataSources({
      page: 2,
      page_size: 100,
      sort_by: 'id',
      sort_order: 'asc',
    });
    org1 = [...first.items, ...second.items];
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.takeIssues()).toEqual([]);
  });

  it('seeds 300 data sources with ids 1 to 300: 180 in organisation 1 and 120 in organisation 2, every type in each', async () => {
    const all = h.sim.store.dataSources();
    expect(all.map((s) => s.id)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const org2 = all.filter((s) => s.organization_id === 2);
    expect(org1).toHaveLength(180);
    expect(org2).toHaveLength(120);
    expect(org1.every((s) => s.organization_id === 1)).toBe(true);
    expect(new Set(org1.map((s) => s.type))).toEqual(new Set(riverGenTypes));
    expect(new Set(org2.map((s) => s.type))).toEqual(new Set(riverGenTypes));
    expect(new Set(org1.map((s) => s.workspace_id))).toEqual(new Set([1, 2, 3, null]));
    expect(new Set(org2.map((s) => s.workspace_id))).toEqual(new Set([4, 5, null]));
    expect(new Set(org1.map((s) => s.name)).size).toBe(180);
    for (const s of all) {
      expect(s.created_at >= '2024-01-01' && s.updated_at <= '2026-11').toBe(true);
      expect(s.updated_at >= s.created_at).toBe(true);
    }
    // Ids follow creation order.
    const created = all.map((s) => s.created_at);
    expect([...created].sort()).toEqual(created);
  });

  it('seeds the same data for the same seed and different data for another seed', async () => {
    const again = await riverGenSandbox.start({ seed: 1 });
    const other = await riverGenSandbox.start({ seed: 2 });
    try {
      expect(again.store.dataSources()).toEqual(h.sim.store.dataSources());
      expect(other.store.dataSources().map((s) => s.name)).not.toEqual(
        h.sim.store.dataSources().map((s) => s.name),
      );
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('lists summaries only, newest first, 20 to a page, when nothing is asked', async () => {
    const page = await h.client.listDataSources();
    expect(page.pagination).toEqual({
      page: 1,
      page_size: 20,
      total_items: 180,
      total_pages: 9,
      has_next: true,
      has_previous: false,
    });
    expect(page.items).toHaveLength(20);
    for (const item of page.items) expect(Object.keys(item).sort()).toEqual(SUMMARY_FIELDS);
    const newest = [...org1]
      .sort((a, b) => (String(a.created_at) < String(b.created_at) ? 1 : -1))
      .slice(0, 20);
    expect(page.items).toEqual(newest);
    expect(h.sim.stats.last('listDataSources')?.query).toBe('');
  });

  it('pages through all 180 data sources of organisation 1 with no duplicate and no gap', async () => {
    const seen: number[] = [];
    let page = 1;
    for (;;) {
      const answer = await h.client.listDataSources({ page, page_size: 25 });
      expect(answer.pagination).toMatchObject({ page, total_items: 180, total_pages: 8 });
      expect(answer.pagination.has_previous).toBe(page > 1);
      seen.push(...answer.items.map((s) => s.id));
      if (!answer.pagination.has_next) break;
      page += 1;
    }
    expect(page).toBe(8);
    expect(seen).toHaveLength(180);
    expect(new Set(seen)).toEqual(new Set(org1.map((s) => s.id)));
    const past = await h.client.listDataSources({ page: 9, page_size: 25 });
    expect(past.items).toEqual([]);
    expect(past.pagination).toMatchObject({ has_next: false, has_previous: true });
  });

  it('pages through all 120 data sources of organisation 2 by name, none of them organisation 1', async () => {
    const seen: RiverGenDataSourceSummary[] = [];
    for (let page = 1; page <= 2; page++) {
      const answer = await h.otherOrg.listDataSources({
        page,
        page_size: 100,
        sort_by: 'name',
        sort_order: 'asc',
      });
      seen.push(...answer.items);
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen.map((s) => s.id)).size).toBe(120);
    expect(seen.every((s) => s.organization_id === 2)).toBe(true);
    const names = seen.map((s) => s.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const org1Ids = new Set(org1.map((s) => s.id));
    expect(seen.some((s) => org1Ids.has(s.id))).toBe(false);
  });

  it('sorts by updated_at and id in both directions, ties broken by id', async () => {
    const asc = await h.client.listDataSources({ page_size: 100, sort_by: 'updated_at', sort_order: 'asc' });
    const times = asc.items.map((s) => s.updated_at);
    expect(times).toEqual([...times].sort());
    const desc = await h.client.listDataSources({ page_size: 5, sort_by: 'id', sort_order: 'desc' });
    expect(desc.items.map((s) => s.id)).toEqual(
      org1
        .map((s) => s.id)
        .reverse()
        .slice(0, 5),
    );
  });

  it('searches name and description, ignoring case', async () => {
    const answer = await h.client.listDataSources({ search: 'POSTGRESQL', page_size: 100 });
    const expected = org1.filter((s) =>
      `${s.name}\n${s.description ?? ''}`.toLowerCase().includes('postgresql'),
    );
    expect(answer.pagination.total_items).toBe(expected.length);
    expect(answer.items.map((s) => s.id).sort((a, b) => a - b)).toEqual(expected.map((s) => s.id));
    const byDescription = org1.find((s) => s.description?.includes('team'));
    if (!byDescription?.description) throw new Error('no description seeded');
    const team = /for the (.+) team/.exec(byDescription.description)?.[1] ?? '';
    const teamAnswer = await h.client.listDataSources({
      search: `the ${team.toUpperCase()} team`,
      page_size: 100,
    });
    expect(teamAnswer.items.map((s) => s.id)).toContain(byDescription.id);
    expect(h.sim.stats.last('listDataSources')?.query).toContain('search=the+');
  });

  it('filters by type, status and workspace, and combines them', async () => {
    const snowflake = await h.client.listDataSources({ type: 'snowflake', page_size: 100 });
    expect(snowflake.pagination.total_items).toBe(org1.filter((s) => s.type === 'snowflake').length);
    expect(snowflake.items.every((s) => s.type === 'snowflake')).toBe(true);

    const failed = await h.client.listDataSources({ status_filter: 'failed', page_size: 100 });
    expect(failed.items.length).toBeGreaterThan(0);
    expect(failed.items.map((s) => s.id).sort((a, b) => a - b)).toEqual(
      org1.filter((s) => s.status === 'failed').map((s) => s.id),
    );

    const both = await h.client.listDataSources({ workspace_id: 2, type: 'postgresql', page_size: 100 });
    expect(both.items.map((s) => s.id).sort((a, b) => a - b)).toEqual(
      org1.filter((s) => s.workspace_id === 2 && s.type === 'postgresql').map((s) => s.id),
    );
    // Organisation 2's workspace gives organisation 1 nothing.
    const foreign = await h.client.listDataSources({ workspace_id: 4 });
    expect(foreign.pagination).toEqual({
      page: 1,
      page_size: 20,
      total_items: 0,
      total_pages: 0,
      has_next: false,
      has_previous: false,
    });
  });

  it('refuses a page size over 100, a page of 0 and an unknown type, naming the parameter', async () => {
    for (const [query, field] of [
      [{ page_size: 101 }, 'page_size'],
      [{ page: 0 }, 'page'],
      [{ sort_by: 'owner' as 'name' }, 'sort_by'],
      [{ type: 'sqlite' as 'mysql' }, 'type'],
    ] as const) {
      const error = await failure(h.client.listDataSources(query));
      expect(error).toMatchObject({ status: 400, upstreamCode: 'BAD_REQUEST', field });
    }
  });

  it('reads one data source in full, without any credential', async () => {
    const summary = org1.find((s) => s.type === 'snowflake');
    if (!summary) throw new Error('no snowflake seeded');
    const source = await h.client.getDataSource(summary.id);
    expect(source).toMatchObject(summary);
    // The simulator sends every field of the object, though readers may rely on only a few.
    const documented = contract.document.components?.schemas?.DataSource as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(source).sort()).toEqual(Object.keys(documented.properties).sort());
    expect(Object.keys(documented.properties)).toHaveLength(36);
    const secrets = h.sim.store.secretsOf(summary.id);
    expect(secrets?.password).toMatch(/^pw-/);
    expect(secrets?.warehouse).toBeDefined();
    const text = JSON.stringify(source);
    for (const word of ['password', 'credentials', 'api_key', 'warehouse', secrets?.password]) {
      expect(text).not.toContain(word);
    }
  });

  it('answers 404 NOT_FOUND for an id that names nothing and 400 for one that is not an integer', async () => {
    expect(await failure(h.client.getDataSource(9999))).toMatchObject({
      status: 404,
      upstreamCode: 'NOT_FOUND',
      operation: 'getDataSource',
    });
    expect(await failure(h.client.getDataSource(0))).toMatchObject({ status: 400, field: 'data_source_id' });
  });
});
