import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/gateway/logging.js';
import { providers } from '../../src/providers/registry.js';
import { type DemoUpstreams, startDemoUpstreams } from '../../src/sandbox/demo.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** Unique, so finding it in an answer can only be an echo. */
const SECRET = `pw-${randomUUID()}`;
/** What a filter whose second vendor is not a Vendor value is refused with. */
const SECOND_VENDOR_REFUSED = [
  {
    message:
      'Argument "filter" has an invalid value at "filter.vendors[1]": one of the Vendor values expected.',
    field: 'filter.vendors[1]',
    code: 'BAD_USER_INPUT',
  },
];

const CREATE =
  'mutation($input: CreateImportSourceInput!) { createImportSource(input: $input) { __typename } }';

/** A valid import source input, with the secret as its password; `change` edits the postgres settings. */
function importSource(change: (postgres: Record<string, unknown>) => void = () => {}) {
  const postgres: Record<string, unknown> = {
    host: 'db.internal',
    port: 5432,
    database: 'app',
    passwordAuth: { username: 'app', password: SECRET },
  };
  change(postgres);
  return { name: `Import ${randomUUID()}`, providerId: 'provider-errors', config: { postgres } };
}

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

/** Sends a request, checks nothing of the secret came back, and returns each error's message and field. */
async function refusals(document: string, variables?: Record<string, unknown>) {
  const answer = await gw.query(document, variables);
  expect(JSON.stringify(answer)).not.toContain(SECRET);
  expect(answer.data ?? null).toBeNull();
  return (answer.errors ?? []).map((error) => ({
    message: error.message,
    field: error.extensions?.field,
    code: error.extensions?.code,
  }));
}

describe('a variable that does not fit its type', () => {
  it('is named with the path inside it and what was expected, never the value (mutation)', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [importSource((p) => (p.port = SECRET)), 'input.config.postgres.port', 'Int expected.'],
      [
        importSource((p) => (p.passwordAuth = { username: 'app', password: SECRET, passwrd: SECRET })),
        'input.config.postgres.passwordAuth.passwrd',
        'is not a field of PasswordAuthInput.',
      ],
      [
        importSource((p) => (p.passwordAuth = { password: SECRET })),
        'input.config.postgres.passwordAuth.username',
        'is required (String!) and was not given.',
      ],
      [importSource((p) => (p.host = null)), 'input.config.postgres.host', 'must not be null.'],
      [
        {
          ...importSource(),
          config: { postgres: importSource().config.postgres, s3: { bucketName: SECRET } },
        },
        'input.config',
        'must set exactly one field of ImportSourceConfigInput (it is a @oneOf input), not 2.',
      ],
      [{ ...importSource(), config: { postgres: null } }, 'input.config.postgres', 'must not be null.'],
      [
        { ...importSource(), config: {} },
        'input.config',
        'must set exactly one field of ImportSourceConfigInput (it is a @oneOf input), not 0.',
      ],
      // A key the type does not define is not counted among the one field set.
      [
        { ...importSource(), config: { ...importSource().config, postgre: SECRET } },
        'input.config.postgre',
        'is not a field of ImportSourceConfigInput.',
      ],
      [
        { ...importSource(), config: SECRET },
        'input.config',
        'ImportSourceConfigInput expected, as an object.',
      ],
    ];
    for (const [input, field, what] of cases) {
      const errors = await refusals(CREATE, { input });
      expect(errors, field).toEqual([
        {
          message: `Variable "$input" has an invalid value at "${field}": ${what}`,
          field,
          code: 'BAD_USER_INPUT',
        },
      ]);
    }
  });

  it('is told once where graphql-js reports it twice: a null @oneOf field beside a key not defined', async () => {
    const input = { ...importSource(), config: { postgres: null, postgre: SECRET } };
    expect(await refusals(CREATE, { input })).toEqual(
      [
        ['input.config.postgre', 'is not a field of ImportSourceConfigInput.'],
        ['input.config.postgres', 'must not be null.'],
      ].map(([field, what]) => ({
        message: `Variable "$input" has an invalid value at "${field}": ${what}`,
        field,
        code: 'BAD_USER_INPUT',
      })),
    );
  });

  it('is named the same way on a query, which runs compiled', async () => {
    const count =
      'query($n: Int, $f: DataSourceFilter) { dataSources(first: $n, filter: $f) { totalCount } }';
    expect(await refusals(count, { n: SECRET })).toEqual([
      { message: 'Variable "$n" has an invalid value: Int expected.', field: 'n', code: 'BAD_USER_INPUT' },
    ]);
    expect(await refusals(count, { f: { vendors: [SECRET], [SECRET]: SECRET } })).toEqual([
      {
        message: 'Variable "$f" has an invalid value at "f.vendors[0]": one of the Vendor values expected.',
        field: 'f.vendors[0]',
        code: 'BAD_USER_INPUT',
      },
      // A key that is not a GraphQL name could itself be a value: it is not repeated either.
      {
        message: 'Variable "$f" has an invalid value: has a field that DataSourceFilter does not define.',
        field: 'f',
        code: 'BAD_USER_INPUT',
      },
    ]);
    expect(await refusals('query($n: Int!) { dataSources(first: $n) { totalCount } }', {})).toEqual([
      {
        message: 'Variable "$n" of required type "Int!" was not provided.',
        field: 'n',
        code: 'BAD_USER_INPUT',
      },
    ]);
  });

  it('is named for a null where none may be, an item of a list and a value of the wrong kind', async () => {
    const vendors = 'query($l: [Vendor!]) { dataSources(first: 1, filter: { vendors: $l }) { totalCount } }';
    const filter = 'query($f: DataSourceFilter) { dataSources(first: 1, filter: $f) { totalCount } }';
    const cases: [string, Record<string, unknown>, string, string][] = [
      [
        'query($n: Int!) { dataSources(first: $n) { totalCount } }',
        { n: null },
        'n',
        'Variable "$n" of non-null type "Int!" must not be null.',
      ],
      [vendors, { l: [null] }, 'l[0]', 'Variable "$l" has an invalid value at "l[0]": must not be null.'],
      [vendors, { l: SECRET }, 'l', 'Variable "$l" has an invalid value: one of the Vendor values expected.'],
      [
        filter,
        { f: [{ vendors: [SECRET] }] },
        'f',
        'Variable "$f" has an invalid value: DataSourceFilter expected, as an object.',
      ],
      [filter, { f: 3 }, 'f', 'Variable "$f" has an invalid value: DataSourceFilter expected, as an object.'],
    ];
    for (const [document, variables, field, message] of cases) {
      expect(await refusals(document, variables), message).toEqual([
        { message, field, code: 'BAD_USER_INPUT' },
      ]);
    }
  });

  it('names each variable that does not fit, in the order they are declared', async () => {
    const two =
      'query($a: Int, $b: Int) { x: dataSources(first: $a) { totalCount } y: dataSources(first: $b) { totalCount } }';
    expect(await refusals(two, { b: SECRET, a: SECRET })).toEqual(
      ['a', 'b'].map((name) => ({
        message: `Variable "$${name}" has an invalid value: Int expected.`,
        field: name,
        code: 'BAD_USER_INPUT',
      })),
    );
  });

  it('points at the variable’s definition in the document', async () => {
    for (const [document, variables] of [
      ['query($n: Int) {\n  dataSources(first: $n) { totalCount } }', { n: SECRET }],
      ['query($n: Int!) {\n  dataSources(first: $n) { totalCount } }', { n: null }],
      ['query($n: Int!) {\n  dataSources(first: $n) { totalCount } }', {}],
    ] as const) {
      const answer = await gw.query(document, variables);
      expect(answer.errors?.map((error) => error.locations)).toEqual([[{ line: 1, column: 7 }]]);
    }
  });

  it('leaves a request whose variables fit to run and answer as it does', async () => {
    const answer = await gw.query('query($n: Int) { dataSources(first: $n) { totalCount } }', { n: 1 });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ dataSources: { totalCount: expect.any(Number) } });
  });

  it('takes the default of a variable left out, a non-null one too, on a query and a mutation', async () => {
    const query = await gw.query(
      'query($first: Int! = 2, $vendors: [Vendor!] = [POSTGRES]) { dataSources(first: $first, filter: { vendors: $vendors }) { edges { node { vendor } } } }',
    );
    expect(query.errors).toBeUndefined();
    const edges = (query.data as { dataSources: { edges: { node: { vendor: string } }[] } }).dataSources
      .edges;
    expect(edges.map((edge) => edge.node.vendor)).toEqual(['POSTGRES', 'POSTGRES']);
    // A non-null one alone, beside no nullable one with a default.
    const alone = await gw.query(
      'query($first: Int! = 2) { dataSources(first: $first) { edges { cursor } } }',
    );
    expect(alone.errors).toBeUndefined();
    expect((alone.data as { dataSources: { edges: unknown[] } }).dataSources.edges).toHaveLength(2);
    const mutation = await gw.query(
      'mutation($id: ID! = "not-an-id") { deleteDestination(id: $id) { __typename } }',
    );
    // The default id was taken: it is not one of this API's ids, which the mutation answers as such.
    expect(mutation.data).toEqual({ deleteDestination: { __typename: 'InvalidInputError' } });
  });

  it('is told in at most 50 errors over all the variables together', async () => {
    const fields = (prefix: string) =>
      Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`${prefix}${i}`, SECRET]));
    const errors = await refusals(
      'query($f: DataSourceFilter, $g: DataSourceFilter) { f: dataSources(filter: $f) { totalCount } g: dataSources(filter: $g) { totalCount } }',
      { f: fields('f'), g: fields('g') },
    );
    expect(errors).toHaveLength(50);
    expect(errors.at(-1)?.message).toBe(
      'Variable "$g" has an invalid value at "g.g19": is not a field of DataSourceFilter.',
    );
  });

  it('names the object expected where a lone value stands for a list of objects', async () => {
    expect(
      await refusals(
        'mutation($i: [CreateCatalogDataSourceInput!]!) { createCatalogDataSources(inputs: $i) { __typename } }',
        { i: SECRET },
      ),
    ).toEqual([
      {
        message: 'Variable "$i" has an invalid value: CreateCatalogDataSourceInput expected, as an object.',
        field: 'i',
        code: 'BAD_USER_INPUT',
      },
    ]);
  });

  it('is named inside an item of a list of objects, and inside a lone object standing for that list', async () => {
    const queue =
      'mutation($id: ID!, $t: QueueDestinationTransferInput) { queueDestinationTransfer(id: $id, input: $t) { __typename } }';
    const cases: [unknown, string, string][] = [
      [
        [
          { name: 'a', value: 'b' },
          { name: 'c', value: 5 },
        ],
        't.tags[1].value',
        'String expected.',
      ],
      [[{ name: SECRET }], 't.tags[0].value', 'is required (String!) and was not given.'],
      [{ name: 'a', value: 5 }, 't.tags.value', 'String expected.'],
      [{ value: SECRET }, 't.tags.name', 'is required (String!) and was not given.'],
    ];
    for (const [tags, field, what] of cases) {
      expect(await refusals(queue, { id: 'any', t: { tags } }), field).toEqual([
        {
          message: `Variable "$t" has an invalid value at "${field}": ${what}`,
          field,
          code: 'BAD_USER_INPUT',
        },
      ]);
    }
  });

  it('is told in at most 50 errors however many variables are left out or null', async () => {
    const names = Array.from({ length: 51 }, (_, i) => `v${i}`);
    const document = `query(${names.map((name) => `$${name}: Vendor!`).join(', ')}) { dataSources(first: 1, filter: { vendors: [${names.map((name) => `$${name}`).join(', ')}] }) { totalCount } }`;
    for (const [variables, what] of [
      [{}, 'of required type "Vendor!" was not provided.'],
      [Object.fromEntries(names.map((name) => [name, null])), 'of non-null type "Vendor!" must not be null.'],
    ] as const) {
      const errors = await refusals(document, variables);
      expect(errors, what).toHaveLength(50);
      expect(errors.at(-1), what).toEqual({
        message: `Variable "$v49" ${what}`,
        field: 'v49',
        code: 'BAD_USER_INPUT',
      });
    }
  });

  it('is told in at most 50 errors, however many problems the value has', async () => {
    const filter = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`field${i}`, SECRET]));
    const errors = await refusals('query($f: DataSourceFilter) { dataSources(filter: $f) { totalCount } }', {
      f: filter,
    });
    expect(errors).toHaveLength(50);
    expect(errors[0]?.message).toBe(
      'Variable "$f" has an invalid value at "f.field0": is not a field of DataSourceFilter.',
    );
  });
});

describe('a literal in the document that does not fit its type', () => {
  it('is named with the argument and the path inside it, never the literal', async () => {
    const literal = (postgres: string) =>
      `mutation { createImportSource(input: { name: "n", providerId: "p", config: { postgres: { ${postgres} } } }) { __typename } }`;
    const auth = `passwordAuth: { username: "u", password: "${SECRET}" }`;
    const cases: [string, string, string][] = [
      [`host: "h", port: "${SECRET}", database: "d", ${auth}`, 'input.config.postgres.port', 'Int expected.'],
      [
        `host: "h", port: 1, database: "d", passwordAuth: { username: "u", password: 7 }`,
        'input.config.postgres.passwordAuth.password',
        'String expected.',
      ],
      [
        `host: "h", port: 1, ${auth}`,
        'input.config.postgres.database',
        'is required (String!) and was not given.',
      ],
      [`host: null, port: 1, database: "d", ${auth}`, 'input.config.postgres.host', 'must not be null.'],
    ];
    for (const [postgres, field, what] of cases) {
      expect(await refusals(literal(postgres)), field).toEqual([
        {
          message: `Argument "input" has an invalid value at "${field}": ${what}`,
          field,
          code: 'BAD_USER_INPUT',
        },
      ]);
    }
    const config = (fields: string) =>
      `mutation { createImportSource(input: { name: "n", providerId: "p", config: { ${fields} } }) { __typename } }`;
    const postgres = `postgres: { host: "h", port: 1, database: "d", ${auth} }`;
    const oneOf: [string, string, string][] = [
      ['postgres: null', 'input.config.postgres', 'must not be null.'],
      [
        '',
        'input.config',
        'must set exactly one field of ImportSourceConfigInput (it is a @oneOf input), not 0.',
      ],
      [
        `${postgres}, s3: { bucketName: "${SECRET}" }`,
        'input.config',
        'must set exactly one field of ImportSourceConfigInput (it is a @oneOf input), not 2.',
      ],
      [
        `${postgres}, postgre: "${SECRET}"`,
        'input.config.postgre',
        'is not a field of ImportSourceConfigInput.',
      ],
    ];
    for (const [fields, field, what] of oneOf) {
      expect(await refusals(config(fields)), fields).toEqual([
        {
          message: `Argument "input" has an invalid value at "${field}": ${what}`,
          field,
          code: 'BAD_USER_INPUT',
        },
      ]);
    }
    expect(
      await refusals(
        `{ dataSources(filter: { vendors: [POSTGRES, ${SECRET.replaceAll('-', '_')}] }) { totalCount } }`,
      ),
    ).toEqual(SECOND_VENDOR_REFUSED);
  });

  it('is named in a default value of a variable, a value of the wrong kind and each field left out', async () => {
    const enumValue = SECRET.replaceAll('-', '_');
    expect(
      await refusals(
        `query($f: DataSourceFilter = { name: "n", vendors: [POSTGRES, ${enumValue}] }) { dataSources(filter: $f) { totalCount } }`,
      ),
    ).toEqual([
      {
        message:
          'The default value of variable "$f" has an invalid value at "f.vendors[1]": one of the Vendor values expected.',
        field: 'f.vendors[1]',
        code: 'BAD_USER_INPUT',
      },
    ]);
    const create = (config: string) =>
      `mutation { createImportSource(input: { name: "n", providerId: "p", config: ${config} }) { __typename } }`;
    expect(await refusals(create(`"${SECRET}"`))).toEqual([
      {
        message:
          'Argument "input" has an invalid value at "input.config": ImportSourceConfigInput expected, as an object.',
        field: 'input.config',
        code: 'BAD_USER_INPUT',
      },
    ]);
    // Each field left out once, though graphql-js reports the object once per field.
    expect(
      await refusals(
        create(`{ postgres: { host: "h", passwordAuth: { username: "u", password: "${SECRET}" } } }`),
      ),
    ).toEqual(
      ['port', 'database'].map((name) => ({
        message: `Argument "input" has an invalid value at "input.config.postgres.${name}": is required (${name === 'port' ? 'Int' : 'String'}!) and was not given.`,
        field: `input.config.postgres.${name}`,
        code: 'BAD_USER_INPUT',
      })),
    );
  });

  it('names a list given where one value is expected, whole or as an item of a list', async () => {
    const enumValue = SECRET.replaceAll('-', '_');
    expect(await refusals(`{ dataSources(first: [1, "${SECRET}"]) { totalCount } }`)).toEqual([
      {
        message: 'Argument "first" has an invalid value: Int expected.',
        field: 'first',
        code: 'BAD_USER_INPUT',
      },
    ]);
    expect(
      await refusals(`{ dataSources(filter: { vendors: [POSTGRES, [${enumValue}]] }) { totalCount } }`),
    ).toEqual(SECOND_VENDOR_REFUSED);
  });

  it('points at the literal it refuses: the value, the field not defined, or the object missing a field', async () => {
    const enumValue = SECRET.replaceAll('-', '_');
    const document = [
      'mutation {',
      '  createImportSource(input: {',
      '    name: "n", providerId: "p", config: { postgres: {',
      '      host: "h", database: "d", port: "one", portt: 2,',
      `      passwordAuth: { password: "${SECRET}" } } }`,
      '  }) { __typename }',
      '}',
    ].join('\n');
    const answer = await gw.query(document);
    expect(JSON.stringify(answer)).not.toContain(SECRET);
    const at = (text: string) => {
      const line = document.split('\n').findIndex((l) => l.includes(text));
      return [{ line: line + 1, column: (document.split('\n')[line] ?? '').indexOf(text) + 1 }];
    };
    expect(answer.errors?.map((error) => [error.extensions?.field, error.locations])).toEqual([
      ['input.config.postgres.port', at('"one"')],
      ['input.config.postgres.portt', at('portt')],
      ['input.config.postgres.passwordAuth.username', at('{ password')],
    ]);
    const listed = await gw.query(
      `{ dataSources(filter: { vendors: [POSTGRES, ${enumValue}] }) { totalCount } }`,
    );
    expect(listed.errors?.map((error) => error.locations)).toEqual([
      [{ line: 1, column: `{ dataSources(filter: { vendors: [POSTGRES, `.length + 1 }],
    ]);
  });

  it('stops a syntax error at the kind of token it found, without the token', async () => {
    const errors = await refusals(
      `mutation { createImportSource(input: { name: "n" "${SECRET}" }) { __typename } }`,
    );
    expect(errors).toEqual([
      {
        message: 'Syntax Error: Expected Name, found String.',
        field: undefined,
        code: 'GRAPHQL_PARSE_FAILED',
      },
    ]);
    // A character the lexer refuses is not quoted either, nor announced with a dangling colon.
    expect(await refusals('{ dataSources(first: 1) { totalCount } } %')).toEqual([
      { message: 'Syntax Error: Unexpected character.', field: undefined, code: 'GRAPHQL_PARSE_FAILED' },
    ]);
  });

  it('answers a body that is not JSON without quoting it', async () => {
    const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: `{"query": "mutation { x(password: \\"${SECRET}\\") }", "variables": {"p": ${SECRET}}}`,
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    // The parser's error keeps its name, which says what kind of failure it was, and nothing else.
    expect(JSON.parse(text)).toMatchObject({
      errors: [
        { message: 'POST body sent invalid JSON.', extensions: { originalError: { name: 'SyntaxError' } } },
      ],
    });
    expect(JSON.parse(text).errors[0].extensions.originalError).toEqual({ name: 'SyntaxError' });
  });
});

describe('the HTTP status of a request that cannot run', () => {
  const requests: Record<string, [string, Record<string, unknown>?]> = {
    'query, parse error': ['{ dataSources(first: 1 { totalCount } }'],
    'query, validation error': ['{ dataSources(first: "one") { totalCount } }'],
    'query, variable error': ['query($n: Int) { dataSources(first: $n) { totalCount } }', { n: 'one' }],
    'mutation, parse error': ['mutation { createImportSource(input: {) { __typename } }'],
    'mutation, validation error': ['mutation { createImportSource(input: { name: 1 }) { __typename } }'],
    'mutation, variable error': [CREATE, { input: importSource((p) => (p.port = 'one')) }],
  };

  it('is 200 with application/json and 400 with application/graphql-response+json, for queries and mutations alike', async () => {
    for (const [kind, [document, variables]] of Object.entries(requests)) {
      for (const [accept, status] of [
        ['application/json', 200],
        ['application/graphql-response+json', 400],
      ] as const) {
        const answer = await gw.query(document, variables, { accept });
        expect(answer.status, `${kind}, ${accept}`).toBe(status);
        expect(answer.data, `${kind}, ${accept}`).toBeUndefined();
        expect(answer.errors?.length, `${kind}, ${accept}`).toBeGreaterThan(0);
      }
    }
  });

  it('is 200 with either type for a request that ran, even with errors in its answer', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const answer = await gw.query('{ node(id: "bogus") { id } }', undefined, { accept });
      expect(answer).toMatchObject({ status: 200, data: { node: null } });
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('JSON nested too deep', () => {
  const CREATE_RIVERGEN =
    'mutation($input: CreateRiverGenDataSourceInput!) { createRiverGenDataSource(input: $input) { __typename } }';
  /** `{"a":{"a":…1…}}`, written out: JSON.stringify itself runs out of stack on such values. */
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const literal = (depth: number) => `${'{ a: '.repeat(depth)}1${' }'.repeat(depth)}`;
  const post = async (body: string) => {
    const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
    });
    return {
      status: response.status,
      ...((await response.json()) as { data?: unknown; errors?: unknown[] }),
    };
  };
  const createWithMetadata = (metadata: string, name = `Deep ${randomUUID()}`) =>
    post(
      `{"query": ${JSON.stringify(CREATE_RIVERGEN)}, "variables": {"input": {"name": "${name}", "type": "postgresql", "host": "h", "port": 5432, "databaseName": "d", "metadata": ${metadata}}}}`,
    );
  const upstreamCalls = () => Object.values(gw.sims).reduce((sum, sim) => sum + sim.stats.count(), 0);

  it('is one input error naming the field, as a variable, before any upstream is called', async () => {
    for (const depth of [65, 5_000, 100_000]) {
      gw.resetCounts();
      const answer = await createWithMetadata(nested(depth));
      expect(answer, `${depth}`).toEqual({
        status: 200,
        errors: [
          {
            message:
              'Variable "$input" has an invalid value at "input.metadata": JSON nested more than 64 levels deep: flatten it.',
            locations: [{ line: 1, column: 10 }],
            extensions: { code: 'BAD_USER_INPUT', field: 'input.metadata' },
          },
        ],
      });
      expect(upstreamCalls(), `${depth}`).toBe(0);
    }
    expect((await createWithMetadata(nested(64))).data).toEqual({
      createRiverGenDataSource: { __typename: 'CreateRiverGenDataSourceSuccess' },
    });
  });

  it('is one input error as a literal too, or the token limit refuses the document first', async () => {
    const create = (depth: number) =>
      post(
        JSON.stringify({
          query: `mutation { createRiverGenDataSource(input: { name: "Deep ${randomUUID()}", type: "postgresql", host: "h", port: 5432, databaseName: "d", metadata: ${literal(depth)} }) { __typename } }`,
        }),
      );
    const deep = await create(100);
    expect(deep.errors).toEqual([
      expect.objectContaining({
        message:
          'Argument "input" has an invalid value at "input.metadata": JSON nested more than 64 levels deep: flatten it.',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.metadata' },
      }),
    ]);
    const deeper = await create(5_000);
    expect(deeper.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', limit: 'tokens' }),
      }),
    ]);
    expect((await create(64)).data).toEqual({
      createRiverGenDataSource: { __typename: 'CreateRiverGenDataSourceSuccess' },
    });
    const errors = gw.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    expect(errors).toEqual([]);
  });
});

describe('JSON nested too deep, as a literal, at the bound', () => {
  const create = (metadata: string) =>
    gw.query(
      `mutation { createRiverGenDataSource(input: { name: "Deep ${randomUUID()}", type: "postgresql", host: "h", port: 5432, databaseName: "d", metadata: ${metadata} }) { __typename } }`,
    );
  const objects = (depth: number) => `${'{ a: '.repeat(depth)}1${' }'.repeat(depth)}`;
  // RiverGen keeps an object: the lists go inside one, which is the first level.
  const lists = (depth: number) => `{ a: ${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)} }`;

  it('takes 64 levels of objects or lists and refuses 65, naming the field', async () => {
    for (const [kind, nest] of [
      ['objects', objects],
      ['lists', lists],
    ] as const) {
      expect((await create(nest(64))).data, kind).toEqual({
        createRiverGenDataSource: { __typename: 'CreateRiverGenDataSourceSuccess' },
      });
      expect(
        (await create(nest(65))).errors?.map((error) => error.message),
        kind,
      ).toEqual([
        'Argument "input" has an invalid value at "input.metadata": JSON nested more than 64 levels deep: flatten it.',
      ]);
    }
  });
});

describe('DateTime and JSON values', () => {
  const FILTERED = 'query($f: DataSourceFilter) { dataSources(first: 1, filter: $f) { totalCount } }';
  const dateTimeExpected =
    'DateTime must be an ISO-8601 string with a date and a time, e.g. 2025-03-01T12:00:00Z.';

  it('refuses a DateTime that is not a date and a time, as a variable and as a literal, never repeating it', async () => {
    for (const value of ['yesterday', '2025-01-01', '2025-13-45T99:00:00Z', 20250101]) {
      expect(await refusals(FILTERED, { f: { updatedAfter: value } }), String(value)).toEqual([
        {
          message: `Variable "$f" has an invalid value at "f.updatedAfter": ${dateTimeExpected}`,
          field: 'f.updatedAfter',
          code: 'BAD_USER_INPUT',
        },
      ]);
    }
    for (const literal of ['"yesterday"', '20250101']) {
      const answer = await gw.query(
        `{ dataSources(first: 1, filter: { updatedAfter: ${literal} }) { totalCount } }`,
      );
      expect(
        answer.errors?.map((error) => error.message),
        literal,
      ).toEqual([`Argument "filter" has an invalid value at "filter.updatedAfter": ${dateTimeExpected}`]);
    }
    for (const f of [{ updatedAfter: '2000-01-01T00:00:00Z' }, undefined]) {
      const answer = await gw.query(FILTERED, { f });
      expect(answer.errors).toBeUndefined();
    }
    const literal = await gw.query(
      '{ dataSources(first: 1, filter: { updatedAfter: "2000-01-01T00:00:00.000Z" }) { totalCount } }',
    );
    expect(literal.errors).toBeUndefined();
  });

  it('keeps each kind of value a JSON literal holds, and refuses one holding a variable', async () => {
    const create = (metadata: string, variables?: Record<string, unknown>) =>
      gw.query<{
        createRiverGenDataSource: { riverGenDataSource?: { metadata: unknown; createdAt: string } };
      }>(
        `mutation${variables ? '($x: Int)' : ''} { createRiverGenDataSource(input: { name: "Kinds ${randomUUID()}", type: "postgresql", host: "h", port: 5432, databaseName: "d", metadata: ${metadata} }) { ... on CreateRiverGenDataSourceSuccess { riverGenDataSource { metadata createdAt } } } }`,
        variables,
      );
    const kept = await create(
      '{ text: "a", yes: true, no: false, kind: ENUM_LIKE, whole: 7, part: 2.5, none: null, list: [1, [2]], deep: { a: { b: "c" } } }',
    );
    expect(kept.errors).toBeUndefined();
    expect(kept.data?.createRiverGenDataSource.riverGenDataSource?.metadata).toEqual({
      text: 'a',
      yes: true,
      no: false,
      kind: 'ENUM_LIKE',
      whole: 7,
      part: 2.5,
      none: null,
      list: [1, [2]],
      deep: { a: { b: 'c' } },
    });
    // A DateTime is answered as ISO-8601 in UTC, to the millisecond.
    expect(kept.data?.createRiverGenDataSource.riverGenDataSource?.createdAt).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    );
    const withVariable = await create('{ count: $x }', { x: 1 });
    expect(withVariable.errors?.map((error) => error.message)).toEqual([
      'Argument "input" has an invalid value at "input.metadata": JSON literals cannot contain variables.',
    ]);
  });
});

describe('an answer with data', () => {
  // A gateway whose upstream observer throws, as a bug in the gateway would: an error without a code beside data.
  let demo: DemoUpstreams;
  let broken: Gateway;
  beforeAll(async () => {
    demo = await startDemoUpstreams();
    const config = loadConfig({ ...demo.env, GATEWAY_AUTH: 'none', UPSTREAM_RETRY_ATTEMPTS: '1' }, providers);
    broken = createGateway(config, {
      logger: createLogger('fatal', { write: () => undefined }),
      services: {
        onUpstreamResponse: () => {
          throw new Error(`the upstream observer broke on ${SECRET}`);
        },
      },
    });
  });
  afterAll(async () => {
    await broken.close();
    await demo.close();
  });

  it('is left as it ran: a field that broke keeps its masked error, and the rest of the data stays', async () => {
    const response = await broken.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename importSources(first: 1) { totalCount } }' }),
    });
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toMatchObject({
      data: { __typename: 'Query', importSources: null },
      errors: [
        {
          message: 'Unexpected error.',
          path: ['importSources'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
  });
});
