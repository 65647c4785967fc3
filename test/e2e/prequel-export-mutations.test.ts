import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresDestinationInput } from '../support/destination-inputs.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { mutationAnswer, type UserErrorAnswer } from '../support/user-errors.js';

const gid = (id: string) => Buffer.from(`Destination:${id}`).toString('base64url');

interface Seeded {
  id: string;
  name: string;
  rawVendor: string;
  host: string | null;
  recipientId: string;
}

interface Result extends UserErrorAnswer {
  destination?: {
    id: string;
    name: string;
    frequencyMinutes: number;
    enabledModels: string[];
    isEnabled: boolean;
    config: { host?: string; port?: number; passwordAuth?: { username: string } | null } | null;
  };
  deleted?: { deletedId: string };
  result?: { succeeded: boolean; message: string; error: { errorCode: string; blame: string } | null };
}

const ANSWER = `__typename
  ... on UserError { message code field }
  ... on InvalidInputError { issues { field message } }`;
const DESTINATION = `destination { id name frequencyMinutes enabledModels isEnabled
  config { ... on PostgresDestinationConfig { host port passwordAuth { username } } } }`;
const CREATE = `mutation($input: CreateDestinationInput!) {
  createDestination(input: $input) { ${ANSWER} ... on CreateDestinationSuccess { ${DESTINATION} } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateDestinationInput!) {
  updateDestination(id: $id, input: $input) { ${ANSWER} ... on UpdateDestinationSuccess { ${DESTINATION} } } }`;
const DELETE = `mutation($id: ID!) {
  deleteDestination(id: $id) { ${ANSWER} ... on DeleteDestinationSuccess { deleted { deletedId } } } }`;
const RESULT = 'result { succeeded message error { errorCode blame } }';
const TEST = `mutation($input: CreateDestinationInput!) {
  testDestination(input: $input) { ${ANSWER} ... on TestDestinationSuccess { ${RESULT} } } }`;
const TEST_SAVED = `mutation($id: ID!) {
  testDestinationConnection(id: $id) { ${ANSWER} ... on TestDestinationConnectionSuccess { ${RESULT} } } }`;

let gw: TestGateway;
let seeded: Seeded[] = [];
let healthyPostgres: Seeded[] = [];
let recipientId = '';
beforeAll(async () => {
  gw = await startTestGateway();
  const list = await gw.query<{ destinations: { edges: { node: Seeded }[] } }>(
    '{ destinations(first: 100, order: ASC) { edges { node { id name rawVendor host recipientId } } } }',
  );
  seeded = list.data?.destinations.edges.map((e) => e.node) ?? [];
  healthyPostgres = seeded.filter((d) => d.rawVendor === 'postgres' && !d.host?.endsWith('.invalid'));
  recipientId = seeded[0]?.recipientId ?? '';
  // The tests below change two healthy PostgreSQL destinations and delete the last one.
  expect(healthyPostgres.length).toBeGreaterThanOrEqual(2);
});
afterAll(() => gw.close());

const run = (document: string, variables: Record<string, unknown>): Promise<Result> =>
  mutationAnswer(gw, document, variables);

const sent = (operation: string) => gw.sims['prequel-export']?.stats.last(operation)?.body;
const calls = (operation: string) => gw.sims['prequel-export']?.stats.count(operation);

let made = 0;
/** A valid create input with a fresh name; `host` picks the postgres server. */
function newDestination(overrides: Record<string, unknown> = {}, host = 'db.acme.example.com') {
  made += 1;
  return { ...postgresDestinationInput(`Exports ${made}`, recipientId, host), ...overrides };
}

/** Sets one field of an input by its path, e.g. `["config", "postgres", "port"]`. */
function withField(input: Record<string, unknown>, path: string[], value: unknown) {
  const copy = structuredClone(input);
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path.at(-1) as string] = value;
  return copy;
}

describe('createDestination', () => {
  it('leaves out a null inside a settings group, as it does at the top, when creating', async () => {
    const input = withField(newDestination(), ['config', 'postgres', 'passwordAuth', 'username'], null);
    await gw.query<{ createDestination: Result }>(CREATE, { input });
    const body = sent('createDestination') as { destination: { postgres: Record<string, unknown> } };
    expect(body.destination.postgres.password_auth).toEqual({ password: 'pw-export-secret-1' });
  });

  it('sends every field given under its Prequel name, keeps the password to itself, and node reads it at once', async () => {
    const input = newDestination({
      frequencyMinutes: 60,
      enabledModels: ['invoices', 'payments'],
      products: ['billing'],
      isEnabled: false,
      maxConcurrentTransfers: 2,
      maxConcurrentQueriesPerTransfer: 8,
    });
    const answer = await gw.query<{ createDestination: Result }>(CREATE, { input });
    const created = answer.data?.createDestination;
    expect(created?.__typename).toBe('CreateDestinationSuccess');
    expect(sent('createDestination')).toEqual({
      destination: {
        vendor: 'postgres',
        name: input.name,
        recipient_id: recipientId,
        frequency_minutes: 60,
        enabled_models: ['invoices', 'payments'],
        products: ['billing'],
        is_enabled: false,
        max_concurrent_transfers: 2,
        max_concurrent_queries_per_transfer: 8,
        postgres: {
          host: 'db.acme.example.com',
          port: 5432,
          database: 'analytics',
          schema: 'prequel',
          password_auth: { username: 'prequel', password: 'pw-export-secret-1' },
        },
      },
    });
    expect(JSON.stringify(answer)).not.toContain('pw-export-secret-1');
    const node = await gw.query<{ node: { name: string; enabledModels: string[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Destination { name enabledModels } } }',
      { id: created?.destination?.id },
    );
    expect(node.data?.node).toEqual({ name: input.name, enabledModels: ['invoices', 'payments'] });
  });

  it("leaves out what is absent or null, so Prequel's defaults apply, and takes the recipient's own id", async () => {
    const input = {
      name: 'Exports to S3',
      idInProviderSystem: 'org_new_customer',
      frequencyMinutes: null,
      config: { s3: { bucketName: 'acme-exports', bucketRegion: 'us-east-1', folder: null } },
    };
    const created = await run(CREATE, { input });
    expect(sent('createDestination')).toEqual({
      destination: {
        vendor: 's3',
        name: 'Exports to S3',
        id_in_provider_system: 'org_new_customer',
        s3: { bucket_name: 'acme-exports', bucket_region: 'us-east-1' },
      },
    });
    expect(created.destination).toMatchObject({
      frequencyMinutes: 1440,
      enabledModels: ['*'],
      isEnabled: true,
    });
  });

  it('refuses no recipient id before calling Prequel', async () => {
    gw.resetCounts();
    const answer = await run(CREATE, { input: newDestination({ recipientId: undefined }) });
    expect(answer).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: ['input'], message: 'must give recipientId or idInProviderSystem' }],
    });
    expect(calls('createDestination')).toBe(0);
  });

  it('sends both recipient ids, and Prequel’s refusal lands on the one it names', async () => {
    gw.resetCounts();
    const answer = await run(CREATE, { input: newDestination({ idInProviderSystem: 'org_x' }) });
    expect(answer).toMatchObject({ __typename: 'InvalidInputError', field: ['input', 'idInProviderSystem'] });
    expect(calls('createDestination')).toBe(1);
  });

  it.each([
    ['frequencyMinutes', '1440', ['frequencyMinutes'], 1440, 'ok'],
    ['frequencyMinutes', '30 (not in the documented set)', ['frequencyMinutes'], 30, 'gateway'],
    ['name', '255 characters', ['name'], 'x'.repeat(255), 'ok'],
    ['name', '256 characters', ['name'], 'x'.repeat(256), 'upstream'],
    ['name', 'no characters', ['name'], '', 'upstream'],
    ['maxConcurrentTransfers', '10', ['maxConcurrentTransfers'], 10, 'ok'],
    ['maxConcurrentTransfers', '11', ['maxConcurrentTransfers'], 11, 'upstream'],
    ['maxConcurrentTransfers', '0', ['maxConcurrentTransfers'], 0, 'upstream'],
    ['maxConcurrentQueriesPerTransfer', '32', ['maxConcurrentQueriesPerTransfer'], 32, 'ok'],
    ['maxConcurrentQueriesPerTransfer', '33', ['maxConcurrentQueriesPerTransfer'], 33, 'upstream'],
    ['recipientId', '65 characters', ['recipientId'], 'r'.repeat(65), 'upstream'],
    ['enabledModels', 'a repeated name', ['enabledModels'], ['invoices', 'invoices'], 'upstream'],
    [
      'enabledModels',
      '201 names',
      ['enabledModels'],
      Array.from({ length: 201 }, (_, i) => `m${i}`),
      'upstream',
    ],
    ['products', '51 names', ['products'], Array.from({ length: 51 }, (_, i) => `p${i}`), 'upstream'],
    ['the postgres port', '65535', ['config', 'postgres', 'port'], 65535, 'ok'],
    ['the postgres port', '65536', ['config', 'postgres', 'port'], 65536, 'upstream'],
    ['the postgres port', '0', ['config', 'postgres', 'port'], 0, 'upstream'],
    ['the postgres timeout', '300', ['config', 'postgres', 'connectionTimeoutInSeconds'], 300, 'ok'],
    ['the postgres timeout', '301', ['config', 'postgres', 'connectionTimeoutInSeconds'], 301, 'upstream'],
    ['the postgres host', '256 characters', ['config', 'postgres', 'host'], 'h'.repeat(256), 'upstream'],
  ] as const)(
    'checks %s of %s where its limit is documented, else lets Prequel judge it (%s)',
    async (_name, _label, path, value, outcome) => {
      gw.resetCounts();
      const answer = await run(CREATE, { input: withField(newDestination(), [...path], value) });
      if (outcome === 'ok') {
        expect(answer.__typename).toBe('CreateDestinationSuccess');
        return;
      }
      // Only the documented limit is the gateway's; the simulator's own limits stand in for Prequel's.
      expect(answer).toMatchObject({ __typename: 'InvalidInputError', field: ['input', ...path] });
      expect(answer.issues).toHaveLength(1);
      expect(calls('createDestination')).toBe(outcome === 'gateway' ? 0 : 1);
      // The gateway's own check says what the documented limit allows.
      if (outcome === 'gateway')
        expect(answer.issues?.[0]?.message).toBe('must be one of 0, 15, 60, 360, 720, 1440');
    },
  );

  it('lists one issue per field Prequel refuses, on the input’s own names', async () => {
    const input = withField(
      newDestination({ maxConcurrentTransfers: 11, enabledModels: ['invoices', 'invoices'] }),
      ['config', 'postgres', 'port'],
      0,
    );
    const answer = await run(CREATE, { input });
    expect(answer.__typename).toBe('InvalidInputError');
    expect(answer.issues?.map((issue) => issue.field)).toEqual(
      expect.arrayContaining([
        ['input', 'maxConcurrentTransfers'],
        ['input', 'enabledModels'],
        ['input', 'config', 'postgres', 'port'],
      ]),
    );
    expect(answer.issues).toHaveLength(3);
    expect(JSON.stringify(answer.issues)).not.toMatch(
      /max_concurrent_transfers|enabled_models|destination\./,
    );
  });

  it('lets 200 model names through to Prequel, whose refusal lands on the model it names', async () => {
    const names = ['invoices', ...Array.from({ length: 199 }, (_, i) => `model_${i}`)];
    const answer = await run(CREATE, { input: newDestination({ enabledModels: names }) });
    expect(sent('createDestination')).toMatchObject({ destination: { enabled_models: names } });
    expect(answer).toMatchObject({ __typename: 'InvalidInputError', field: ['input', 'enabledModels', '1'] });
  });

  it("passes Prequel's own refusals on as user errors on the input path", async () => {
    expect(await run(CREATE, { input: newDestination({ recipientId: 'nobody' }) })).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['input', 'recipientId'],
    });
    expect(await run(CREATE, { input: newDestination({ products: ['no_such_product'] }) })).toMatchObject({
      field: ['input', 'products', '0'],
    });
    const taken = await run(CREATE, { input: newDestination({ name: seeded[1]?.name }) });
    // Prequel's own refusal quotes the name; the answer says where the conflict is, not what.
    expect(taken).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      field: ['input', 'name'],
      message: 'input.name: clashes with what Prequel Export already holds',
    });
    expect(JSON.stringify(taken)).not.toContain(seeded[1]?.name as string);
  });

  it('passes on Prequel’s refusal of a password that is too long without repeating it', async () => {
    const secret = `pw-too-long-${'s'.repeat(1020)}`;
    const input = withField(newDestination(), ['config', 'postgres', 'passwordAuth', 'password'], secret);
    const answer = await gw.query(CREATE, { input });
    expect(answer.data?.createDestination).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['input', 'config', 'postgres', 'passwordAuth', 'password'],
    });
    expect(JSON.stringify(answer)).not.toContain('pw-too-long');
  });
});

describe('updateDestination', () => {
  it('sends only the fields given, and a list whole', async () => {
    const id = healthyPostgres[0]?.id;
    const answer = await run(UPDATE, { id, input: { frequencyMinutes: 15, enabledModels: ['events'] } });
    expect(sent('updateDestination')).toEqual({
      destination: { frequency_minutes: 15, enabled_models: ['events'] },
    });
    expect(answer.destination).toMatchObject({ frequencyMinutes: 15, enabledModels: ['events'] });
    const again = await run(UPDATE, { id, input: { enabledModels: ['accounts', 'contacts'] } });
    expect(sent('updateDestination')).toEqual({ destination: { enabled_models: ['accounts', 'contacts'] } });
    expect(again.destination?.enabledModels).toEqual(['accounts', 'contacts']);
  });

  it("sends settings under the destination's own vendor key, which Prequel merges field by field", async () => {
    const target = healthyPostgres[0];
    const input = { config: { postgres: { port: 6543, passwordAuth: { password: 'pw-export-secret-2' } } } };
    const answer = await gw.query<{ updateDestination: Result }>(UPDATE, { id: target?.id, input });
    expect(sent('updateDestination')).toEqual({
      destination: { postgres: { port: 6543, password_auth: { password: 'pw-export-secret-2' } } },
    });
    expect(answer.data?.updateDestination.destination?.config).toMatchObject({
      host: target?.host,
      port: 6543,
    });
    expect(JSON.stringify(answer)).not.toContain('pw-export-secret-2');
  });

  it('refuses every null, naming each field, without calling Prequel', async () => {
    gw.resetCounts();
    const cleared = 'cannot be cleared with null: leave it out to keep it';
    const answer = await run(UPDATE, {
      id: healthyPostgres[0]?.id,
      input: { name: null, frequencyMinutes: null, enabledModels: null, isEnabled: null, config: null },
    });
    expect(answer.issues).toEqual(
      ['name', 'frequencyMinutes', 'enabledModels', 'isEnabled', 'config'].map((f) => ({
        field: ['input', f],
        message: cleared,
      })),
    );
    const nested = await run(UPDATE, {
      id: healthyPostgres[0]?.id,
      input: { config: { postgres: { host: null, passwordAuth: null } } },
    });
    expect(nested.issues?.map((issue) => issue.field)).toEqual([
      ['input', 'config', 'postgres', 'host'],
      ['input', 'config', 'postgres', 'passwordAuth'],
    ]);
    const inGroup = await run(UPDATE, {
      id: healthyPostgres[0]?.id,
      input: { config: { postgres: { passwordAuth: { username: null } } } },
    });
    expect(inGroup.issues).toEqual([
      { field: ['input', 'config', 'postgres', 'passwordAuth', 'username'], message: cleared },
    ]);
    expect(calls('updateDestination')).toBe(0);
  });

  it.each([
    ['frequencyMinutes', '0', 0, 'ok'],
    ['frequencyMinutes', '1 (not in the documented set)', 1, 'gateway'],
    ['maxConcurrentQueriesPerTransfer', '1', 1, 'ok'],
    ['maxConcurrentQueriesPerTransfer', '0', 0, 'upstream'],
    ['maxConcurrentTransfers', '1', 1, 'ok'],
    ['name', '255 characters', 'n'.repeat(255), 'ok'],
    ['name', '256 characters', 'n'.repeat(256), 'upstream'],
  ])(
    'checks %s of %s where its limit is documented, else lets Prequel judge it (%s)',
    async (key, _label, value, outcome) => {
      gw.resetCounts();
      const answer = await run(UPDATE, { id: healthyPostgres[1]?.id, input: { [key]: value } });
      if (outcome === 'ok') {
        expect(answer.__typename).toBe('UpdateDestinationSuccess');
        return;
      }
      expect(answer).toMatchObject({ __typename: 'InvalidInputError', field: ['input', key] });
      expect(calls('updateDestination')).toBe(outcome === 'gateway' ? 0 : 1);
    },
  );

  it('sends the machine type, which Prequel keeps without showing it', async () => {
    const machineTypeId = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
    const answer = await run(UPDATE, { id: healthyPostgres[1]?.id, input: { machineTypeId } });
    expect(answer.__typename).toBe('UpdateDestinationSuccess');
    expect(sent('updateDestination')).toEqual({ destination: { machine_type_id: machineTypeId } });
  });

  it("passes Prequel's refusals on: another vendor's block, a model it lacks, a name in use", async () => {
    const id = healthyPostgres[1]?.id;
    expect(await run(UPDATE, { id, input: { config: { s3: { bucketName: 'other' } } } })).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['input', 'config', 's3'],
    });
    expect(await run(UPDATE, { id, input: { enabledModels: ['events', 'nope'] } })).toMatchObject({
      field: ['input', 'enabledModels', '1'],
    });
    expect(await run(UPDATE, { id, input: { name: seeded[2]?.name } })).toMatchObject({
      __typename: 'ConflictError',
    });
  });

  it('answers NotFoundError for an unknown destination and InvalidInputError for an id of another type', async () => {
    expect(await run(UPDATE, { id: gid('0e5a1c2b-0000-4000-8000-000000000000'), input: {} })).toMatchObject({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
    });
    // Prequel documents no shape for its ids: a long one is sent, and its refusal lands on `id`.
    gw.resetCounts();
    expect(await run(UPDATE, { id: gid('x'.repeat(65)), input: {} })).toMatchObject({ field: ['id'] });
    expect(calls('updateDestination')).toBe(1);
    const other = Buffer.from('ImportSource:abc').toString('base64url');
    expect(await run(UPDATE, { id: other, input: {} })).toMatchObject({ field: ['id'] });
  });
});

describe('deleteDestination', () => {
  it('deletes a destination, which node then no longer finds', async () => {
    const id = seeded.at(-1)?.id;
    expect(await run(DELETE, { id })).toEqual({
      __typename: 'DeleteDestinationSuccess',
      deleted: { deletedId: id },
    });
    const gone = await gw.query('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(gone.data).toEqual({ node: null });
    expect(await run(DELETE, { id })).toMatchObject({ __typename: 'NotFoundError' });
  });
});

describe('testDestination and testDestinationConnection', () => {
  // Read as documented (no run error in `data` means it worked), both shapes give the same answer.
  const worked = { succeeded: true };

  it('returns a failed test of unsaved settings as data, with no recipient needed', async () => {
    const input = { ...newDestination({}, 'warehouse.acme.invalid'), recipientId: undefined };
    const answer = await run(TEST, { input });
    expect(answer.result).toMatchObject({ succeeded: false, error: { errorCode: 'HOST_UNREACHABLE' } });
    expect(sent('testDestination')).toMatchObject({ destination: { vendor: 'postgres', name: input.name } });
    expect((await run(TEST, { input: newDestination() })).result).toMatchObject({ ...worked, error: null });
  });

  it("returns a saved destination's failed test as data, and NotFoundError for an unknown one", async () => {
    const broken = seeded.find((d) => d.host?.endsWith('.invalid'));
    const failed = await run(TEST_SAVED, { id: broken?.id });
    expect(failed.result).toMatchObject({ succeeded: false, error: { errorCode: 'HOST_UNREACHABLE' } });
    expect((await run(TEST_SAVED, { id: healthyPostgres[1]?.id })).result).toMatchObject(worked);
    expect(await run(TEST_SAVED, { id: gid('no-such-destination') })).toMatchObject({
      __typename: 'NotFoundError',
    });
  });
});

describe('where a refusal from Prequel lands, by the field it names', () => {
  afterEach(() => gw.sims['prequel-export']?.setFaults(undefined));
  /** Prequel's next answer to `operation` is a 400 saying `message`, in its documented error shape. */
  const refuseWith = (operation: string, message: string) =>
    gw.sims['prequel-export']?.setFaults({
      operations: [operation],
      body: { status: 'error', message },
      bodyStatus: 400,
    });
  const REFUSED = 'was refused by Prequel Export as invalid';
  const UNNAMED = 'holds a field this input has no name for, which Prequel Export refused as invalid';

  it.each([
    ['no field', 'Invalid request', ['input'], REFUSED],
    ['the body’s `destination` as a whole', 'destination: is required', ['input'], UNNAMED],
    [
      '`destination.vendor`, on the vendor settings',
      'destination.vendor: is not enabled',
      ['input', 'config'],
      REFUSED,
    ],
    [
      'a field without the `destination.` before it',
      'frequency_minutes: is not allowed',
      ['input', 'frequencyMinutes'],
      REFUSED,
    ],
    [
      'a vendor setting without the `destination.` before it',
      'postgres.port: is closed',
      ['input', 'config', 'postgres', 'port'],
      REFUSED,
    ],
    [
      'a vendor setting the gateway has no name for, on the settings holding it',
      'destination.postgres.ssl_mode: is not supported',
      ['input', 'config', 'postgres'],
      UNNAMED,
    ],
    [
      'an item of a list, by its index',
      'destination.enabled_models[12]: names no model',
      ['input', 'enabledModels', '12'],
      REFUSED,
    ],
    ['a list as a whole', 'destination.enabled_models: is empty', ['input', 'enabledModels'], REFUSED],
  ])('puts a refusal naming %s where the input holds it', async (_what, message, field, says) => {
    refuseWith('createDestination', message);
    expect(await run(CREATE, { input: newDestination() })).toMatchObject({
      __typename: 'InvalidInputError',
      field,
      issues: [{ field, message: says }],
    });
  });

  it('puts a refusal of the machine type, which only an update sends, on its field', async () => {
    refuseWith('updateDestination', 'destination.machine_type_id: names no machine type');
    const machineTypeId = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
    expect(await run(UPDATE, { id: healthyPostgres[1]?.id, input: { machineTypeId } })).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['input', 'machineTypeId'],
      issues: [{ field: ['input', 'machineTypeId'], message: REFUSED }],
    });
  });

  it('puts a refusal of the path’s `destination_id` on the mutation’s `id` argument', async () => {
    refuseWith('updateDestination', 'destination_id: is not a destination id');
    expect(await run(UPDATE, { id: healthyPostgres[1]?.id, input: { name: 'Kept' } })).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['id'],
      issues: [{ field: ['id'], message: REFUSED }],
    });
  });
});
