import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GatewayMetrics } from './metrics.js';
import {
  describeOperation,
  errorCodes,
  type OperationInfo,
  observeErrorCodes,
  UNKNOWN_OPERATION,
} from './operation.js';

/**
 * Serves GET /metrics (Prometheus text) and counts every GraphQL request with its operation,
 * outcome and duration, including those refused before they ran.
 */
export function useMetrics(
  metrics: GatewayMetrics,
  scrape: () => Promise<string>,
  endpoint = '/metrics',
): Plugin {
  return {
    // Synchronous unless it answers: a returned promise would cost every GraphQL request a wait.
    onRequest: ({ url, request, endResponse, fetchAPI }) => {
      if (url.pathname !== endpoint || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      return scrape().then((text) =>
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : text, {
            headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' },
          }),
        ),
      );
    },
    onRequestParse: ({ request }) => {
      (request as MeasuredRequest)[measured] = { started: performance.now(), operation: UNKNOWN_OPERATION };
    },
    onExecute: ({ args }) => {
      const measure = (args.contextValue.request as MeasuredRequest)[measured];
      if (measure) measure.operation = describeOperation(args.document, args.operationName);
    },
    // onExecute never sees a subscription: it is named here, so that it is counted as one.
    onSubscribe: ({ args }) => {
      const measure = (args.contextValue.request as MeasuredRequest)[measured];
      if (measure) measure.operation = describeOperation(args.document, args.operationName);
    },
    onResultProcess: ({ request, result, setResult }) => {
      const measure = (request as MeasuredRequest)[measured];
      if (!measure) return;
      (request as MeasuredRequest)[measured] = undefined;
      if (!isAsyncIterable(result)) {
        const seconds = (performance.now() - measure.started) / 1000;
        metrics.recordOperation(measure.operation, errorCodes(result), seconds);
        return;
      }
      // An answer in parts is over, and timed, when its last part is sent; any part's errors count.
      setResult(
        observeErrorCodes(result, (codes) => {
          const seconds = (performance.now() - measure.started) / 1000;
          metrics.recordOperation(measure.operation, codes, seconds);
        }),
      );
    },
  };
}

/**
 * What is measured of a request while it runs. It is kept on the request itself: a weak map keyed
 * by request would hold every request's objects through young-generation GC (see `requestLocal`).
 */
const measured = Symbol('metrics');
type MeasuredRequest = Request & { [measured]?: { started: number; operation: OperationInfo } | undefined };
