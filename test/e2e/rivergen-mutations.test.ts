import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riverGenDemoTokens } from '../../src/sandbox/rivergen/index.js';
import type { UpdateRiverGenDataSourceInput } from '../generated/graphql.js';
import { graphql } from '../generated/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { expectTypename } from '../support/typed.js';

const gid = (id: number | string) => Buffer.from(`RiverGenDataSource:${id}`).toString('base64url');

const UPDATE = graphql(`
  mutation UpdateRiverGenDataSource($id: ID!, $input: UpdateRiverGenDataSourceInput!) {
    updateRiverGenDataSource(id: $id, input: $input) {
      __typename
      ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { id name description tags port } }
      ... on UserError { message code field }
      ... on InvalidInputError { issues { field message } }
    }
  }
`);

const CREATE = graphql(`
  mutation CreateRiverGenDataSource($input: CreateRiverGenDataSourceInput!) {
    createRiverGenDataSource(input: $input) {
      __typename
      ... on CreateRiverGenDataSourceSuccess { riverGenDataSource { id name description tags port } }
      ... on UserError { message code field }
      ... on InvalidInputError { issues { field message } }
    }
  }
`);

const OWN_IDS = graphql(`
  query OwnRiverGenIds {
    riverGenDataSources(first: 10, sortBy: ID, sortOrder: ASC) { edges { node { id } } }
  }
`);

const NAME_OF = graphql(`
  query NameOfNode($id: ID!) {
    node(id: $id) { ... on DataSource { name } }
  }
`);

let gw: TestGateway;
/** Global ids of the demo organisation's first data sources. */
let own: string[] = [];
beforeAll(async () => {
  gw = await startTestGateway();
  const list = await gw.query(OWN_IDS);
  own = (list.data?.riverGenDataSources?.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node.id] : []));
});
afterAll(() => gw.close());

async function update(id: string, input: UpdateRiverGenDataSourceInput) {
  const result = await gw.query(UPDATE, { id, input });
  expect(result.errors).toBeUndefined();
  return result.data?.updateRiverGenDataSource;
}

const sentBody = (operation: string) => gw.sims.rivergen?.stats.last(operation)?.body;

describe('updateRiverGenDataSource', () => {
  it('sends only the fields given, null where RiverGen clears, and a list whole', async () => {
    const result = await update(own[2] as string, { description: null, tags: ['finance', 'eu'], port: 6543 });
    const updated = expectTypename(result, 'UpdateRiverGenDataSourceSuccess');
    expect(sentBody('updateDataSource')).toEqual({ description: null, tags: ['finance', 'eu'], port: 6543 });
    expect(updated.riverGenDataSource).toMatchObject({
      description: null,
      tags: ['finance', 'eu'],
      port: 6543,
    });
  });

  it('refuses null where RiverGen cannot clear, naming the field, without calling RiverGen', async () => {
    gw.resetCounts();
    const result = await update(own[2] as string, { name: null, connectionPoolSize: null });
    expect(result).toMatchObject({
      __typename: 'InvalidInputError',
      code: 'INVALID_INPUT',
      issues: [
        { field: ['input', 'name'], message: 'cannot be cleared with null: leave it out to keep it' },
        {
          field: ['input', 'connectionPoolSize'],
          message: 'cannot be cleared with null: leave it out to keep it',
        },
      ],
    });
    expect(gw.sims.rivergen?.stats.count('updateDataSource')).toBe(0);
  });

  it.each([
    ['name', '255 characters', 'x'.repeat(255), 'ok'],
    ['name', '256 characters', 'x'.repeat(256), 'gateway'],
    ['name', 'no characters', '', 'gateway'],
    ['name', '1 character', 'x', 'ok'],
    ['filePath', '1,000 characters', 'p'.repeat(1000), 'ok'],
    ['filePath', '1,001 characters', 'p'.repeat(1001), 'gateway'],
    ['port', '65535', 65535, 'ok'],
    ['port', '65536', 65536, 'upstream'],
    ['port', '0', 0, 'upstream'],
    ['connectionPoolSize', '100', 100, 'ok'],
    ['connectionPoolSize', '101', 101, 'upstream'],
  ])(
    'checks %s of %s where RiverGen documents the limit, else lets it judge (%s)',
    async (field, _label, value, outcome) => {
      gw.resetCounts();
      const input: UpdateRiverGenDataSourceInput = { [field]: value };
      const result = await update(own[3] as string, input);
      expect(result).toMatchObject(
        outcome === 'ok'
          ? { __typename: 'UpdateRiverGenDataSourceSuccess' }
          : { __typename: 'InvalidInputError', field: ['input', field] },
      );
      expect(gw.sims.rivergen?.stats.count('updateDataSource')).toBe(outcome === 'gateway' ? 0 : 1);
    },
  );

  it.each([
    ['name', 'x'.repeat(256), 'must be 1 to 255 characters (got 256)'],
    ['name', '', 'must be 1 to 255 characters (got 0)'],
    ['filePath', 'p'.repeat(1001), 'must be 0 to 1000 characters (got 1001)'],
  ])('says which limit %s breaks and the length it has, never the value', async (field, value, says) => {
    const result = await update(own[3] as string, { [field]: value });
    expect(result).toMatchObject({
      __typename: 'InvalidInputError',
      message: `input.${field}: ${says}`,
      issues: [{ field: ['input', field], message: says }],
    });
  });

  it('answers NotFoundError for an id that names nothing, and for another organisation’s data source', async () => {
    expect(await update(gid(99999), { description: 'x' })).toMatchObject({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
    });
    const foreign = await fetch(`${gw.sims.rivergen?.url}/api/v1/data-sources?page_size=1`, {
      headers: { authorization: `Bearer ${riverGenDemoTokens.otherOrganization}` },
    }).then((r) => r.json() as Promise<{ data: { items: { id: number }[] } }>);
    expect(await update(gid(foreign.data.items[0]?.id ?? 0), { description: 'x' })).toMatchObject({
      __typename: 'NotFoundError',
    });
  });

  it('answers InvalidInputError on the id for an id of another type', async () => {
    const other = Buffer.from('ImportSource:abc').toString('base64url');
    expect(await update(other, {})).toMatchObject({ __typename: 'InvalidInputError', field: ['id'] });
  });

  it('answers a later change in the same request with the earlier one in place', async () => {
    const result = await gw.query(
      graphql(`
        mutation RenameThenChangeAgain($id: ID!) {
          renamed: updateRiverGenDataSource(id: $id, input: { name: "Renamed in place" }) { __typename }
          after: updateRiverGenDataSource(id: $id, input: { description: "Changed after the rename" }) {
            ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { name description } }
          }
        }
      `),
      { id: own[4] as string },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.renamed?.__typename).toBe('UpdateRiverGenDataSourceSuccess');
    // The second change did not send the name: the answer holds it because RiverGen kept the first.
    expect(sentBody('updateDataSource')).toEqual({ description: 'Changed after the rename' });
    expect(result.data?.after).toEqual({
      riverGenDataSource: { name: 'Renamed in place', description: 'Changed after the rename' },
    });
  });
});

describe('createRiverGenDataSource', () => {
  it('creates a data source that node reads right after, keeping its credentials to itself', async () => {
    const result = await gw.query(CREATE, {
      input: {
        name: 'Orders replica',
        type: 'postgresql',
        host: 'orders-replica.internal',
        port: 5432,
        databaseName: 'orders',
        tags: ['replica'],
        credentials: { username: 'reader', password: 'pw-never-shown-1' },
      },
    });
    const created = expectTypename(result.data?.createRiverGenDataSource, 'CreateRiverGenDataSourceSuccess');
    expect(sentBody('createDataSource')).toMatchObject({
      credentials: { username: 'reader', password: 'pw-never-shown-1' },
    });
    const node = await gw.query(NAME_OF, { id: created.riverGenDataSource?.id ?? '' });
    expect(node.data?.node).toEqual({ name: 'Orders replica' });
  });

  it('passes on RiverGen’s own refusal as an InvalidInputError on the field it names', async () => {
    const result = await gw.query(CREATE, { input: { name: 'No host', type: 'mysql' } });
    const refused = expectTypename(result.data?.createRiverGenDataSource, 'InvalidInputError');
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.field?.[0]).toBe('input');
  });

  it('answers ConflictError for a name the organisation already uses', async () => {
    const input = { name: 'Twice', type: 'csv', filePath: 'exports/twice.csv' };
    await gw.query(CREATE, { input });
    const again = await gw.query(CREATE, { input });
    // RiverGen's own refusal quotes the name; the answer says where the conflict is, not what.
    expect(again.data?.createRiverGenDataSource).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      field: ['input', 'name'],
      message: 'input.name: clashes with what RiverGen already holds',
    });
    expect(JSON.stringify(again)).not.toContain('Twice');
  });
});

describe('credentials, tests and deletes', () => {
  it('stores credentials, tests connections and deletes softly or for good', async () => {
    const creds = await gw.query(
      graphql(`
        mutation StoreRiverGenPassword($id: ID!) {
          updateRiverGenCredentials(id: $id, input: { password: "pw-never-shown-2", apiKey: null }) { __typename }
        }
      `),
      { id: own[5] as string },
    );
    expect(creds.data?.updateRiverGenCredentials?.__typename).toBe('UpdateRiverGenCredentialsSuccess');
    expect(sentBody('updateDataSourceCredentials')).toEqual({ password: 'pw-never-shown-2', api_key: null });

    const test = await gw.query(
      graphql(`
        mutation TestRiverGenConnection($id: ID!) {
          testRiverGenDataSource(id: $id) {
            __typename
            ... on TestRiverGenDataSourceSuccess { result { connectionSuccessful errorCode } }
          }
        }
      `),
      { id: own[5] as string },
    );
    const tested = expectTypename(test.data?.testRiverGenDataSource, 'TestRiverGenDataSourceSuccess');
    expect(typeof tested.result?.connectionSuccessful).toBe('boolean');

    const soft = await gw.query(
      graphql(`
        mutation DeleteRiverGenSoftly($id: ID!) {
          deleteRiverGenDataSource(id: $id) {
            __typename
            ... on DeleteRiverGenDataSourceSuccess { deleted { permanent } }
          }
        }
      `),
      { id: own[6] as string },
    );
    expect(soft.data?.deleteRiverGenDataSource).toEqual({
      __typename: 'DeleteRiverGenDataSourceSuccess',
      deleted: { permanent: false },
    });
    expect(gw.sims.rivergen?.stats.last('deleteDataSource')?.query).toBe('?force=false');
    const gone = await gw.query(NAME_OF, { id: own[6] as string });
    expect(gone.data).toEqual({ node: null });

    await gw.query(
      graphql(`
        mutation DeleteRiverGenForGood($id: ID!) {
          deleteRiverGenDataSource(id: $id, force: true) { __typename }
        }
      `),
      { id: own[7] as string },
    );
    expect(gw.sims.rivergen?.stats.last('deleteDataSource')?.query).toBe('?force=true');
  });
});

describe('with each caller’s own RiverGen token', () => {
  let forwarding: TestGateway;
  beforeAll(async () => {
    forwarding = await startTestGateway({ RIVERGEN_CREDENTIALS: 'forward' });
  });
  afterAll(() => forwarding.close());

  const change = (token: string) =>
    forwarding.query(
      UPDATE,
      { id: own[2] as string, input: { description: 'mine' } },
      { 'x-rivergen-token': token },
    );

  it('answers ForbiddenError to a user who belongs to no organisation', async () => {
    const result = await change(riverGenDemoTokens.noOrganization);
    expect(result.data?.updateRiverGenDataSource).toMatchObject({
      __typename: 'ForbiddenError',
      code: 'FORBIDDEN',
    });
  });

  it('answers NotFoundError to another organisation, which cannot see the data source', async () => {
    const result = await change(riverGenDemoTokens.otherOrganization);
    expect(result.data?.updateRiverGenDataSource).toMatchObject({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
    });
  });

  it('lets a colleague in the same organisation change it', async () => {
    const result = await change(riverGenDemoTokens.colleague);
    expect(result.data?.updateRiverGenDataSource?.__typename).toBe('UpdateRiverGenDataSourceSuccess');
  });
});
