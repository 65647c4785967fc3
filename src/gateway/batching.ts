import type { Plugin } from 'graphql-yoga';
import { gatewayError } from './errors.js';
import { noteBatch, requestScopeOf } from './logging.js';

/** What the operations of one batch share: the cost spent so far, against MAX_QUERY_COST. */
interface BatchLedger {
  cost: number;
  /** The batch's parameters, in order, until its first operation notes them on the request. */
  operations: readonly unknown[] | undefined;
}

const ledgerKey = Symbol('batch');

/** `value`'s ledger, if it belongs to a batch (a request, or one operation's parameters). */
const ledgerOf = (value: unknown) => (value as { [ledgerKey]?: BatchLedger } | undefined)?.[ledgerKey];

const refused = (message: string, extensions: Record<string, unknown>) =>
  gatewayError(message, { code: 'BAD_USER_INPUT', limit: 'batch', ...extensions });

/**
 * Batched requests (a JSON array of operations in one POST, answered by an array in the same order),
 * bounded by `maxSize`; 0 refuses them. Yoga runs each operation with its own context (loaders,
 * sessions, time limit); the request is one (authentication, body limit), and so is the cost limit:
 * see `chargeBatch`. Goes with Yoga's `batching: { limit: maxSize }`, whose own refusals this one
 * answers first in the gateway's words. Its hooks are the same objects for every request, so a request
 * that is not a batch allocates nothing here.
 */
export function useBatchLimit(maxSize: number): Plugin {
  const inBody = {
    onRequestParseDone({ requestParserResult }: { requestParserResult: unknown }) {
      if (!Array.isArray(requestParserResult)) return;
      if (maxSize === 0)
        throw refused(
          'This gateway takes one operation per request (MAX_BATCH_SIZE is 0): send each operation in its own request.',
          { max: 0, http: { status: 400 } },
        );
      if (requestParserResult.length === 0)
        throw refused('A batch must hold at least one operation.', { http: { status: 400 } });
      if (requestParserResult.length > maxSize)
        throw refused(
          `A batch may hold at most ${maxSize} operations (MAX_BATCH_SIZE): send the rest in another request.`,
          { max: maxSize, http: { status: 413 } },
        );
      // This hook is not given the request: each operation's parameters carry the ledger to it (onParams).
      const ledger: BatchLedger = { cost: 0, operations: requestParserResult };
      // An entry that is not an object (a number, null: answered with its own error) is not extensible.
      for (const params of requestParserResult)
        if (Object.isExtensible(params)) Object.defineProperty(params, ledgerKey, { value: ledger });
    },
  };
  const inUrl = {
    onRequestParseDone({ requestParserResult }: { requestParserResult: { query?: unknown } }) {
      // No document starts with `[`: this is a batch put in a URL, which is not where batches go.
      const { query } = requestParserResult;
      if (typeof query === 'string' && query.trimStart().startsWith('['))
        throw refused('A batch is sent as a JSON array in the body of a POST; a GET carries one operation.', {
          http: { status: 400 },
        });
    },
  };
  return {
    onRequestParse: ({ request }) => (request.method === 'GET' ? inUrl : inBody),
    onParams({ params, request, context }) {
      const ledger = ledgerOf(params);
      if (!ledger?.operations) return;
      // The batch's first operation to get here notes it on the request, for chargeBatch and the log line.
      Object.defineProperty(request, ledgerKey, { value: ledger });
      const scope = requestScopeOf((context as { req?: unknown } | undefined)?.req);
      if (scope) noteBatch(scope, ledger.operations);
      ledger.operations = undefined;
    },
  };
}

/** True when `request` carried a batch. */
export function inBatch(request: unknown): boolean {
  return (request as { [ledgerKey]?: BatchLedger } | undefined)?.[ledgerKey] !== undefined;
}

/**
 * Adds an operation's cost to its batch's and says whether the batch is still within `maxCost`:
 * a batch costs what one document holding all its operations would, so splitting a costly query
 * into a batch of cheap ones gains nothing. An operation refused is not charged. Outside a batch: true.
 */
export function chargeBatch(request: unknown, cost: number, maxCost: number): boolean {
  const ledger = ledgerOf(request);
  if (!ledger) return true;
  if (ledger.cost + cost > maxCost) return false;
  ledger.cost += cost;
  return true;
}
