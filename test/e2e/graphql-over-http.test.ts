import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/server.js';
import { postGraphQL, startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let server: RunningServer;
beforeAll(async () => {
  gw = await startTestGateway();
  server = await listen(gw.gateway, '127.0.0.1', 0);
});
afterAll(async () => {
  await server.close();
  await gw.close();
});

/** A request as a browser, curl or a cross-site page would send it, not the way `gw.query` does. */
async function send(path: string, init: RequestInit = {}) {
  const response = await fetch(new URL(path, server.url), init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const errorsOf = (text: string) =>
  (JSON.parse(text) as { errors?: { message: string; extensions?: Record<string, unknown> }[] }).errors ?? [];

const upstreamCalls = () => Object.values(gw.sims).reduce((sum, sim) => sum + sim.stats.count(), 0);

const getUrl = (params: Record<string, string>) => `/graphql?${new URLSearchParams(params)}`;

/** A mutation that would call Prequel if it ran, and the query that tells whether it did. */
async function destinationDeletion() {
  const { data } = await gw.query<{ destinations: { edges: { node: { id: string } }[] } }>(
    '{ destinations(first: 1) { edges { node { id } } } }',
  );
  const id = data?.destinations.edges[0]?.node.id ?? '';
  return {
    mutation: `mutation Remove { deleteDestination(id: "${id}") { __typename } }`,
    stillThere: async () => (await gw.query(`{ node(id: "${id}") { id } }`)).data?.node !== null,
  };
}

describe('the GraphQL-over-HTTP server audits (graphql-http), over a real connection', () => {
  // The list is fixed: each audit is its own test, named in full by what it checks (it.each would cut names short).
  for (const { id, name, fn } of serverAudits({ url: () => server.url })) {
    it(`${name} (${id})`, async () => {
      const result = await fn();
      const outcome =
        result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason} (HTTP ${result.response.status})`;
      expect(outcome).toBe('ok');
    });
  }
});

describe('GET', () => {
  it('runs a query with no custom header, variables in the URL', async () => {
    const answer = await send(
      getUrl({
        query: 'query Count($p: [Provider!]) { dataSources(filter: { providers: $p }) { totalCount } }',
        variables: JSON.stringify({ p: ['PDC'] }),
      }),
      { headers: { accept: 'application/json' } },
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { dataSources: { totalCount: expect.any(Number) } } });
  });

  it('gives a page of an origin CORS_ORIGINS does not list no CORS header, so its browser withholds the answer', async () => {
    const answer = await send(getUrl({ query: '{ __typename }' }), {
      headers: { accept: 'application/json', origin: 'https://elsewhere.example' },
    });
    expect(answer.status).toBe(200);
    expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('refuses a mutation with 405 and Allow: POST before anything runs, also one picked by operationName', async () => {
    const { mutation: remove, stillThere } = await destinationDeletion();
    const requests: Record<string, string>[] = [
      { query: remove },
      { query: `query Look { __typename } ${remove}`, operationName: 'Remove' },
    ];
    gw.resetCounts();
    for (const params of requests) {
      const answer = await send(getUrl(params), { headers: { accept: 'application/json' } });
      expect(answer.status, params.query).toBe(405);
      expect(answer.headers.get('allow'), params.query).toBe('POST');
      expect(errorsOf(answer.text)[0]?.message, params.query).toMatch(/mutation .* POST/);
    }
    expect(upstreamCalls()).toBe(0);
    expect(await stillThere()).toBe(true);
  });

  it('answers with Cache-Control: no-store, as the answer depends on credentials a shared cache does not see', async () => {
    const answer = await send(getUrl({ query: '{ __typename }' }), {
      headers: { accept: 'application/json' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });
});

describe('POST', () => {
  it('refuses every body a cross-site form can send (415), with or without x-graphql-yoga-csrf, running nothing', async () => {
    const { mutation, stillThere } = await destinationDeletion();
    const bodies: Record<string, string> = {
      'text/plain': JSON.stringify({ query: mutation }),
      'application/x-www-form-urlencoded': new URLSearchParams({ query: mutation }).toString(),
      'multipart/form-data; boundary=x': `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: mutation })}\r\n--x--\r\n`,
    };
    const withAndWithoutHeader: Record<string, string>[] = [{}, { 'x-graphql-yoga-csrf': '1' }];
    gw.resetCounts();
    for (const [type, body] of Object.entries(bodies)) {
      for (const extra of withAndWithoutHeader) {
        const answer = await send('/graphql', {
          method: 'POST',
          headers: { 'content-type': type, origin: 'https://elsewhere.example', ...extra },
          body,
        });
        expect(answer.status, type).toBe(415);
        const [error] = errorsOf(answer.text);
        const essence = type.split(';')[0];
        expect(error?.extensions, type).toEqual({ code: 'BAD_USER_INPUT', contentType: essence });
        // The article follows how the type is spoken: "an application/…", "a text/…".
        const article = essence?.startsWith('application/') ? 'An' : 'A';
        expect(error?.message, type).toContain(`${article} ${essence} body is not a GraphQL request`);
        expect(error?.message, type).toContain('application/json');
      }
    }
    expect(upstreamCalls()).toBe(0);
    expect(await stillThere()).toBe(true);
  });

  it('refuses a body without a content-type or of any other type with 415, and other methods with 405', async () => {
    const bare = await fetch(server.url, { method: 'POST', body: new Blob(['{"query":"{ __typename }"}']) });
    expect(bare.status).toBe(415);
    expect(errorsOf(await bare.text())[0]).toMatchObject({
      message: expect.stringContaining('A body without a content-type'),
      extensions: { code: 'BAD_USER_INPUT', contentType: null },
    });
    // A form's type is known however it is written: in capitals, with spaces before its parameters.
    for (const [type, essence] of [
      ['Text/Plain', 'text/plain'],
      ['application/x-www-form-urlencoded ; charset=utf-8', 'application/x-www-form-urlencoded'],
    ]) {
      const form = await send('/graphql', {
        method: 'POST',
        headers: { 'content-type': type ?? '' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(form.status, type).toBe(415);
      expect(errorsOf(form.text)[0]?.extensions, type).toEqual({
        code: 'BAD_USER_INPUT',
        contentType: essence,
      });
    }
    const xml = await send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<query>{ __typename }</query>',
    });
    expect(xml.status).toBe(415);
    expect(errorsOf(xml.text)[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      contentType: 'application/xml',
    });
    const put = await send('/graphql', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(put.status).toBe(405);
  });

  it('runs JSON bodies, which a browser sends cross-origin only after a CORS preflight', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/graphql+json']) {
      const answer = await send('/graphql', {
        method: 'POST',
        headers: { 'content-type': type, accept: 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(answer.status, type).toBe(200);
      expect(JSON.parse(answer.text), type).toEqual({ data: { __typename: 'Query' } });
      expect(answer.headers.get('cache-control'), type).toBeNull();
    }
  });

  it('runs a JSON body sent in chunks, with no Content-Length (counted against REQUEST_BODY_LIMIT_BYTES as it arrives)', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ query: '{ __typename }' }));
    const response = await fetch(new URL('/graphql', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: new ReadableStream<Uint8Array>({
        start: (controller) => {
          controller.enqueue(bytes.slice(0, 10));
          controller.enqueue(bytes.slice(10));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('operationName', () => {
  const post = (body: Record<string, unknown>) =>
    postGraphQL(gw, body).then(({ data, errors }) => ({
      data,
      messages: errors?.map((error) => error.message),
    }));

  it('picks the operation run from a document of several, whichever ran before it', async () => {
    const document =
      'query Catalog { catalogDataSources(first: 1) { totalCount } } query RiverGen { riverGenDataSources(first: 1) { totalCount } }';
    for (const operationName of ['Catalog', 'RiverGen', 'Catalog', 'RiverGen']) {
      gw.resetCounts();
      const answer = await post({ query: document, operationName });
      expect(answer.messages, operationName).toBeUndefined();
      expect(Object.keys(answer.data ?? {}), operationName).toEqual([
        operationName === 'Catalog' ? 'catalogDataSources' : 'riverGenDataSources',
      ]);
      const [asked, other] = operationName === 'Catalog' ? ['pdc', 'rivergen'] : ['rivergen', 'pdc'];
      expect(gw.sims[asked ?? '']?.stats.count(), operationName).toBeGreaterThan(0);
      expect(gw.sims[other ?? '']?.stats.count(), operationName).toBe(0);
    }
  });

  it('naming an operation the document does not hold is refused, also once the one it holds has run', async () => {
    const document = 'query Catalog { catalogDataSources(first: 1) { totalCount } }';
    expect((await post({ query: document, operationName: 'Catalog' })).messages).toBeUndefined();
    gw.resetCounts();
    expect(await post({ query: document, operationName: 'RiverGen' })).toEqual({
      data: undefined,
      messages: ['Could not determine what operation to execute.'],
    });
    expect(upstreamCalls()).toBe(0);
    expect((await post({ query: document })).data).toEqual({ catalogDataSources: { totalCount: 1000 } });
  });
});
