import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema as publicSchema } from '../../src/schema.js';
import { listen, type RunningServer } from '../../src/server.js';
import type { Provider } from '../generated/graphql.js';
import { graphql } from '../generated/index.js';
import { type GraphQLResponse, startTestGateway, type TestGateway } from '../support/gateway.js';

/** A second subgraph, as another team would write it: owners for catalog entries and import sources. */
const ownershipSdl = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

type Team { name: String! }
type CatalogDataSource @key(fields: "id") { id: ID! owner: Team }
type ImportSource @key(fields: "id") { id: ID! owner: Team }
type Query { teams: [Team!]! }
`;

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on DataSource { id provider name }
  }
}`;

type Entity = { __typename: string; id: string; provider: string; name: string } | null;

let gw: TestGateway;
let server: RunningServer;
beforeAll(async () => {
  gw = await startTestGateway({ FEDERATION: 'true' });
  server = await listen(gw.gateway, '127.0.0.1', 0);
});
afterAll(async () => {
  await server.close();
  await gw.close();
});

/** What a router does: POST a document to the subgraph over HTTP. */
async function post<TData>(
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as GraphQLResponse<TData>;
}

const IDS_OF = graphql(`
  query FederationIds($provider: Provider!, $count: Int) {
    dataSources(first: $count, filter: { providers: [$provider] }) { edges { node { __typename id } } }
  }
`);

async function idsOf(provider: Provider, count: number): Promise<{ typename: string; id: string }[]> {
  const page = await gw.query(IDS_OF, { provider, count });
  const nodes = (page.data?.dataSources?.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node] : []));
  expect(nodes).toHaveLength(count);
  return nodes.map((node) => ({ typename: node.__typename, id: node.id }));
}

const representation = ({ typename, id }: { typename: string; id: string }) => ({ __typename: typename, id });

describe('the Federation v2 subgraph (FEDERATION=true)', () => {
  it('composes with a second subgraph that extends two of its entities', async () => {
    const served = await post<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const sdl = served.data?._service.sdl ?? '';
    const composed = composeServices([
      { name: 'datasources', url: server.url, typeDefs: parse(sdl) },
      { name: 'ownership', url: 'http://127.0.0.1:1/graphql', typeDefs: parse(ownershipSdl) },
    ]);
    expect(composed.errors).toBeUndefined();
    const supergraph = composed.supergraphSdl ?? '';
    for (const entity of ['ImportSource', 'Destination', 'CatalogDataSource', 'RiverGenDataSource']) {
      expect(supergraph).toMatch(
        new RegExp(`type ${entity}[^{]*@join__type\\(graph: DATASOURCES, key: "id"\\)`),
      );
    }
    expect(supergraph).toMatch(/type CatalogDataSource[^{]*@join__type\(graph: OWNERSHIP, key: "id"\)/);
    expect(supergraph).toMatch(/owner: Team @join__field\(graph: OWNERSHIP\)/);
  });

  it('leaves the public schema without federation fields', () => {
    expect(Object.keys(publicSchema.getQueryType()?.getFields() ?? {})).not.toContain('_entities');
    expect(gw.gateway.schema.getQueryType()?.getFields()).toHaveProperty('_entities');
  });

  it('describes its federation fields and types to introspection', async () => {
    const result = await post<{
      query: { fields: { name: string; description: string; args: { description: string }[] }[] };
      any: { description: string };
      entity: { description: string; possibleTypes: { name: string }[] };
      service: { description: string; fields: { name: string; description: string }[] };
    }>(`{
      query: __type(name: "Query") { fields { name description args { description } } }
      any: __type(name: "_Any") { description }
      entity: __type(name: "_Entity") { description possibleTypes { name } }
      service: __type(name: "_Service") { description fields { name description } }
    }`);
    const field = (name: string) => result.data?.query.fields.find((f) => f.name === name);
    expect(field('_entities')).toEqual({
      name: '_entities',
      description:
        'The entities a router asks for (CatalogDataSource, Destination, ImportSource, RiverGenDataSource), one per representation, in order.',
      args: [
        {
          description:
            "The entities to fetch, each as `{ __typename, id }`; at most the gateway's MAX_NODES setting.",
        },
      ],
    });
    expect(field('_service')).toEqual({
      name: '_service',
      description: 'This subgraph described for composition: its SDL with the federation directives.',
      args: [],
    });
    expect(result.data?.any.description).toBe(
      'An entity representation as a router sends it: an object with `__typename` and `id`.',
    );
    expect(result.data?.entity).toEqual({
      description: 'Any entity of this subgraph: a data source type, keyed by its global `id`.',
      possibleTypes: [
        { name: 'CatalogDataSource' },
        { name: 'Destination' },
        { name: 'ImportSource' },
        { name: 'RiverGenDataSource' },
      ],
    });
    expect(result.data?.service).toEqual({
      description: 'What a router reads about this subgraph before composing it.',
      fields: [
        {
          name: 'sdl',
          description: 'The SDL of this subgraph, with the federation link and `@key` on each entity.',
        },
      ],
    });
  });

  it('resolves 100 catalog entities with one PDC by-ids call, in representation order', async () => {
    const catalog = await idsOf('PDC', 100);
    gw.resetCounts();
    const result = await post<{ _entities: Entity[] }>(ENTITIES, {
      representations: catalog.map(representation),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((entity) => entity?.id)).toEqual(catalog.map((c) => c.id));
    expect(result.data?._entities.every((entity) => entity?.__typename === 'CatalogDataSource')).toBe(true);
    expect(gw.sims.pdc?.stats.counts()).toEqual({ getDataSourcesByIds: 1 });
  });

  it('resolves mixed providers: one PDC call and one GET per distinct id of the others', async () => {
    const [imports, destinations, catalog, rivergen] = await Promise.all(
      (['PREQUEL_IMPORT', 'PREQUEL_EXPORT', 'PDC', 'RIVERGEN'] as const).map((provider) =>
        idsOf(provider, 3),
      ),
    );
    const asked = [imports, destinations, catalog, rivergen].flatMap((ids) => ids ?? []);
    // Interleaved, with one id asked twice: the answer still follows the representations.
    const order = [...asked.filter((_, i) => i % 2 === 0), ...asked.filter((_, i) => i % 2 === 1), asked[0]];
    const representations = order.flatMap((ref) => (ref ? [representation(ref)] : []));
    gw.resetCounts();
    const result = await post<{ _entities: Entity[] }>(ENTITIES, { representations });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((entity) => entity?.id)).toEqual(representations.map((r) => r.id));
    expect(result.data?._entities.map((entity) => entity?.__typename)).toEqual(
      representations.map((r) => r.__typename),
    );
    expect(gw.sims.pdc?.stats.counts()).toEqual({ getDataSourcesByIds: 1 });
    expect(gw.sims['prequel-import']?.stats.counts()).toEqual({ getSource: 3 });
    expect(gw.sims['prequel-export']?.stats.counts()).toEqual({ getDestination: 3 });
    expect(gw.sims.rivergen?.stats.counts()).toEqual({ getDataSource: 3 });
  });

  it('answers null with a clear error for each representation it cannot use, and resolves the rest', async () => {
    const [catalog] = await idsOf('PDC', 1);
    const [source] = await idsOf('PREQUEL_IMPORT', 1);
    if (!catalog || !source) throw new Error('the demo has no data sources');
    const invoice = Buffer.from('Invoice:42').toString('base64url');
    const representations = [
      { __typename: 'CatalogDataSource', id: 'bad id!' },
      { __typename: 'CatalogDataSource', id: invoice },
      { __typename: 'CatalogDataSource', id: source.id },
      { __typename: 'CatalogDataSource' },
      { __typename: 'Invoice', id: catalog.id },
      representation(catalog),
    ];
    const result = await post<{ _entities: Entity[] }>(ENTITIES, { representations });
    expect(result.data?._entities.map((entity) => entity?.id ?? null)).toEqual([
      null,
      null,
      null,
      null,
      null,
      catalog.id,
    ]);
    const errors = (result.errors ?? []).map((error) => ({
      path: error.path,
      code: error.extensions?.code,
      message: error.message,
    }));
    const notAnId = (i: number) =>
      `\`representations[${i}]\` is not an id of this API: use the \`id\` of a node it returned`;
    expect(errors).toEqual([
      { path: ['_entities', 0], code: 'BAD_USER_INPUT', message: notAnId(0) },
      { path: ['_entities', 1], code: 'BAD_USER_INPUT', message: notAnId(1) },
      {
        path: ['_entities', 2],
        code: 'BAD_USER_INPUT',
        message: '`representations[2]` holds an id of type ImportSource, not CatalogDataSource',
      },
      {
        path: ['_entities', 3],
        code: 'BAD_USER_INPUT',
        message: '`representations[3]` has no `id`: a CatalogDataSource is found by its `id`',
      },
      {
        path: ['_entities', 4],
        code: 'BAD_USER_INPUT',
        message:
          '`representations[4]` names no entity of this subgraph: use one of CatalogDataSource, Destination, ImportSource, RiverGenDataSource',
      },
    ]);
  });

  describe('answers one entry per representation, in order, whichever of them are invalid', () => {
    const entities = ['CatalogDataSource', 'Destination', 'ImportSource', 'RiverGenDataSource'].join(', ');
    /** Each kind of invalid representation, and what its error says (never what it held). */
    const invalid = {
      malformedId: [
        { __typename: 'CatalogDataSource', id: 'not an id!' },
        'is not an id of this API: use the `id` of a node it returned',
      ],
      idOfAnotherType: [undefined, 'holds an id of type ImportSource, not CatalogDataSource'],
      missingId: [{ __typename: 'Destination' }, 'has no `id`: a Destination is found by its `id`'],
      numericId: [{ __typename: 'Destination', id: 7 }, 'has an `id` that is not a string'],
      unknownType: [
        { __typename: 'Invoice', id: 'x' },
        `names no entity of this subgraph: use one of ${entities}`,
      ],
      missingType: [{ id: 'x' }, `has no \`__typename\`: use one of ${entities}`],
      nullType: [{ __typename: null, id: 'x' }, `has no \`__typename\`: use one of ${entities}`],
      nullId: [{ __typename: 'Destination', id: null }, 'has no `id`: a Destination is found by its `id`'],
      notAnObject: ['CatalogDataSource', 'is not an object with `__typename` and `id`'],
      aList: [['CatalogDataSource', 'x'], 'is not an object with `__typename` and `id`'],
    } as const;
    type Kind = keyof typeof invalid;

    let valid: { typename: string; id: string }[] = [];
    let sourceId = '';
    beforeAll(async () => {
      const [catalog, rivergen, imports] = await Promise.all([
        idsOf('PDC', 2),
        idsOf('RIVERGEN', 1),
        idsOf('PREQUEL_IMPORT', 1),
      ]);
      valid = [...catalog, ...rivergen];
      sourceId = imports[0]?.id ?? '';
    });

    /** Sends `layout` (a valid representation per `ok`, else that kind of invalid one) and checks each entry. */
    async function expectEntries(layout: (Kind | 'ok')[]) {
      let next = 0;
      const sent = layout.map((kind) => {
        const ref = valid[next++ % valid.length];
        if (kind === 'ok' && ref) return { kind, representation: representation(ref) };
        if (kind === 'ok') throw new Error('the demo has no data sources');
        const [value] = invalid[kind];
        return { kind, representation: value ?? { __typename: 'CatalogDataSource', id: sourceId } };
      });
      const result = await post<{ _entities: Entity[] }>(ENTITIES, {
        representations: sent.map((s) => s.representation),
      });
      expect(result.data?._entities).toHaveLength(layout.length);
      expect(result.data?._entities.map((entity) => entity?.id ?? null)).toEqual(
        sent.map((s) => (s.kind === 'ok' ? (s.representation as { id: string }).id : null)),
      );
      const expectedErrors = sent.flatMap((s, i) =>
        s.kind === 'ok'
          ? []
          : [
              {
                path: ['_entities', i],
                code: 'BAD_USER_INPUT',
                field: 'representations',
                message: `\`representations[${i}]\` ${invalid[s.kind][1]}`,
              },
            ],
      );
      const errors = (result.errors ?? []).map((error) => ({
        path: error.path,
        code: error.extensions?.code,
        field: error.extensions?.field,
        message: error.message,
      }));
      expect(errors).toEqual(expectedErrors);
      // A message says what is wrong, never what was sent.
      expect(JSON.stringify(result.errors ?? [])).not.toMatch(/not an id!|Invoice/);
    }

    it.each([
      ['the last is invalid', ['ok', 'ok', 'malformedId']],
      ['the last is of another type', ['ok', 'ok', 'idOfAnotherType']],
      ['the last has no id', ['ok', 'missingId']],
      ['one in the middle is invalid', ['ok', 'unknownType', 'ok']],
      ['several are invalid', ['missingType', 'ok', 'numericId', 'ok', 'notAnObject', 'malformedId']],
      ['null stands for a missing type or id', ['nullType', 'ok', 'nullId']],
      ['one is a list', ['ok', 'aList']],
      [
        'all are invalid',
        [
          'malformedId',
          'idOfAnotherType',
          'missingId',
          'numericId',
          'unknownType',
          'missingType',
          'notAnObject',
        ],
      ],
    ] as const)('when %s', async (_case, layout) => {
      await expectEntries([...layout]);
    });
  });

  it('takes MAX_NODES representations at once, one entry each', async () => {
    const representations = Array.from({ length: 500 }, () => ({ __typename: 'ImportSource', id: 'x' }));
    const result = await post<{ _entities: Entity[] }>(ENTITIES, { representations });
    expect(result.data?._entities).toEqual(representations.map(() => null));
    expect(result.errors).toHaveLength(500);
    expect(result.errors?.[499]).toMatchObject({
      path: ['_entities', 499],
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('takes no more representations at once than MAX_NODES', async () => {
    const representations = Array.from({ length: 501 }, () => ({ __typename: 'ImportSource', id: 'x' }));
    const result = await post<{ _entities: Entity[] }>(ENTITIES, { representations });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message: '`_entities` takes at most 500 representations, got 501',
      extensions: { code: 'BAD_USER_INPUT', field: 'representations' },
    });
  });
});
