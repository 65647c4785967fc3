import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { newPostgres } from '../support/prequel-import-inputs.js';
import { mutationAnswer, type UserErrorAnswer } from '../support/user-errors.js';

/**
 * An upstream's refusal reaches the client in the gateway's words only: the kind of refusal, the
 * provider and the input field it blames. A real upstream may quote back anything it was sent (a
 * name, a host, a secret) or anything else it holds, so its own text never reaches an answer or a log.
 */

/** A value the client sends, which an upstream's refusal then quotes. */
const SENT = 'Marker-sent-4417';
/** A value the client never sent, as a secret an upstream might quote from elsewhere. */
const UNSENT = 'sk_live_unsent_9Qm2Zr7';

type Refusal = UserErrorAnswer;

const REFUSAL = `__typename
  ... on UserError { message code field provider }
  ... on InvalidInputError { issues { field message } }`;

interface Provider {
  id: string;
  label: string;
  /** The operation the create mutation calls, and the one the list query calls. */
  create: string;
  list: string;
  document: string;
  variables: (name: string) => Record<string, unknown>;
  /** Where the name sits in the mutation's input, and how the upstream names it. */
  nameField: string[];
  upstreamName: string;
  /** Where a conflict that names no field is put: the name, where that is the one thing that can clash. */
  clashOn: string[] | null;
  /** A refusal with `message`, in the provider's documented error shape. */
  refusalOf: (message: string) => unknown;
  /** A refusal nested `depth` levels deep, in the way this provider's reader follows. */
  nested: (depth: number) => string;
  listQuery: string;
}

let gw: TestGateway;
let recipientId = '';
beforeAll(async () => {
  gw = await startTestGateway({ UPSTREAM_BREAKER_FAILURES: '1000', UPSTREAM_RETRY_ATTEMPTS: '1' });
  const list = await gw.query<{ destinations: { edges: { node: { recipientId: string } }[] } }>(
    '{ destinations(first: 1) { edges { node { recipientId } } } }',
  );
  recipientId = list.data?.destinations.edges[0]?.node.recipientId ?? '';
});
afterEach(() => {
  for (const sim of Object.values(gw.sims)) sim.setFaults(undefined);
});
afterAll(() => gw.close());

const providers: Provider[] = [
  {
    id: 'prequel-import',
    label: 'Prequel Import',
    create: 'createSource',
    list: 'listSources',
    document: `mutation($input: CreateImportSourceInput!) { createImportSource(input: $input) { ${REFUSAL} } }`,
    variables: (name) => ({ input: newPostgres(name) }),
    nameField: ['input', 'name'],
    upstreamName: 'source.name',
    clashOn: ['input', 'name'],
    refusalOf: (message) => ({ status: 'error', message }),
    nested: (depth) => `{"status":"error","message":${'['.repeat(depth)}"x"${']'.repeat(depth)}}`,
    listQuery: '{ importSources(first: 1) { edges { node { id } } } }',
  },
  {
    id: 'prequel-export',
    label: 'Prequel Export',
    create: 'createDestination',
    list: 'listDestinations',
    document: `mutation($input: CreateDestinationInput!) { createDestination(input: $input) { ${REFUSAL} } }`,
    variables: (name) => ({
      input: {
        name,
        recipientId,
        config: {
          postgres: {
            host: 'db.example.com',
            port: 5432,
            database: 'dw',
            schema: 'prequel',
            passwordAuth: { username: 'prequel', password: 'pw-refusals-secret' },
          },
        },
      },
    }),
    nameField: ['input', 'name'],
    upstreamName: 'destination.name',
    clashOn: ['input', 'name'],
    refusalOf: (message) => ({ status: 'error', message }),
    nested: (depth) => `${'{"error":'.repeat(depth)}{"code":"x"}${'}'.repeat(depth)}`,
    listQuery: '{ destinations(first: 1) { edges { node { id } } } }',
  },
  {
    id: 'pdc',
    label: 'Pentaho Data Catalog',
    create: 'createDataSources',
    list: 'filterDataSources',
    document: `mutation($inputs: [CreateCatalogDataSourceInput!]!) { createCatalogDataSources(inputs: $inputs) { ${REFUSAL} } }`,
    variables: (name) => ({ inputs: [{ resourceName: name, databaseType: 'MYSQL' }] }),
    nameField: ['inputs', '0', 'resourceName'],
    upstreamName: 'resourceName',
    clashOn: null,
    refusalOf: (message) => ({ status: 400, message: [message] }),
    nested: (depth) => `{"status":400,"message":${'['.repeat(depth)}"x"${']'.repeat(depth)}}`,
    listQuery: '{ catalogDataSources(first: 1) { edges { node { id } } } }',
  },
  {
    id: 'rivergen',
    label: 'RiverGen',
    create: 'createDataSource',
    list: 'listDataSources',
    document: `mutation($input: CreateRiverGenDataSourceInput!) { createRiverGenDataSource(input: $input) { ${REFUSAL} } }`,
    variables: (name) => ({ input: { name, type: 'csv', filePath: 'exports/refused.csv' } }),
    nameField: ['input', 'name'],
    upstreamName: 'name',
    clashOn: null,
    refusalOf: (message) => ({ success: false, error: { code: 'VALIDATION_ERROR', message } }),
    nested: (depth) =>
      `{"success":false,"error":{"code":"X","details":${'['.repeat(depth)}{}${']'.repeat(depth)}}}`,
    listQuery: '{ riverGenDataSources(first: 1) { edges { node { id } } } }',
  },
];

/** The provider's create mutation, sent with `name`: its one root field's answer. */
const mutate = (provider: Provider, name: string): Promise<Refusal> =>
  mutationAnswer(gw, provider.document, provider.variables(name));

/** Neither quoted value is anywhere in `answer`, nor in any line the gateway logged. */
function expectNoQuote(answer: unknown): void {
  const text = `${JSON.stringify(answer)}\n${gw.logs.join('\n')}`;
  expect(text).not.toContain(SENT);
  expect(text).not.toContain(UNSENT);
}

/** A path as messages write it: `inputs[0].resourceName`. */
const pathText = (field: string[]) =>
  field.map((name, i) => (/^\d+$/.test(name) ? `[${name}]` : i ? `.${name}` : name)).join('');

describe.each(providers)('a refusal from $label', (provider) => {
  const refuse = (
    status: number,
    quote: string,
    message = `${provider.upstreamName}: "${quote}" is not allowed`,
  ) =>
    gw.sims[provider.id]?.setFaults({
      operations: [provider.create, provider.list],
      body: provider.refusalOf(message),
      bodyStatus: status,
    });

  it.each([
    [400, SENT],
    [422, UNSENT],
  ])('is, at %i, an InvalidInputError on the field it names, quoting none of it', async (status, quote) => {
    refuse(status, quote);
    const answer = await mutate(provider, SENT);
    expect(answer).toEqual({
      __typename: 'InvalidInputError',
      code: 'INVALID_INPUT',
      provider: provider.id,
      field: provider.nameField,
      message: `${pathText(provider.nameField)}: was refused by ${provider.label} as invalid`,
      issues: [{ field: provider.nameField, message: `was refused by ${provider.label} as invalid` }],
    });
    expectNoQuote(answer);
  });

  it.each([SENT, UNSENT])(
    'is, at 409, a ConflictError on the field it names, quoting none of it (%s)',
    async (quote) => {
      refuse(409, quote);
      const answer = await mutate(provider, SENT);
      expect(answer).toMatchObject({
        __typename: 'ConflictError',
        code: 'CONFLICT',
        field: provider.nameField,
        message: `${pathText(provider.nameField)}: clashes with what ${provider.label} already holds`,
      });
      expectNoQuote(answer);
    },
  );

  it('is, at 409 naming no field, a ConflictError on the name where only the name can clash, else on no field', async () => {
    refuse(409, SENT, `"${SENT}" already exists`);
    const answer = await mutate(provider, SENT);
    expect(answer).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      provider: provider.id,
      field: provider.clashOn,
      message: provider.clashOn
        ? `${pathText(provider.clashOn)}: clashes with what ${provider.label} already holds`
        : `${provider.label} reported a conflict`,
    });
    expectNoQuote(answer);
  });

  it('is, at 503 on a mutation, a top-level error in the gateway’s words, not a user error', async () => {
    refuse(503, UNSENT);
    const answer = await gw.query(provider.document, provider.variables(SENT));
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: `${provider.label} is unavailable (it answered 503)`,
        extensions: { code: 'UPSTREAM_UNAVAILABLE', provider: provider.id },
      }),
    ]);
    expectNoQuote(answer);
  });

  it.each([
    [404, 'NotFoundError', 'NOT_FOUND', 'has no such record'],
    [403, 'ForbiddenError', 'FORBIDDEN', 'refused access'],
  ])('is, at %i, a %s saying only what kind of refusal it is', async (status, typename, code, says) => {
    for (const quote of [SENT, UNSENT]) {
      refuse(status, quote);
      const answer = await mutate(provider, SENT);
      expect(answer).toMatchObject({ __typename: typename, code, message: `${provider.label} ${says}` });
      expectNoQuote(answer);
    }
  });

  it.each([
    [400, 'BAD_USER_INPUT', 'refused the request as invalid'],
    [403, 'FORBIDDEN', 'refused access'],
    [404, 'NOT_FOUND', 'has no such record'],
    [409, 'CONFLICT', 'reported a conflict'],
    // A proxy before the upstream may refuse a body it finds too large, or answer what no one documents.
    [413, 'BAD_USER_INPUT', 'refused the request as too large'],
    [418, 'UPSTREAM_ERROR', 'answered with an unexpected status 418'],
    [429, 'RATE_LIMITED', 'is rate limiting requests'],
    [503, 'UPSTREAM_UNAVAILABLE', 'is unavailable (it answered 503)'],
  ])('is, at %i on a read, %s in the gateway’s words', async (status, code, says) => {
    refuse(status, UNSENT);
    const answer = await gw.query(provider.listQuery);
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: `${provider.label} ${says}`,
        extensions: { code, provider: provider.id },
      }),
    ]);
    expectNoQuote(answer);
  });

  it('is, at 429 with a Retry-After on a read, RATE_LIMITED saying how long to wait', async () => {
    gw.sims[provider.id]?.setFaults({ operations: [provider.list], rateLimit: { retryAfterSeconds: 7 } });
    const answer = await gw.query(provider.listQuery);
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: `${provider.label} is rate limiting requests`,
        extensions: { code: 'RATE_LIMITED', provider: provider.id, retryAfterSeconds: 7 },
      }),
    ]);
  });

  it('is read in bounded time when its message runs to a megabyte', async () => {
    // Words and no colon: the pattern that finds a sentence before a list of fields is quadratic in them.
    refuse(400, SENT, `${'is not allowed '.repeat(70_000)}${SENT}`);
    const answer = await mutate(provider, SENT);
    expect(answer).toMatchObject({ __typename: 'InvalidInputError', field: provider.nameField.slice(0, 1) });
    expectNoQuote(answer);
  });

  it('is one clean answer when its body nests 50,000 deep', async () => {
    const deep = provider.nested(50_000);
    gw.sims[provider.id]?.setFaults({ operations: [provider.create], bodyText: deep, bodyStatus: 400 });
    const refused = await mutate(provider, 'Deep');
    expect(refused).toMatchObject({ __typename: 'InvalidInputError', provider: provider.id });

    gw.sims[provider.id]?.setFaults({ operations: [provider.list], bodyText: deep, bodyStatus: 200 });
    const read = await gw.query(provider.listQuery);
    expect(read.errors).toEqual([
      expect.objectContaining({
        message: `${provider.label} answered in an unexpected shape`,
        extensions: { code: 'UPSTREAM_ERROR', provider: provider.id },
      }),
    ]);
    expect(gw.logs.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
  });
});

describe('a RiverGen refusal in its documented details', () => {
  const rivergen = providers.find((provider) => provider.id === 'rivergen') as Provider;
  const refuseWith = (error: Record<string, unknown>) =>
    gw.sims.rivergen?.setFaults({
      operations: [rivergen.create],
      body: { success: false, error: { code: 'BAD_REQUEST', ...error } },
      bodyStatus: 400,
    });

  it('lists a field its details name twice as one issue', async () => {
    refuseWith({
      message: 'Invalid request data',
      details: [
        { field: 'name', reason: `"${SENT}" is too long` },
        { field: 'name', reason: `"${SENT}" holds a character not allowed` },
      ],
    });
    const answer = await mutate(rivergen, SENT);
    expect(answer).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['input', 'name'],
      issues: [{ field: ['input', 'name'], message: 'was refused by RiverGen as invalid' }],
    });
    expectNoQuote(answer);
  });

  it('keeps, of two details on one input field, what the first says', async () => {
    refuseWith({
      message: 'Invalid request data',
      details: [
        { field: 'name.suffix', reason: `"${SENT}" is not allowed` },
        { field: 'name', reason: `"${SENT}" is not allowed` },
      ],
    });
    const answer = await mutate(rivergen, SENT);
    expect(answer).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [
        {
          field: ['input', 'name'],
          message: 'holds a field this input has no name for, which RiverGen refused as invalid',
        },
      ],
    });
    expectNoQuote(answer);
  });

  it('puts a detail on item 12 of a field the input holds as one value on that field, as a part it has no name for', async () => {
    refuseWith({
      message: 'Invalid request data',
      details: [{ field: 'name[12]', reason: 'is not allowed' }],
    });
    const answer = await mutate(rivergen, SENT);
    expect(answer).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [
        {
          field: ['input', 'name'],
          message: 'holds a field this input has no name for, which RiverGen refused as invalid',
        },
      ],
    });
  });

  it('puts one that names no field and says nothing on the input as a whole', async () => {
    refuseWith({});
    const answer = await mutate(rivergen, SENT);
    expect(answer).toEqual({
      __typename: 'InvalidInputError',
      code: 'INVALID_INPUT',
      provider: 'rivergen',
      field: ['input'],
      message: 'input: was refused by RiverGen as invalid',
      issues: [{ field: ['input'], message: 'was refused by RiverGen as invalid' }],
    });
  });
});
