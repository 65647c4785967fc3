import { makeExecutableSchema } from '@graphql-tools/schema';
import { stitchSchemas } from '@graphql-tools/stitch';
import {
  buildClientSchema,
  type DocumentNode,
  type ExecutionResult,
  execute,
  type GraphQLSchema,
  getIntrospectionQuery,
  type IntrospectionQuery,
  parse,
  print,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/server.js';
import type { Provider } from '../generated/graphql.js';
import { graphql } from '../generated/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let server: RunningServer;
/** Every document the stitched graph sent to this gateway over HTTP. */
const sent: string[] = [];
let stitched: GraphQLSchema;
/** Which team owns which data source: the local schema's own data. */
const owners = new Map<string, string>();

/** The remote subschema's executor: one POST /graphql per call, as any HTTP client would send it. */
async function toGateway<TData>(request: {
  document: DocumentNode;
  variables?: Record<string, unknown>;
}): Promise<ExecutionResult<TData>> {
  const query = print(request.document);
  sent.push(query);
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables: request.variables }),
  });
  return (await response.json()) as ExecutionResult<TData>;
}

/** A second, local schema: teams that own catalog entries and import sources. */
const teamsSchema = makeExecutableSchema({
  typeDefs: `
    type Team { name: String! catalogEntries: [CatalogDataSource!]! importSources: [ImportSource!]! }
    type CatalogDataSource { id: ID! owner: Team }
    type ImportSource { id: ID! owner: Team }
    type Query {
      teams: [Team!]!
      catalogOwnership(ids: [ID!]!): [CatalogDataSource]!
    }
  `,
  resolvers: {
    Query: {
      teams: () => [...new Set(owners.values())].map((name) => ({ name })),
      catalogOwnership: (_root: unknown, { ids }: { ids: string[] }) => ids.map((id) => ({ id })),
    },
    Team: {
      catalogEntries: ({ name }: { name: string }) => idsOwnedBy(name, 'CatalogDataSource'),
      importSources: ({ name }: { name: string }) => idsOwnedBy(name, 'ImportSource'),
    },
    CatalogDataSource: { owner: ({ id }: { id: string }) => ownerOf(id) },
    ImportSource: { owner: ({ id }: { id: string }) => ownerOf(id) },
  },
});

const typenameOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[0];
const idsOwnedBy = (team: string, typename: string) =>
  [...owners].filter(([id, owner]) => owner === team && typenameOf(id) === typename).map(([id]) => ({ id }));
const ownerOf = (id: string) => {
  const name = owners.get(id);
  return name === undefined ? null : { name };
};

/** Merged types resolve on this gateway through one batched `nodes(ids:)` per request. */
const byNodes = {
  selectionSet: '{ id }',
  fieldName: 'nodes',
  key: ({ id }: { id: string }) => id,
  argsFromKeys: (ids: readonly string[]) => ({ ids }),
};

beforeAll(async () => {
  gw = await startTestGateway();
  server = await listen(gw.gateway, '127.0.0.1', 0);
  const introspection = await toGateway<IntrospectionQuery>({ document: parse(getIntrospectionQuery()) });
  if (!introspection.data) throw new Error(`introspection failed: ${JSON.stringify(introspection.errors)}`);
  const [catalog, imports] = await Promise.all([idsOf('PDC', 30), idsOf('PREQUEL_IMPORT', 20)]);
  for (const [i, id] of [...catalog, ...imports].entries())
    owners.set(id, i % 2 === 0 ? 'lakehouse' : 'billing');
  stitched = stitchSchemas({
    subschemas: [
      {
        schema: buildClientSchema(introspection.data),
        executor: toGateway,
        batch: true,
        merge: { CatalogDataSource: byNodes, ImportSource: byNodes },
      },
      {
        schema: teamsSchema,
        merge: {
          CatalogDataSource: {
            selectionSet: '{ id }',
            fieldName: 'catalogOwnership',
            key: ({ id }: { id: string }) => id,
            argsFromKeys: (ids: readonly string[]) => ({ ids }),
          },
        },
      },
    ],
  });
});
afterAll(async () => {
  await server.close();
  await gw.close();
});

const IDS_OF = graphql(`
  query StitchingIds($provider: Provider!, $count: Int) {
    dataSources(first: $count, filter: { providers: [$provider] }) { edges { node { id } } }
  }
`);

async function idsOf(provider: Provider, count: number): Promise<string[]> {
  const page = await gw.query(IDS_OF, { provider, count });
  return (page.data?.dataSources?.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node.id] : []));
}

async function run<TData>(document: string): Promise<ExecutionResult<TData>> {
  return (await execute({
    schema: stitched,
    document: parse(document),
    contextValue: {},
  })) as ExecutionResult<TData>;
}

interface Team {
  name: string;
  catalogEntries: { id: string; name: string; vendor: string; status: string | null }[];
  importSources: { id: string; name: string; provider: string }[];
}

describe('this gateway stitched into a larger graph', () => {
  it('resolves 50 merged data sources with one `nodes` request to the gateway and one PDC call', async () => {
    sent.length = 0;
    gw.resetCounts();
    const result = await run<{ teams: Team[] }>(`{
      teams {
        name
        catalogEntries { id name vendor status }
        importSources { id name provider }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const teams = result.data?.teams ?? [];
    expect(teams.map((team) => team.name)).toEqual(['lakehouse', 'billing']);
    const catalog = teams.flatMap((team) => team.catalogEntries);
    const imports = teams.flatMap((team) => team.importSources);
    expect(catalog).toHaveLength(30);
    expect(imports).toHaveLength(20);
    expect(catalog.every((entry) => entry.name !== '' && entry.vendor !== '')).toBe(true);
    expect(imports.every((source) => source.provider === 'PREQUEL_IMPORT')).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.match(/\bnodes\(ids:/g)).toHaveLength(2);
    expect(gw.sims.pdc?.stats.counts()).toEqual({ getDataSourcesByIds: 1 });
    const byIds = gw.sims.pdc?.stats.last('getDataSourcesByIds')?.body as { ids?: string[] } | undefined;
    expect(byIds?.ids).toHaveLength(30);
    expect(gw.sims['prequel-import']?.stats.counts()).toEqual({ getSource: 20 });
  });

  it('adds the local owner to catalog entries the gateway lists', async () => {
    sent.length = 0;
    const result = await run<{
      catalogDataSources: { edges: { node: { id: string; name: string; owner: { name: string } | null } }[] };
    }>('{ catalogDataSources(first: 3) { edges { node { id name owner { name } } } } }');
    expect(result.errors).toBeUndefined();
    const nodes = result.data?.catalogDataSources.edges.map((edge) => edge.node) ?? [];
    expect(nodes).toHaveLength(3);
    for (const node of nodes) expect(node.owner?.name ?? null).toBe(owners.get(node.id) ?? null);
    expect(sent).toHaveLength(1);
  });
});
