import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREQUEL_EXPORT_DEMO_API_KEY } from '../../src/sandbox/prequel-export/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64url');

/** Every destination vendor's config type, with fields the demo data fills in. */
const configFields: Record<string, string> = {
  AthenaDestinationConfig:
    'workgroup writeDatabase awsAccessKeys { accessId } bucketS3 { bucketName bucketRegion }',
  AuroraMySqlDestinationConfig: 'host port connectionDatabase passwordAuth { username }',
  AuroraPostgresDestinationConfig: 'host port database schema passwordAuth { username }',
  AzureBlobDestinationConfig: 'containerName storageAccountName authMethod csv { delimiter }',
  BigQueryDestinationConfig: 'projectId dataset authMethod gcpServiceAccountRole { serviceAccountEmail }',
  ClickHouseDestinationConfig:
    'host port connectionDatabase bucketS3 { bucketName } bucketGcs { bucketName gcsHmacKeys { accessKey } }',
  DatabricksDestinationConfig:
    'host catalog httpPath oauthClientSecretAuth { clientId } hive { bucketVendor bucketS3 { bucketName } }',
  DeltaLakeDestinationConfig:
    'retentionWindowDays columnMappingMode bucketAbs { storageAccountName } bucketGcs { gcpServiceAccountRole { serviceAccountEmail } } bucketS3Compatible { accessKeys { accessId } }',
  GcsDestinationConfig:
    'bucketName folder gcsHmacKeys { accessKey } gcpServiceAccountRole { serviceAccountEmail }',
  GoogleSheetsDestinationConfig: 'host',
  IcebergDestinationConfig:
    'retentionWindowDays catalogIcebergRest { namespace warehouse oauthClientSecretAuth { clientId } storageOptions { bucketS3 { bucketName awsIamRole { awsIamRoleArn } } bucketGcs { bucketName } } } catalogGlue { database storageOptions { bucketS3 { bucketName } } } catalogS3Tables { database tableBucketArn } catalogGoogleLakehouse { projectId catalogName schema }',
  MongoDbDestinationConfig: 'host writeDatabase authenticationDatabase passwordAuth { username }',
  MotherDuckDestinationConfig: 'database schema authMethod',
  MySqlDestinationConfig: 'host port connectionDatabase writeDatabase passwordAuth { username }',
  OracleDestinationConfig: 'host port database schema passwordAuth { username }',
  PlanetScaleDestinationConfig: 'host port connectionDatabase passwordAuth { username }',
  PostgresDestinationConfig: 'host port database schema passwordAuth { username } connectionTimeoutInSeconds',
  RedshiftDestinationConfig:
    'host port database cluster region bucketS3 { bucketName awsAccessKeys { accessId } }',
  RedshiftServerlessDestinationConfig: 'host port database workgroup region',
  S3CompatibleDestinationConfig: 'host bucketName accessKeys { accessId }',
  S3DestinationConfig: 'bucketName bucketRegion awsAccessKeys { accessId }',
  SftpDestinationConfig: 'host port username publicKeyAuth { publicKey }',
  SingleStoreDestinationConfig: 'host port connectionDatabase passwordAuth { username }',
  SnowflakeDestinationConfig: 'host username database schema',
  SqlServerDestinationConfig: 'host port database schema primaryKeyCollation',
};
const configSelection = Object.entries(configFields)
  .map(([type, fields]) => `... on ${type} { ${fields} }`)
  .join(' ');

interface Edge {
  node: {
    id: string;
    nativeId: string;
    name: string;
    vendor: string;
    rawVendor: string;
    host: string | null;
    port: number | null;
    database: string | null;
    config: Record<string, unknown> & { __typename: string };
  };
}
type DestinationsPage = {
  destinations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { nativeId: string } }[];
  };
};

let gw: TestGateway;
let all: Edge['node'][] = [];
beforeAll(async () => {
  gw = await startTestGateway();
  const listed = await gw.query<{ destinations: { edges: Edge[] } }>(
    `{ destinations(first: 100) { edges { node { id nativeId name vendor rawVendor host port database config { __typename ${configSelection} } } } } }`,
  );
  expect(listed.errors).toBeUndefined();
  all = listed.data?.destinations.edges.map((e) => e.node) ?? [];
});
afterAll(() => gw.close());

const nonNull = (value: unknown): boolean =>
  value !== null &&
  (typeof value !== 'object' || Object.values(value as object).some((v) => v !== null && nonNull(v)));

describe('destinations', () => {
  it('resolves each of the 25 vendor config types with the settings Prequel returns', () => {
    expect(all).toHaveLength(80);
    const types = new Set(all.map((d) => d.config.__typename));
    expect([...types].sort()).toEqual(Object.keys(configFields).sort());
    for (const { config } of all) {
      const { __typename, ...fields } = config;
      expect(nonNull(fields), `${__typename} has settings`).toBe(true);
    }
    const postgres = all.find((d) => d.rawVendor === 'postgres');
    expect(postgres?.vendor).toBe('POSTGRES');
    expect(postgres?.config).toMatchObject({
      __typename: 'PostgresDestinationConfig',
      host: expect.any(String),
      port: expect.any(Number),
      passwordAuth: { username: expect.any(String) },
    });
    expect(postgres?.database).toBe(postgres?.config.database);
    expect(all.find((d) => d.rawVendor === 'abs')?.vendor).toBe('AZURE_BLOB_STORAGE');
    expect(all.find((d) => d.rawVendor === 'abs')?.config.csv).toEqual({ delimiter: ',' });
    const mysql = all.find((d) => d.rawVendor === 'mysql');
    expect(mysql?.database).toBe(mysql?.config.writeDatabase ?? mysql?.config.connectionDatabase);
  });

  it('shows the last completed transfer with per-model metrics and run errors', async () => {
    const result = await gw.query<{
      destinations: {
        edges: {
          node: {
            totalRowsTransferredCurrentBillingPeriod: number;
            lastCompletedTransfer: {
              status: string;
              modelMetrics: {
                modelName: string;
                rowsTransferred: number;
                error: { errorCode: string; blame: string; title: string } | null;
              }[];
              modelsSnapshot: { revisionId: string }[];
            } | null;
          };
        }[];
      };
    }>(`{ destinations(first: 100) { edges { node {
        recipientId idInProviderSystem frequencyMinutes products enabledModels maxConcurrentTransfers
        maxConcurrentQueriesPerTransfer isEnabled lastSuccessfulTransferEndedAt
        totalRowsTransferredLastBillingPeriod totalDeltaRowsTransferredLastBillingPeriod totalRowsTransferredCurrentBillingPeriod
        lastCompletedTransfer { id status isFullRefresh models submittedAt startedAt endedAt rowsTransferred
          deltaRowsTransferred volumeTransferredInMb actorType actorId sourceIds destinationId tags { name value }
          modelMetrics { modelId modelName rowsTransferred mostRecentLastUpdatedAt
            error { errorCode title blame documentationUrl trace message error } }
          modelsSnapshot { modelId modelName revisionId } } } } } }`);
    expect(result.errors).toBeUndefined();
    const transfers = (result.data?.destinations.edges ?? []).flatMap((e) =>
      e.node.lastCompletedTransfer ? [e.node.lastCompletedTransfer] : [],
    );
    expect(transfers.length).toBeGreaterThan(0);
    expect(transfers.some((t) => t.modelMetrics.length > 0 && t.modelsSnapshot.length > 0)).toBe(true);
    const errors = transfers.flatMap((t) => t.modelMetrics.flatMap((m) => (m.error ? [m.error] : [])));
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.errorCode).not.toBe('');
      expect(['FIRST_PARTY', 'THIRD_PARTY', 'PREQUEL', 'HOST', 'EMPTY']).toContain(error.blame);
    }
  });

  it('round-trips destination ids through node and nodes', async () => {
    const some = all.slice(0, 5);
    const one = await gw.query<{ node: { id: string; name: string } }>(
      'query($id: ID!) { node(id: $id) { id ... on Destination { name } } }',
      { id: some[0]?.id },
    );
    expect(one.data?.node).toEqual({ id: some[0]?.id, name: some[0]?.name });
    const many = await gw.query<{ nodes: { id: string; name: string }[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Destination { name } } }',
      { ids: some.map((d) => d.id) },
    );
    expect(many.data?.nodes).toEqual(some.map((d) => ({ id: d.id, name: d.name })));
  });

  it('fetches N destination ids with N calls, an id asked twice only once', async () => {
    const ids = all.slice(0, 12).map((d) => d.id);
    gw.resetCounts();
    const result = await gw.query<{ nodes: ({ id: string } | null)[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: [...ids, ids[0], ids[3]] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.nodes.map((n) => n?.id)).toEqual([...ids, ids[0], ids[3]]);
    expect(gw.sims['prequel-export']?.stats.counts()).toEqual({ getDestination: 12 });
  });

  it('answers null for a destination id Prequel does not know', async () => {
    const result = await gw.query('query($id: ID!) { node(id: $id) { id } }', {
      id: globalId('Destination', '00000000-0000-4000-8000-000000000000'),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: null });
  });

  it('pages through all 80 destinations without duplicates or gaps, both orders', async () => {
    for (const order of ['ASC', 'DESC']) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 50; guard++) {
        const page: Awaited<ReturnType<typeof gw.query<DestinationsPage>>> = await gw.query<DestinationsPage>(
          `query($after: String) { destinations(first: 7, after: $after, order: ${order}) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { nativeId } } } }`,
          { after },
        );
        expect(page.errors).toBeUndefined();
        const connection = page.data?.destinations;
        expect(connection?.totalCount).toBe(80);
        seen.push(...(connection?.edges.map((e) => e.node.nativeId) ?? []));
        if (!connection?.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(80);
      expect(new Set(seen)).toEqual(new Set(all.map((d) => d.nativeId)));
    }
  });

  it('lists destinations in dataSources with provider, vendor and name filters', async () => {
    const postgres = all.filter((d) => d.vendor === 'POSTGRES');
    const result = await gw.query<{
      dataSources: { totalCount: number; edges: { node: { nativeId: string } }[] };
    }>(
      '{ dataSources(first: 100, filter: { providers: [PREQUEL_EXPORT], vendors: [POSTGRES] }) { totalCount edges { node { nativeId } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.dataSources.totalCount).toBe(postgres.length);
    const named = all[0]?.name ?? '';
    const byName = await gw.query<{ dataSources: { edges: { node: { name: string } }[] } }>(
      'query($name: String) { dataSources(filter: { providers: [PREQUEL_EXPORT], name: $name }) { edges { node { name } } } }',
      { name: `${named.slice(0, 4)}*` },
    );
    const names = byName.data?.dataSources.edges.map((e) => e.node.name) ?? [];
    expect(names).toContain(named);
    expect(names.every((n) => n.toLowerCase().startsWith(named.slice(0, 4).toLowerCase()))).toBe(true);
  });

  it('pages through one destination’s transfers and counts them', async () => {
    type Transfers = {
      node: {
        transfers: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: { id: string; status: string } }[];
        };
      };
    };
    const id = all[0]?.id;
    const seen: { id: string; status: string }[] = [];
    let total = -1;
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const page: Awaited<ReturnType<typeof gw.query<Transfers>>> = await gw.query<Transfers>(
        'query($id: ID!, $after: String) { node(id: $id) { ... on Destination { transfers(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } } } }',
        { id, after },
      );
      expect(page.errors).toBeUndefined();
      const transfers = page.data?.node.transfers;
      total = transfers?.totalCount ?? -1;
      seen.push(...(transfers?.edges.map((e) => e.node) ?? []));
      if (!transfers?.pageInfo.hasNextPage) break;
      after = transfers.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(3);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((t) => t.id)).size).toBe(total);
    // A status unknown here (OTHER) cannot be asked for: filter by one the gateway knows.
    const status = seen.find((t) => t.status !== 'OTHER')?.status;
    const filtered = await gw.query<{
      node: { transfers: { totalCount: number; edges: { node: { status: string } }[] } };
    }>(
      `query($id: ID!) { node(id: $id) { ... on Destination { transfers(first: 100, status: ${status}) { totalCount edges { node { status } } } } } }`,
      { id },
    );
    const matching = seen.filter((t) => t.status === status).length;
    expect(filtered.data?.node.transfers.totalCount).toBe(matching);
    expect(filtered.data?.node.transfers.edges.every((e) => e.node.status === status)).toBe(true);
  });

  it('never returns a secret it was given', async () => {
    // A gateway of its own: the destination made here would change the counts the other tests expect.
    await using own = await startTestGateway();
    const password = 'pw-never-echoed-7f3a91';
    const sim = own.sims['prequel-export'];
    const created = await fetch(`${sim?.url}/destinations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': PREQUEL_EXPORT_DEMO_API_KEY },
      body: JSON.stringify({
        destination: {
          vendor: 'postgres',
          name: 'Secret keeper Postgres',
          id_in_provider_system: 'org_secret_keeper',
          postgres: {
            host: 'db.secret-keeper.example.com',
            port: 5432,
            database: 'analytics',
            schema: 'exports',
            password_auth: { username: 'exporter', password },
          },
        },
      }),
    });
    expect(created.status).toBe(200);
    const { data } = (await created.json()) as { data: { destination: { id: string } } };
    const result = await own.query<{ node: { config: { passwordAuth: { username: string } } } }>(
      `query($id: ID!) { node(id: $id) { ... on Destination { name host database config { __typename ${configSelection} } } } }`,
      { id: globalId('Destination', data.destination.id) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.node.config.passwordAuth).toEqual({ username: 'exporter' });
    const listed = await own.query(
      `{ dataSources(first: 500, filter: { providers: [PREQUEL_EXPORT] }) { edges { node { name ... on Destination { config { __typename ${configSelection} } } } } } }`,
    );
    expect(JSON.stringify(result)).not.toContain(password);
    expect(JSON.stringify(listed)).toContain('Secret keeper Postgres');
    expect(JSON.stringify(listed)).not.toContain(password);
  });
});
