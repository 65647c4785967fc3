import { builder } from '../../gateway/builder.js';
import { badInput } from '../../gateway/errors.js';
import { readGlobalId } from '../../gateway/ids.js';
import { stoppable } from '../../gateway/subscriptions.js';
import { prequelExportProvider } from './definition.js';
import { DestinationTransfer } from './transfer-types.js';
import { followAll, followOne, type TransferEvent } from './transfer-watch.js';

const DESTINATION = new Set(['Destination']);
const POLLED = `Prequel is polled for it, once for every subscriber of the same destination: soon after a change, less often while nothing changes (LIVE_POLL_MIN_MS, LIVE_POLL_MAX_MS). Delivered over text/event-stream.`;
const ENDS = `It also ends, with an error, when the destination is gone (NOT_FOUND), when Prequel keeps failing (the error names the provider), after SUBSCRIPTION_MAX_LIFETIME_MS (GATEWAY_TIMEOUT) or when the gateway shuts down (GATEWAY_BUSY).`;

/** The native id of the destination a subscription names; an id of anything else is refused before any call. */
function destinationOf(globalId: string): string {
  const decoded = readGlobalId(globalId, DESTINATION);
  if (!decoded) throw badInput('`destinationId` is not the id of a Destination', 'destinationId');
  return decoded.id;
}

/** A state to send, or the error the subscription ends with. */
function sent(event: TransferEvent) {
  if (event instanceof Error) throw event;
  return event;
}

builder.subscriptionFields((t) => ({
  destinationTransfer: t.field({
    type: DestinationTransfer,
    nullable: true,
    description: `Follows one transfer to a Prequel destination until it ends: its state now, then each change, and the stream ends after the state in which it has ended (SUCCESS, PARTIAL_FAILURE, ERROR, CANCELLED, EXPIRED, or any status with an end time). ${POLLED} ${ENDS}`,
    args: {
      destinationId: t.arg.id({ required: true, description: "The destination's global id." }),
      transferId: t.arg.string({
        required: false,
        description: `The transfer's id (\`transferId\` of queueDestinationTransfer), among the destination's newest 100; left out, the destination's newest transfer when the subscription starts.`,
      }),
    },
    subscribe: (_root, args, context) => {
      const destinationId = destinationOf(String(args.destinationId));
      const { transfers } = context.session(prequelExportProvider);
      return stoppable((signal) =>
        followOne(transfers.follow(destinationId, signal), args.transferId ?? undefined),
      );
    },
    resolve: sent,
  }),
  destinationTransfers: t.field({
    type: DestinationTransfer,
    nullable: true,
    description: `Follows every transfer of a Prequel destination: first those that have not ended, then each transfer that is queued or changes, each time it does. It does not end by itself (a destination may be sent a transfer at any time): it ends when the client leaves. ${POLLED} ${ENDS}`,
    args: {
      destinationId: t.arg.id({ required: true, description: "The destination's global id." }),
    },
    subscribe: (_root, args, context) => {
      const destinationId = destinationOf(String(args.destinationId));
      const { transfers } = context.session(prequelExportProvider);
      return stoppable((signal) => followAll(transfers.follow(destinationId, signal)));
    },
    resolve: sent,
  }),
}));
