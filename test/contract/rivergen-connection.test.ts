import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure, type RiverGenHarness, startRiverGen } from './rivergen-harness.js';

describe('rivergen contract: testing connections', () => {
  let h: RiverGenHarness;
  beforeAll(async () => {
    h = await startRiverGen();
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.takeIssues()).toEqual([]);
  });

  const seeded = (
    test: (s: ReturnType<RiverGenHarness['sim']['store']['dataSources']>[number]) => boolean,
  ) => {
    const found = h.sim.store.dataSources(1).find(test);
    if (!found) throw new Error('no such seeded data source');
    return found;
  };

  it('reports a working connection with the server version and records the success', async () => {
    const source = seeded((s) => s.type === 'postgresql' && s.status === 'active' && !s.use_ssh_tunnel);
    const result = await h.client.testDataSourceConnection(source.id);
    expect(result).toMatchObject({
      connection_successful: true,
      error_message: null,
      error_code: null,
      database_version: 'PostgreSQL 16.4',
    });
    expect(result.response_time_ms).toBeGreaterThan(0);
    expect(h.sim.stats.last('testDataSourceConnection')?.body).toBeUndefined();
    const after = await h.client.getDataSource(source.id);
    expect(after).toMatchObject({
      last_tested_at: result.tested_at,
      last_successful_connection_at: result.tested_at,
      failure_count: 0,
      failure_reason: null,
      status: 'active',
      updated_at: source.updated_at,
    });
    // The same data source answers in the same time again.
    expect((await h.client.testDataSourceConnection(source.id)).response_time_ms).toBe(
      result.response_time_ms,
    );
  });

  it('answers 200 for a seeded failing data source, with the failure recorded and counted', async () => {
    const source = seeded((s) => s.status === 'failed');
    expect(source.host).toMatch(/\.invalid$/);
    const result = await h.client.testDataSourceConnection(source.id, { timeout_seconds: 5 });
    expect(result).toMatchObject({
      connection_successful: false,
      error_code: 'HOST_UNREACHABLE',
      error_message: `could not resolve host "${source.host}"`,
      database_version: null,
    });
    const after = await h.client.getDataSource(source.id);
    expect(after).toMatchObject({
      status: 'failed',
      failure_count: source.failure_count + 1,
      failure_reason: result.error_message,
      last_failed_connection_at: result.tested_at,
      last_tested_at: result.tested_at,
    });
  });

  it('turns a working data source failed when its host is changed to one that does not resolve, and back', async () => {
    const source = seeded(
      (s) => s.type === 'mysql' && s.status === 'active' && !s.use_ssh_tunnel && s.connection_string === null,
    );
    await h.client.updateDataSource(source.id, { host: 'gone.invalid' });
    expect((await h.client.testDataSourceConnection(source.id)).connection_successful).toBe(false);
    expect(await h.client.getDataSource(source.id)).toMatchObject({ status: 'failed', failure_count: 1 });
    await h.client.updateDataSource(source.id, { host: null });
    expect(await h.client.testDataSourceConnection(source.id)).toMatchObject({
      error_code: 'CONFIGURATION_INCOMPLETE',
    });
    await h.client.updateDataSource(source.id, { host: 'mysql-restored.db.northwind-analytics.com' });
    expect((await h.client.testDataSourceConnection(source.id)).connection_successful).toBe(true);
    expect(await h.client.getDataSource(source.id)).toMatchObject({ status: 'active', failure_count: 0 });
  });

  it('rejects a test query that writes, and runs one that reads', async () => {
    const source = seeded((s) => s.type === 'snowflake' && s.status === 'active');
    const rejected = await h.client.testDataSourceConnection(source.id, { test_query: 'DELETE FROM orders' });
    expect(rejected).toMatchObject({ connection_successful: false, error_code: 'QUERY_REJECTED' });
    expect(h.sim.stats.last('testDataSourceConnection')?.body).toEqual({ test_query: 'DELETE FROM orders' });
    const ran = await h.client.testDataSourceConnection(source.id, { test_query: 'SELECT 1' });
    expect(ran.connection_successful).toBe(true);
  });

  it('refuses a timeout outside 1 to 300 seconds and an unknown test option, naming them', async () => {
    const id = seeded(() => true).id;
    expect(await failure(h.client.testDataSourceConnection(id, { timeout_seconds: 301 }))).toMatchObject({
      status: 400,
      field: 'timeout_seconds',
    });
    expect(await failure(h.client.testDataSourceConnection(id, { dry_run: true } as never))).toMatchObject({
      status: 400,
      field: 'dry_run',
    });
    expect(await failure(h.client.testDataSourceConnection(4242))).toMatchObject({ status: 404 });
  });
});
