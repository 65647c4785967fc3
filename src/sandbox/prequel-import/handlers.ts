import type { IncomingHttpHeaders } from 'node:http';
import type { components } from '../../providers/prequel-import/openapi.gen.js';
import type { SimHandler, SimResponse, ValidationIssue } from '../kit/index.js';
import { SourceError } from './rules.js';
import type { ImportStore, Order, SourceCreate } from './store.js';

type Schemas = components['schemas'];

/** API versions this simulator answers to, newest last. */
export const API_VERSIONS = ['2023-12-01'] as const;

export function errorBody(status: number, message: string): SimResponse {
  const body: Schemas['ErrorResponse'] = { status: 'error', message };
  return { status, body };
}

/** The upstream's answer for a status the kit chose (unknown route, injected faults, 413). */
export const upstreamError = (status: number, message: string): SimResponse => errorBody(status, message);

/** A 400 that names every offending field as a dotted path. */
export function invalidRequest(issues: ValidationIssue[]): SimResponse {
  return errorBody(400, issues.map((i) => `${i.field || 'body'}: ${i.message}`).join('; '));
}

/** Checks the API key, then the API version header: 401, or 400 for a version the API does not know. */
export function authenticate(
  headers: IncomingHttpHeaders,
  apiKeys: ReadonlySet<string>,
): { principal: string } | { reject: SimResponse } {
  const key = headers['x-api-key'];
  if (typeof key !== 'string' || key === '') {
    return { reject: errorBody(401, 'Missing API key: send it in the X-API-KEY header') };
  }
  if (!apiKeys.has(key)) return { reject: errorBody(401, 'Invalid API key') };
  const version = headers['x-prequel-api-version'];
  if (version !== undefined && !(API_VERSIONS as readonly string[]).includes(String(version))) {
    return {
      reject: errorBody(
        400,
        `X-Prequel-Api-Version: unknown version "${String(version)}"; supported: ${API_VERSIONS.join(', ')}`,
      ),
    };
  }
  return { principal: key };
}

export interface HandlerContext {
  store: ImportStore;
  now(): Date;
}

const ok = <T>(data: T, message: string): SimResponse => ({
  status: 200,
  body: { status: 'success', data, message },
});

/** Runs a handler body, turning a broken rule into the API's own error answer. */
function guarded(run: () => SimResponse): SimResponse {
  try {
    return run();
  } catch (error) {
    if (error instanceof SourceError) return errorBody(error.status, error.message);
    throw error;
  }
}

export function createHandlers({ store, now }: HandlerContext): Record<string, SimHandler<string>> {
  const id = (params: Record<string, unknown>) => String(params.id);
  return {
    listSources: ({ query }) =>
      guarded(() => {
        const pageSize = Number(query.page_size);
        const order = query.order as Order;
        const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
        const page = store.list({ pageSize, order, cursor });
        const body: Schemas['SourceListResponse'] = {
          status: 'success',
          data: { sources: page.sources },
          message: `${page.sources.length} import sources`,
          has_next: page.nextCursor !== undefined,
        };
        if (page.nextCursor !== undefined) {
          const next = new URLSearchParams({ cursor: page.nextCursor, order, page_size: String(pageSize) });
          body.next_url = `/import/sources?${next.toString()}`;
        }
        return { status: 200, body };
      }),
    createSource: ({ body }) =>
      guarded(() =>
        ok(
          { source: store.create((body as Schemas['SourceCreateRequest']).source, now()) },
          'Import source created',
        ),
      ),
    getSource: ({ params }) => guarded(() => ok({ source: store.get(id(params)) }, '')),
    updateSource: ({ params, body }) =>
      guarded(() =>
        ok(
          { source: store.update(id(params), (body as Schemas['SourceUpdateRequest']).source, now()) },
          'Import source updated',
        ),
      ),
    testSource: ({ body }) =>
      guarded(() => {
        const result = store.testNew((body as { source: SourceCreate }).source);
        return ok(result, result.message);
      }),
    testSavedSource: ({ params, body }) =>
      guarded(() => {
        const preview = (body as Schemas['SourceUpdateRequest'] | undefined)?.source;
        const result = store.testSaved(id(params), preview);
        return ok(result, result.message);
      }),
  };
}
