import { request as httpRequest } from 'node:http';
import { getNamedType, isLeafType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('refuses 101 aliases, over the alias limit of 100, `__typename` ones too, and answers 100', async () => {
    const typenames = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    await refused(typenames(101), 'aliases', /^Aliases limit of 100 exceeded, found 101\.$/);
    const answer = await gw.query(typenames(100));
    expect(answer.errors).toBeUndefined();
    expect(Object.keys(answer.data ?? {})).toHaveLength(100);
  });

  it('answers a dashboard of 60 panels, each an aliased count or lookup', async () => {
    const { data } = await gw.query<{ dataSources: { edges: { node: { id: string } }[] } }>(
      '{ dataSources(first: 48) { edges { node { id } } } }',
    );
    const pinned = data?.dataSources.edges.map((edge) => edge.node.id) ?? [];
    expect(pinned).toHaveLength(48);
    const panels = [
      ...['PDC', 'PREQUEL_EXPORT', 'PREQUEL_IMPORT', 'RIVERGEN'].map(
        (provider) => `total_${provider}: dataSources(filter: { providers: [${provider}] }) { totalCount }`,
      ),
      ...['POSTGRES', 'MYSQL', 'ORACLE', 'S3', 'SNOWFLAKE', 'BIGQUERY', 'REDSHIFT', 'DATABRICKS'].map(
        (vendor) =>
          `vendor_${vendor}: dataSources(first: 3, filter: { vendors: [${vendor}] }) { totalCount }`,
      ),
      ...pinned.map(
        (id, i) => `pinned${i}: node(id: "${id}") { ... on DataSource { name vendor provider } }`,
      ),
    ];
    expect(panels).toHaveLength(60);
    const answer = await gw.query(`query Dashboard { ${panels.join(' ')} }`);
    expect(answer.errors).toBeUndefined();
    expect(Object.keys(answer.data ?? {})).toHaveLength(60);
  });

  it('refuses 60 aliases of a large page by their cost, not by their number', async () => {
    const page = (i: number) =>
      `p${i}: dataSources(first: 500) { edges { node { id name vendor rawVendor provider nativeId host port database createdAt } } }`;
    const pages = `{ ${Array.from({ length: 60 }, (_, i) => page(i)).join(' ')} }`;
    await refused(pages, 'cost', /^Query Cost limit of 1000000 exceeded, found \d+/);
  });

  it('refuses 51 directives, over the directive limit of 50', async () => {
    const directives = `{ __typename ${'@include(if: true) '.repeat(51)} }`;
    await refused(directives, 'directives', /^Directives limit of 50 exceeded, found 51\.$/);
  });

  it('names every limit a document is over, not only the first, so one answer says all there is to fix', async () => {
    const deepAndWide = `{ ${Array.from({ length: 101 }, (_, i) => `t${i}: __typename`).join(' ')} ${'a { '.repeat(12)}b${' }'.repeat(12)} }`;
    gw.resetCounts();
    const answer = await gw.query(deepAndWide);
    expect(answer.status).toBeLessThan(500);
    expect(answer.data ?? null).toBeNull();
    const limits = answer.errors?.map((error) => error.extensions?.limit).filter(Boolean);
    expect(limits).toEqual(expect.arrayContaining(['depth', 'aliases']));
    expect(upstreamCalls(gw)).toBe(0);
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

  it('takes a body of exactly REQUEST_BODY_LIMIT_BYTES, declared or in chunks, and refuses one byte more', async () => {
    /** A JSON body of `size` bytes, padded in a variable the query does not use. */
    const bodyOf = (size: number) => {
      const bare = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
      return new TextEncoder().encode(
        JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(size - bare.length) } }),
      );
    };
    const post = (bytes: Uint8Array, declared: boolean) =>
      gw.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(declared ? { 'content-length': String(bytes.byteLength) } : {}),
        },
        body: declared
          ? bytes
          : new ReadableStream<Uint8Array>({
              start: (controller) => {
                controller.enqueue(bytes.slice(0, 1000));
                controller.enqueue(bytes.slice(1000));
                controller.close();
              },
            }),
        duplex: 'half',
      } as RequestInit);
    for (const declared of [true, false]) {
      const at = await post(bodyOf(2048), declared);
      expect(at.status, `declared: ${declared}`).toBe(200);
      expect(await at.json()).toEqual({ data: { __typename: 'Query' } });
      const over = await post(bodyOf(2049), declared);
      expect(over.status, `declared: ${declared}`).toBe(413);
      // The rest of a body too large is not read: the connection it came on is closed.
      expect(over.headers.get('connection'), `declared: ${declared}`).toBe('close');
      expect(errorsOf(await over.text())).toEqual([
        {
          message:
            'The request body is larger than 2048 bytes, the most this gateway accepts: send a shorter document or fewer variables.',
          extensions: { code: 'BAD_USER_INPUT', limit: 'requestBody', max: 2048 },
        },
      ]);
    }
  });

  it('answers 413 from a declared Content-Length over the limit before any of the body arrives', async () => {
    const server = await listen(gw.gateway, '127.0.0.1', 0);
    try {
      // The head goes out, the body never follows: only the declared length can decide.
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const request = httpRequest(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': '4096' },
        });
        request.on('response', (response) => {
          resolve(response.statusCode);
          request.destroy();
        });
        request.on('error', reject);
        request.flushHeaders();
      });
      expect(status).toBe(413);
    } finally {
      await server.close();
    }
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
