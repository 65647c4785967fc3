import { createSchema } from 'graphql-yoga';
import type { Kind, Raw, Tagged, UpstreamCalls } from './calls.js';

/**
 * Just enough of the gateway's schema that the benchmark's documents run unchanged against both:
 * the same field names and argument types, none of the gateway's loaders, plugins or mapping.
 */
const dataSourceFields =
  'id: ID! nativeId: String! name: String! vendor: String host: String port: Int database: String';
const dataSourceTypes = ['ImportSource', 'Destination', 'CatalogDataSource', 'RiverGenDataSource']
  .map((type) => `type ${type} implements Node & DataSource { ${dataSourceFields} }`)
  .join('\n');

const typeDefs = /* GraphQL */ `
  interface Node { id: ID! }
  interface DataSource implements Node { ${dataSourceFields} }
  ${dataSourceTypes}
  enum Vendor { POSTGRES }
  input DataSourceFilter { vendors: [Vendor!] }
  type DataSourceEdge { node: DataSource! cursor: String! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type DataSourceConnection { edges: [DataSourceEdge!]! pageInfo: PageInfo! }
  type Query {
    node(id: ID!): Node
    nodes(ids: [ID!]!): [Node]!
    dataSources(first: Int, filter: DataSourceFilter): DataSourceConnection
  }
  input UpdateRiverGenDataSourceInput { port: Int, description: String }
  type UpdateRiverGenDataSourceSuccess { riverGenDataSource: RiverGenDataSource! }
  union UpdateRiverGenDataSourceResult = UpdateRiverGenDataSourceSuccess
  type Mutation {
    updateRiverGenDataSource(id: ID!, input: UpdateRiverGenDataSourceInput!): UpdateRiverGenDataSourceResult
  }
`;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const block = (raw: Raw): Raw => {
  const value = raw[String(raw.vendor)];
  return typeof value === 'object' && value !== null ? (value as Raw) : {};
};

/** Prequel sources and destinations share one shape: settings in a block named after the vendor. */
const prequelFields: Record<string, (raw: Raw) => unknown> = {
  nativeId: (raw) => raw.id,
  name: (raw) => raw.name,
  vendor: (raw) => raw.vendor,
  host: (raw) => text(block(raw).host),
  port: (raw) => int(block(raw).port),
  database: (raw) => text(block(raw).database),
};

/** Field access per upstream shape: the least a GraphQL server over these APIs must do. */
const fields: Record<Kind, Record<string, (raw: Raw) => unknown>> = {
  ImportSource: prequelFields,
  Destination: prequelFields,
  CatalogDataSource: {
    nativeId: (raw) => raw._id,
    name: (raw) => raw.resourceName,
    vendor: (raw) => raw.databaseType,
    host: (raw) => text(raw.host),
    port: (raw) => (typeof raw.port === 'string' ? Number(raw.port) : int(raw.port)),
    database: (raw) => text(raw.databaseName),
  },
  RiverGenDataSource: {
    nativeId: (raw) => String(raw.id),
    name: (raw) => raw.name,
    vendor: (raw) => raw.type,
    host: (raw) => text(raw.host),
    port: (raw) => int(raw.port),
    database: (raw) => text(raw.database_name),
  },
};

function objectResolvers(kind: Kind) {
  const resolvers: Record<string, (tagged: Tagged) => unknown> = {
    id: (tagged) =>
      Buffer.from(`${kind}:${String(fields[kind].nativeId?.(tagged.raw))}`).toString('base64url'),
  };
  for (const [name, read] of Object.entries(fields[kind])) resolvers[name] = (tagged) => read(tagged.raw);
  return resolvers;
}

const resolveType = (tagged: Tagged) => tagged.kind;

export function passthroughSchema(calls: UpstreamCalls) {
  return createSchema({
    typeDefs,
    resolvers: {
      Node: { __resolveType: resolveType },
      DataSource: { __resolveType: resolveType },
      UpdateRiverGenDataSourceResult: { __resolveType: () => 'UpdateRiverGenDataSourceSuccess' },
      ImportSource: objectResolvers('ImportSource'),
      Destination: objectResolvers('Destination'),
      CatalogDataSource: objectResolvers('CatalogDataSource'),
      RiverGenDataSource: objectResolvers('RiverGenDataSource'),
      Query: {
        node: async (_root: unknown, args: { id: string }) => (await calls.byIds([args.id]))[0] ?? null,
        nodes: (_root: unknown, args: { ids: string[] }) => calls.byIds(args.ids),
        dataSources: (
          _root: unknown,
          args: { first?: number | null; filter?: { vendors?: string[] | null } },
        ) => calls.listAcross(args.first ?? 20, args.filter?.vendors ?? []),
      },
      Mutation: {
        updateRiverGenDataSource: async (
          _root: unknown,
          args: { id: string; input: { port?: number | null; description?: string | null } },
        ) => ({ riverGenDataSource: await calls.patchRiverGen(args.id, args.input) }),
      },
    },
  });
}
