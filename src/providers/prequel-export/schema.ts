import { builder } from '../../gateway/builder.js';
import { countedConnection } from '../../gateway/connections.js';
import { pageByUpstreamCursor } from '../../gateway/cursor-paging.js';
import { dataSourceNode } from '../../gateway/data-source-node.js';
import { SortOrder } from '../../gateway/enums.js';
import { primeLoaders } from '../../gateway/node-loaders.js';
import { DEFAULT_PAGE_SIZE } from '../../gateway/paging.js';
import { toDate } from '../../gateway/records.js';
import { vendorConfigUnion } from '../../gateway/vendor-schema.js';
import { prequelExportProvider } from './definition.js';
import { DESTINATION, type DestinationRecord } from './records.js';
import { UPSTREAM_PAGE_SIZE } from './runtime.js';
import { DestinationTransfer } from './transfer-types.js';
import { destinationVendors } from './vendors.js';

const DestinationConfig = vendorConfigUnion(
  'DestinationConfig',
  "A destination's vendor settings, secrets left out: one type per vendor, chosen by `vendor`.",
  destinationVendors,
);

export const Destination = dataSourceNode<DestinationRecord>(DESTINATION, {
  description:
    "A Prequel Export destination: where and how often a recipient's data is exported, with its transfer statistics.",
  load: (ids, context) => context.session(prequelExportProvider).loadByIds(ids),
});

builder.objectFields(Destination, (t) => ({
  recipientId: t.string({
    description: 'Id of the recipient (the provider’s customer) the destination belongs to.',
    resolve: (r) => r.raw.recipient_id,
  }),
  idInProviderSystem: t.string({
    description: "The recipient's id in the provider's own system.",
    resolve: (r) => r.raw.id_in_provider_system,
  }),
  frequencyMinutes: t.int({
    description: 'Minutes between scheduled transfers (0, 15, 60, 360, 720 or 1440); 0 means only by hand.',
    resolve: (r) => r.raw.frequency_minutes,
  }),
  products: t.stringList({
    description: 'Products (named groups of models) the destination receives.',
    resolve: (r) => r.raw.products,
  }),
  enabledModels: t.stringList({
    description: 'Models the destination receives; `*` alone means every model of its products.',
    resolve: (r) => r.raw.enabled_models,
  }),
  maxConcurrentTransfers: t.int({
    description: 'Most transfers to this destination that may run at once.',
    resolve: (r) => r.raw.max_concurrent_transfers,
  }),
  maxConcurrentQueriesPerTransfer: t.int({
    description: 'Most queries one transfer may run against the destination at once.',
    resolve: (r) => r.raw.max_concurrent_queries_per_transfer,
  }),
  isEnabled: t.boolean({
    description: 'False pauses scheduled transfers and refuses transfers queued by hand.',
    resolve: (r) => r.raw.is_enabled,
  }),
  lastSuccessfulTransferEndedAt: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'When its latest successful transfer ended; null before the first.',
    resolve: (r) => toDate(r.raw.last_successful_transfer_ended_at),
  }),
  lastCompletedTransfer: t.field({
    type: DestinationTransfer,
    nullable: true,
    description: 'The transfer that finished most recently, whatever its outcome; null before the first.',
    resolve: (r) => r.raw.last_completed_transfer ?? null,
  }),
  // Row totals are Float: a month of a busy destination passes the 2^31 limit of GraphQL's Int.
  totalRowsTransferredLastBillingPeriod: t.float({
    description: 'Rows sent in the previous billing period.',
    resolve: (r) => r.raw.total_rows_transferred_last_billing_period,
  }),
  totalDeltaRowsTransferredLastBillingPeriod: t.float({
    description: 'Rows sent in the previous billing period that were new or changed.',
    resolve: (r) => r.raw.total_delta_rows_transferred_last_billing_period,
  }),
  totalRowsTransferredCurrentBillingPeriod: t.float({
    description: 'Rows sent so far in the current billing period.',
    resolve: (r) => r.raw.total_rows_transferred_current_billing_period,
  }),
  config: t.field({
    type: DestinationConfig,
    nullable: true,
    description: 'Its vendor settings, secrets left out; null for a vendor this gateway does not know.',
    resolve: (r) =>
      destinationVendors.some((spec) => spec.key === r.vendorKey)
        ? { key: r.vendorKey, block: r.block }
        : null,
  }),
}));

const DestinationConnection = countedConnection('DestinationConnection', Destination, {
  description: 'A page of Prequel Export destinations.',
  item: 'destination',
  items: 'Prequel Export destinations',
});

builder.queryFields((t) => ({
  destinations: t.field({
    type: DestinationConnection,
    description:
      "Prequel Export's own list of destinations, in its own cursor paging: forwards only (`first`, `after`).",
    args: {
      first: t.arg.int({
        required: false,
        description: `How many destinations to return (default ${DEFAULT_PAGE_SIZE}).`,
      }),
      after: t.arg.string({ required: false, description: 'The `endCursor` of the previous page.' }),
      order: t.arg({
        type: SortOrder,
        required: false,
        description: 'By creation time: DESC (the default) newest first, ASC oldest first.',
      }),
    },
    resolve: async (_root, args, context) => {
      const session = context.session(prequelExportProvider);
      const order = args.order ?? 'desc';
      const page = await pageByUpstreamCursor(args, {
        // The order is part of the scope: a cursor of one order means nothing in the other.
        scope: `destinations:${order}`,
        defaultPageSize: DEFAULT_PAGE_SIZE,
        maxPageSize: context.limits.maxPageSize,
        upstreamPageSize: UPSTREAM_PAGE_SIZE,
        fetch: (cursor, pageSize) => session.destinationPage(order, cursor, pageSize),
        count: () => session.destinationCount(),
      });
      primeLoaders(
        context,
        page.edges.map((edge) => edge.node),
      );
      return page;
    },
  }),
}));
