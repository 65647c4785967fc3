import type { GraphQLResolveInfo } from 'graphql';
import { builder, nodeTypenames, readNodeId } from './builder.js';
import { countedConnection } from './connections.js';
import { cursorSignature, dataSourceArgTypes, readFilter, VendorEnum } from './data-source-args.js';
import { badInput, fromUpstream, registerProviderLabel } from './errors.js';
import { loadNode, loadNodes, primeLoaders } from './node-loaders.js';
import { DEFAULT_PAGE_SIZE, type Edge, type Page, pageAcross } from './paging.js';
import type { ProviderDefinition } from './provider.js';
import { type DataSourceRecord, type ListWindow, toDate } from './records.js';
import { type DataSourceOrder, pageSorted } from './sorted-merge.js';
import { streamedPage, streamsEdges } from './streamed-edges.js';
import { isUpstreamError } from './upstream/index.js';
import './scalars.js';
import { GraphQLError } from 'graphql';

/** The interface every provider's data source type implements; defined by `defineDataSourceSchema`. */
export const DataSource = builder.interfaceRef<DataSourceRecord>('DataSource');

/** Reports a failed provider as an error on the field, while the rest of the answer still arrives. */
export function reportProviderFailure(
  context: { partialErrors: GraphQLError[] },
  info: GraphQLResolveInfo,
  definition: ProviderDefinition | undefined,
  error: unknown,
): void {
  const mapped = isUpstreamError(error)
    ? fromUpstream(error, definition?.label)
    : error instanceof GraphQLError
      ? error
      : new GraphQLError(`${definition?.label ?? 'A provider'} failed`, {
          extensions: { code: 'INTERNAL_SERVER_ERROR', provider: definition?.id },
        });
  const path = pathOf(info);
  const key = JSON.stringify(path);
  // Listing and counting may both fail for one provider; one error per provider and field is enough.
  const already = context.partialErrors.some(
    (e) => JSON.stringify(e.path) === key && e.extensions.provider === mapped.extensions.provider,
  );
  if (already) return;
  context.partialErrors.push(
    new GraphQLError(mapped.message, {
      path,
      extensions: mapped.extensions,
      nodes: info.fieldNodes,
    }),
  );
}

/** A data source's identity within its provider's list, which dataSources cursors carry. */
function nativeIdOf(record: DataSourceRecord): string {
  return record.nativeId;
}

function pathOf(info: GraphQLResolveInfo): (string | number)[] {
  const out: (string | number)[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) out.unshift(p.key);
  return out;
}

/**
 * Defines the cross-provider part of the schema: the Provider enum (from the registry), the
 * DataSource interface, and the `dataSource` and `dataSources` queries.
 */
export function defineDataSourceSchema(definitions: readonly ProviderDefinition[]): void {
  for (const definition of definitions) {
    registerProviderLabel(definition.id, definition.label);
    for (const typename of definition.typenames) nodeTypenames.add(typename);
  }

  const { ProviderEnum, DataSourceFilterInput, DataSourceOrderInput } = dataSourceArgTypes(definitions);
  // Where each provider stands in the PROVIDER order and among ties: the enum's, as the schema lists it.
  const ranks = new Map(
    [...definitions]
      .sort((a, b) => (a.enumValue < b.enumValue ? -1 : a.enumValue > b.enumValue ? 1 : 0))
      .map((definition, i) => [definition.id, i]),
  );
  const rank = (provider: string) => ranks.get(provider) ?? -1;

  DataSource.implement({
    description:
      'A connection to data, whichever system holds it. Every provider-specific type implements it; ask for `... on CatalogDataSource` and the like for the rest of its fields.',
    interfaces: [builder.nodeInterfaceRef()],
    resolveType: (record) => record.typename,
    fields: (t) => ({
      nativeId: t.exposeString('nativeId', { description: "The upstream's own id for this data source." }),
      provider: t.field({
        type: ProviderEnum,
        description: 'The system that holds it.',
        resolve: (r) => r.provider,
      }),
      name: t.exposeString('name', { description: 'Its name in the upstream system.' }),
      vendor: t.field({
        type: VendorEnum,
        description: 'What it connects to, in one vocabulary across providers (OTHER when unknown).',
        resolve: (r) => r.vendor,
      }),
      rawVendor: t.exposeString('rawVendor', {
        description:
          "The upstream's own spelling of the vendor, e.g. `postgres`, `POSTGRES` or `postgresql`.",
      }),
      host: t.exposeString('host', {
        nullable: true,
        description: 'Host name or address it connects to, where it has one.',
      }),
      port: t.exposeInt('port', {
        nullable: true,
        description: 'TCP port it connects to, where it has one.',
      }),
      database: t.exposeString('database', {
        nullable: true,
        description: 'Database it reads from or writes to, where it has one.',
      }),
      schema: t.exposeString('schema', {
        nullable: true,
        description: 'Database schema within `database`, where it has one.',
      }),
      createdAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When it was created.',
        resolve: (record) => toDate(record.createdAt),
      }),
      updatedAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When it last changed; null where the upstream does not record it.',
        resolve: (record) => toDate(record.updatedAt),
      }),
    }),
  });

  const DataSourceConnection = countedConnection('DataSourceConnection', DataSource, {
    description: 'A page of data sources from every provider asked.',
    item: 'data source',
    items: 'data sources',
  });

  const Node = builder.nodeInterfaceRef();
  builder.queryFields((t) => ({
    node: t.field({
      type: Node,
      nullable: true,
      description: 'Fetches any data source (or other node) by its global id.',
      args: { id: t.arg.id({ required: true, description: 'The global `id` of any node.' }) },
      resolve: (_root, args, context) => loadNode(context, readNodeId(args.id), 'id'),
    }),
    nodes: t.field({
      type: [Node],
      nullable: { list: false, items: true },
      description:
        'Fetches several nodes by global id, batched per provider: the answer has one entry per id, in the order asked, null where there is none. An id that is not an id of this API is null, with an error at its entry.',
      args: {
        ids: t.arg.idList({
          required: true,
          description:
            "Global `id`s of any nodes, of any types and providers; at most the gateway's MAX_NODES setting.",
        }),
      },
      resolve: (_root, args, context) => {
        if (args.ids.length > context.limits.maxNodes) {
          throw badInput(
            `\`nodes\` takes at most ${context.limits.maxNodes} ids, got ${args.ids.length}`,
            'ids',
          );
        }
        return loadNodes(context, args.ids.map(readNodeId));
      },
    }),
    dataSource: t.field({
      type: DataSource,
      nullable: true,
      description: 'One data source by its global id, whichever provider holds it; null when there is none.',
      args: { id: t.arg.id({ required: true, description: 'The `id` of a data source.' }) },
      resolve: async (_root, args, context) => {
        const found = await loadNode(context, readNodeId(args.id), 'id');
        if (found instanceof Error) throw found;
        return found ?? null;
      },
    }),
    dataSources: t.field({
      type: DataSourceConnection,
      description:
        'Every data source of every configured provider: provider by provider, each in its upstream’s own order, or merged across providers in the order `orderBy` gives. A provider that fails is left out with an error naming it; the rest still arrives.',
      args: {
        ...t.arg.connectionArgs(),
        filter: t.arg({
          type: DataSourceFilterInput,
          required: false,
          description:
            'Which data sources to list; left out, every data source of every configured provider.',
        }),
        orderBy: t.arg({
          type: DataSourceOrderInput,
          required: false,
          description:
            'Sorts across providers; left out, provider by provider in each upstream’s order. A cursor pages on only in the order and filter it was returned for.',
        }),
      },
      resolve: async (_root, args, context, info) => {
        const filter = readFilter(args.filter);
        const order: DataSourceOrder | undefined = args.orderBy
          ? { field: args.orderBy.field, direction: args.orderBy.direction ?? 'asc' }
          : undefined;
        const active = context
          .sessions()
          .filter(({ definition }) => !filter.providers || filter.providers.includes(definition.id));
        const options = {
          scope: 'dataSources',
          signature: cursorSignature(filter, order),
          defaultPageSize: DEFAULT_PAGE_SIZE,
          maxPageSize: context.limits.maxPageSize,
          onSegmentFailure: (key: string, error: unknown) =>
            reportProviderFailure(
              context,
              info,
              active.find((a) => a.definition.id === key)?.definition,
              error,
            ),
        };
        const list = async (onEdges?: (edges: readonly Edge<DataSourceRecord>[]) => void) => {
          const page = order
            ? await pageSorted(
                active.map(({ definition, session }) => ({
                  key: definition.id,
                  all: () => session.allDataSources(filter),
                })),
                args,
                { ...options, order, rank },
              )
            : await pageAcross(
                active.map(({ definition, session }) => ({
                  key: definition.id,
                  list: (window: ListWindow) => session.listDataSources(filter, window),
                  count: () => session.countDataSources(filter),
                })),
                args,
                { ...options, onEdges, identify: nativeIdOf },
              );
          // Every provider asked failed: an empty page would read as "no data sources".
          if (page.everySegmentFailed) return null;
          primeLoaders(
            context,
            page.edges.map((edge) => edge.node),
          );
          return page;
        };
        // `edges @stream`: the first provider's edges go out while the later ones are still answering.
        return (streamsEdges(info) ? streamedPage(list) : list()) as Promise<Page<DataSourceRecord> | null>;
      },
    }),
  }));
}
