import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresDestinationInput } from '../support/destination-inputs.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  CREATE as CREATE_IMPORT_SOURCE,
  newPostgres,
  UPDATE as UPDATE_IMPORT_SOURCE,
} from '../support/prequel-import-inputs.js';
import { mutationAnswer, type UserErrorAnswer } from '../support/user-errors.js';

/**
 * Messages speak of fields by their GraphQL input paths (`input.enabledModels[0]`), never by the
 * upstream's spellings (`destination.enabled_models[0]`, `database_name`), and with the right
 * article. An upstream's refusal is read for the fields it names, and said in the gateway's words.
 * Some refusals below are injected: an upstream may word them so, but no simulator does.
 */

type Refusal = UserErrorAnswer;

const REFUSAL = `__typename
  ... on UserError { message field }
  ... on InvalidInputError { issues { field message } }`;
const CREATE_DESTINATION = `mutation($input: CreateDestinationInput!) { createDestination(input: $input) { ${REFUSAL} } }`;
const CREATE_RIVERGEN = `mutation($input: CreateRiverGenDataSourceInput!) {
  createRiverGenDataSource(input: $input) { ${REFUSAL} } }`;

let gw: TestGateway;
let recipientId = '';
let destinationId = '';
beforeAll(async () => {
  gw = await startTestGateway({ UPSTREAM_BREAKER_FAILURES: '1000' });
  const list = await gw.query<{ destinations: { edges: { node: { id: string; recipientId: string } }[] } }>(
    '{ destinations(first: 1) { edges { node { id recipientId } } } }',
  );
  recipientId = list.data?.destinations.edges[0]?.node.recipientId ?? '';
  destinationId = list.data?.destinations.edges[0]?.node.id ?? '';
});
afterEach(() => {
  for (const sim of Object.values(gw.sims)) sim.setFaults(undefined);
});
afterAll(() => gw.close());

const refusal = (document: string, variables: Record<string, unknown>): Promise<Refusal> =>
  mutationAnswer(gw, document, variables);

/** The provider answers the next call to `operation` with `status` and `body`. */
function refuseNext(provider: string, operation: string, status: number, body: unknown): void {
  gw.sims[provider]?.setFaults({ operations: [operation], body, bodyStatus: status });
}

const newDestination = (overrides: Record<string, unknown> = {}) => ({
  ...postgresDestinationInput(`Named ${Math.random().toString(36).slice(2)}`, recipientId),
  ...overrides,
});

describe('a field an upstream refuses', () => {
  it('is named by its input path, list index included: input.enabledModels[1]', async () => {
    const answer = await refusal(CREATE_DESTINATION, {
      input: newDestination({ enabledModels: ['invoices', 'no_such_model'] }),
    });
    expect(answer).toMatchObject({
      __typename: 'InvalidInputError',
      message: 'input.enabledModels[1]: was refused by Prequel Export as invalid',
      field: ['input', 'enabledModels', '1'],
      issues: [
        { field: ['input', 'enabledModels', '1'], message: 'was refused by Prequel Export as invalid' },
      ],
    });
    expect(JSON.stringify(answer)).not.toMatch(/enabled_models|destination\./);
  });

  it('is found, by its input path, where the upstream names it only inside its own sentence', async () => {
    refuseNext('rivergen', 'createDataSource', 400, {
      success: false,
      error: {
        code: 'VALIDATION_ERROR',
        message: 'host, port and database_name are required when connection_string is not given',
      },
    });
    const answer = await refusal(CREATE_RIVERGEN, { input: { name: 'Orders', type: 'csv' } });
    expect(answer).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['input', 'databaseName'],
      issues: [{ field: ['input', 'databaseName'], message: 'was refused by RiverGen as invalid' }],
    });
    expect(JSON.stringify(answer)).not.toMatch(/database_name|connection_string/);
  });

  it('that the input has no name for is said to be one, without the upstream’s spelling', async () => {
    refuseNext('prequel-import', 'createSource', 400, {
      status: 'error',
      message: 'source.postgres.ssl_mode: is required; source.tunnel_key: is not a known field',
    });
    const answer = await refusal(CREATE_IMPORT_SOURCE, { input: newPostgres('Unnamed fields') });
    const unnamed = 'holds a field this input has no name for, which Prequel Import refused as invalid';
    expect(answer).toMatchObject({
      __typename: 'InvalidInputError',
      message: '2 fields are invalid',
      issues: [
        { field: ['input', 'config', 'postgres'], message: unnamed },
        { field: ['input'], message: unnamed },
      ],
    });
    expect(JSON.stringify(answer)).not.toMatch(/ssl_mode|tunnel_key|source\./);
  });

  it('is named by its input path when the gateway refuses it itself, without asking the upstream', async () => {
    gw.resetCounts();
    const answer = await refusal(CREATE_RIVERGEN, {
      input: { name: '', type: 'csv', filePath: 'exports/unnamed.csv' },
    });
    expect(answer).toEqual({
      __typename: 'InvalidInputError',
      message: 'input.name: must be 1 to 255 characters (got 0)',
      field: ['input', 'name'],
      issues: [{ field: ['input', 'name'], message: 'must be 1 to 255 characters (got 0)' }],
    });
    expect(gw.sims.rivergen?.stats.count('createDataSource')).toBe(0);
  });

  it('is named by its input path in a conflict the upstream words itself', async () => {
    refuseNext('prequel-export', 'updateDestination', 409, {
      status: 'error',
      message: 'destination.id_in_provider_system is taken by another destination',
    });
    const answer = await refusal(
      `mutation($id: ID!, $input: UpdateDestinationInput!) { updateDestination(id: $id, input: $input) { ${REFUSAL} } }`,
      { id: destinationId, input: { frequencyMinutes: 60 } },
    );
    expect(answer).toMatchObject({
      __typename: 'ConflictError',
      field: ['input', 'idInProviderSystem'],
      message: 'input.idInProviderSystem: clashes with what Prequel Export already holds',
    });
  });

  it('outside a mutation, where no input names it, is not named at all', async () => {
    refuseNext('pdc', 'filterDataSources', 400, {
      status: 400,
      message: ['filters.resourceNames[0]: must NOT have more than 255 characters'],
    });
    const answer = await gw.query('{ catalogDataSources(first: 1, resourceNames: ["x"]) { totalCount } }');
    expect(answer.errors?.[0]?.message).toBe('Pentaho Data Catalog refused the request as invalid');
    expect(answer.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', provider: 'pdc' });
  });
});

describe('a type named in a message', () => {
  it('takes the article its sound asks for: an ImportSource, a Destination', async () => {
    const wrong = await refusal(UPDATE_IMPORT_SOURCE, { id: destinationId, input: { name: 'x' } });
    expect(wrong).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: ['id'], message: 'is not the id of an ImportSource' }],
    });
    const sources = await gw.query<{ importSources: { edges: { node: { id: string } }[] } }>(
      '{ importSources(first: 1) { edges { node { id } } } }',
    );
    const wrongWay = await refusal(`mutation($id: ID!) { deleteDestination(id: $id) { ${REFUSAL} } }`, {
      id: sources.data?.importSources.edges[0]?.node.id,
    });
    expect(wrongWay).toMatchObject({
      issues: [{ field: ['id'], message: 'is not the id of a Destination' }],
    });
  });
});
