import { builder } from '../../gateway/builder.js';
import { countedConnection } from '../../gateway/connections.js';
import { pageByUpstreamCursor } from '../../gateway/cursor-paging.js';
import { SortOrder } from '../../gateway/enums.js';
import { badInput } from '../../gateway/errors.js';
import { DEFAULT_PAGE_SIZE } from '../../gateway/paging.js';
import { prequelExportProvider } from './definition.js';
import { type TransferFilter, transferFilterKey, UPSTREAM_PAGE_SIZE } from './runtime.js';
import { Destination } from './schema.js';
import { DestinationTransfer, TransferStatusFilter } from './transfer-types.js';

const DestinationTransferConnection = countedConnection(
  'DestinationTransferConnection',
  DestinationTransfer,
  {
    description: "A page of a destination's transfers.",
    item: 'transfer',
    items: 'transfers',
  },
);

builder.objectFields(Destination, (t) => ({
  transfers: t.field({
    type: DestinationTransferConnection,
    description:
      "The destination's transfers by submission time, in Prequel's own cursor paging: forwards only.",
    args: {
      first: t.arg.int({
        required: false,
        description: `How many transfers to return (default ${DEFAULT_PAGE_SIZE}).`,
      }),
      after: t.arg.string({ required: false, description: 'The `endCursor` of the previous page.' }),
      status: t.arg({
        type: TransferStatusFilter,
        required: false,
        description: 'Only transfers in this state.',
      }),
      rawStatus: t.arg.string({
        required: false,
        description:
          'Only transfers whose status Prequel spells this way, for a status `TransferStatus` has no value for (Prequel documents its statuses as free strings); instead of `status`.',
      }),
      endedBefore: t.arg({
        type: 'DateTime',
        required: false,
        description: 'Only transfers that ended before this instant (one still running has not ended).',
      }),
      endedAfter: t.arg({
        type: 'DateTime',
        required: false,
        description: 'Only transfers that ended after this instant (one still running has not ended).',
      }),
      order: t.arg({
        type: SortOrder,
        required: false,
        description: 'By submission time: DESC (the default) newest first, ASC oldest first.',
      }),
    },
    resolve: (destination, args, context) => {
      const session = context.session(prequelExportProvider);
      const order = args.order ?? 'desc';
      if (args.status && args.rawStatus)
        throw badInput('give `status` or `rawStatus`, not both', 'rawStatus');
      const status = args.rawStatus ?? args.status;
      const filter: TransferFilter = {
        ...(status ? { status } : {}),
        ...(args.endedBefore ? { endedBefore: args.endedBefore } : {}),
        ...(args.endedAfter ? { endedAfter: args.endedAfter } : {}),
      };
      return pageByUpstreamCursor(args, {
        // A cursor belongs to one destination, order and filter.
        scope: `transfers:${destination.nativeId}:${order}:${transferFilterKey(filter)}`,
        defaultPageSize: DEFAULT_PAGE_SIZE,
        maxPageSize: context.limits.maxPageSize,
        upstreamPageSize: UPSTREAM_PAGE_SIZE,
        fetch: (cursor, pageSize) =>
          session.transferPage(destination.nativeId, { order, ...filter }, cursor, pageSize),
        count: () => session.transferCount(destination.nativeId, filter),
      });
    },
  }),
}));
