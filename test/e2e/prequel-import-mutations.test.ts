import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PrequelImportSimulator, StoredSource } from '../../src/sandbox/prequel-import/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  CREATE,
  CREATE_LIMITS,
  gid,
  newPostgres,
  type Result,
  SECRETS,
  TEST,
  TEST_SAVED,
  UPDATE,
} from '../support/prequel-import-inputs.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const sim = () => gw.sims['prequel-import'] as PrequelImportSimulator;
const sent = (operation: string) => sim().stats.last(operation)?.body;
/** The oldest seeded source that fits, so every run picks the same one. */
function seeded(fits: (s: StoredSource) => boolean, skip = 0): StoredSource {
  const all = sim()
    .store.all()
    .filter(fits)
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  const found = all[skip];
  if (!found) throw new Error('no seeded source fits');
  return found;
}
const postgres = (fits: (s: StoredSource) => boolean = () => true, skip = 0) =>
  seeded((s) => s.vendor === 'postgres' && s.is_reachable && fits(s), skip);
const has = (key: string) => (s: StoredSource) => key in s.settings;

/** Every answer is checked as it arrives, so that each test stands alone. */
function expectNoSecret(answer: unknown): void {
  const text = JSON.stringify(answer);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

async function run(document: string, variables: Record<string, unknown>): Promise<Result> {
  const answer = await gw.query<Record<string, Result>>(document, variables);
  expectNoSecret(answer);
  expect(answer.errors).toBeUndefined();
  return Object.values(answer.data ?? {})[0] as Result;
}

describe('createImportSource', () => {
  it('sends the vendor block Prequel expects, leaves out nulls, and node reads the source right after', async () => {
    const created = await run(CREATE, {
      input: newPostgres('Orders primary', {
        schema: null,
        connectionTimeoutInSeconds: 45,
        sshTunnel: { host: 'bastion.example.com', username: 'prequel' },
      }),
    });
    expect(created.__typename).toBe('CreateImportSourceSuccess');
    expect(sent('createSource')).toEqual({
      source: {
        vendor: 'postgres',
        name: 'Orders primary',
        provider_id: 'provider-gateway-tests',
        postgres: {
          host: 'orders-db.example.com',
          port: 5432,
          database: 'orders',
          password_auth: { username: 'reader', password: SECRETS[0] },
          connection_timeout_in_seconds: 45,
          ssh_tunnel: { ssh_tunnel_host: 'bastion.example.com', ssh_tunnel_username: 'prequel' },
        },
      },
    });
    const id = created.importSource?.id;
    const node = await gw.query<{ node: { name: string; config: Record<string, unknown> } }>(
      `query($id: ID!) { node(id: $id) { ... on ImportSource { name config { ... on PostgresImportConfig {
        username connectionTimeoutInSeconds sshTunnel { host port } } } } } }`,
      { id },
    );
    expectNoSecret(node);
    expect(node.data?.node).toEqual({
      name: 'Orders primary',
      config: {
        username: 'reader',
        connectionTimeoutInSeconds: 45,
        sshTunnel: { host: 'bastion.example.com', port: 22 },
      },
    });
  });

  it('lists every field Prequel refuses as its own issue, by the input’s names', async () => {
    gw.resetCounts();
    const result = await run(CREATE, { input: { ...newPostgres(''), providerId: 'p'.repeat(129) } });
    expect(result).toMatchObject({ __typename: 'InvalidInputError', code: 'INVALID_INPUT' });
    expect(result.issues?.map((issue) => issue.field).sort()).toEqual([
      ['input', 'name'],
      ['input', 'providerId'],
    ]);
    expect(JSON.stringify(result.issues)).not.toContain('provider_id');
    // Prequel documents no limit on either: they are its to judge, in one call.
    expect(sim().stats.count()).toBe(1);
  });

  it('answers ConflictError on the name for a name the provider already uses', async () => {
    const taken = seeded(() => true, 3);
    const result = await run(CREATE, {
      input: { ...newPostgres(taken.name), providerId: taken.provider_id },
    });
    // Prequel's own refusal quotes the name; the answer says where the conflict is, not what.
    expect(result).toMatchObject({
      __typename: 'ConflictError',
      field: ['input', 'name'],
      message: 'input.name: clashes with what Prequel Import already holds',
    });
    expect(JSON.stringify(result)).not.toContain(taken.name);
  });

  it('passes on Prequel’s own refusal with the field it names, without the secret', async () => {
    const result = await run(CREATE, {
      input: {
        name: 'Warehouse',
        providerId: 'provider-gateway-tests',
        config: {
          bigquery: { projectId: 'acme-dw', gcpServiceAccountKey: { serviceAccountKey: SECRETS[2] } },
        },
      },
    });
    expect(result).toMatchObject({
      __typename: 'InvalidInputError',
      provider: 'prequel-import',
      field: ['input', 'config', 'bigquery', 'gcpServiceAccountKey', 'serviceAccountKey'],
    });
  });
});

describe('input limits, which Prequel documents none of: it judges them, and its refusal lands on the field', () => {
  it.each(CREATE_LIMITS)('testImportSource with %s', async (_label, input, field) => {
    gw.resetCounts();
    const result = await run(TEST, { input });
    if (field === null) {
      expect(result.__typename).toBe('TestImportSourceSuccess');
    } else {
      expect(result).toMatchObject({ __typename: 'InvalidInputError', provider: 'prequel-import', field });
      expect(result.issues).toHaveLength(1);
    }
    expect(sim().stats.count()).toBe(1);
  });
});

describe('updateImportSource', () => {
  it('sends only the fields given, and nested settings merge field by field', async () => {
    const source = postgres(has('password_auth'));
    const result = await run(UPDATE, {
      id: gid(source.id),
      input: {
        name: 'Renamed orders',
        config: { postgres: { port: 6543, passwordAuth: { password: SECRETS[1] } } },
      },
    });
    expect(result.__typename).toBe('UpdateImportSourceSuccess');
    expect(sent('updateSource')).toEqual({
      source: { name: 'Renamed orders', postgres: { port: 6543, password_auth: { password: SECRETS[1] } } },
    });
    expect(result.importSource?.config).toMatchObject({ port: 6543, username: 'prequel_reader' });
  });

  it('refuses every null, naming each field, without calling Prequel', async () => {
    gw.resetCounts();
    const nothing = 'cannot be cleared with null: leave it out to keep it';
    const id = gid(postgres().id);
    expect(
      await run(UPDATE, {
        id,
        input: { name: null, config: { postgres: { schema: null, passwordAuth: null } } },
      }),
    ).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [
        { field: ['input', 'name'], message: nothing },
        { field: ['input', 'config', 'postgres', 'schema'], message: nothing },
        { field: ['input', 'config', 'postgres', 'passwordAuth'], message: nothing },
      ],
    });
    expect(await run(UPDATE, { id, input: { config: null } })).toMatchObject({
      issues: [{ field: ['input', 'config'], message: nothing }],
    });
    expect(sim().stats.count()).toBe(0);
  });

  it.each([
    ['name', 'n'.repeat(255), null],
    ['name', 'n'.repeat(256), ['input', 'name']],
    ['port', 65535, null],
    ['port', 65536, ['input', 'config', 'postgres', 'port']],
  ])('lets Prequel judge %s (%s), its refusal on the field', async (key, value, field) => {
    const input = key === 'name' ? { name: value } : { config: { postgres: { [key]: value } } };
    const result = await run(UPDATE, { id: gid(postgres(() => true, 1).id), input });
    expect(result.__typename).toBe(field === null ? 'UpdateImportSourceSuccess' : 'InvalidInputError');
    if (field !== null) expect(result.field).toEqual(field);
  });

  it('sends settings of another vendor, and Prequel’s refusal lands on that vendor’s key', async () => {
    gw.resetCounts();
    const result = await run(UPDATE, {
      id: gid(postgres().id),
      input: { config: { redshift: { port: 5439 } } },
    });
    expect(result).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['input', 'config', 'redshift'],
      message: 'input.config.redshift: was refused by Prequel Import as invalid',
    });
    expect(sim().stats.counts()).toEqual({ updateSource: 1 });
  });

  it('maps Prequel’s 400 on a nested field onto the input path', async () => {
    const source = postgres((s) => !has('ssh_tunnel')(s));
    const result = await run(UPDATE, {
      id: gid(source.id),
      input: { config: { postgres: { sshTunnel: { port: 2222 } } } },
    });
    expect(result).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['input', 'config', 'postgres', 'sshTunnel', 'host'],
    });
  });

  it('answers NotFoundError for an id that names nothing, whatever its shape, and InvalidInputError for an id of another type', async () => {
    const unknown = gid('00000000-0000-4000-8000-000000000000');
    expect(await run(UPDATE, { id: unknown, input: { name: 'x' } })).toMatchObject({
      __typename: 'NotFoundError',
    });
    expect(await run(UPDATE, { id: unknown, input: { config: { postgres: { port: 1 } } } })).toMatchObject({
      __typename: 'NotFoundError',
    });
    // Prequel documents its ids only as strings, so this one is asked for.
    expect(await run(UPDATE, { id: gid('not-a-uuid'), input: {} })).toMatchObject({
      __typename: 'NotFoundError',
    });
    const other = Buffer.from('Destination:abc').toString('base64url');
    expect(await run(UPDATE, { id: other, input: {} })).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['id'],
    });
  });

  it('answers ConflictError on the name when renaming onto a name the provider uses', async () => {
    const first = postgres(() => true, 2);
    const twin = seeded((s) => s.provider_id === first.provider_id && s.id !== first.id);
    const result = await run(UPDATE, { id: gid(first.id), input: { name: twin.name } });
    expect(result).toMatchObject({ __typename: 'ConflictError', field: ['input', 'name'] });
    expect(JSON.stringify(result)).not.toContain(twin.name);
  });

  it('keeps later reads in the same request current: a second change checks the vendor without a call', async () => {
    const id = gid(postgres(() => true, 3).id);
    gw.resetCounts();
    const answer = await gw.query<{ b: { importSource: { name: string } } }>(
      `mutation($id: ID!) {
        a: updateImportSource(id: $id, input: { name: "Changed twice" }) { __typename }
        b: updateImportSource(id: $id, input: { config: { postgres: { port: 5433 } } }) {
          ... on UpdateImportSourceSuccess { importSource { name } } }
      }`,
      { id },
    );
    expect(answer.data?.b.importSource.name).toBe('Changed twice');
    expect(sim().stats.counts()).toEqual({ updateSource: 2 });
  });
});

describe('connection tests', () => {
  it('returns a failed test of unsaved settings as data, sending the create body', async () => {
    const result = await run(TEST, { input: newPostgres('Probe', { host: 'db.example.invalid' }) });
    expect(result).toMatchObject({
      __typename: 'TestImportSourceSuccess',
      result: { succeeded: false, code: 'connection_failed' },
    });
    expect(sent('testSource')).toMatchObject({
      source: { vendor: 'postgres', postgres: { host: 'db.example.invalid' } },
    });
    const noCredential = await run(TEST, { input: newPostgres('Probe', { passwordAuth: null }) });
    expect(noCredential.result).toMatchObject({ succeeded: false, code: 'authentication_failed' });
  });

  it('tests a saved source that cannot be reached, with no body, and answers the failure as data', async () => {
    const down = seeded((s) => !s.is_reachable);
    const result = await run(TEST_SAVED, { id: gid(down.id) });
    expect(result).toMatchObject({ result: { succeeded: false, code: 'connection_failed' } });
    expect(sent('testSavedSource')).toBeUndefined();
    await run(TEST_SAVED, { id: gid(down.id), input: {} });
    expect(sent('testSavedSource')).toBeUndefined();
  });

  it('previews changes for the test only, and checks them like an update', async () => {
    const source = postgres(has('password_auth'), 4);
    const preview = await run(TEST_SAVED, {
      id: gid(source.id),
      input: { config: { postgres: { host: 'moved.example.invalid' } } },
    });
    expect(preview.result).toMatchObject({ succeeded: false, code: 'connection_failed' });
    expect(sent('testSavedSource')).toEqual({ source: { postgres: { host: 'moved.example.invalid' } } });
    expect(sim().store.raw(source.id)?.settings).toMatchObject({
      host: (source.settings as { host?: string }).host,
    });
    const saved = await run(TEST_SAVED, { id: gid(source.id) });
    expect(saved.result).toMatchObject({ succeeded: true, code: 'success' });
    expect(
      await run(TEST_SAVED, { id: gid(source.id), input: { config: { sftp: { port: 22 } } } }),
    ).toMatchObject({
      field: ['input', 'config', 'sftp'],
    });
    expect(await run(TEST_SAVED, { id: gid('00000000-0000-4000-8000-000000000000') })).toMatchObject({
      __typename: 'NotFoundError',
    });
  });
});

describe('where a refusal from Prequel lands, by the field it names', () => {
  afterEach(() => sim().setFaults(undefined));
  /** Prequel's next answer to `operation` is a 400 saying `message`, in its documented error shape. */
  const refuseWith = (operation: string, message: string) =>
    sim().setFaults({ operations: [operation], body: { status: 'error', message }, bodyStatus: 400 });
  const UNNAMED = 'holds a field this input has no name for, which Prequel Import refused as invalid';

  it('puts a refusal of the path’s `id` on the mutation’s `id` argument', async () => {
    refuseWith('updateSource', 'id: is not an import source id');
    expect(await run(UPDATE, { id: gid(postgres().id), input: { name: 'Kept' } })).toEqual({
      __typename: 'InvalidInputError',
      code: 'INVALID_INPUT',
      provider: 'prequel-import',
      field: ['id'],
      message: 'id: was refused by Prequel Import as invalid',
      issues: [{ field: ['id'], message: 'was refused by Prequel Import as invalid' }],
    });
  });

  it('puts `source.vendor` on the vendor settings, the input’s one place for the vendor', async () => {
    refuseWith('createSource', 'source.vendor: is not a vendor this account may use');
    expect(await run(CREATE, { input: newPostgres('Vendor refused') })).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['input', 'config'],
      issues: [{ field: ['input', 'config'], message: 'was refused by Prequel Import as invalid' }],
    });
  });

  it.each([
    ['no field', 'Invalid request', 'was refused by Prequel Import as invalid'],
    ['the body’s `source` as a whole', 'source: is required', UNNAMED],
    [
      'a field of another of its objects, whose last name the input also has',
      'provider.name: is taken',
      UNNAMED,
    ],
    ['a field outside `source` the input has no name for', 'cursor: is not a cursor', UNNAMED],
  ])('puts a refusal naming %s on the input as a whole', async (_what, message, says) => {
    refuseWith('createSource', message);
    expect(await run(CREATE, { input: newPostgres('Refused as a whole') })).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['input'],
      issues: [{ field: ['input'], message: says }],
    });
  });
});
