import { createRequire } from 'node:module';
import type * as OtelApi from '@opentelemetry/api';
import type { Context, Span, TextMapGetter } from '@opentelemetry/api';
import type * as OtelContext from '@opentelemetry/context-async-hooks';
import type * as OtelCore from '@opentelemetry/core';
import type * as OtelExporter from '@opentelemetry/exporter-trace-otlp-http';
import type * as OtelResources from '@opentelemetry/resources';
import type * as OtelTrace from '@opentelemetry/sdk-trace-base';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { UpstreamCallTrace, UpstreamTracer } from '../upstream/index.js';
import { describeOperation, errorCodes, observeErrorCodes } from './operation.js';

export interface TracingOptions {
  /** OTLP/HTTP base URL; spans go to `<endpoint>/v1/traces`. */
  endpoint: string;
  serviceName: string;
}

/** One gateway's tracing: a Yoga plugin for operation spans, a tracer for upstream calls, and a flush. */
export interface Tracing {
  plugin: Plugin;
  traceUpstream: UpstreamTracer;
  /** Sends the spans still buffered and stops exporting. */
  close(): Promise<void>;
}

const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

// Synchronous, because createGateway is; the OpenTelemetry packages are CommonJS.
const require = createRequire(import.meta.url);

/**
 * OpenTelemetry tracing owned by one gateway: its own tracer provider and context, nothing
 * registered globally, so gateways in one process (tests) never see each other's spans.
 */
export function createTracing(options: TracingOptions): Tracing {
  // The SDK loads only once tracing is on: a gateway without tracing starts without its ~200 modules.
  const { ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapSetter, trace } =
    require('@opentelemetry/api') as typeof OtelApi;
  const { AsyncLocalStorageContextManager } =
    require('@opentelemetry/context-async-hooks') as typeof OtelContext;
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof OtelCore;
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtelExporter;
  const { defaultResource, resourceFromAttributes } =
    require('@opentelemetry/resources') as typeof OtelResources;
  const { BasicTracerProvider, BatchSpanProcessor } =
    require('@opentelemetry/sdk-trace-base') as typeof OtelTrace;
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new BasicTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': options.serviceName })),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('datasource-gateway');
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const propagator = new W3CTraceContextPropagator();
  const spans = new WeakMap<Request, Span>();
  const streaming = new WeakSet<Span>();
  const markErrors = (span: Span, codes: string[]) => {
    if (codes.length === 0) return;
    span.setAttribute('graphql.error.codes', codes);
    span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
  };

  const plugin: Plugin = {
    instrumentation: {
      // Each operation runs inside its span's context, so upstream calls made for it become its children.
      operation: ({ request }, wrapped) => {
        const parent = propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
        const span = tracer.startSpan('GraphQL operation', { kind: SpanKind.SERVER }, parent);
        spans.set(request, span);
        const context: Context = trace.setSpan(parent, span);
        return Promise.resolve(contextManager.with(context, wrapped)).finally(() => {
          // An answer in parts ends its span when its last part is sent (see onExecutionResult).
          if (!streaming.has(span)) span.end();
          // At once: an entry keyed by a request outlives young-generation GC (see `requestLocal`).
          spans.delete(request);
        });
      },
    },
    onExecute: ({ args }) => {
      const span = spans.get(args.contextValue.request);
      if (!span) return;
      const operation = describeOperation(args.document, args.operationName);
      span.updateName(
        operation.name === 'anonymous' ? operation.type : `${operation.type} ${operation.name}`,
      );
      span.setAttributes({
        'graphql.operation.type': operation.type,
        'graphql.operation.name': operation.name,
      });
    },
    onExecutionResult: ({ request, result, setResult }) => {
      const span = spans.get(request);
      if (!span) return;
      if (!isAsyncIterable(result)) return markErrors(span, errorCodes(result));
      streaming.add(span);
      setResult(
        observeErrorCodes(result, (codes) => {
          markErrors(span, codes);
          span.end();
        }),
      );
    },
  };

  const traceUpstream: UpstreamTracer = (call): UpstreamCallTrace => {
    const parent = contextManager.active();
    const origin = new URL(call.origin);
    const span = tracer.startSpan(
      `${call.method} ${call.provider}.${call.operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': call.method,
          'server.address': origin.hostname,
          'server.port': Number(origin.port) || (origin.protocol === 'https:' ? 443 : 80),
          'gateway.upstream.provider': call.provider,
          'gateway.upstream.route': call.operation,
        },
      },
      parent,
    );
    const headers: Record<string, string> = {};
    propagator.inject(trace.setSpan(parent, span), headers, defaultTextMapSetter);
    return {
      headers,
      end: ({ status, failure }) => {
        if (status !== undefined) span.setAttribute('http.response.status_code', status);
        if (failure) {
          const type = failure === 'http' && status !== undefined ? String(status) : failure;
          span.setAttribute('error.type', type);
          span.setStatus({ code: SpanStatusCode.ERROR, message: type });
        }
        span.end();
      },
    };
  };

  return {
    plugin,
    traceUpstream,
    close: async () => {
      await provider.shutdown();
      contextManager.disable();
    },
  };
}
