import type { components } from '../../providers/rivergen/openapi.gen.js';
import type { SimHandler, SimResponse, ValidationIssue } from '../kit/index.js';
import { runConnectionTest } from './connection-test.js';
import type {
  CredentialsUpdate,
  DataSource,
  DataSourceCreate,
  DataSourcePatch,
  ListQuery,
  Outcome,
  RiverGenStore,
} from './store.js';

type Schemas = components['schemas'];
type ErrorCode = Schemas['ErrorCode'];

/** Who is calling: the user and the organisation every call is scoped to. */
export interface Principal {
  userId: number;
  organizationId: number;
}

export interface HandlerContext {
  store: RiverGenStore;
  now(): Date;
}

/** The codes the endpoint pages use, by status; anything else is an internal error. */
const CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'BAD_REQUEST',
  429: 'RATE_LIMIT_EXCEEDED',
  503: 'SERVICE_UNAVAILABLE',
};

/** RiverGen's error envelope; `details` only when a field is at fault. */
export function errorResponse(
  status: number,
  message: string,
  details?: { field: string; reason: string },
  headers?: Record<string, string>,
): SimResponse {
  const body: Schemas['ErrorResponse'] = {
    success: false,
    error: {
      code: CODES[status] ?? 'INTERNAL_ERROR',
      message,
      ...(details ? { details } : {}),
      timestamp: new Date().toISOString(),
    },
  };
  return headers ? { status, body, headers } : { status, body };
}

export const unauthorized = (): SimResponse => errorResponse(401, 'Invalid or missing authentication token');
export const forbidden = (): SimResponse => errorResponse(403, 'User is not a member of any organization');

/** Error answers for a status the kit chose (unknown route, injected faults, rate limit). */
export function upstreamError(status: number, message: string): SimResponse {
  if (status === 503) return errorResponse(503, 'Service temporarily unavailable, please retry later');
  if (status === 429) return errorResponse(429, 'Rate limit exceeded, please retry later');
  return errorResponse(status, status >= 500 ? 'An internal error occurred' : message);
}

/** The 400 for a request that breaks the document: every problem in the message, the first in `details`. */
export function invalidRequest(issues: ValidationIssue[]): SimResponse {
  // `if/then` failures repeat the `required` errors they come with; keep the specific ones.
  const relevant = issues.filter((i) => !/^must match "(then|else)" schema$/.test(i.message));
  const shown = (relevant.length > 0 ? relevant : issues).map((i) => ({
    field: i.field || (i.location === 'body' ? 'body' : i.location),
    reason: i.message,
  }));
  const first = shown[0] ?? { field: 'body', reason: 'is invalid' };
  const message = `Invalid request data: ${shown.map((i) => `${i.field}: ${i.reason}`).join('; ')}`;
  return errorResponse(400, message, first);
}

const notFound = (id: number): SimResponse => errorResponse(404, `Data source ${id} not found`);

function ok<T>(status: 200 | 201, data: T, message: string): SimResponse {
  return { status, body: { success: true, data, message } };
}

function answer(outcome: Outcome<DataSource>, id: number, status: 200 | 201, message: string): SimResponse {
  if (outcome.ok) return ok(status, outcome.value, message);
  if ('notFound' in outcome) return notFound(id);
  const { refusal } = outcome;
  const text = refusal.status === 409 ? 'Data source name already exists' : 'Invalid request data';
  return errorResponse(refusal.status, `${text}: ${refusal.field}: ${refusal.reason}`, {
    field: refusal.field,
    reason: refusal.reason,
  });
}

export function createHandlers(ctx: HandlerContext): Record<string, SimHandler<Principal>> {
  const { store } = ctx;
  const idOf = (params: Record<string, unknown>) => Number(params.data_source_id);
  return {
    listDataSources(req) {
      const query = req.query as ListQuery;
      const { items, total } = store.list(req.principal.organizationId, query);
      const totalPages = Math.ceil(total / query.page_size);
      const data: Schemas['DataSourcePage'] = {
        items,
        pagination: {
          page: query.page,
          page_size: query.page_size,
          total_items: total,
          total_pages: totalPages,
          has_next: query.page < totalPages,
          has_previous: query.page > 1,
        },
      };
      return ok(200, data, 'Data sources retrieved successfully');
    },

    createDataSource(req) {
      const { organizationId, userId } = req.principal;
      const outcome = store.create(organizationId, userId, req.body as DataSourceCreate, ctx.now());
      // A create never answers 404, so the id it would name does not matter.
      return answer(outcome, 0, 201, 'Data source created successfully');
    },

    getDataSource(req) {
      const id = idOf(req.params);
      const found = store.get(req.principal.organizationId, id);
      return found ? ok(200, found, 'Data source retrieved successfully') : notFound(id);
    },

    updateDataSource(req) {
      const id = idOf(req.params);
      const { organizationId, userId } = req.principal;
      const outcome = store.update(organizationId, userId, id, req.body as DataSourcePatch, ctx.now());
      return answer(outcome, id, 200, 'Data source updated successfully');
    },

    deleteDataSource(req) {
      const id = idOf(req.params);
      const force = req.query.force === true;
      const deletedAt = store.delete(req.principal.organizationId, id, force, ctx.now());
      if (deletedAt === undefined) return notFound(id);
      const data: Schemas['DataSourceDeleted'] = { data_source_id: id, deleted_at: deletedAt };
      return ok(200, data, force ? 'Data source permanently deleted' : 'Data source deleted successfully');
    },

    updateDataSourceCredentials(req) {
      const id = idOf(req.params);
      const update = req.body as CredentialsUpdate;
      const at = store.updateCredentials(req.principal.organizationId, id, update, ctx.now());
      if (at === undefined) return notFound(id);
      const data: Schemas['CredentialsUpdated'] = { data_source_id: id, credentials_updated_at: at };
      return ok(
        200,
        data,
        update.rotate_credentials ? 'Credentials rotated successfully' : 'Credentials updated successfully',
      );
    },

    testDataSourceConnection(req) {
      const id = idOf(req.params);
      const { organizationId } = req.principal;
      const source = store.get(organizationId, id);
      if (!source) return notFound(id);
      const request = (req.body ?? {}) as Schemas['ConnectionTestRequest'];
      const { result, change } = runConnectionTest(source, request, ctx.now());
      store.record(organizationId, id, change);
      return ok(
        200,
        result,
        result.connection_successful ? 'Connection successful' : 'Connection test failed',
      );
    },
  };
}
