import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UpstreamError } from '../../src/gateway/upstream/index.js';
import type { PdcDataSource, PdcDataSourceCreate } from '../../src/providers/pdc/client.js';
import { failure, type PdcHarness, startPdc } from './pdc-harness.js';

const SECRET_FIELDS = ['password', 'secretKey', 'azureSharedKey', 'secretManagerKey'];

const warehouse: PdcDataSourceCreate = {
  resourceName: 'contract-orders-pg-prod',
  databaseType: 'POSTGRES',
  description: 'Orders warehouse',
  host: 'orders-prod.db.acme-corp.internal',
  port: '5432',
  databaseName: 'orders',
  driverClassName: 'org.postgresql.Driver',
  configMethod: 'credentials',
  userName: 'svc_catalog',
  password: 'pg-secret-1',
  secretManagerKey: 'vault/orders',
  includePatterns: ['public/*', 'sales/*'],
  excludePatterns: ['tmp/*'],
  costPerTb: { price: 21.5, currency: 'EUR', frequency: 'month' },
  location: { country: 'DE', city: 'Frankfurt', latitude: 50.11, longitude: 8.68 },
};

function expectNoSecrets(source: PdcDataSource): void {
  for (const field of SECRET_FIELDS) expect(source).not.toHaveProperty(field);
}

describe('pdc contract: creating and changing data sources', () => {
  let h: PdcHarness;
  /** A data source whose name the refusal tests reuse; no test changes it. */
  let existing: PdcDataSource;
  /** The warehouse under another name, for a test that creates or changes one of its own. */
  const createWarehouse = async (resourceName: string): Promise<PdcDataSource> => {
    const result = await h.client.createDataSources({ ...warehouse, resourceName });
    const first = result.created[0];
    if (!first) throw new Error('nothing created');
    return first;
  };
  beforeAll(async () => {
    h = await startPdc({ count: 60 });
    existing = await createWarehouse(warehouse.resourceName);
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.takeIssues()).toEqual([]);
  });

  it('creates one data source from a single object, with defaults, an ObjectId and a creation date', async () => {
    const created = await createWarehouse('contract-orders-pg-replica');
    expect(h.sim.stats.last('createDataSources')?.body).toMatchObject({
      resourceName: 'contract-orders-pg-replica',
    });
    expect(created).toMatchObject({
      resourceName: 'contract-orders-pg-replica',
      databaseType: 'POSTGRES',
      port: '5432',
      status: 'ACTIVE',
      incremental: false,
      availableForWriting: false,
      includePatterns: ['public/*', 'sales/*'],
      costPerTb: { price: 21.5, currency: 'EUR', frequency: 'month' },
    });
    expect(created._id).toMatch(/^[0-9a-f]{24}$/);
    expect(Math.abs(Date.parse(String(created.date)) - Date.now())).toBeLessThan(60_000);
    expect(await h.client.getDataSource(created._id)).toEqual(created);
  });

  it('stores the secrets it was sent but never returns them', async () => {
    const created = await createWarehouse('contract-orders-pg-secrets');
    expectNoSecrets(created);
    expectNoSecrets(await h.client.getDataSource(created._id));
    expectNoSecrets(
      await h.client.updateDataSource(created._id, { password: 'pg-secret-2', secretKey: 'k' }),
    );
    for (const source of await h.client.getDataSourcesByIds([created._id])) expectNoSecrets(source);
    const page = await h.client.filterDataSources({ resourceNames: ['*'] }, { limit: 10000 });
    for (const source of page.dataSources) expectNoSecrets(source);
    expect(h.sim.store.secretsOf(created._id)).toEqual({
      password: 'pg-secret-2',
      secretKey: 'k',
      secretManagerKey: 'vault/orders',
    });
  });

  it('creates an array of data sources with 201 when every item is accepted', async () => {
    const result = await h.client.createDataSources([
      { resourceName: 'contract-s3-landing', databaseType: 'AWS', region: 'eu-west-1', secretKey: 's' },
      { resourceName: 'contract-blob-landing', databaseType: 'AZURE_BLOB_STORAGE', azureSharedKey: 'k' },
    ]);
    expect(result.failures).toEqual([]);
    expect(result.created.map((s) => s.resourceName)).toEqual([
      'contract-s3-landing',
      'contract-blob-landing',
    ]);
    for (const source of result.created) expectNoSecrets(source);
  });

  it('answers 207 with the created items and an error per refused item in a partial batch', async () => {
    const result = await h.client.createDataSources([
      { resourceName: 'contract-mysql-a', databaseType: 'MYSQL' },
      { resourceName: 'contract-orders-pg-prod', databaseType: 'POSTGRES' },
      { resourceName: 'contract-mysql-a', databaseType: 'MYSQL' },
      { resourceName: 'contract-mssql-b', databaseType: 'MSSQL' },
    ]);
    expect(result.created.map((s) => s.resourceName)).toEqual(['contract-mysql-a', 'contract-mssql-b']);
    expect(result.failures).toEqual([
      {
        index: 1,
        resourceName: 'contract-orders-pg-prod',
        message: expect.stringContaining('already exists'),
      },
      { index: 2, resourceName: 'contract-mysql-a', message: expect.stringContaining('already exists') },
    ]);
    expect(h.sim.stats.last('createDataSources')?.body).toHaveLength(4);
  });

  it('refuses a duplicate name with 400 naming resourceName', async () => {
    const error = (await failure(
      h.client.createDataSources({ resourceName: 'contract-orders-pg-prod', databaseType: 'ORACLE' }),
    )) as UpstreamError;
    expect(error).toMatchObject({ status: 400, field: 'resourceName' });
    expect(error.upstreamMessage).toContain('already exists');
  });

  it('refuses a batch whose every item fails with 400 listing them', async () => {
    const error = await failure(
      h.client.createDataSources([
        { resourceName: existing.resourceName, databaseType: 'POSTGRES' },
        { resourceName: existing.resourceName, databaseType: 'MYSQL' },
      ]),
    );
    expect(error).toMatchObject({ status: 400, field: '[0].resourceName' });
  });

  it('refuses an item without databaseType, an unknown field and an empty array, naming the field', async () => {
    const missing = await failure(h.client.createDataSources([{ resourceName: 'x' } as PdcDataSourceCreate]));
    expect(missing).toMatchObject({
      status: 400,
      field: '[0].databaseType',
      upstreamMessage: '[0].databaseType: is required',
    });
    const unknown = await failure(
      h.client.createDataSources({
        resourceName: 'y',
        databaseType: 'MYSQL',
        colour: 'red',
      } as PdcDataSourceCreate),
    );
    expect(unknown).toMatchObject({ status: 400, field: 'colour' });
    const empty = await failure(h.client.createDataSources([]));
    expect(empty).toMatchObject({
      status: 400,
      upstreamMessage: expect.stringContaining('fewer than 1 items'),
    });
  });

  it('patches only the fields sent: scalars overwrite, absent fields stay, arrays replace', async () => {
    const created = await createWarehouse('contract-orders-pg-patched');
    const before = await h.client.getDataSource(created._id);
    const after = await h.client.updateDataSource(created._id, {
      description: 'Orders, moved',
      port: '6432',
      includePatterns: ['curated/*'],
      availableForWriting: true,
    });
    expect(after).toEqual({
      ...before,
      description: 'Orders, moved',
      port: '6432',
      includePatterns: ['curated/*'],
      availableForWriting: true,
    });
    expect(h.sim.stats.last('updateDataSource')?.body).toEqual({
      description: 'Orders, moved',
      port: '6432',
      includePatterns: ['curated/*'],
      availableForWriting: true,
    });
    expect(await h.client.getDataSource(created._id)).toEqual(after);
    const cleared = await h.client.updateDataSource(created._id, { excludePatterns: [] });
    expect(cleared.excludePatterns).toEqual([]);
    expect(cleared.includePatterns).toEqual(['curated/*']);
  });

  it('refuses a PATCH of resourceName or databaseType with 400 naming them', async () => {
    const patch = { resourceName: 'renamed', databaseType: 'MYSQL' } as never;
    const error = (await failure(h.client.updateDataSource(existing._id, patch))) as UpstreamError;
    expect(error).toMatchObject({ status: 400, field: 'resourceName' });
    expect(error.upstreamMessage).toContain('databaseType: cannot be changed after creation');
    expect((await h.client.getDataSource(existing._id)).resourceName).toBe('contract-orders-pg-prod');
  });

  it('refuses PATCH fields outside the documented set and a malformed port', async () => {
    const status = await failure(h.client.updateDataSource(existing._id, { status: 'INACTIVE' } as never));
    expect(status).toMatchObject({ status: 400, field: 'status' });
    const port = await failure(h.client.updateDataSource(existing._id, { port: 'http' }));
    expect(port).toMatchObject({ status: 400, field: 'port' });
  });

  it('answers 404 for a well-formed id that names nothing, on GET and PATCH', async () => {
    const id = 'ffffffffffffffffffffffff';
    expect(await failure(h.client.getDataSource(id))).toMatchObject({ status: 404, kind: 'http' });
    expect(await failure(h.client.updateDataSource(id, { note: 'x' }))).toMatchObject({ status: 404 });
  });

  it('answers 500 "Cast to ObjectId failed" for an id that is not an ObjectId', async () => {
    const error = (await failure(h.client.getDataSource('not-an-id'))) as UpstreamError;
    expect(error.status).toBe(500);
    expect(error.upstreamMessage).toContain('Cast to ObjectId failed');
    expect(await failure(h.client.updateDataSource('42', { note: 'x' }))).toMatchObject({ status: 500 });
  });
});
