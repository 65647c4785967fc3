import type { Plugin } from 'graphql-yoga';
import { gatewayError } from './errors.js';
import { noteBatch, requestScopeOf } from './logging.js';

/** What the operations of one batch share: the cost spent so far, against MAX_QUERY_COST. */
interface BatchLedger {
  cost: number;
}

const ledgerKey = Symbol('batch');

/**
 * Batched requests (a JSON array of operations in one POST, answered by an array in the same order),
 * bounded by `maxSize`; 0 refuses them. Yoga runs each operation with its own context (loaders,
 * sessions, time limit); the request is one (authentication, body limit), and so is the cost limit:
 * see `chargeBatch`. Goes with Yoga's `batching: { limit: maxSize }`, whose own refusals this one
 * answers first in the gateway's words.
 */
export function useBatchLimit(maxSize: number): Plugin {
  return {
    onRequestParse({ request, serverContext }) {
      return {
        onRequestParseDone({ requestParserResult }) {
          if (!Array.isArray(requestParserResult)) {
            // No document starts with `[`: this is a batch put in a URL, which is not where batches go.
            if (request.method === 'GET' && requestParserResult.query?.trimStart().startsWith('['))
              throw gatewayError(
                'A batch is sent as a JSON array in the body of a POST; a GET carries one operation.',
                { code: 'BAD_USER_INPUT', limit: 'batch', http: { status: 400 } },
              );
            return;
          }
          if (maxSize === 0)
            throw gatewayError(
              'This gateway takes one operation per request (MAX_BATCH_SIZE is 0): send each operation in its own request.',
              { code: 'BAD_USER_INPUT', limit: 'batch', max: 0, http: { status: 400 } },
            );
          if (requestParserResult.length === 0)
            throw gatewayError('A batch must hold at least one operation.', {
              code: 'BAD_USER_INPUT',
              limit: 'batch',
              http: { status: 400 },
            });
          if (requestParserResult.length > maxSize)
            throw gatewayError(
              `A batch may hold at most ${maxSize} operations (MAX_BATCH_SIZE): send the rest in another request.`,
              { code: 'BAD_USER_INPUT', limit: 'batch', max: maxSize, http: { status: 413 } },
            );
          Object.defineProperty(request, ledgerKey, { value: { cost: 0 } satisfies BatchLedger });
          const scope = requestScopeOf((serverContext as { req?: unknown } | undefined)?.req);
          if (scope) noteBatch(scope, requestParserResult);
        },
      };
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
  const ledger = (request as { [ledgerKey]?: BatchLedger } | undefined)?.[ledgerKey];
  if (!ledger) return true;
  if (ledger.cost + cost > maxCost) return false;
  ledger.cost += cost;
  return true;
}
