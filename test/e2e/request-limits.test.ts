import { getNamedType, isLeafType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfHeader } from '../../src/gateway/request-limits.js';
import { listen } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** Sends a request the way a browser or curl would, not the way `gw.query` does. */
async function send(gw: TestGateway, path: string, init: RequestInit = {}) {
  const response = await gw.gateway.yoga.fetch(`http://gateway.test${path}`, init);
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

const errorsOf = (text: string) =>
  (JSON.parse(text) as { errors?: { message: string; extensions?: Record<string, unknown> }[] }).errors ?? [];

const upstreamCalls = (gw: TestGateway) =>
  Object.values(gw.sims).reduce((sum, sim) => sum + sim.stats.count(), 0);

/** Every scalar field of every data source type: what a client that wants "everything" asks for. */
function everyDataSourceField(gw: TestGateway): string {
  // One type per field name: the same name with two types in one selection would not validate.
  const seen = new Map<string, string>();
  return Object.values(gw.gateway.schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => type.getInterfaces().some((i) => i.name === 'DataSource'))
    .map((type) => {
      const leaves = Object.values(type.getFields()).filter((field) => {
        if (!isLeafType(getNamedType(field.type)) || field.args.length > 0) return false;
        if ((seen.get(field.name) ?? String(field.type)) !== String(field.type)) return false;
        seen.set(field.name, String(field.type));
        return true;
      });
      return `... on ${type.name} { ${leaves.map((field) => field.name).join(' ')} }`;
    })
    .join(' ');
}

describe('query limits at their defaults', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  async function refused(
    document: string,
    limit: string,
    message: RegExp,
    variables?: Record<string, unknown>,
  ) {
    gw.resetCounts();
    const answer = await gw.query(document, variables);
    expect(answer.status).toBeLessThan(500);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(message),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', limit }),
      }),
    );
    expect(upstreamCalls(gw)).toBe(0);
  }

  it('refuses a document nested 13 levels deep, over the depth limit of 12', async () => {
    const deep = `{ ${'a { '.repeat(12)}b${' }'.repeat(12)} }`;
    await refused(deep, 'depth', /^Query depth limit of 12 exceeded, found 13\.$/);
  });

  it('answers a page of 500 data sources with every field, and refuses ten such pages in one query', async () => {
    const page = `dataSources(first: 500) { edges { node { id ${everyDataSourceField(gw)} } } }`;
    const one = await gw.query(`{ ${page} }`);
    expect(one.errors).toBeUndefined();
    const tenPages = Array.from({ length: 10 }, (_, i) => `p${i}: ${page}`).join(' ');
    await refused(`{ ${tenPages} }`, 'cost', /^Query Cost limit of 1000000 exceeded, found \d+/);
  });

  it('counts a page size sent as a variable, or as its default, like a literal one', async () => {
    const page = `dataSources(first: $size) { edges { node { id ${everyDataSourceField(gw)} } } }`;
    const tenPages = (head: string) =>
      `query ${head} { ${Array.from({ length: 10 }, (_, i) => `p${i}: ${page}`).join(' ')} }`;
    const cost = /^Query Cost limit of 1000000 exceeded, found \d+/;
    await refused(tenPages('($size: Int!)'), 'cost', cost, { size: 500 });
    await refused(tenPages('($size: Int = 500)'), 'cost', cost);
    const small = await gw.query(tenPages('($size: Int!)'), { size: 2 });
    expect(small.errors).toBeUndefined();
  });

  it('refuses 16 aliases, over the alias limit of 15, `__typename` ones too, and answers 15', async () => {
    const aliased = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: dataSources(first: 1) { totalCount }`).join(' ')} }`;
    await refused(aliased(16), 'aliases', /^Aliases limit of 15 exceeded, found 16\.$/);
    const typenames = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    await refused(typenames(16), 'aliases', /^Aliases limit of 15 exceeded, found 16\.$/);
    expect((await gw.query(typenames(15))).errors).toBeUndefined();
    const answer = await gw.query<Record<string, { totalCount: number }>>(aliased(15));
    expect(answer.errors).toBeUndefined();
    expect(Object.keys(answer.data ?? {})).toHaveLength(15);
  });

  it('refuses 51 directives, over the directive limit of 50', async () => {
    const directives = `{ __typename ${'@include(if: true) '.repeat(51)} }`;
    await refused(directives, 'directives', /^Directives limit of 50 exceeded, found 51\.$/);
  });

  it('refuses a document of more than 2000 tokens while parsing it', async () => {
    await refused(`{ ${'__typename '.repeat(2000)}}`, 'tokens', /^Token limit of 2000 exceeded\.$/);
  });

  it('answers 413 to a body over 1 MB, saying what the limit is', async () => {
    const answer = await send(gw, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1024 * 1024) } }),
    });
    expect(answer.status).toBe(413);
    expect(answer.type).toContain('application/json');
    expect(errorsOf(answer.text)).toEqual([
      {
        message: expect.stringContaining('larger than 1048576 bytes'),
        extensions: { code: 'BAD_USER_INPUT', limit: 'requestBody', max: 1048576 },
      },
    ]);
  });

  it('answers 413 over a real connection, whether the body declares its length or comes in chunks', async () => {
    const server = await listen(gw.gateway, '127.0.0.1', 0);
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let chunks = 0;
    const bodies: Record<string, BodyInit> = {
      declared: JSON.stringify({ query: `{ __typename } #${'x'.repeat(2 * 1024 * 1024)}` }),
      chunked: new ReadableStream<Uint8Array>({
        pull: (controller) => (chunks++ < 32 ? controller.enqueue(chunk) : controller.close()),
      }),
    };
    try {
      for (const [kind, body] of Object.entries(bodies)) {
        const init = {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          duplex: 'half',
        };
        const response = await fetch(server.url, init);
        expect(response.status, kind).toBe(413);
        expect(errorsOf(await response.text())[0]?.extensions?.code, kind).toBe('BAD_USER_INPUT');
      }
    } finally {
      await server.close();
    }
  });

  it('refuses a browser form POST without the CSRF header, and a GET query without it', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const answer = await send(gw, '/graphql', {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(answer.status, type).toBe(403);
      expect(errorsOf(answer.text), type).toEqual([
        { message: 'Required CSRF header(s) not present', extensions: { code: 'FORBIDDEN' } },
      ]);
    }
    const get = await send(gw, `/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(get.status).toBe(403);
  });

  it('refuses a multipart upload, which no field takes, and any other body type, saying what it reads', async () => {
    // Each with how the message names it, article included.
    const bodies = [
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--x--\r\n',
        'A multipart/form-data body',
      ],
      ['application/xml', '<query>{ __typename }</query>', 'An application/xml body'],
    ] as const;
    for (const [type, body, named] of bodies) {
      const answer = await send(gw, '/graphql', {
        method: 'POST',
        headers: { 'content-type': type, [csrfHeader]: '1' },
        body,
      });
      expect(answer.status, type).toBe(415);
      const [error] = errorsOf(answer.text);
      expect(error?.extensions, type).toEqual({ code: 'BAD_USER_INPUT', contentType: type.split(';')[0] });
      expect(error?.message, type).toContain(`${named} is not a GraphQL request`);
      expect(error?.message, type).toContain('application/json');
    }
    const put = await send(gw, '/graphql', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(put.status).toBe(405);
  });

  it('answers JSON POSTs, and GET queries that carry x-graphql-yoga-csrf', async () => {
    const json = await gw.query('{ __typename }');
    expect(json).toMatchObject({ status: 200, data: { __typename: 'Query' } });
    const get = await send(gw, `/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(get.status).toBe(200);
    expect(JSON.parse(get.text)).toEqual({ data: { __typename: 'Query' } });
  });

  it('still serves GraphiQL to a browser, and answers introspection', async () => {
    const page = await send(gw, '/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('datasource-gateway');
    const introspection = await gw.query('{ __schema { queryType { name } } }');
    expect(introspection.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('limits and switches set through the environment', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      MAX_QUERY_DEPTH: '5',
      REQUEST_BODY_LIMIT_BYTES: '2048',
      INTROSPECTION: 'false',
    });
  });
  afterAll(() => gw.close());

  it('refuses a valid query 9 levels deep when MAX_QUERY_DEPTH is 5', async () => {
    const answer = await gw.query(
      '{ destinations(first: 1) { edges { node { config { ... on IcebergDestinationConfig { catalogIcebergRest { storageOptions { bucketS3 { awsIamRole { awsIamRoleArn } } } } } } } } } }',
    );
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: 'Query depth limit of 5 exceeded, found 9.',
        extensions: { code: 'BAD_USER_INPUT', limit: 'depth', max: 5 },
      }),
    ]);
  });

  it('answers 413 to a body over REQUEST_BODY_LIMIT_BYTES', async () => {
    const answer = await gw.query('{ __typename }', { pad: 'x'.repeat(2048) });
    expect(answer.status).toBe(413);
    expect(answer.errors?.[0]?.message).toContain('larger than 2048 bytes');
  });

  it('refuses introspection when INTROSPECTION is false, and hides field suggestions', async () => {
    for (const document of ['{ __schema { queryType { name } } }', '{ __type(name: "Query") { name } }']) {
      const answer = await gw.query(document);
      expect(answer.data ?? null, document).toBeNull();
      expect(answer.errors?.[0], document).toMatchObject({
        message: expect.stringContaining('introspection has been disabled'),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    }
    expect((await gw.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
    const typo = await gw.query('{ dataSourcez { totalCount } }');
    expect(typo.errors?.[0]?.message).toBe('Cannot query field "dataSourcez" on type "Query".');
  });
});

/** Requests with a misspelt name in every place graphql-js would suggest the right one. */
const misspelt: [string, Record<string, unknown>?][] = [
  ['{ dataSourcez { totalCount } }'],
  ['{ dataSources(frist: 1) { totalCount } }'],
  ['query($f: DataSourceFiltr) { dataSources(filter: $f) { totalCount } }'],
  ['{ dataSources(filter: { vendors: [POSTGRESS] }) { totalCount } }'],
  [
    'query($f: DataSourceFilter) { dataSources(filter: $f) { totalCount } }',
    { f: { vendors: ['POSTGRESS'] } },
  ],
  ['{ dataSources(filter: { nam: "x" }) { totalCount } }'],
  ['query($f: DataSourceFilter) { dataSources(filter: $f) { totalCount } }', { f: { nam: 'x' } }],
  [
    'mutation($input: CreateImportSourceInput!) { createImportSource(input: $input) { __typename } }',
    { input: { name: 'n', providerId: 'p', config: { postgress: {} } } },
  ],
  ['{ node(id: "x") { ... on ImportSource { nme } } }'],
];

describe('suggestions', () => {
  const messages = async (gw: TestGateway) => {
    const all: string[] = [];
    for (const [document, variables] of misspelt) {
      const answer = await gw.query(document, variables);
      expect(answer.errors?.length, document).toBeGreaterThan(0);
      all.push(...(answer.errors ?? []).map((error) => error.message));
    }
    return all;
  };

  it('appear in no error when INTROSPECTION is false', async () => {
    await using closed = await startTestGateway({ INTROSPECTION: 'false' });
    const all = await messages(closed);
    expect(all.filter((message) => /did you mean/i.test(message))).toEqual([]);
    expect(all).toContain('Cannot query field "dataSourcez" on type "Query".');
  });

  it('are offered when introspection is on, as it tells the schema anyway', async () => {
    await using open = await startTestGateway();
    const all = await messages(open);
    expect(all).toContain(
      'Cannot query field "dataSourcez" on type "Query". Did you mean "dataSource" or "dataSources"?',
    );
  });
});

describe('a cost limit set through the environment', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ MAX_QUERY_COST: '1000' });
  });
  afterAll(() => gw.close());

  it('prices a nodes lookup by the number of ids sent, and refuses one over MAX_QUERY_COST', async () => {
    const ids = Array.from({ length: 20 }, (_, i) =>
      Buffer.from(`CatalogDataSource:${i.toString(16).padStart(24, '0')}`).toString('base64url'),
    );
    // Each lookup of 20 ids costs (2 + 1.5 × 1 field) × 20 = 70: 15 of them are over 1000, 14 are not.
    const lookups = (n: number) =>
      `query ($ids: [ID!]!) { ${Array.from({ length: n }, (_, i) => `l${i}: nodes(ids: $ids) { id }`).join(' ')} }`;
    gw.resetCounts();
    const refused = await gw.query(lookups(15), { ids });
    expect(upstreamCalls(gw)).toBe(0);
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Query Cost limit of 1000 exceeded, found 1050/),
        extensions: { code: 'BAD_USER_INPUT', limit: 'cost', max: 1000 },
      }),
    ]);
    const answered = await gw.query(lookups(14), { ids });
    expect(answered.errors).toBeUndefined();
    expect(Object.keys(answered.data ?? {})).toHaveLength(14);
  });
});
