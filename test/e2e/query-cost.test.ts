import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../src/server.js';
import { type GraphQLResponse, startTestGateway, type TestGateway } from '../support/gateway.js';
import { subscribe, until } from '../support/subscriptions.js';

// What MAX_QUERY_COST lets through and what it refuses, as a client sees it: each operation
// weighed before it runs (no upstream is called for one refused), a batch's operations sharing the
// limit, a subscription weighed as it starts; and the answer of an operation that outlives its
// OPERATION_TIMEOUT_MS, which the same hook gives.

const upstreamCalls = (gw: TestGateway) =>
  Object.values(gw.sims).reduce((sum, sim) => sum + sim.stats.count(), 0);

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

  it('prices ids written in the document like ids sent as a variable', async () => {
    const ids = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify(
        Buffer.from(`CatalogDataSource:${i.toString(16).padStart(24, '0')}`).toString('base64url'),
      ),
    );
    const lookups = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `l${i}: nodes(ids: [${ids.join(', ')}]) { id }`).join(' ')} }`;
    gw.resetCounts();
    expect((await gw.query(lookups(15))).errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Query Cost limit of 1000 exceeded, found 1050/),
      }),
    ]);
    expect(upstreamCalls(gw)).toBe(0);
    const answered = await gw.query(lookups(14));
    expect(answered.errors).toBeUndefined();
    expect(Object.keys(answered.data ?? {})).toHaveLength(14);
  });
});

describe('what an operation costs', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ MAX_QUERY_COST: '70', FEDERATION: 'true' });
  });
  afterAll(() => gw.close());

  const typenames = (n: number) => Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ');
  const overCost = (found: number) => [
    expect.objectContaining({
      message: expect.stringMatching(new RegExp(`^Query Cost limit of 70 exceeded, found ${found}:`)),
      extensions: { code: 'BAD_USER_INPUT', limit: 'cost', max: 70 },
    }),
  ];

  it('answers an operation that costs exactly the limit, and refuses one that costs one more', async () => {
    const at = await gw.query(`{ ${typenames(70)} }`);
    expect(at.errors).toBeUndefined();
    expect(Object.keys(at.data ?? {})).toHaveLength(70);
    expect((await gw.query(`{ ${typenames(71)} }`)).errors).toEqual(overCost(71));
  });

  it('weighs a page asked with `last` as one asked with `first`', async () => {
    // (2 + 1.5 × (2 + 1.5 × (2 + 1.5 × 1))) × 20 = 257.5 for edges { node { id } }.
    gw.resetCounts();
    for (const size of ['first', 'last']) {
      const refused = await gw.query(`{ dataSources(${size}: 20) { edges { node { id } } } }`);
      expect(refused.errors).toEqual(overCost(258));
    }
    expect(upstreamCalls(gw)).toBe(0);
    const small = await gw.query('{ dataSources(last: 5) { edges { node { id } } } }');
    expect(small.errors).toBeUndefined();
  });

  it('weighs a selection spread from a fragment, named or inline, as if written in place', async () => {
    const edges = 'edges { node { id } }';
    for (const document of [
      `{ ...Many } fragment Many on Query { ${typenames(71)} }`,
      `{ ... on Query { ${typenames(71)} } }`,
      `{ dataSources(first: 20) { ...Edges } } fragment Edges on DataSourceConnection { ${edges} }`,
      `{ dataSources(first: 20) { ... on DataSourceConnection { ${edges} } } }`,
    ]) {
      const refused = await gw.query(document);
      expect(refused.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'cost', max: 70 });
    }
    expect(
      (await gw.query(`{ ...Some } fragment Some on Query { ${typenames(70)} }`)).errors,
    ).toBeUndefined();
  });

  it('weighs a document again for each value of its variables', async () => {
    const PAGE = 'query($n: Int) { dataSources(first: $n) { edges { node { id } } } }';
    expect((await gw.query(PAGE, { n: 5 })).errors).toBeUndefined();
    expect((await gw.query(PAGE, { n: 20 })).errors).toEqual(overCost(258));
    expect((await gw.query(PAGE, { n: 5 })).errors).toBeUndefined();
  });

  it('weighs `_entities` by the number of representations it is given', async () => {
    const entities =
      'query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }';
    const representations = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ __typename: 'Destination', id: `d${i}` }));
    // (2 + 1.5 × 1) per representation: 20 cost 70, 21 cost 73.5.
    const within = await gw.query(entities, { representations: representations(20) });
    expect(within.errors ?? []).not.toContainEqual(
      expect.objectContaining({ extensions: expect.objectContaining({ limit: 'cost' }) }),
    );
    const over = await gw.query(entities, { representations: representations(21) });
    expect(over.errors).toEqual(overCost(74));
  });

  it('lets introspection through at no cost', async () => {
    // Each of these would weigh about 27 if it were priced as any other selection.
    const schema = '__schema { types { name fields { name type { name } } } }';
    const type = '__type(name: "Query") { fields { name type { name ofType { name } } } }';
    const answer = await gw.query(
      `{ s1: ${schema} s2: ${schema} s3: ${schema} t1: ${type} t2: ${type} t3: ${type} }`,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toHaveProperty('t3.fields');
  });

  it('weighs the operation, not a fragment defined before it, and introspection beside fields', async () => {
    const first = `fragment Small on Query { __typename } query { ...Small ${typenames(70)} }`;
    expect((await gw.query(first)).errors).toEqual(overCost(71));
    const beside = `{ __schema { types { name } } ${typenames(71)} }`;
    expect((await gw.query(beside)).errors).toEqual(overCost(71));
  });

  it('weighs a page asked with no size, a null one or a variable left out as the default page of 20', async () => {
    // (2 + 1.5 × (2 + 1.5 × (2 + 1.5 × 1))) × 20 = 257.5: the 20 items such a page answers with.
    const pages = [
      '{ dataSources(first: 20) { edges { node { id } } } }',
      '{ dataSources { edges { node { id } } } }',
      '{ dataSources(first: null) { edges { node { id } } } }',
      'query Page($n: Int) { dataSources(first: $n) { edges { node { id } } } }',
    ];
    for (const page of pages) expect((await gw.query(page)).errors).toEqual(overCost(258));
    // A page size given is weighed as given.
    expect((await gw.query('{ dataSources(first: 4) { edges { node { id } } } }')).errors).toBeUndefined();
  });

  it('weighs the operation `operationName` picks from a document of several', async () => {
    const document = `query Small { __typename } query Large { ${typenames(71)} }`;
    const run = async (operationName: string) => {
      const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: document, operationName }),
      });
      return (await response.json()) as { data?: unknown; errors?: unknown[] };
    };
    expect(await run('Small')).toEqual({ data: { __typename: 'Query' } });
    expect((await run('Large')).errors).toEqual(overCost(71));
    expect(await run('Small')).toEqual({ data: { __typename: 'Query' } });
  });

  it('weighs only page sizes and ids: a list given to a filter, or one id given without brackets, multiplies nothing', async () => {
    // (2 + 1.5 × (2 + 1.5 × (2 + 1.5 × 1))) × 1 = 12.875 for one item's edges { node { id } }.
    const names = JSON.stringify(Array.from({ length: 30 }, (_, i) => `source-${i}`));
    const filtered = await gw.query(
      `{ catalogDataSources(first: 1, resourceNames: ${names}) { edges { node { id } } } }`,
    );
    expect(filtered.errors).toBeUndefined();
    // A list argument takes a single value as a list of one: this lookup weighs 3.5, for one id
    // (not one for each of the id's 56 characters).
    const id = Buffer.from(`CatalogDataSource:${'0'.repeat(24)}`).toString('base64url');
    const lone = await gw.query(`{ nodes(ids: "${id}") { id } }`);
    expect(lone.errors).toBeUndefined();
    expect(lone.data).toEqual({ nodes: [null] });
  });

  it('shares the limit among the operations of a batch: the one that takes their sum over it is refused', async () => {
    const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      // 40 and 30 add up to exactly the limit; one more is over it, though it weighs 1 alone.
      body: JSON.stringify([
        { query: `{ ${typenames(40)} }` },
        { query: `{ ${typenames(30)} }` },
        { query: '{ __typename }' },
      ]),
    });
    const answers = (await response.json()) as GraphQLResponse[];
    expect(answers.map((answer) => Object.keys(answer.data ?? {}).length)).toEqual([40, 30, 0]);
    expect(answers[2]).toEqual({
      errors: [
        {
          message:
            "Query Cost limit of 70 exceeded by this batch: its operations' costs add up. Send this operation in another request, or ask for less.",
          extensions: { code: 'BAD_USER_INPUT', limit: 'cost', max: 70 },
        },
      ],
    });
  });

  it('weighs a subscription as it starts: one costing the limit is followed, one costing more is refused before Prequel is read', async () => {
    const server = await listen(gw.gateway, '127.0.0.1', 0);
    try {
      const list = await gw.query<{ destinations: { edges: { node: { id: string } }[] } }>(
        '{ destinations(first: 1) { edges { node { id } } } }',
      );
      const destinationId = list.data?.destinations.edges[0]?.node.id;
      expect(destinationId).toBeDefined();
      // 2 + 1.5 × 45 = 69.5, rounded to 70; with 46 fields, 71.
      const watch = (fields: number) =>
        `subscription($destinationId: ID!) { destinationTransfers(destinationId: $destinationId) { ${Array.from(
          { length: fields },
          (_, i) => `f${i}: id`,
        ).join(' ')} } }`;
      const prequel = gw.sims['prequel-export'];
      const reads = () => prequel?.stats.count('listTransfers') ?? 0;
      const before = reads();
      const over = await subscribe(server.url, watch(46), { destinationId });
      expect((await over.rest()).map((part) => part.errors)).toEqual([
        [
          {
            message:
              'Query Cost limit of 70 exceeded, found 71: ask for smaller pages, fewer ids or fewer fields.',
            extensions: { code: 'BAD_USER_INPUT', limit: 'cost', max: 70 },
          },
        ],
      ]);
      expect(reads()).toBe(before);
      const within = await subscribe(server.url, watch(45), { destinationId });
      await until(() => reads() > before);
      within.leave();
    } finally {
      await server.close();
    }
  });
});

describe('an operation that outlives its time limit', () => {
  it('is answered with no data and a GATEWAY_TIMEOUT naming the limit, while what it waits on hears no signal, with or without MAX_RECORDS_IN_FLIGHT', async () => {
    for (const recordsInFlight of ['2000', '0']) {
      // PDC's login gives up on its own only after 2.5 s (its headers timeout), well after the answer is due.
      await using gw = await startTestGateway({
        OPERATION_TIMEOUT_MS: '400',
        UPSTREAM_HEADERS_TIMEOUT_MS: '2500',
        MAX_RECORDS_IN_FLIGHT: recordsInFlight,
      });
      // A fresh gateway has no PDC token yet: the catalog read waits on a login that never answers.
      gw.sims.pdc?.setFaults({ hang: true });
      const answer = await gw.query('{ catalogDataSources(first: 1) { edges { node { id } } } }');
      expect(answer).toEqual({
        status: 200,
        data: null,
        errors: [
          {
            message:
              'This operation did not finish within its time limit of 400 ms: ask for less at once, or try again later.',
            extensions: { code: 'GATEWAY_TIMEOUT' },
          },
        ],
      });
    }
  });
});
