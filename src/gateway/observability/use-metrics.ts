import type { Plugin } from 'graphql-yoga';
import type { GatewayMetrics } from './metrics.js';
import { describeOperation, errorCodes, type OperationInfo, UNKNOWN_OPERATION } from './operation.js';

/**
 * Serves GET /metrics (Prometheus text) and counts every GraphQL request with its operation,
 * outcome and duration, including those refused before they ran.
 */
export function useMetrics(metrics: GatewayMetrics, endpoint = '/metrics'): Plugin {
  const started = new WeakMap<Request, number>();
  const operations = new WeakMap<Request, OperationInfo>();
  return {
    // Synchronous unless it answers: a returned promise would cost every GraphQL request a wait.
    onRequest: ({ url, request, endResponse, fetchAPI }) => {
      if (url.pathname !== endpoint || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      return metrics.scrape().then((text) =>
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : text, {
            headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' },
          }),
        ),
      );
    },
    onRequestParse: ({ request }) => {
      started.set(request, performance.now());
    },
    onExecute: ({ args }) => {
      const { request } = args.contextValue;
      operations.set(request, describeOperation(args.document, args.operationName));
    },
    onResultProcess: ({ request, result }) => {
      const since = started.get(request);
      if (since === undefined) return;
      const operation = operations.get(request) ?? UNKNOWN_OPERATION;
      // Entries go as soon as they are read: a weak map full of finished requests slows every scavenge.
      started.delete(request);
      operations.delete(request);
      const seconds = (performance.now() - since) / 1000;
      metrics.recordOperation(operation, errorCodes(result), seconds);
    },
  };
}
