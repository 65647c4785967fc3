import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/gateway/logging.js';
import { providers } from '../../src/providers/registry.js';
import { startDemoUpstreams } from '../../src/sandbox/demo.js';
import { createGateway, listen } from '../../src/server.js';
import { type GraphQLResponse, startTestGateway, type TestGateway } from '../support/gateway.js';

interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** `riverGenDataSources(first: 10) { edges { node { id } } }` weighs 129 (see MAX_QUERY_COST). */
const TEN = 'query Ten { riverGenDataSources(first: 10) { edges { node { id } } } }';
const COST_OF_TEN = 129;

async function post(gw: TestGateway, body: unknown, headers: Record<string, string> = {}) {
  const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse | GraphQLResponse[] };
}

async function batch(gw: TestGateway, operations: Operation[], headers?: Record<string, string>) {
  const { status, body } = await post(gw, operations, headers);
  expect(Array.isArray(body), JSON.stringify(body)).toBe(true);
  return { status, answers: body as GraphQLResponse<Record<string, unknown>>[] };
}

async function refusal(gw: TestGateway, body: unknown, init: RequestInit = {}) {
  const { status, body: answer } = await post(gw, body, init.headers as Record<string, string>);
  expect(Array.isArray(answer), 'a refused batch is one answer, not an array').toBe(false);
  const single = answer as GraphQLResponse;
  expect(single.data).toBeUndefined();
  expect(single.errors).toHaveLength(1);
  return { status, error: single.errors?.[0] };
}

let gw: TestGateway;
let riverGenId: string;
beforeAll(async () => {
  gw = await startTestGateway({
    MAX_BATCH_SIZE: '3',
    MAX_QUERY_COST: String(COST_OF_TEN * 2 + 1),
    REQUEST_BODY_LIMIT_BYTES: '2000',
  });
  const page = await gw.query<{ riverGenDataSources: { edges: { node: { id: string } }[] } }>(
    '{ riverGenDataSources(first: 1) { edges { node { id } } } }',
  );
  riverGenId = page.data?.riverGenDataSources.edges[0]?.node.id ?? '';
  expect(riverGenId).not.toBe('');
});
afterAll(() => gw.close());

describe('a batch (an array of operations in one POST)', () => {
  it('is answered by an array in the order sent, each operation with its own data or errors', async () => {
    const { status, answers } = await batch(gw, [
      { query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id: riverGenId } },
      { query: 'query Missing($id: ID!) { node(id: $id) { id } }', variables: { id: 'bm90LWFuLWlk' } },
      { query: '{ __typename }' },
    ]);
    expect(status).toBe(200);
    expect(answers).toHaveLength(3);
    expect(answers[0]).toEqual({ data: { node: { id: riverGenId } } });
    expect(answers[1]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answers[2]).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers the other operations when one does not parse, does not validate or names no operation', async () => {
    const { status, answers } = await batch(gw, [
      { query: '{ __typename' },
      { query: '{ noSuchField }' },
      { query: 'query A { __typename } query B { __typename }' },
    ]);
    expect(status).toBe(200);
    expect(answers.map((a) => a.data)).toEqual([undefined, undefined, undefined]);
    expect(answers.map((a) => a.errors?.length)).toEqual([1, 1, 1]);
    expect(answers[0]?.errors?.[0]?.message).toMatch(/Syntax Error/);
    expect(answers[1]?.errors?.[0]?.message).toContain('noSuchField');

    const mixed = await batch(gw, [
      { query: '{ __typename' },
      { query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id: riverGenId } },
    ]);
    expect(mixed.answers[1]).toEqual({ data: { node: { id: riverGenId } } });
  });

  it('over MAX_BATCH_SIZE is refused whole with 413, naming the limit, and nothing runs', async () => {
    gw.resetCounts();
    const four = Array.from({ length: 4 }, () => ({
      query: 'query($id: ID!) { node(id: $id) { id } }',
      variables: { id: riverGenId },
    }));
    const { status, error } = await refusal(gw, four);
    expect(status).toBe(413);
    expect(error?.message).toBe(
      'A batch may hold at most 3 operations (MAX_BATCH_SIZE): send the rest in another request.',
    );
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'batch', max: 3 });
    expect(gw.sims.rivergen?.stats.requests('getDataSource')).toHaveLength(0);
  });

  it('holding nothing is refused', async () => {
    const { status, error } = await refusal(gw, []);
    expect(status).toBe(400);
    expect(error?.message).toBe('A batch must hold at least one operation.');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'batch' });
  });

  it('shares MAX_QUERY_COST: the operation that takes the sum over it is refused, the others run', async () => {
    // One alone fits, and so do two (2 × 129 ≤ 259): a third is over.
    expect((await gw.query(TEN)).errors).toBeUndefined();
    const { answers } = await batch(gw, [{ query: TEN }, { query: TEN }, { query: TEN }]);
    expect(answers.slice(0, 2).map((a) => a.errors)).toEqual([undefined, undefined]);
    expect(answers[2]?.data).toBeUndefined();
    expect(answers[2]?.errors?.[0]?.message).toMatch(/^Query Cost limit of 259 exceeded by this batch/);
    expect(answers[2]?.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'cost', max: 259 });
  });

  it('may spend exactly MAX_QUERY_COST: the operation that takes the sum to the limit runs', async () => {
    // 129 + 129 + 1 = 259, the limit; a second `__typename` would make it 260.
    const atLimit = await batch(gw, [{ query: TEN }, { query: TEN }, { query: '{ __typename }' }]);
    expect(atLimit.answers).toEqual([
      expect.objectContaining({ data: expect.any(Object) }),
      expect.objectContaining({ data: expect.any(Object) }),
      { data: { __typename: 'Query' } },
    ]);
    expect(atLimit.answers.map((a) => a.errors)).toEqual([undefined, undefined, undefined]);
    const over = await batch(gw, [
      { query: TEN },
      { query: TEN },
      { query: '{ a: __typename b: __typename }' },
    ]);
    expect(over.answers.slice(0, 2).map((a) => a.errors)).toEqual([undefined, undefined]);
    expect(over.answers[2]?.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      limit: 'cost',
      max: 259,
    });
  });

  it('refuses a subscription in it, saying why, and runs the other operations', async () => {
    const subscription = {
      query: 'subscription($id: ID!) { destinationTransfers(destinationId: $id) { id status } }',
      variables: { id: 'not-read' },
    };
    gw.resetCounts();
    const { status, answers } = await batch(gw, [subscription, { query: '{ __typename }' }]);
    expect(status).toBe(200);
    expect(answers).toEqual([
      {
        errors: [
          {
            message: 'A subscription cannot be sent in a batch: send it in a request of its own.',
            extensions: { code: 'BAD_USER_INPUT', limit: 'batch' },
          },
        ],
      },
      { data: { __typename: 'Query' } },
    ]);
    expect(gw.sims['prequel-export']?.stats.count()).toBe(0);
    // Alone in its request it is no batch: what it is told is how subscriptions are delivered.
    const alone = await post(gw, subscription);
    expect(alone.status).toBe(406);
    expect((alone.body as GraphQLResponse).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('shares REQUEST_BODY_LIMIT_BYTES: small operations over it together are answered 413', async () => {
    const padded = { query: `{ __typename }${' '.repeat(700)}` };
    expect((await batch(gw, [padded, padded])).status).toBe(200);
    const { status, error } = await refusal(gw, [padded, padded, padded]);
    expect(status).toBe(413);
    expect(error?.extensions).toMatchObject({ limit: 'requestBody', max: 2000 });
  });

  it('gives each operation its own loaders: an id asked by two operations is looked up by each', async () => {
    gw.resetCounts();
    const lookup = { query: 'query($id: ID!) { a: node(id: $id) { id } b: node(id: $id) { id } }' };
    const { answers } = await batch(gw, [
      { ...lookup, variables: { id: riverGenId } },
      { ...lookup, variables: { id: riverGenId } },
    ]);
    expect(answers.map((a) => a.data)).toEqual([
      { a: { id: riverGenId }, b: { id: riverGenId } },
      { a: { id: riverGenId }, b: { id: riverGenId } },
    ]);
    expect(gw.sims.rivergen?.stats.requests('getDataSource')).toHaveLength(2);
  });

  it('is refused on a GET, where a query is one document in the URL', async () => {
    const search = new URLSearchParams({ query: JSON.stringify([{ query: '{ __typename }' }]) });
    const response = await gw.gateway.yoga.fetch(`http://gateway.test/graphql?${search}`, {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLResponse;
    expect(Array.isArray(body)).toBe(false);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toBe(
      'A batch is sent as a JSON array in the body of a POST; a GET carries one operation.',
    );
    // Spaces before the array do not hide it; a query sent by GET still runs.
    const get = async (query: string) => {
      const response = await gw.gateway.yoga.fetch(
        `http://gateway.test/graphql?${new URLSearchParams({ query })}`,
        {
          headers: { accept: 'application/json' },
        },
      );
      return { status: response.status, body: (await response.json()) as GraphQLResponse };
    };
    const spaced = await get(`\n  ${JSON.stringify([{ query: '{ __typename }' }])}`);
    expect(spaced.status).toBe(400);
    expect(spaced.body.errors?.[0]?.extensions).toMatchObject({ limit: 'batch' });
    expect(await get('{ __typename }')).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('answers an entry that is not an operation with its own error, and runs the others', async () => {
    const { status, answers } = await batch(gw, [
      1 as unknown as Operation,
      null as unknown as Operation,
      { query: '{ __typename }' },
    ]);
    expect(status).toBe(200);
    for (const answer of answers.slice(0, 2)) {
      expect(answer.data).toBeUndefined();
      expect(answer.errors).toHaveLength(1);
    }
    expect(answers[2]).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('batching elsewhere', () => {
  it('is off with MAX_BATCH_SIZE=0: an array is refused with 400, naming the variable', async () => {
    await using off = await startTestGateway({ MAX_BATCH_SIZE: '0' });
    const { status, error } = await refusal(off, [{ query: '{ __typename }' }]);
    expect(status).toBe(400);
    expect(error?.message).toContain('MAX_BATCH_SIZE is 0');
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'batch', max: 0 });
    expect((await off.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('checks the gateway credentials once for the whole batch', async () => {
    await using guarded = await startTestGateway({
      GATEWAY_AUTH: 'tokens',
      GATEWAY_TOKENS: 'gw_batch_token',
    });
    const twice = [{ query: '{ __typename }' }, { query: '{ __typename }' }];
    const { status, error } = await refusal(guarded, twice);
    expect(status).toBe(401);
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    const { answers } = await batch(guarded, twice, { authorization: 'Bearer gw_batch_token' });
    expect(answers).toEqual([{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }]);
  });

  it('admits each operation on its own: two that together exceed MAX_RECORDS_IN_FLIGHT both run', async () => {
    await using tight = await startTestGateway({ MAX_RECORDS_IN_FLIGHT: '10' });
    const { answers } = await batch(tight, [{ query: TEN }, { query: TEN }]);
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
  });

  it('logs one request line naming each operation by its position', async () => {
    const demo = await startDemoUpstreams();
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const gateway = createGateway(loadConfig({ ...demo.env, GATEWAY_AUTH: 'none' }, providers), { logger });
    const server = await listen(gateway, '127.0.0.1', 0);
    try {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify([
          { query: 'query First { __typename }' },
          { query: '{ __typename }' },
          { query: 'query A { __typename } query B { __typename }', operationName: 'B' },
        ]),
      });
      expect(response.status).toBe(200);
      await response.text();
    } finally {
      await server.close();
      await gateway.close();
      await demo.close();
    }
    const done = lines
      .map((line) => JSON.parse(line) as { msg: string; batch?: unknown; operationName?: unknown })
      .filter((line) => line.msg === 'request done');
    expect(done).toHaveLength(1);
    expect(done[0]?.batch).toEqual(['First', null, 'B']);
    expect(done[0]).not.toHaveProperty('operationName');
  });
});
