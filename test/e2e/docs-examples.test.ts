import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { newPostgres } from '../support/prequel-import-inputs.js';

/**
 * Every example answer in the vendors' reference pages (`test/fixtures/upstream-docs/`, copied
 * from the pages as they are, placeholders included) served as the upstream's answer to the call
 * its page documents, read through that provider's client and GraphQL types. The Pentaho Data
 * Catalog page shows no example body: each of its answers documents only `status` (example 200).
 */
function example(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/upstream-docs/${name}.json`, import.meta.url), 'utf8'));
}

let gw: TestGateway;
let importSourceId = '';
let destinationId = '';
let riverGenId = '';
beforeAll(async () => {
  gw = await startTestGateway();
  const first = async (list: string) => {
    const answer = await gw.query<Record<string, { edges: { node: { id: string } }[] }>>(
      `{ ${list}(first: 1) { edges { node { id } } } }`,
    );
    const id = answer.data?.[list]?.edges[0]?.node.id;
    if (!id) throw new Error(`the demo has no ${list}`);
    return id;
  };
  importSourceId = await first('importSources');
  destinationId = await first('destinations');
  riverGenId = await first('riverGenDataSources');
});
afterEach(() => {
  for (const sim of Object.values(gw.sims)) sim.setFaults(undefined);
});
afterAll(() => gw.close());

const FAILURE = '__typename ... on UserError { message code }';

describe('Prequel Import: the example source', () => {
  const SOURCE = `importSource {
    nativeId name provider vendor rawVendor host port database schema createdAt updatedAt providerId isReachable
    config { __typename ... on PostgresImportConfig {
      isValid host port database schema username useSshTunnel disableSsl connectionTimeoutInSeconds
      sshTunnel { host port username publicKey } } } }`;

  /** The example has every vendor's block and no `vendor`: the first block in the docs' order names it. */
  const expected = {
    __typename: expect.stringMatching(/Success$/),
    importSource: {
      nativeId: '<string>',
      name: '<string>',
      provider: 'PREQUEL_IMPORT',
      vendor: 'POSTGRES',
      rawVendor: 'postgres',
      host: '<string>',
      port: 123,
      database: '<string>',
      schema: '<string>',
      createdAt: null,
      updatedAt: null,
      providerId: '<string>',
      isReachable: true,
      config: {
        __typename: 'PostgresImportConfig',
        isValid: true,
        host: '<string>',
        port: 123,
        database: '<string>',
        schema: '<string>',
        username: '<string>',
        useSshTunnel: true,
        disableSsl: true,
        connectionTimeoutInSeconds: 123,
        sshTunnel: { host: '<string>', port: 123, username: '<string>', publicKey: '<string>' },
      },
    },
  };

  it('"Create import source", response 200, reads as a Postgres source', async () => {
    gw.sims['prequel-import']?.setFaults({
      body: example('prequel-import--create-source--response-200'),
      operations: ['createSource'],
    });
    const answer = await gw.query(
      `mutation($input: CreateImportSourceInput!) { createImportSource(input: $input) { ${FAILURE} ... on CreateImportSourceSuccess { ${SOURCE} } } }`,
      { input: newPostgres('Docs example') },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.createImportSource).toEqual(expected);
  });

  it('"Update import source", response 200, reads the same', async () => {
    gw.sims['prequel-import']?.setFaults({
      body: example('prequel-import--update-source--response-200'),
      operations: ['updateSource'],
    });
    const answer = await gw.query(
      `mutation($id: ID!, $input: UpdateImportSourceInput!) { updateImportSource(id: $id, input: $input) { ${FAILURE} ... on UpdateImportSourceSuccess { ${SOURCE} } } }`,
      { id: importSourceId, input: { name: 'Docs example' } },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.updateImportSource).toEqual(expected);
  });
});

describe('Prequel Export: the example destination', () => {
  it('"Update destination", response 200, reads with its last transfer, free strings as OTHER beside their raw text', async () => {
    gw.sims['prequel-export']?.setFaults({
      body: example('prequel-export--update-destination--response-200'),
      operations: ['updateDestination'],
    });
    const answer = await gw.query(
      `mutation($id: ID!, $input: UpdateDestinationInput!) { updateDestination(id: $id, input: $input) { ${FAILURE} ... on UpdateDestinationSuccess { destination {
        nativeId name provider vendor rawVendor host port database schema createdAt updatedAt config { __typename }
        recipientId idInProviderSystem frequencyMinutes products enabledModels maxConcurrentTransfers
        maxConcurrentQueriesPerTransfer isEnabled lastSuccessfulTransferEndedAt
        totalRowsTransferredLastBillingPeriod totalDeltaRowsTransferredLastBillingPeriod totalRowsTransferredCurrentBillingPeriod
        lastCompletedTransfer {
          id status rawStatus isFullRefresh models log submittedAt startTransferWindowAt endTransferWindowAt
          rowsTransferred deltaRowsTransferred volumeTransferredInMb isDebugMode actorId actorType rawActorType
          sourceIds destinationId startedAt endedAt tags { name value }
          modelMetrics { modelId modelName rowsTransferred deltaRowsTransferred volumeTransferredInMb
            startTransferWindowAt endTransferWindowAt mostRecentLastUpdatedAt
            error { errorCode title blame rawBlame documentationUrl trace message error } }
          modelsSnapshot { modelId modelName revisionId } } } } } }`,
      { id: destinationId, input: { name: 'Docs example' } },
    );
    expect(answer.errors).toBeUndefined();
    const at = '2023-11-07T05:31:56.000Z';
    expect(answer.data?.updateDestination).toEqual({
      __typename: 'UpdateDestinationSuccess',
      destination: {
        nativeId: '<string>',
        name: '<string>',
        provider: 'PREQUEL_EXPORT',
        // `vendor` names no vendor known here, so its settings have no type to show.
        vendor: 'OTHER',
        rawVendor: '<string>',
        host: null,
        port: null,
        database: null,
        schema: null,
        createdAt: at,
        updatedAt: at,
        config: null,
        recipientId: '<string>',
        idInProviderSystem: '<string>',
        frequencyMinutes: 123,
        products: ['<string>'],
        enabledModels: ['<string>'],
        maxConcurrentTransfers: 123,
        maxConcurrentQueriesPerTransfer: 123,
        isEnabled: true,
        lastSuccessfulTransferEndedAt: at,
        totalRowsTransferredLastBillingPeriod: 123,
        totalDeltaRowsTransferredLastBillingPeriod: 123,
        totalRowsTransferredCurrentBillingPeriod: 123,
        lastCompletedTransfer: {
          id: '<string>',
          status: 'OTHER',
          rawStatus: '<string>',
          isFullRefresh: true,
          models: ['<string>'],
          log: '<string>',
          submittedAt: at,
          startTransferWindowAt: at,
          endTransferWindowAt: at,
          rowsTransferred: 123,
          deltaRowsTransferred: 123,
          volumeTransferredInMb: 123,
          isDebugMode: true,
          actorId: '<string>',
          actorType: 'OTHER',
          rawActorType: '<string>',
          sourceIds: ['<string>'],
          destinationId: '<string>',
          startedAt: at,
          endedAt: at,
          tags: [],
          modelMetrics: [
            {
              modelId: '<string>',
              modelName: '<string>',
              rowsTransferred: 123,
              deltaRowsTransferred: 123,
              volumeTransferredInMb: 123,
              startTransferWindowAt: at,
              endTransferWindowAt: at,
              mostRecentLastUpdatedAt: at,
              error: {
                errorCode: '<string>',
                title: '<string>',
                blame: 'OTHER',
                rawBlame: '<string>',
                documentationUrl: '<string>',
                trace: '<string>',
                message: '<string>',
                error: '<unknown>',
              },
            },
          ],
          modelsSnapshot: [{ modelId: '<string>', modelName: '<string>', revisionId: '<string>' }],
        },
      },
    });
  });
});

describe('RiverGen: the example data source', () => {
  it('"Update Data Source", response 200, reads with the fields it leaves out as null', async () => {
    gw.sims.rivergen?.setFaults({
      body: example('rivergen--update-data-source--response-200'),
      operations: ['updateDataSource'],
    });
    const answer = await gw.query(
      `mutation($id: ID!, $input: UpdateRiverGenDataSourceInput!) { updateRiverGenDataSource(id: $id, input: $input) { ${FAILURE} ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource {
        nativeId name provider vendor rawVendor host port database schema createdAt updatedAt
        organizationId workspaceId description status rawStatus tags connectionString useSshTunnel
        connectionPoolSize connectionTimeout queryTimeout maxRetries metadata createdByUserId updatedByUserId } } } }`,
      { id: riverGenId, input: { name: 'Updated PostgreSQL', connectionPoolSize: 10 } },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.updateRiverGenDataSource).toEqual({
      __typename: 'UpdateRiverGenDataSourceSuccess',
      riverGenDataSource: {
        nativeId: '1',
        name: 'Updated PostgreSQL',
        provider: 'RIVERGEN',
        vendor: 'POSTGRES',
        rawVendor: 'postgresql',
        host: 'newhost.example.com',
        port: 5433,
        database: 'production',
        schema: 'public',
        createdAt: null,
        updatedAt: '2024-12-01T11:00:00.000Z',
        organizationId: 1,
        workspaceId: 1,
        description: 'Updated description',
        status: 'ACTIVE',
        rawStatus: 'active',
        tags: ['updated', 'production'],
        connectionString: null,
        useSshTunnel: null,
        connectionPoolSize: 10,
        connectionTimeout: 60,
        queryTimeout: 300,
        maxRetries: 3,
        metadata: null,
        createdByUserId: null,
        updatedByUserId: 1,
      },
    });
  });
});
