import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdcSimulator } from '../../src/sandbox/pdc/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { mutationAnswer, type UserErrorAnswer } from '../support/user-errors.js';

interface Answer extends UserErrorAnswer {
  riverGenDataSource?: { vendor: string; rawVendor: string };
}

const ANSWER = `__typename ... on UserError { field } ... on InvalidInputError { issues { field message } }`;
const CREATE = `mutation($input: CreateRiverGenDataSourceInput!) { createRiverGenDataSource(input: $input) {
  ${ANSWER} ... on CreateRiverGenDataSourceSuccess { riverGenDataSource { vendor rawVendor } } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateRiverGenDataSourceInput!) {
  updateRiverGenDataSource(id: $id, input: $input) { ${ANSWER} } }`;

let gw: TestGateway;
let riverGenIds: string[] = [];
beforeAll(async () => {
  gw = await startTestGateway();
  const list = await gw.query<{ riverGenDataSources: { edges: { node: { id: string } }[] } }>(
    '{ riverGenDataSources(first: 5, sortBy: ID, sortOrder: ASC) { edges { node { id } } } }',
  );
  riverGenIds = list.data?.riverGenDataSources.edges.map((e) => e.node.id) ?? [];
});
afterAll(() => gw.close());

const calls = (provider: string, operation: string) => gw.sims[provider]?.stats.count(operation);

const run = (document: string, variables: Record<string, unknown>): Promise<Answer> =>
  mutationAnswer(gw, document, variables);

describe('RiverGen inputs its docs do not limit go to RiverGen', () => {
  it('sends a type its docs do not name, which it supports', async () => {
    const created = await run(CREATE, {
      input: {
        name: 'Replica on MariaDB',
        type: 'mariadb',
        host: 'maria.internal',
        port: 3306,
        databaseName: 'app',
      },
    });
    expect(created).toMatchObject({
      __typename: 'CreateRiverGenDataSourceSuccess',
      riverGenDataSource: { vendor: 'MARIADB', rawVendor: 'mariadb' },
    });
  });

  it('answers a type RiverGen refuses as an InvalidInputError on `type`', async () => {
    gw.resetCounts();
    const refused = await run(CREATE, { input: { name: 'Local file', type: 'sqlite', filePath: 'x.db' } });
    expect(refused).toMatchObject({ __typename: 'InvalidInputError', field: ['input', 'type'] });
    expect(refused.issues).toHaveLength(1);
    expect(calls('rivergen', 'createDataSource')).toBe(1);
  });

  it('lists each field RiverGen refuses as its own issue, by the input’s names', async () => {
    gw.resetCounts();
    const refused = await run(UPDATE, {
      id: riverGenIds[0],
      input: { connectionPoolSize: 101, sshLocalPort: 80, schemaRefreshInterval: 1 },
    });
    expect(refused.__typename).toBe('InvalidInputError');
    expect(refused.issues?.map((issue) => issue.field).sort()).toEqual([
      ['input', 'connectionPoolSize'],
      ['input', 'schemaRefreshInterval'],
      ['input', 'sshLocalPort'],
    ]);
    expect(JSON.stringify(refused.issues)).not.toMatch(/connection_pool_size|ssh_local_port|schema_refresh/);
    expect(calls('rivergen', 'updateDataSource')).toBe(1);
  });

  it('sends a connection test timeout, and answers RiverGen’s refusal on `timeoutSeconds`', async () => {
    const refused = await run(
      `mutation($id: ID!) { testRiverGenDataSource(id: $id, timeoutSeconds: 301) { ${ANSWER} } }`,
      { id: riverGenIds[1] },
    );
    expect(refused).toMatchObject({ __typename: 'InvalidInputError', field: ['timeoutSeconds'] });
    expect(gw.sims.rivergen?.stats.last('testDataSourceConnection')?.body).toEqual({ timeout_seconds: 301 });
  });

  it('offers only the credentials the credentials endpoint documents', async () => {
    const answer = await gw.query(
      `mutation($id: ID!) { updateRiverGenCredentials(id: $id, input: { warehouse: "WH" }) { __typename } }`,
      { id: riverGenIds[2] },
    );
    expect(answer.errors?.[0]?.message).toContain('warehouse');
    const fields = await gw.query<{ __type: { inputFields: { name: string }[] } }>(
      '{ __type(name: "UpdateRiverGenCredentialsInput") { inputFields { name } } }',
    );
    expect(fields.data?.__type.inputFields.map((f) => f.name).sort()).toEqual([
      'apiKey',
      'oauthToken',
      'password',
      'rotateCredentials',
      'sshPassphrase',
      'sshPrivateKey',
      'username',
    ]);
  });
});

describe('limits the gateway keeps are the documented ones, and say so', () => {
  it('describes each kept limit in the schema as documented and checked before sending', async () => {
    const described = async (type: string, field: string) => {
      const answer = await gw.query<{ __type: { inputFields: { name: string; description: string }[] } }>(
        `{ __type(name: "${type}") { inputFields { name description } } }`,
      );
      return answer.data?.__type.inputFields.find((f) => f.name === field)?.description;
    };
    expect(await described('CreateRiverGenDataSourceInput', 'name')).toContain(
      'documented limit, checked before sending: 1 to 255 characters',
    );
    expect(await described('CreateDestinationInput', 'frequencyMinutes')).toContain(
      'documented limit, checked before sending: one of 0, 15, 60, 360, 720, 1440',
    );
    expect(await described('CreateRiverGenDataSourceInput', 'connectionPoolSize')).not.toContain('limit');
  });
});

describe('PDC’s listing of everything', () => {
  it('asks with a wildcard filter on names, and finds every data source', async () => {
    const pdc = gw.sims.pdc as PdcSimulator;
    const answer = await gw.query<{ catalogDataSources: { totalCount: number } }>(
      '{ catalogDataSources(first: 1) { totalCount } }',
    );
    expect(answer.data?.catalogDataSources.totalCount).toBe(pdc.store.list().length);
    expect(pdc.stats.last('filterDataSources')?.body).toEqual({ filters: { resourceNames: ['*'] } });
  });
});
