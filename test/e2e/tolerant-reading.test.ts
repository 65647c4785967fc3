import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prequelImportDemoCredentials } from '../../src/sandbox/prequel-import/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * The gateway reads each upstream as its docs describe it and tolerates the rest: simulators in
 * their documented-only shape, and answers the docs allow but no simulator makes (injected).
 */

interface Node {
  id: string;
  nativeId: string;
}

let gw: TestGateway;
const ids: Record<string, Node> = {};
beforeAll(async () => {
  gw = await startTestGateway({ UPSTREAM_BREAKER_FAILURES: '1000' }, { shape: 'documented' });
  for (const list of ['importSources', 'destinations', 'catalogDataSources', 'riverGenDataSources']) {
    const answer = await gw.query<Record<string, { edges: { node: Node }[] }>>(
      `{ ${list}(first: 1) { edges { node { id nativeId } } } }`,
    );
    const node = answer.data?.[list]?.edges[0]?.node;
    if (!node) throw new Error(`the demo has no ${list}`);
    ids[list] = node;
  }
});
afterEach(() => {
  for (const sim of Object.values(gw.sims)) sim.setFaults(undefined);
});
afterAll(() => gw.close());

/** The node of `list`'s first data source, read after its provider answers `body` to `operation`. */
async function readAs(list: string, provider: string, operation: string, body: unknown, fields: string) {
  gw.sims[provider]?.setFaults({ body, operations: [operation] });
  const answer = await gw.query<{ node: Record<string, unknown> }>(
    `query($id: ID!) { node(id: $id) { ${fields} } }`,
    { id: ids[list]?.id },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data?.node;
}

/** The first import source's node, read after Prequel answers `source` to its lookup. */
function readImportSource(source: Record<string, unknown>, fields: string) {
  return readAs(
    'importSources',
    'prequel-import',
    'getSource',
    { status: 'success', data: { source }, message: '' },
    fields,
  );
}

describe('an import source without `vendor` (the documented object)', () => {
  it('takes its vendor from the settings block it carries', async () => {
    const sim = gw.sims['prequel-import'];
    const listed = await fetch(`${sim?.url}/import/sources?page_size=100`, {
      headers: { 'x-api-key': prequelImportDemoCredentials.apiKey },
    });
    const sources = ((await listed.json()) as { data: { sources: Record<string, unknown>[] } }).data.sources;
    expect(sources.some((source) => 'vendor' in source)).toBe(false);
    const postgres = sources.filter((source) => typeof source.postgres === 'object').map((s) => s.id);
    expect(postgres.length).toBeGreaterThan(0);

    const answer = await gw.query<{
      dataSources: {
        totalCount: number;
        edges: { node: { nativeId: string; vendor: string; rawVendor: string; config: object } }[];
      };
    }>(
      `{ dataSources(first: 100, filter: { providers: [PREQUEL_IMPORT], vendors: [POSTGRES] }) { totalCount
         edges { node { nativeId vendor rawVendor ... on ImportSource { config { __typename } } } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.dataSources.totalCount).toBe(postgres.length);
    expect(answer.data?.dataSources.edges.map((e) => e.node.nativeId).sort()).toEqual(postgres.sort());
    for (const { node } of answer.data?.dataSources.edges ?? []) {
      expect(node).toMatchObject({
        vendor: 'POSTGRES',
        rawVendor: 'postgres',
        config: { __typename: 'PostgresImportConfig' },
      });
    }
  });
});

describe("an import source's vendor and connection fields", () => {
  const fields =
    '... on ImportSource { provider vendor rawVendor host port database schema config { __typename } }';
  const read = (source: Record<string, unknown>) =>
    readAs('importSources', 'prequel-import', 'getSource', { status: 'success', data: { source } }, fields);

  it('are those of its settings block: host, port, database and schema', async () => {
    const node = await read(
      importSource('Orders', {
        postgres: { is_valid: true, host: 'db.example.com', port: 5432, database: 'orders', schema: 'sales' },
      }),
    );
    expect(node).toEqual({
      provider: 'PREQUEL_IMPORT',
      vendor: 'POSTGRES',
      rawVendor: 'postgres',
      host: 'db.example.com',
      port: 5432,
      database: 'orders',
      schema: 'sales',
      config: { __typename: 'PostgresImportConfig' },
    });
  });

  it("are a BigQuery source's project as its database, and no host or port", async () => {
    const node = await read(
      importSource('Events', { bigquery: { project_id: 'acme-analytics', region: 'EU' } }),
    );
    expect(node).toEqual({
      provider: 'PREQUEL_IMPORT',
      vendor: 'BIGQUERY',
      rawVendor: 'bigquery',
      host: null,
      port: null,
      database: 'acme-analytics',
      schema: null,
      config: { __typename: 'BigQueryImportConfig' },
    });
  });

  it("with several settings blocks, take the first in the docs' order", async () => {
    const node = await read(
      importSource('Two blocks', {
        snowflake: { is_valid: true, host: 'acme.snowflakecomputing.com', database: 'wh' },
        postgres: { is_valid: true, host: 'db.example.com', port: 5432, database: 'orders' },
      }),
    );
    expect(node).toMatchObject({ vendor: 'POSTGRES', rawVendor: 'postgres', host: 'db.example.com' });
  });

  it('with several blocks and a `vendor` naming one of them in any case, take that one', async () => {
    const node = await read(
      importSource('Named', {
        vendor: 'Snowflake',
        postgres: { is_valid: true, host: 'db.example.com', port: 5432, database: 'orders' },
        snowflake: { is_valid: true, host: 'acme.snowflakecomputing.com', database: 'wh' },
      }),
    );
    expect(node).toMatchObject({
      vendor: 'SNOWFLAKE',
      rawVendor: 'Snowflake',
      host: 'acme.snowflakecomputing.com',
      database: 'wh',
      config: { __typename: 'SnowflakeImportConfig' },
    });
  });

  it('with a `vendor` its one block does not match, take the block', async () => {
    const node = await read(
      importSource('Mismatched', {
        vendor: 'redshift',
        postgres: { is_valid: true, host: 'db.example.com', port: 5432, database: 'orders' },
      }),
    );
    expect(node).toMatchObject({
      vendor: 'POSTGRES',
      host: 'db.example.com',
      config: { __typename: 'PostgresImportConfig' },
    });
  });

  it('with a `vendor` in any case and no block, take the vendor it names', async () => {
    const node = await read(importSource('No block', { vendor: 'Postgres' }));
    expect(node).toMatchObject({ vendor: 'POSTGRES', rawVendor: 'Postgres', host: null, database: null });
  });
});

describe("a destination's vendor and connection fields", () => {
  const fields = '... on Destination { provider vendor rawVendor host port database schema }';
  /** The seeded destination answered with `vendor` (left out when undefined) and these settings blocks. */
  const read = (vendor: string | undefined, blocks: Record<string, unknown>) => {
    const body = destinationBody(ids.destinations?.nativeId as string, vendor ?? '');
    const { snowflake: _, vendor: __, ...rest } = body.data.destination;
    const destination = { ...rest, ...(vendor === undefined ? {} : { vendor }), ...blocks };
    return readAs(
      'destinations',
      'prequel-export',
      'getDestination',
      { ...body, data: { destination } },
      fields,
    );
  };

  it("are a database's host, port, database and schema", async () => {
    expect(
      await read('postgres', {
        postgres: { host: 'db.example.com', port: 5432, database: 'orders', schema: 'sales' },
      }),
    ).toEqual({
      provider: 'PREQUEL_EXPORT',
      vendor: 'POSTGRES',
      rawVendor: 'postgres',
      host: 'db.example.com',
      port: 5432,
      database: 'orders',
      schema: 'sales',
    });
  });

  it('are the database written to, else the one connected to, and null for text left empty', async () => {
    const written = await read('mysql', {
      mysql: { host: 'db.example.com', port: 3306, connection_database: 'admin', write_database: 'exports' },
    });
    expect(written).toMatchObject({ vendor: 'MYSQL', database: 'exports', schema: null });
    const connected = await read('mysql', {
      mysql: { host: '', port: 3306, connection_database: 'admin', write_database: '' },
    });
    expect(connected).toMatchObject({ host: null, database: 'admin' });
  });

  it("are a lakehouse's catalog, a project and dataset, or an Iceberg catalog's database and namespace", async () => {
    expect(
      await read('databricks', {
        databricks: { host: 'acme.cloud.databricks.com', catalog: 'main', schema: 'gold' },
      }),
    ).toMatchObject({ vendor: 'DATABRICKS', database: 'main', schema: 'gold' });
    expect(
      await read('bigquery', { bigquery: { project_id: 'acme-analytics', dataset: 'exports' } }),
    ).toMatchObject({
      vendor: 'BIGQUERY',
      host: null,
      database: 'acme-analytics',
      schema: 'exports',
    });
    expect(
      await read('iceberg', {
        iceberg: { retention_window_days: 7, catalog_iceberg_rest: null, catalog_glue: { database: 'lake' } },
      }),
    ).toMatchObject({ database: 'lake', schema: null });
    expect(
      await read('iceberg', {
        iceberg: {
          catalog_iceberg_rest: { namespace: 'analytics', warehouse: 'wh' },
          retention_window_days: 7,
        },
      }),
    ).toMatchObject({ database: null, schema: 'analytics' });
    expect(await read('iceberg', { iceberg: { retention_window_days: 7 } })).toMatchObject({
      database: null,
      schema: null,
    });
  });

  it("are a Google Sheets spreadsheet URL's host name, and any other host as given", async () => {
    expect(
      await read('google_sheets', { google_sheets: { host: 'https://docs.google.com/spreadsheets/d/abc' } }),
    ).toMatchObject({ host: 'docs.google.com' });
    expect(await read('postgres', { postgres: { host: 'db.example.com:5432', port: 5432 } })).toMatchObject({
      host: 'db.example.com:5432',
    });
    expect(await read('google_sheets', { google_sheets: { host: 'not a url://sheet' } })).toMatchObject({
      host: 'not a url://sheet',
    });
  });

  it('with a `vendor` and no settings block, are the vendor it names and no connection', async () => {
    expect(await read('Postgres', {})).toEqual({
      provider: 'PREQUEL_EXPORT',
      vendor: 'POSTGRES',
      rawVendor: 'Postgres',
      host: null,
      port: null,
      database: null,
      schema: null,
    });
  });

  it('without a `vendor`, are those of the block of a known vendor', async () => {
    expect(
      await read(undefined, { postgres: { host: 'db.example.com', port: 5432, database: 'orders' } }),
    ).toEqual({
      provider: 'PREQUEL_EXPORT',
      vendor: 'POSTGRES',
      rawVendor: 'postgres',
      host: 'db.example.com',
      port: 5432,
      database: 'orders',
      schema: null,
    });
  });
});

describe('a value the gateway does not know', () => {
  it('is OTHER beside its raw text: an import source of a vendor unknown here', async () => {
    const source = importSource('From a new vendor', {
      mysql: { is_valid: true, host: 'db.example.com', port: 3306 },
    });
    const node = await readImportSource(
      source,
      '... on ImportSource { name vendor rawVendor host port config { __typename } }',
    );
    expect(node).toEqual({
      name: 'From a new vendor',
      vendor: 'OTHER',
      rawVendor: 'mysql',
      host: 'db.example.com',
      port: 3306,
      config: null,
    });
  });

  it('is read from its settings block when a field every source has comes as an object', async () => {
    // A timestamp sent as an object (not as the docs write it), before the block in the answer.
    const source = importSource('Odd timestamps', {
      created_at: { seconds: 1714521600 },
      mysql: { is_valid: true, host: 'db.example.com', port: 3306 },
    });
    const node = await readImportSource(
      source,
      '... on ImportSource { vendor rawVendor host port createdAt }',
    );
    expect(node).toEqual({
      vendor: 'OTHER',
      rawVendor: 'mysql',
      host: 'db.example.com',
      port: 3306,
      createdAt: null,
    });
  });

  it('is read from its own settings block whatever other fields come as objects or lists', async () => {
    // Every field a source always has sent as an object, and a list, all before the block: none is
    // taken for the settings of a vendor this gateway does not know.
    const source = importSource('Odd fields', {
      id: { value: (ids.importSources as Node).nativeId },
      provider_id: { id: 'p-1' },
      name: { text: 'Odd fields' },
      is_reachable: { value: true },
      updated_at: { seconds: 1714521600 },
      vendor: { name: 'mysql' },
      labels: ['a', 'b'],
      mysql: { is_valid: true, host: 'db.example.com', port: 3306 },
    });
    const node = await readImportSource(source, '... on ImportSource { vendor rawVendor host port }');
    expect(node).toEqual({ vendor: 'OTHER', rawVendor: 'mysql', host: 'db.example.com', port: 3306 });
  });

  it('reads a port sent as text as its number, and a setting of another type than documented as null', async () => {
    const fields = '... on ImportSource { host port }';
    const asText = importSource('Port as text', { postgres: { host: 42, port: '5433' } });
    expect(await readImportSource(asText, fields)).toEqual({ host: null, port: 5433 });
    const asBoolean = importSource('Port as a boolean', { postgres: { host: 'db.example.com', port: true } });
    expect(await readImportSource(asBoolean, fields)).toEqual({ host: 'db.example.com', port: null });
  });

  it('is OTHER with an empty raw vendor when it carries no settings block at all, or only a null one', async () => {
    const fields = '... on ImportSource { vendor rawVendor host port database }';
    const none = { vendor: 'OTHER', rawVendor: '', host: null, port: null, database: null };
    expect(await readImportSource(importSource('No settings', {}), fields)).toEqual(none);
    expect(await readImportSource(importSource('Null settings', { mysql: null }), fields)).toEqual(none);
  });

  it('is OTHER beside its raw text: a transfer status, actor type and blame, as free strings', async () => {
    const { nativeId } = ids.destinations as Node;
    const body = destinationBody(nativeId, 'snowflake', {
      status: 'COMPLETED',
      actor_type: 'system',
      model_metrics: [metrics({ error: runError('someone_else') })],
    });
    const node = await readAs(
      'destinations',
      'prequel-export',
      'getDestination',
      body,
      `... on Destination { lastCompletedTransfer { status rawStatus actorType rawActorType
         modelMetrics { error { blame rawBlame } } } }`,
    );
    expect(node).toEqual({
      lastCompletedTransfer: {
        status: 'OTHER',
        rawStatus: 'COMPLETED',
        actorType: 'OTHER',
        rawActorType: 'system',
        modelMetrics: [{ error: { blame: 'OTHER', rawBlame: 'someone_else' } }],
      },
    });
  });

  it('is OTHER beside its raw text: a PDC databaseType, a RiverGen type and status', async () => {
    const pdc = await readAs(
      'catalogDataSources',
      'pdc',
      'getDataSourcesByIds',
      {
        status: 200,
        data: [{ _id: ids.catalogDataSources?.nativeId, resourceName: 'lake', databaseType: 'DELTA' }],
      },
      '... on CatalogDataSource { vendor rawVendor }',
    );
    expect(pdc).toEqual({ vendor: 'OTHER', rawVendor: 'DELTA' });
    const riverGen = await readAs(
      'riverGenDataSources',
      'rivergen',
      'getDataSource',
      riverGenBody({ type: 'sqlite', status: 'archived' }),
      '... on RiverGenDataSource { vendor rawVendor status rawStatus }',
    );
    expect(riverGen).toEqual({
      vendor: 'OTHER',
      rawVendor: 'sqlite',
      status: 'OTHER',
      rawStatus: 'archived',
    });
  });

  it('is looked up whatever its case: `Snowflake`, `postgres`, `PostgreSQL`', async () => {
    const destination = await readAs(
      'destinations',
      'prequel-export',
      'getDestination',
      destinationBody(ids.destinations?.nativeId as string, 'Snowflake'),
      '... on Destination { vendor rawVendor host config { __typename } }',
    );
    expect(destination).toEqual({
      vendor: 'SNOWFLAKE',
      rawVendor: 'Snowflake',
      host: 'acme.snowflakecomputing.com',
      config: { __typename: 'SnowflakeDestinationConfig' },
    });
    const pdc = await readAs(
      'catalogDataSources',
      'pdc',
      'getDataSourcesByIds',
      {
        status: 200,
        data: [{ _id: ids.catalogDataSources?.nativeId, resourceName: 'pg', databaseType: 'postgres' }],
      },
      '... on CatalogDataSource { vendor }',
    );
    expect(pdc).toEqual({ vendor: 'POSTGRES' });
    const riverGen = await readAs(
      'riverGenDataSources',
      'rivergen',
      'getDataSource',
      riverGenBody({ type: 'PostgreSQL', status: 'Active' }),
      '... on RiverGenDataSource { vendor status }',
    );
    expect(riverGen).toEqual({ vendor: 'POSTGRES', status: 'ACTIVE' });
  });

  it.each([
    ['a name every object has', 'constructor', 'OTHER'],
    ['a method every object has', 'toString', 'OTHER'],
    ['the name of every object prototype', '__proto__', 'OTHER'],
    ['in upper case', 'POSTGRESQL', 'POSTGRES'],
    ['missing', undefined, 'OTHER'],
  ])('reads a RiverGen type %s as the vendor it names, or OTHER', async (_case, raw, vendor) => {
    const riverGen = await readAs(
      'riverGenDataSources',
      'rivergen',
      'getDataSource',
      riverGenBody({ type: raw }),
      '... on RiverGenDataSource { vendor rawVendor }',
    );
    expect(riverGen).toEqual({ vendor, rawVendor: raw ?? null });
  });

  it.each([
    ['in lower case', 'inactive', 'INACTIVE', 'inactive'],
    ['capitalised', 'Maintenance', 'MAINTENANCE', 'Maintenance'],
    ['in upper case', 'FAILED', 'FAILED', 'FAILED'],
    ['empty', '', null, null],
    ['missing', undefined, null, null],
    ['sent as null', null, null, null],
    ['given as a number', 3, 'OTHER', '3'],
  ])(
    'reads a RiverGen status %s as the status it names, its raw text kept',
    async (_case, raw, status, rawStatus) => {
      const riverGen = await readAs(
        'riverGenDataSources',
        'rivergen',
        'getDataSource',
        riverGenBody({ type: 'postgresql', status: raw }),
        '... on RiverGenDataSource { status rawStatus }',
      );
      expect(riverGen).toEqual({ status, rawStatus });
    },
  );
});

describe("PDC's port, a string upstream", () => {
  it.each([
    ['5432', 5432],
    ['5432/tcp', null],
    ['5432-5439', null],
    ['0', 0],
    ['65535', 65535],
    ['65536', null],
    ['-1', null],
    ['54.5', null],
  ])('%s reads as port %s, its text kept in portText', async (text, port) => {
    const node = await readAs(
      'catalogDataSources',
      'pdc',
      'getDataSourcesByIds',
      {
        status: 200,
        data: [
          { _id: ids.catalogDataSources?.nativeId, resourceName: 'pg', databaseType: 'POSTGRES', port: text },
        ],
      },
      '... on CatalogDataSource { port portText status incremental includePatterns }',
    );
    // Fields the docs do not promise are null (a list, empty) when PDC leaves them out.
    expect(node).toEqual({ port, portText: text, status: null, incremental: null, includePatterns: [] });
  });
});

describe("a PDC data source's connection fields", () => {
  it('are its host and databaseName, the provider PDC, and null where PDC leaves them out', async () => {
    const fields = '... on CatalogDataSource { provider host database schema }';
    const given = await readAs(
      'catalogDataSources',
      'pdc',
      'getDataSourcesByIds',
      {
        status: 200,
        data: [
          {
            _id: ids.catalogDataSources?.nativeId,
            resourceName: 'pg',
            databaseType: 'POSTGRES',
            host: 'db.example.com',
            databaseName: 'orders',
          },
        ],
      },
      fields,
    );
    expect(given).toEqual({ provider: 'PDC', host: 'db.example.com', database: 'orders', schema: null });
    const left = await readAs(
      'catalogDataSources',
      'pdc',
      'getDataSourcesByIds',
      {
        status: 200,
        data: [{ _id: ids.catalogDataSources?.nativeId, resourceName: 'pg', databaseType: 'POSTGRES' }],
      },
      fields,
    );
    expect(left).toEqual({ provider: 'PDC', host: null, database: null, schema: null });
  });
});

describe("a RiverGen data source's port and times", () => {
  it.each([
    [5433, 5433],
    ['5433', 5433],
    ['', null],
    [null, null],
  ])('port %j reads as %j', async (given, port) => {
    const node = await readAs(
      'riverGenDataSources',
      'rivergen',
      'getDataSource',
      riverGenBody({ type: 'postgresql', port: given }),
      '... on RiverGenDataSource { port }',
    );
    expect(node).toEqual({ port });
  });

  it('reads a timestamp as given, and one it cannot read or an empty one as null rather than failing', async () => {
    const fields = '... on RiverGenDataSource { createdAt updatedAt }';
    const read = await readAs(
      'riverGenDataSources',
      'rivergen',
      'getDataSource',
      riverGenBody({
        type: 'postgresql',
        created_at: '2024-11-30T09:00:00Z',
        updated_at: '2024-12-01T11:00:00Z',
      }),
      fields,
    );
    expect(read).toEqual({ createdAt: '2024-11-30T09:00:00.000Z', updatedAt: '2024-12-01T11:00:00.000Z' });
    const unreadable = await readAs(
      'riverGenDataSources',
      'rivergen',
      'getDataSource',
      riverGenBody({ type: 'postgresql', created_at: 'yesterday', updated_at: '' }),
      fields,
    );
    expect(unreadable).toEqual({ createdAt: null, updatedAt: null });
    const numbers = await readAs(
      'riverGenDataSources',
      'rivergen',
      'getDataSource',
      riverGenBody({ type: 'postgresql', created_at: Date.UTC(2024, 10, 30, 9), updated_at: 1e300 }),
      fields,
    );
    // Milliseconds since the epoch read as `new Date` reads them; one past what a date holds is null.
    expect(numbers).toEqual({ createdAt: '2024-11-30T09:00:00.000Z', updatedAt: null });
  });
});

describe("a RiverGen data source's connection fields", () => {
  it('are its host, database_name and schema_name, the provider RIVERGEN, and null where it leaves them out', async () => {
    const fields = '... on RiverGenDataSource { provider host database schema }';
    const given = await readAs(
      'riverGenDataSources',
      'rivergen',
      'getDataSource',
      riverGenBody({
        type: 'postgresql',
        host: 'db.example.com',
        database_name: 'orders',
        schema_name: 'sales',
      }),
      fields,
    );
    expect(given).toEqual({
      provider: 'RIVERGEN',
      host: 'db.example.com',
      database: 'orders',
      schema: 'sales',
    });
    const left = await readAs(
      'riverGenDataSources',
      'rivergen',
      'getDataSource',
      riverGenBody({ type: 'postgresql' }),
      fields,
    );
    expect(left).toEqual({ provider: 'RIVERGEN', host: null, database: null, schema: null });
  });
});

describe('a partial create PDC answers with a message only (207, the documented shape)', () => {
  it('reports the items it did not create as failures, never a full success', async () => {
    const taken = await gw.query<{ catalogDataSources: { edges: { node: { name: string } }[] } }>(
      '{ catalogDataSources(first: 1) { edges { node { name } } } }',
    );
    const names = ['tolerant-new-a', taken.data?.catalogDataSources.edges[0]?.node.name, 'tolerant-new-c'];
    const answer = await gw.query<{
      createCatalogDataSources: { __typename: string; created: { name: string }[]; failures: object[] };
    }>(
      `mutation($inputs: [CreateCatalogDataSourceInput!]!) { createCatalogDataSources(inputs: $inputs) {
         __typename ... on CreateCatalogDataSourcesSuccess { created { name } failures { index resourceName message field } } } }`,
      { inputs: names.map((resourceName) => ({ resourceName, databaseType: 'MYSQL' })) },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.createCatalogDataSources).toEqual({
      __typename: 'CreateCatalogDataSourcesSuccess',
      created: [{ name: 'tolerant-new-a' }, { name: 'tolerant-new-c' }],
      failures: [
        { index: 1, resourceName: names[1], message: 'Pentaho Data Catalog did not create it', field: null },
      ],
    });
  });
});

describe('a setting Prequel sends in another type than it documents', () => {
  const config = `... on ImportSource { config { ... on PostgresImportConfig {
    isValid host port database schema username useSshTunnel disableSsl connectionTimeoutInSeconds
    sshTunnel { host port username } } } }`;
  /** The `config` of the seeded import source answered with this PostgreSQL settings block. */
  const read = async (postgres: unknown) =>
    (await readImportSource(importSource('Odd settings', { postgres }), config))?.config;

  it('is read as text where a text setting comes as a number or a boolean, else as null', async () => {
    const settings = await read({
      host: 10,
      database: false,
      schema: { name: 'sales' },
      username: ['reader'],
      ssh_tunnel: { ssh_tunnel_host: 'bastion.example.com', ssh_tunnel_username: 0 },
    });
    expect(settings).toMatchObject({
      host: '10',
      database: 'false',
      schema: null,
      username: null,
      sshTunnel: { host: 'bastion.example.com', port: null, username: '0' },
    });
  });

  it('is read as its number where an integer setting comes as a string of one, else as null', async () => {
    const asText = await read({
      port: '5432',
      connection_timeout_in_seconds: '',
      ssh_tunnel: { ssh_tunnel_host: 'bastion.example.com', ssh_tunnel_port: '  ' },
    });
    expect(asText).toMatchObject({ port: 5432, connectionTimeoutInSeconds: null, sshTunnel: { port: null } });
    const fractions = await read({
      port: '5432.5',
      connection_timeout_in_seconds: 30.5,
      ssh_tunnel: { ssh_tunnel_host: 'bastion.example.com', ssh_tunnel_port: 'twenty-two' },
    });
    expect(fractions).toMatchObject({
      port: null,
      connectionTimeoutInSeconds: null,
      sshTunnel: { port: null },
    });
    const others = await read({ port: true, connection_timeout_in_seconds: { seconds: 30 } });
    expect(others).toMatchObject({ port: null, connectionTimeoutInSeconds: null });
  });

  it('is null where a boolean setting comes as anything but a boolean', async () => {
    const settings = await read({ is_valid: 'true', use_ssh_tunnel: 1, disable_ssl: false });
    expect(settings).toMatchObject({ isValid: null, useSshTunnel: null, disableSsl: false });
  });

  it('is null where a group of settings comes as anything but an object', async () => {
    for (const sshTunnel of ['bastion.example.com', [{ ssh_tunnel_host: 'bastion.example.com' }], 22]) {
      expect(await read({ host: 'db.example.com', ssh_tunnel: sshTunnel })).toMatchObject({
        host: 'db.example.com',
        sshTunnel: null,
      });
    }
  });
});

describe('fields the gateway does not know', () => {
  it('are ignored, in the envelope, the object and its settings block', async () => {
    const source = importSource('With extras', {
      labels: { team: 'data' },
      postgres: { is_valid: true, host: 'db.example.com', port: 5432, database: 'orders', pool: { size: 4 } },
    });
    const node = await readAs(
      'importSources',
      'prequel-import',
      'getSource',
      { status: 'success', data: { source, region: 'eu' }, message: '', request_id: 'r-1' },
      '... on ImportSource { name vendor host port database config { ... on PostgresImportConfig { host isValid } } }',
    );
    expect(node).toEqual({
      name: 'With extras',
      vendor: 'POSTGRES',
      host: 'db.example.com',
      port: 5432,
      database: 'orders',
      config: { host: 'db.example.com', isValid: true },
    });
    const riverGen = await readAs(
      'riverGenDataSources',
      'rivergen',
      'getDataSource',
      { ...riverGenBody({ type: 'mysql', status: 'active', owner: { team: 'data' } }), trace_id: 't-1' },
      '... on RiverGenDataSource { vendor status }',
    );
    expect(riverGen).toEqual({ vendor: 'MYSQL', status: 'ACTIVE' });
  });
});

/** A documented import source object for the seeded id, with `extra` (its settings block) added. */
function importSource(name: string, extra: Record<string, unknown>) {
  return {
    id: (ids.importSources as Node).nativeId,
    provider_id: 'p-1',
    name,
    is_reachable: true,
    created_at: '2024-05-01T00:00:00Z',
    updated_at: '2024-05-01T00:00:00Z',
    ...extra,
  };
}

function riverGenBody(fields: Record<string, unknown>) {
  const id = Number(ids.riverGenDataSources?.nativeId);
  return { success: true, data: { id, organization_id: 1, name: 'warehouse', ...fields }, message: '' };
}

function runError(blame: string) {
  return {
    error_code: 'E',
    title: 'Failed',
    blame,
    documentation_url: 'https://docs.example.com/e',
    trace: 't',
    message: 'It failed',
  };
}

function metrics(extra: Record<string, unknown>) {
  return {
    model_id: 'm-1',
    model_name: 'orders',
    rows_transferred: 1,
    delta_rows_transferred: 1,
    volume_transferred_in_mb: 0.1,
    start_transfer_window_at: null,
    end_transfer_window_at: '2024-05-01T00:00:00Z',
    most_recent_last_updated_at: null,
    ...extra,
  };
}

function destinationBody(id: string, vendor: string, transfer: Record<string, unknown> = {}) {
  const at = '2024-05-01T00:00:00Z';
  return {
    status: 'success',
    message: '',
    data: {
      destination: {
        id,
        vendor,
        name: 'Warehouse',
        recipient_id: 'r-1',
        id_in_provider_system: 'acme',
        created_at: at,
        updated_at: at,
        last_successful_transfer_ended_at: null,
        frequency_minutes: 60,
        products: [],
        enabled_models: ['*'],
        max_concurrent_transfers: 1,
        max_concurrent_queries_per_transfer: 4,
        is_enabled: true,
        total_rows_transferred_last_billing_period: 0,
        total_delta_rows_transferred_last_billing_period: 0,
        total_rows_transferred_current_billing_period: 0,
        snowflake: { host: 'acme.snowflakecomputing.com', database: 'ANALYTICS' },
        last_completed_transfer: {
          id: 't-1',
          status: 'SUCCESS',
          is_full_refresh: false,
          models: ['orders'],
          log: '',
          submitted_at: at,
          start_transfer_window_at: null,
          end_transfer_window_at: at,
          rows_transferred: 1,
          delta_rows_transferred: 1,
          volume_transferred_in_mb: 0.1,
          is_debug_mode: false,
          actor_id: 'scheduler',
          actor_type: 'scheduler',
          source_ids: [],
          destination_id: id,
          model_metrics: [],
          models_snapshot: [],
          started_at: at,
          ended_at: at,
          tags: {},
          ...transfer,
        },
      },
    },
  };
}
