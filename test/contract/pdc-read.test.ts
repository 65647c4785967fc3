import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UpstreamError } from '../../src/gateway/upstream/index.js';
import type { PdcDataSource } from '../../src/providers/pdc/client.js';
import { pdcSandbox, seedDatabaseTypes } from '../../src/sandbox/pdc/index.js';
import { failure, type PdcHarness, startPdc } from './pdc-harness.js';

const DEFAULT_PORTS: Record<string, string> = {
  POSTGRES: '5432',
  MYSQL: '3306',
  MSSQL: '1433',
  ORACLE: '1521',
};

describe('pdc contract: reading, filtering and paging the seeded catalog', () => {
  let h: PdcHarness;
  /** All 1,000 seeded data sources, read once by paging. */
  let all: PdcDataSource[];
  beforeAll(async () => {
    h = await startPdc();
    all = [];
    for (let skip = 0; ; skip += 150) {
      const page = await h.client.filterDataSources({ resourceNames: ['*'] }, { skip, limit: 150 });
      all.push(...page.dataSources);
      if (page.dataSources.length < 150) break;
    }
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.takeIssues()).toEqual([]);
  });

  const namesWhere = (test: (name: string) => boolean) => all.map((s) => s.resourceName).filter(test);

  it('seeds 1,000 data sources over every database type, with unique names and realistic ports', () => {
    expect(all).toHaveLength(1000);
    expect(new Set(all.map((s) => s.resourceName)).size).toBe(1000);
    expect(new Set(all.map((s) => s.databaseType))).toEqual(new Set(seedDatabaseTypes));
    for (const source of all) {
      const port = DEFAULT_PORTS[source.databaseType];
      if (port) expect(source.port).toBe(port);
      expect(String(source.date) >= '2024-01-01' && String(source.date) <= '2026-11').toBe(true);
    }
    expect(all.filter((s) => s.databaseType === 'AWS').every((s) => s.path?.startsWith('s3://'))).toBe(true);
    const blob = all.filter((s) => s.databaseType === 'AZURE_BLOB_STORAGE');
    expect(blob.every((s) => s.host === `${s.accountName}.blob.core.windows.net`)).toBe(true);
  });

  it('seeds the same catalog for the same seed and a different one for another seed', async () => {
    const again = await pdcSandbox.start({ seed: 1 });
    const other = await pdcSandbox.start({ seed: 2 });
    try {
      expect(again.store.list()).toEqual(all);
      expect(other.store.list().map((s) => s.resourceName)).not.toEqual(all.map((s) => s.resourceName));
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('pages through all 1,000 data sources with skip and limit without duplicate or gap', async () => {
    const seen: string[] = [];
    let calls = 0;
    for (let skip = 0; skip < 1000; skip += 100) {
      const page = await h.client.filterDataSources({ databaseTypes: ['*'] }, { skip, limit: 100 });
      calls += 1;
      expect(page.pageInfo).toEqual({ skip, limit: 100, totalCount: 1000 });
      seen.push(...page.dataSources.map((s) => s._id));
    }
    expect(calls).toBe(10);
    expect(seen).toEqual(all.map((s) => s._id));
    expect(new Set(seen).size).toBe(1000);
    expect([...seen].sort()).toEqual(seen);
    const past = await h.client.filterDataSources({ databaseTypes: ['*'] }, { skip: 1000, limit: 100 });
    expect(past).toEqual({ dataSources: [], pageInfo: { skip: 1000, limit: 100, totalCount: 1000 } });
  });

  it('uses skip 0 and limit 100 when none are given', async () => {
    const page = await h.client.filterDataSources({ databaseTypes: ['POSTGRES'] });
    expect(page.pageInfo).toMatchObject({ skip: 0, limit: 100 });
    expect(page.dataSources).toHaveLength(100);
    expect(h.sim.stats.last('filterDataSources')?.query).toBe('');
  });

  it('refuses limit 0 and limit 10001 with 400 naming limit', async () => {
    for (const limit of [0, 10001]) {
      const error = await failure(h.client.filterDataSources({ databaseTypes: ['*'] }, { limit }));
      expect(error).toMatchObject({ status: 400, field: 'limit' });
    }
    const page = await h.client.filterDataSources({ databaseTypes: ['*'] }, { limit: 10000 });
    expect(page.dataSources).toHaveLength(1000);
  });

  it('refuses a filter request without any filter', async () => {
    const error = (await failure(h.client.filterDataSources({}))) as UpstreamError;
    expect(error).toMatchObject({ status: 400, field: 'filters' });
    expect(error.upstreamMessage).toContain('at least one filter');
  });

  it('matches resourceNames exactly, by prefix, by suffix and by substring', async () => {
    const exact = all[417]?.resourceName ?? '';
    const cases: Array<[string, (name: string) => boolean]> = [
      [exact, (n) => n === exact],
      ['finance-*', (n) => n.startsWith('finance-')],
      ['*-prod', (n) => n.endsWith('-prod')],
      ['*orders*', (n) => n.includes('orders')],
      ['**o*r**d*e*r*s***', (n) => /o.*r.*d.*e.*r.*s/s.test(n)],
    ];
    for (const [pattern, test] of cases) {
      const expected = namesWhere(test);
      expect(expected.length, pattern).toBeGreaterThan(0);
      const page = await h.client.filterDataSources({ resourceNames: [pattern] }, { limit: 10000 });
      expect(
        page.dataSources.map((s) => s.resourceName),
        pattern,
      ).toEqual(expected);
      expect(page.pageInfo.totalCount).toBe(expected.length);
    }
    const upper = await h.client.filterDataSources({ resourceNames: ['FINANCE-*'] }, { limit: 10000 });
    expect(upper.pageInfo.totalCount).toBe(0);
  });

  it('matches databaseTypes with wildcards and combines filters with AND, values with OR', async () => {
    const azure = await h.client.filterDataSources({ databaseTypes: ['AZURE*'] }, { limit: 10000 });
    expect(azure.dataSources.every((s) => s.databaseType === 'AZURE_BLOB_STORAGE')).toBe(true);
    const sql = await h.client.filterDataSources({ databaseTypes: ['*SQL*'] }, { limit: 10000 });
    expect(new Set(sql.dataSources.map((s) => s.databaseType))).toEqual(new Set(['MYSQL', 'MSSQL']));
    const either = await h.client.filterDataSources({ databaseTypes: ['ORACLE', 'AWS'] }, { limit: 10000 });
    expect(either.pageInfo.totalCount).toBe(
      all.filter((s) => ['ORACLE', 'AWS'].includes(s.databaseType)).length,
    );
    const both = await h.client.filterDataSources(
      { databaseTypes: ['*_STORAGE'], resourceNames: ['*-prod'], ids: all.slice(0, 500).map((s) => s._id) },
      { limit: 10000 },
    );
    const expected = all
      .slice(0, 500)
      .filter((s) => s.databaseType === 'AZURE_BLOB_STORAGE' && s.resourceName.endsWith('-prod'));
    expect(both.dataSources).toEqual(expected);
    const lower = await h.client.filterDataSources({ databaseTypes: ['postgres'] });
    expect(lower.pageInfo.totalCount).toBe(0);
  });

  it('reads one data source by id', async () => {
    const wanted = all[123];
    expect(wanted).toBeDefined();
    expect(await h.client.getDataSource(wanted?._id ?? '')).toEqual(wanted);
  });

  it('reads many by ids in one call, in an order other than asked, leaving unknown ids out', async () => {
    const asked = [all[900], all[5], all[450], all[77]].map((s) => s?._id ?? '');
    const unknown = 'ffffffffffffffffffffffff';
    const before = h.sim.stats.count('getDataSourcesByIds');
    const found = await h.client.getDataSourcesByIds([...asked, unknown]);
    expect(h.sim.stats.count('getDataSourcesByIds') - before).toBe(1);
    expect(found.map((s) => s._id)).not.toEqual(asked);
    expect(found.map((s) => s._id).sort()).toEqual([...asked].sort());
    expect(found.find((s) => s._id === unknown)).toBeUndefined();
    expect(h.sim.stats.last('getDataSourcesByIds')?.body).toEqual({ ids: [...asked, unknown] });
  });

  it('reads 100 ids in one call', async () => {
    const ids = all
      .slice(200, 300)
      .map((s) => s._id)
      .reverse();
    const found = await h.client.getDataSourcesByIds(ids);
    expect(found).toHaveLength(100);
  });

  it('refuses by-ids with an empty list (400) and fails with 500 on a non-ObjectId id', async () => {
    expect(await failure(h.client.getDataSourcesByIds([]))).toMatchObject({ status: 400, field: 'ids' });
    const cast = (await failure(h.client.getDataSourcesByIds([all[0]?._id ?? '', 'abc']))) as UpstreamError;
    expect(cast.status).toBe(500);
    expect(cast.upstreamMessage).toContain('Cast to ObjectId failed for value "abc"');
  });
});
