import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { loadPersistedManifest } from '../../src/gateway/persisted-manifest.js';
import { providers } from '../../src/providers/registry.js';
import { type GraphQLResponse, startTestGateway, type TestGateway } from '../support/gateway.js';

/** The manifest `npm run codegen` writes for examples/ and the tests' typed operations. */
const MANIFEST = fileURLToPath(new URL('../generated/persisted-documents.json', import.meta.url));
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;

function listed(operationName: string): { id: string; hash: string; document: string } {
  const entry = Object.entries(manifest).find(([, document]) =>
    new RegExp(`^(query|mutation) ${operationName}\\b`).test(document),
  );
  if (!entry) throw new Error(`${operationName} is not in the manifest`);
  return { id: entry[0], hash: entry[0].replace(/^sha256:/, ''), document: entry[1] };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

async function post(gw: TestGateway, body: Record<string, unknown>) {
  const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

async function get(gw: TestGateway, params: Record<string, unknown>) {
  const search = new URLSearchParams(
    Object.entries(params).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
  const response = await gw.gateway.yoga.fetch(`http://gateway.test/graphql?${search}`, {
    headers: { accept: 'application/graphql-response+json' },
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

const everywhere = listed('PostgresEverywhere');
const UNLISTED = '{ riverGenDataSources(first: 1) { totalCount } }';

describe('PERSISTED_OPERATIONS=require', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ PERSISTED_OPERATIONS: 'require', PERSISTED_OPERATIONS_MANIFEST: MANIFEST });
  });
  afterAll(() => gw.close());

  it('refuses a document sent as text, and calls no upstream', async () => {
    gw.resetCounts();
    const { status, body } = await post(gw, { query: UNLISTED });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'PERSISTED_QUERY_ONLY' });
    expect(body.errors?.[0]?.message).toBe(
      'This gateway runs only the documents of its manifest: send a document’s id (`documentId`, or `extensions.persistedQuery.sha256Hash`) instead of its text.',
    );
    expect(gw.sims.rivergen?.stats.requests('listDataSources') ?? []).toHaveLength(0);
    // Even a listed document, as text: clients send ids.
    expect((await post(gw, { query: everywhere.document })).body.errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_ONLY',
    );
  });

  it('runs a listed document by its Apollo hash, by documentId, and by either on a GET', async () => {
    const byHash = await post(gw, { extensions: apq(everywhere.hash) });
    expect(byHash.status).toBe(200);
    expect(byHash.body.errors).toBeUndefined();
    const edges = (byHash.body.data as { dataSources: { edges: unknown[] } }).dataSources.edges;
    expect(edges.length).toBeGreaterThan(0);
    for (const answer of [
      await post(gw, { documentId: everywhere.id }),
      await post(gw, { documentId: everywhere.hash }),
      await get(gw, { documentId: everywhere.id }),
      await get(gw, { extensions: apq(everywhere.hash) }),
    ]) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(byHash.body);
    }
  });

  it('answers an unknown id 404 PERSISTED_QUERY_NOT_FOUND, and refuses to register one', async () => {
    const unknown = sha256(UNLISTED);
    const missing = await post(gw, { extensions: apq(unknown) });
    expect(missing.status).toBe(404);
    expect(missing.body.errors?.[0]?.extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    expect(missing.body.errors?.[0]?.message).toBe(
      'No document of this gateway’s manifest has this id (PersistedQueryNotFound): only the manifest’s documents run here.',
    );
    const register = await post(gw, { query: UNLISTED, extensions: apq(unknown) });
    expect(register.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect((await post(gw, { extensions: apq(unknown) })).status).toBe(404);
  });

  it('reads a hash in capitals as the same id, bare or after `sha256:`', async () => {
    const expected = (await post(gw, { documentId: everywhere.id })).body;
    for (const documentId of [everywhere.hash.toUpperCase(), `sha256:${everywhere.hash.toUpperCase()}`]) {
      const answer = await post(gw, { documentId });
      expect(answer.status, documentId).toBe(200);
      expect(answer.body).toEqual(expected);
    }
  });

  it('says what a request lacks when it sends neither a document nor an id it can read', async () => {
    for (const body of [
      {},
      { extensions: { persistedQuery: { version: 2, sha256Hash: everywhere.hash } } },
      // Ids of another type than text are no ids.
      { extensions: { persistedQuery: { version: 1, sha256Hash: 42 } } },
      { documentId: 42 },
    ]) {
      const { status, body: answer } = await post(gw, body);
      expect(status).toBe(400);
      expect(answer.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
      expect(answer.errors?.[0]?.message).toBe(
        'A request carries a GraphQL document in `query`, or the id of a persisted one (`documentId`, or `extensions.persistedQuery.sha256Hash`).',
      );
    }
    // An empty `documentId` in a URL names nothing either.
    const { status, body: answer } = await get(gw, { documentId: '' });
    expect(status).toBe(400);
    expect(answer.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('still runs only queries on a GET: a listed mutation by id is 405', async () => {
    const patch = listed('PatchPort');
    const { status, body } = await get(gw, { documentId: patch.id });
    expect(status).toBe(405);
    expect(body.data).toBeUndefined();
  });

  it('runs listed documents by id inside a batch', async () => {
    const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify([{ documentId: everywhere.id }, { query: UNLISTED }]),
    });
    const answers = (await response.json()) as GraphQLResponse[];
    expect(answers[0]?.errors).toBeUndefined();
    expect(answers[1]?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  });
});

describe('PERSISTED_OPERATIONS=allow', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      PERSISTED_OPERATIONS: 'allow',
      PERSISTED_OPERATIONS_MANIFEST: MANIFEST,
      APQ_MAX_ENTRIES: '2',
      APQ_MAX_DOCUMENT_BYTES: '200',
    });
  });
  afterAll(() => gw.close());

  it('runs documents sent as text and listed ones by id', async () => {
    expect((await post(gw, { query: UNLISTED })).body.errors).toBeUndefined();
    const byId = await post(gw, { documentId: everywhere.id });
    expect(byId.status).toBe(200);
    expect(byId.body.errors).toBeUndefined();
  });

  it('registers a document sent with its hash (automatic persisted queries), then runs it by hash on a GET', async () => {
    const document = '{ riverGenDataSources(first: 2) { totalCount } }';
    const hash = sha256(document);
    const unknown = await get(gw, { extensions: apq(hash) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.body.errors?.[0]?.message).toBe(
      'This gateway holds no document with this id (PersistedQueryNotFound): send it again with its document in `query`.',
    );
    const registered = await post(gw, { query: document, extensions: apq(hash) });
    expect(registered.body.errors).toBeUndefined();
    const hit = await get(gw, { extensions: apq(hash) });
    expect(hit.status).toBe(200);
    expect(hit.body).toEqual(registered.body);
  });

  it('refuses a hash that is not the document’s, and keeps nothing under it', async () => {
    const document = '{ riverGenDataSources(first: 3) { totalCount } }';
    const wrong = sha256('{ __typename }');
    const { status, body } = await post(gw, { query: document, extensions: apq(wrong) });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(body.errors?.[0]?.message).toBe(
      'The hash sent is not the SHA-256 of the document sent with it: send the hash of the document as sent, or the document alone.',
    );
    expect((await post(gw, { extensions: apq(wrong) })).status).toBe(404);
    expect((await post(gw, { extensions: apq(sha256(document)) })).status).toBe(404);
  });

  it('keeps at most APQ_MAX_ENTRIES documents, forgetting the least recently used, and none over APQ_MAX_DOCUMENT_BYTES', async () => {
    const documents = ['a', 'b', 'c'].map((alias) => `{ ${alias}: __typename }`);
    const [a, b, c] = documents.map(sha256) as [string, string, string];
    const register = (document: string) => post(gw, { query: document, extensions: apq(sha256(document)) });
    await register(documents[0] as string);
    await register(documents[1] as string);
    // `a` used again: `b` is now the least recently used.
    expect((await post(gw, { extensions: apq(a) })).status).toBe(200);
    await register(documents[2] as string);
    expect((await post(gw, { extensions: apq(b) })).status).toBe(404);
    expect((await post(gw, { extensions: apq(a) })).body.data).toEqual({ a: 'Query' });
    expect((await post(gw, { extensions: apq(c) })).body.data).toEqual({ c: 'Query' });

    const large = `{ __typename ${'__typename '.repeat(20)}}`;
    expect((await register(large)).body.errors).toBeUndefined();
    expect((await post(gw, { extensions: apq(sha256(large)) })).status).toBe(404);
  });

  it('keeps a document of exactly APQ_MAX_DOCUMENT_BYTES, and not one a byte over', async () => {
    const sized = (bytes: number) => `{ __typename${' '.repeat(bytes - '{ __typename}'.length)}}`;
    for (const [bytes, status] of [
      [200, 200],
      [201, 404],
    ] as const) {
      const document = sized(bytes);
      expect(Buffer.byteLength(document)).toBe(bytes);
      expect((await post(gw, { query: document, extensions: apq(sha256(document)) })).status).toBe(200);
      expect((await post(gw, { extensions: apq(sha256(document)) })).status, `${bytes} bytes`).toBe(status);
    }
  });

  it('keeps no document that does not validate', async () => {
    const invalid = '{ noSuchField }';
    expect((await post(gw, { query: invalid, extensions: apq(sha256(invalid)) })).status).toBe(400);
    expect((await post(gw, { extensions: apq(sha256(invalid)) })).status).toBe(404);
  });
});

describe('PERSISTED_OPERATIONS=allow with APQ_MAX_ENTRIES=0', () => {
  it('runs a document sent with its hash but keeps none, and still runs the manifest’s by id', async () => {
    await using gw = await startTestGateway({
      PERSISTED_OPERATIONS: 'allow',
      PERSISTED_OPERATIONS_MANIFEST: MANIFEST,
      APQ_MAX_ENTRIES: '0',
    });
    const document = '{ a: __typename }';
    const sent = await post(gw, { query: document, extensions: apq(sha256(document)) });
    expect(sent.body).toEqual({ data: { a: 'Query' } });
    expect((await post(gw, { extensions: apq(sha256(document)) })).status).toBe(404);
    expect((await post(gw, { documentId: everywhere.id })).status).toBe(200);
  });
});

describe('PERSISTED_OPERATIONS=off (the default)', () => {
  it('tells a client that sends a hash alone that persisted queries are off', async () => {
    await using gw = await startTestGateway();
    const { status, body } = await post(gw, { extensions: apq(sha256('{ __typename }')) });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_SUPPORTED' });
    expect(body.errors?.[0]?.message).toBe(
      'This gateway does not run persisted documents by id (PERSISTED_OPERATIONS is off): send the document in `query`.',
    );
    expect((await post(gw, { query: '{ __typename }', extensions: apq('0') })).body.data).toEqual({
      __typename: 'Query',
    });
    // Neither a document nor an id: not about persisted queries at all.
    const empty = await post(gw, {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors?.[0]?.extensions?.code).not.toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect(empty.body.errors?.[0]?.message).toBe('Must provide query string.');
  });
});

describe('the manifest at start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const start = (env: Record<string, string>) =>
    loadPersistedManifest(
      loadConfig({ GATEWAY_AUTH: 'none', PERSISTED_OPERATIONS: 'require', ...env }, providers),
    );

  async function startupError(env: Record<string, string>): Promise<string> {
    const error = await start(env).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }

  it('is required by `require`, and unused by `off`', () => {
    expect(() => loadConfig({ GATEWAY_AUTH: 'none', PERSISTED_OPERATIONS: 'require' }, providers)).toThrow(
      /PERSISTED_OPERATIONS_MANIFEST is required/,
    );
    expect(() =>
      loadConfig({ GATEWAY_AUTH: 'none', PERSISTED_OPERATIONS_MANIFEST: MANIFEST }, providers),
    ).toThrow(/PERSISTED_OPERATIONS is `off`/);
  });

  it('names the variable, never the contents, for a missing file, bad JSON or not a manifest', async () => {
    expect(await startupError({ PERSISTED_OPERATIONS_MANIFEST: join(dir, 'absent.json') })).toMatch(
      /PERSISTED_OPERATIONS_MANIFEST: .* could not be read as a file \(ENOENT\)/,
    );
    const secret = 'sk_live_do_not_print';
    const badJson = await startupError({
      PERSISTED_OPERATIONS_MANIFEST: file('bad.json', `{"a": "${secret}`),
    });
    expect(badJson).toMatch(/PERSISTED_OPERATIONS_MANIFEST: .* is not JSON/);
    expect(badJson).not.toContain(secret);
    const notManifest = await startupError({
      PERSISTED_OPERATIONS_MANIFEST: file('list.json', JSON.stringify({ a: { secret } })),
    });
    expect(notManifest).toMatch(/PERSISTED_OPERATIONS_MANIFEST: .* is not a manifest/);
    expect(notManifest).not.toContain(secret);
    expect(
      await startupError({
        PERSISTED_OPERATIONS_MANIFEST: file(
          'lying.json',
          JSON.stringify({ [`sha256:${sha256('x')}`]: secret }),
        ),
      }),
    ).toMatch(/the 1st\) whose id is not the SHA-256 of its document/);
  });

  it('reads an Apollo persisted query manifest from a URL, and names the variable when the URL fails', async () => {
    const body = '{ __typename }';
    const apollo = JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: sha256(body), name: 'Typename', type: 'query', body }],
    });
    const server = createServer((req, res) => {
      if (req.url === '/manifest.json')
        res.writeHead(200, { 'content-type': 'application/json' }).end(apollo);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const config = await start({ PERSISTED_OPERATIONS_MANIFEST: `${base}/manifest.json` });
      expect(config.persistedOperations.documents?.get(`sha256:${sha256(body)}`)).toBe(body);
      const failed = await startupError({ PERSISTED_OPERATIONS_MANIFEST: `${base}/gone.json?token=abc` });
      expect(failed).toMatch(/PERSISTED_OPERATIONS_MANIFEST: .* answered HTTP 404/);
      expect(failed).not.toContain('token=abc');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('names the variable, never the contents, for a manifest of no document or of entries not documents', async () => {
    const secret = 'sk_live_do_not_print';
    const manifestOf = async (name: string, content: unknown) =>
      startupError({ PERSISTED_OPERATIONS_MANIFEST: file(name, JSON.stringify(content)) });
    const apollo = (operations: unknown) => ({ format: 'apollo-persisted-query-manifest', operations });
    expect(await manifestOf('empty.json', {})).toMatch(/PERSISTED_OPERATIONS_MANIFEST: .* lists no document/);
    expect(await manifestOf('empty-apollo.json', apollo([]))).toMatch(/lists no document/);
    for (const [name, content] of [
      ['array.json', [secret]],
      ['null.json', null],
      ['number.json', 42],
      ['mixed.json', { a: '{ __typename }', b: { secret } }],
      ['apollo-object.json', apollo({ a: secret })],
      ['apollo-null.json', apollo([null])],
      ['apollo-no-body.json', apollo([{ id: 'a', document: secret }])],
      ['apollo-no-id.json', apollo([{ name: 'A', body: secret }])],
    ] as const) {
      const message = await manifestOf(name, content);
      expect(message, name).toMatch(/PERSISTED_OPERATIONS_MANIFEST: .* is not a manifest/);
      expect(message, name).not.toContain(secret);
    }
  });

  it('counts the entry whose id is not its document’s hash, in words', async () => {
    const honest = (i: number): [string, string] => {
      const document = `{ a${i}: __typename }`;
      return [`sha256:${sha256(document)}`, document];
    };
    const ordinals = {
      2: '2nd',
      3: '3rd',
      4: '4th',
      10: '10th',
      11: '11th',
      12: '12th',
      13: '13th',
      21: '21st',
    };
    for (const [position, ordinal] of Object.entries(ordinals)) {
      const entries = Array.from({ length: Number(position) - 1 }, (_, i) => honest(i));
      entries.push([`sha256:${sha256('x')}`, '{ __typename }']);
      const message = await startupError({
        PERSISTED_OPERATIONS_MANIFEST: file(
          `lying-${position}.json`,
          JSON.stringify(Object.fromEntries(entries)),
        ),
      });
      expect(message).toContain(`(the ${ordinal}) whose id is not the SHA-256 of its document`);
    }
  });

  it('keeps an id that does not say it is a SHA-256 as it is, whatever the document', async () => {
    const config = await start({
      PERSISTED_OPERATIONS_MANIFEST: file('named.json', JSON.stringify({ Typename: '{ __typename }' })),
    });
    expect(config.persistedOperations.documents?.get('Typename')).toBe('{ __typename }');
  });

  it('reads a file named by a file: URL, or by a path that holds `http://` past its start', async () => {
    const body = JSON.stringify({ Typename: '{ __typename }' });
    const byUrl = await start({ PERSISTED_OPERATIONS_MANIFEST: pathToFileURL(file('url.json', body)).href });
    expect(byUrl.persistedOperations.documents?.get('Typename')).toBe('{ __typename }');
    mkdirSync(join(dir, 'http:'), { recursive: true });
    writeFileSync(join(dir, 'http:', 'm.json'), body);
    const byPath = await start({ PERSISTED_OPERATIONS_MANIFEST: `${dir}/http://m.json` });
    expect(byPath.persistedOperations.documents?.get('Typename')).toBe('{ __typename }');
  });

  it('names the variable when its URL does not answer, answers no body, or sends more than it may hold', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/manifest.json?token=abc`;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await startupError({ PERSISTED_OPERATIONS_MANIFEST: closedUrl });
    expect(refused).toMatch(/PERSISTED_OPERATIONS_MANIFEST: .* could not be fetched \(no answer within/);
    expect(refused).not.toContain('token=abc');

    const MiB = Buffer.alloc(1024 * 1024, 0x20);
    const server = createServer((req, res) => {
      if (req.url === '/empty') res.writeHead(204).end();
      else if (req.url === '/announced') {
        // Says it is larger than a manifest may be: refused before its body is read.
        res.writeHead(200, { 'content-length': String(65 * 1024 * 1024) });
        res.write('{');
      } else {
        // No length said: refused once what arrived passes the bound.
        res.writeHead(200, { 'content-type': 'application/json' });
        let sent = 0;
        const more = () => {
          while (sent < 65 && !res.destroyed) {
            sent += 1;
            if (!res.write(MiB)) return void res.once('drain', more);
          }
          res.end();
        };
        more();
      }
    });
    server.on('connection', (socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await startupError({ PERSISTED_OPERATIONS_MANIFEST: `${base}/empty` })).toMatch(
        /PERSISTED_OPERATIONS_MANIFEST: .* is not JSON/,
      );
      for (const path of ['/announced', '/streamed'])
        expect(await startupError({ PERSISTED_OPERATIONS_MANIFEST: `${base}${path}` }), path).toMatch(
          /PERSISTED_OPERATIONS_MANIFEST: .* is larger than 67108864 bytes/,
        );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('lists every typed operation of examples/', () => {
    for (const name of ['PostgresEverywhere', 'ProdCatalog', 'Reopen', 'PatchPort'])
      expect(listed(name).id).toMatch(/^sha256:/);
  });
});
