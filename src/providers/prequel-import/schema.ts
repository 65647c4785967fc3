import { builder } from '../../gateway/builder.js';
import { countedConnection } from '../../gateway/connections.js';
import { pageByUpstreamCursor } from '../../gateway/cursor-paging.js';
import { dataSourceNode } from '../../gateway/data-source-node.js';
import { SortOrder } from '../../gateway/enums.js';
import { primeLoaders } from '../../gateway/node-loaders.js';
import { DEFAULT_PAGE_SIZE } from '../../gateway/paging.js';
import { vendorConfigUnion } from '../../gateway/vendor-schema.js';
import { prequelImportProvider } from './definition.js';
import { IMPORT_SOURCE, type ImportSourceRecord } from './records.js';
import { PREQUEL_PAGE } from './runtime.js';
import { importVendors } from './vendors.js';

const ImportSourceConfig = vendorConfigUnion(
  'ImportSourceConfig',
  "An import source's vendor-specific settings; secrets are never shown.",
  importVendors,
);

export const ImportSource = dataSourceNode<ImportSourceRecord>(IMPORT_SOURCE, {
  description: 'A source Prequel imports data from, managed through the Prequel Import API.',
  load: (ids, context) => context.session(prequelImportProvider).loadByIds(ids),
});

builder.objectFields(ImportSource, (t) => ({
  providerId: t.string({
    description: 'Id of the provider (your customer, in Prequel terms) the source belongs to.',
    resolve: (r) => r.raw.provider_id,
  }),
  isReachable: t.boolean({
    description: 'Whether Prequel could reach the source when it last checked.',
    resolve: (r) => r.raw.is_reachable,
  }),
  config: t.field({
    type: ImportSourceConfig,
    nullable: true,
    description: 'Settings specific to its vendor; null for a vendor this gateway does not know.',
    resolve: (r) =>
      importVendors.some((spec) => spec.key === r.vendorKey) ? { key: r.vendorKey, block: r.block } : null,
  }),
}));

const ImportSourceConnection = countedConnection('ImportSourceConnection', ImportSource, {
  description: 'A page of Prequel import sources.',
  item: 'import source',
  items: 'Prequel import sources',
});

builder.queryFields((t) => ({
  importSources: t.field({
    type: ImportSourceConnection,
    description: "Prequel's own listing of import sources, by creation time; it pages forwards only.",
    args: {
      first: t.arg.int({
        required: false,
        description: `How many to return (default ${DEFAULT_PAGE_SIZE}).`,
      }),
      after: t.arg.string({ required: false, description: 'A cursor returned by this connection.' }),
      order: t.arg({
        type: SortOrder,
        required: false,
        description: 'Newest first (DESC, default) or oldest first.',
      }),
    },
    resolve: async (_root, args, context) => {
      const session = context.session(prequelImportProvider);
      const order = args.order ?? 'desc';
      const page = await pageByUpstreamCursor(args, {
        scope: 'importSources',
        defaultPageSize: DEFAULT_PAGE_SIZE,
        maxPageSize: context.limits.maxPageSize,
        upstreamPageSize: PREQUEL_PAGE,
        fetch: (cursor, pageSize) => session.page(order, cursor, pageSize),
        count: async () => (await session.all()).length,
      });
      primeLoaders(
        context,
        page.edges.map((edge) => edge.node),
      );
      return page;
    },
  }),
}));
