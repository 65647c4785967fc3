import {
  buildClientSchema,
  buildSchema,
  type GraphQLSchema,
  getIntrospectionQuery,
  getNamedType,
  type IntrospectionQuery,
  isEnumType,
  isObjectType,
  parse,
  validate,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { selectionConflicts } from '../support/selection-conflicts.js';

let gw: TestGateway;
/** The schema as a client sees it: introspected through the gateway. */
let schema: GraphQLSchema;
beforeAll(async () => {
  gw = await startTestGateway();
  const introspection = await gw.query<IntrospectionQuery>(getIntrospectionQuery());
  if (!introspection.data) throw new Error('introspection failed');
  schema = buildClientSchema(introspection.data);
});
afterAll(() => gw.close());

/** Every connection field (`first` and `after`), as `Type.field`, with the names of its arguments. */
function connectionFields(): { at: string; args: string[] }[] {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => getNamedType(field.type).name.endsWith('Connection'))
        .map((field) => ({ at: `${type.name}.${field.name}`, args: field.args.map((arg) => arg.name) })),
    );
}

describe('one type for a field name wherever two types can meet in one selection', () => {
  it('finds what graphql-js refuses: a field typed two ways in two members, or below them', () => {
    const sample = buildSchema(`
      enum Level { HIGH LOW }
      interface Thing { id: ID! }
      type A implements Thing { id: ID! status: String detail: Detail }
      type B implements Thing { id: ID! status: Level detail: Other }
      type Detail { size: Int }
      type Other { size: Int! }
      type Query { things: [Thing] }
    `);
    expect(selectionConflicts(sample)).toEqual([
      'A.status: String <> B.status: Level',
      'Detail.size: Int <> Other.size: Int!',
    ]);
    const document = parse(
      '{ things { ... on A { status detail { size } } ... on B { status detail { size } } } }',
    );
    expect(validate(sample, document).map((error) => error.message)).toEqual([
      expect.stringContaining('"status" conflict because they return conflicting types "String" and "Level"'),
      expect.stringContaining(
        'subfields "size" conflict because they return conflicting types "Int" and "Int!"',
      ),
    ]);
  });

  it('holds for every pair in the gateway schema', () => {
    expect(selectionConflicts(schema)).toEqual([]);
  });

  it('answers the status of catalog and RiverGen data sources in one selection, unaliased', async () => {
    const ids = await gw.query<Record<string, { edges: { node: { id: string } }[] }>>(
      '{ catalog: catalogDataSources(first: 20) { edges { node { id } } } riverGen: riverGenDataSources(first: 20) { edges { node { id } } } }',
    );
    const both = Object.values(ids.data ?? {}).flatMap((page) => page.edges.map((edge) => edge.node.id));
    const document = `query($ids: [ID!]!) {
      nodes(ids: $ids) {
        __typename
        ... on DataSource {
          ... on CatalogDataSource { status rawStatus }
          ... on RiverGenDataSource { status rawStatus }
        }
      }
    }`;
    expect(validate(schema, parse(document))).toEqual([]);
    const answer = await gw.query<{
      nodes: { __typename: string; status: string | null; rawStatus: string | null }[];
    }>(document, { ids: both });
    expect(answer.errors).toBeUndefined();
    const nodes = answer.data?.nodes ?? [];
    const statusType = schema.getType('DataSourceStatus');
    if (!isEnumType(statusType)) throw new Error('the schema has no DataSourceStatus enum');
    const statusValues = statusType.getValues().map((value) => value.name);
    for (const typename of ['CatalogDataSource', 'RiverGenDataSource']) {
      const ofType = nodes.filter((node) => node.__typename === typename);
      expect(ofType, typename).toHaveLength(20);
      expect(ofType.every((node) => node.status !== null && statusValues.includes(node.status))).toBe(true);
      // The enum reads the upstream's own spelling, whatever its case.
      expect(ofType.every((node) => node.rawStatus?.toUpperCase() === node.status)).toBe(true);
    }
  });
});

describe('no argument declared only to be refused', () => {
  it('declares `last` and `before` only on connections that page backwards', () => {
    const fields = connectionFields();
    expect(fields.every((field) => field.args.includes('first') && field.args.includes('after'))).toBe(true);
    const backwards = fields.filter((field) => field.args.includes('last') || field.args.includes('before'));
    expect(backwards.map((field) => field.at).sort()).toEqual([
      'Query.catalogDataSources',
      'Query.dataSources',
      'Query.riverGenDataSources',
    ]);
    expect(backwards.every((field) => field.args.includes('last') && field.args.includes('before'))).toBe(
      true,
    );
    // Prequel's lists lead forwards only (`has_next`, `next_url`): they declare neither.
    for (const at of ['Query.destinations', 'Query.importSources', 'Destination.transfers']) {
      expect(fields.find((field) => field.at === at)?.args).not.toContain('last');
    }
  });

  it('pages backwards wherever it declares `last` and `before`', async () => {
    for (const field of ['dataSources', 'catalogDataSources', 'riverGenDataSources']) {
      const end = await gw.query<Record<string, { edges: { cursor: string }[] }>>(
        `{ ${field}(last: 3) { edges { cursor } } }`,
      );
      expect(end.errors, field).toBeUndefined();
      const edges = end.data?.[field]?.edges ?? [];
      expect(edges, field).toHaveLength(3);
      const before = await gw.query<Record<string, { edges: { cursor: string }[] }>>(
        `query($before: String) { ${field}(last: 2, before: $before) { edges { cursor } } }`,
        { before: edges[2]?.cursor },
      );
      expect(
        before.data?.[field]?.edges.map((edge) => edge.cursor),
        field,
      ).toEqual(edges.slice(0, 2).map((edge) => edge.cursor));
    }
  });

  it('refuses `last` on a forward-only list as an unknown argument, before any upstream call', async () => {
    gw.resetCounts();
    const answer = await gw.query('{ destinations(last: 3) { edges { cursor } } }');
    expect(answer.errors?.[0]?.message).toMatch(/Unknown argument "last" on field "Query.destinations"/);
    expect(Object.values(gw.sims).every((sim) => sim.stats.count() === 0)).toBe(true);
  });

  it('pages the forward-only lists with `first` and `after` through every item', async () => {
    for (const field of ['destinations', 'importSources']) {
      const whole = await gw.query<Record<string, { totalCount: number; edges: { node: { id: string } }[] }>>(
        `{ ${field}(first: 500) { totalCount edges { node { id } } } }`,
      );
      const expected = whole.data?.[field]?.edges.map((edge) => edge.node.id) ?? [];
      expect(expected.length, field).toBe(whole.data?.[field]?.totalCount);
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 100; guard++) {
        const page: Awaited<ReturnType<typeof forwardPage>> = await forwardPage(field, after);
        seen.push(...page.edges.map((edge) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen, field).toEqual(expected);
    }
  });

  it('offers as a filter only the statuses it can ask for: no OTHER', async () => {
    const destination = schema.getType('Destination');
    if (!isObjectType(destination)) throw new Error('the schema has no Destination type');
    const filters = [
      schema
        .getQueryType()
        ?.getFields()
        .riverGenDataSources?.args.find((arg) => arg.name === 'status'),
      destination.getFields().transfers?.args.find((arg) => arg.name === 'status'),
    ].map((arg) => (arg ? getNamedType(arg.type) : undefined));
    for (const type of filters) {
      if (!isEnumType(type)) throw new Error('a status filter is not an enum');
      expect(type.getValues().map((value) => value.name)).not.toContain('OTHER');
    }
    const [riverGenType] = filters;
    if (!isEnumType(riverGenType)) throw new Error('the status filter is not an enum');
    for (const value of riverGenType.getValues()) {
      const answer = await gw.query<{ riverGenDataSources: { edges: { node: { status: string } }[] } }>(
        `{ riverGenDataSources(first: 50, status: ${value.name}) { edges { node { status } } } }`,
      );
      expect(answer.errors, value.name).toBeUndefined();
      expect(answer.data?.riverGenDataSources.edges.every((edge) => edge.node.status === value.name)).toBe(
        true,
      );
    }
  });
});

async function forwardPage(field: string, after: string | null) {
  const answer = await gw.query<
    Record<
      string,
      { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
    >
  >(
    `query($after: String) { ${field}(first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
    {
      after,
    },
  );
  expect(answer.errors).toBeUndefined();
  const page = answer.data?.[field];
  if (!page) throw new Error(`${field} answered no page`);
  return page;
}
