import { gatewayError } from '../../gateway/errors.js';
import type { PollEvent } from '../../gateway/live-polls.js';
import { isUpstreamError } from '../../gateway/upstream/index.js';
import { PREQUEL_EXPORT_PROVIDER, type Transfer } from './client.js';
import { UPSTREAM_PAGE_SIZE } from './runtime.js';

/** Statuses Prequel documents as final; a transfer with an end time has ended too, whatever its status. */
const FINAL = new Set(['SUCCESS', 'PARTIAL_FAILURE', 'ERROR', 'CANCELLED', 'EXPIRED']);

/** True once a transfer will not change again. */
export function hasEnded(transfer: Transfer): boolean {
  return FINAL.has(String(transfer.status).toUpperCase()) || Boolean(transfer.ended_at);
}

/** What a subscription sends: a transfer's state, or the error it ends with. */
export type TransferEvent = Transfer | Error;

/**
 * One transfer's states from the polls of its destination's newest transfers: the state it has now,
 * then each change, ending after the state in which it has ended. Without `transferId`, the newest
 * transfer of the first read is the one followed.
 */
export async function* followOne(
  events: AsyncIterable<PollEvent<Transfer[]>>,
  transferId: string | undefined,
): AsyncGenerator<TransferEvent> {
  let followed = transferId;
  let sent: string | undefined;
  for await (const event of events) {
    if ('failed' in event) return yield failure(event.failed);
    followed ??= event.state[0]?.id;
    const transfer = event.state.find((t) => t.id === followed);
    if (!transfer) return yield missing(sent !== undefined, transferId === undefined);
    const print = JSON.stringify(transfer);
    if (print !== sent) {
      sent = print;
      yield transfer;
    }
    if (hasEnded(transfer)) return;
  }
}

/**
 * A destination's transfers from the polls of its newest ones: those that have not ended when
 * following starts, then each transfer that appears or changes, each time it changes. It does not end
 * by itself: a destination may be sent transfers at any time.
 */
export async function* followAll(
  events: AsyncIterable<PollEvent<Transfer[]>>,
): AsyncGenerator<TransferEvent> {
  let seen: Map<string, string> | undefined;
  for await (const event of events) {
    if ('failed' in event) return yield failure(event.failed);
    const first = seen === undefined;
    const known: Map<string, string> = seen ?? new Map();
    // Oldest first, so that the client hears of them in the order they were queued.
    for (const transfer of [...event.state].reverse()) {
      const print = JSON.stringify(transfer);
      if (known.get(transfer.id) === print) continue;
      known.set(transfer.id, print);
      if (!first || !hasEnded(transfer)) yield transfer;
    }
    seen = known;
  }
}

/** Why polling ended: a destination Prequel no longer has, or the failure after the last retry, as it was. */
function failure(error: unknown): Error {
  if (isUpstreamError(error) && error.kind === 'http' && error.status === 404)
    return gatewayError('Prequel Export has no such destination: it may have been deleted', {
      code: 'NOT_FOUND',
      provider: PREQUEL_EXPORT_PROVIDER,
      field: 'destinationId',
    });
  return error instanceof Error ? error : new Error(String(error));
}

function missing(seenBefore: boolean, newest: boolean): Error {
  const message = newest
    ? 'This destination has no transfers to follow'
    : seenBefore
      ? `The transfer is no longer among the destination's newest ${UPSTREAM_PAGE_SIZE} transfers, the ones followed`
      : `The destination has no such transfer among its newest ${UPSTREAM_PAGE_SIZE}, the ones a subscription can follow`;
  return gatewayError(message, {
    code: 'NOT_FOUND',
    provider: PREQUEL_EXPORT_PROVIDER,
    ...(newest ? {} : { field: 'transferId' }),
  });
}
