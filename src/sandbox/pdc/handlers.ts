import type { components } from '../../providers/pdc/openapi.gen.js';
import type { SimHandler, SimResponse, ValidationIssue } from '../kit/index.js';
import {
  CastError,
  type DataSource,
  type DataSourceCreate,
  type DataSourcePatch,
  type PdcStore,
} from './store.js';

type Schemas = components['schemas'];
type ErrorBody = Schemas['Error'];
type CreateFailure = Schemas['CreateFailure'];

/** What the handlers need besides the store: who may log in and how tokens are made. */
export interface HandlerContext {
  store: PdcStore;
  /** Demo users: user name to password. */
  users: ReadonlyMap<string, string>;
  issueToken(username: string): string;
  now(): Date;
}

const IMMUTABLE = new Set(['resourceName', 'databaseType']);

export function errorBody(status: number, message: ErrorBody['message']): SimResponse {
  const body: ErrorBody = { status, message };
  return { status, body };
}

export const unauthorized = (): SimResponse => errorBody(401, 'Unauthorized');

/** Upstream error answers for a status the kit chose (unknown route, injected faults). */
export function upstreamError(status: number, message: string): SimResponse {
  return errorBody(status, status === 503 ? 'Connection Refused' : message);
}

/**
 * The catalog's 400 for a request that breaks the document: an array of "<field>: <problem>" lines,
 * or, when a PATCH touches a field that cannot change, an object from field to reason.
 */
export function invalidRequest(issues: ValidationIssue[], operationId: string | undefined): SimResponse {
  const relevant = withoutOneOfNoise(issues);
  const field = (issue: ValidationIssue) => issue.field || 'body';
  if (operationId === 'updateDataSource' && relevant.some((i) => IMMUTABLE.has(i.field))) {
    return errorBody(
      400,
      Object.fromEntries(
        relevant.map((i) => [
          field(i),
          IMMUTABLE.has(i.field) ? 'cannot be changed after creation' : i.message,
        ]),
      ),
    );
  }
  return errorBody(
    400,
    relevant.map((i) => {
      const message =
        i.field === 'filters' && /fewer than 1 properties/.test(i.message)
          ? 'at least one filter must be provided'
          : i.message;
      return `${field(i)}: ${message}`;
    }),
  );
}

/** A body checked against `oneOf` fails every branch; keep only the complaints about the shape sent. */
function withoutOneOfNoise(issues: ValidationIssue[]): ValidationIssue[] {
  const noOneOf = issues.filter((i) => !i.message.startsWith('must match exactly one schema'));
  const specific = noOneOf.filter((i) => !(i.field === '' && /^must be (object|array)$/.test(i.message)));
  return specific.length > 0 ? specific : noOneOf;
}

const castFailure = (error: CastError): SimResponse => errorBody(500, error.message);
const notFound = (id: string): SimResponse => errorBody(404, `Data source with id ${id} not found`);

/** Runs a handler body, turning a malformed ObjectId into the service's own 500. */
function castSafe(run: () => SimResponse): SimResponse {
  try {
    return run();
  } catch (error) {
    if (error instanceof CastError) return castFailure(error);
    throw error;
  }
}

export function createHandlers(ctx: HandlerContext): Record<string, SimHandler<string>> {
  const { store } = ctx;
  return {
    authenticate(req) {
      const form = req.body as Schemas['LoginForm'];
      if (ctx.users.get(form.username) !== form.password) return unauthorized();
      const body: Schemas['LoginResponse'] = {
        message: 'Login successful',
        data: { accessToken: ctx.issueToken(form.username) },
      };
      return { status: 200, body };
    },

    createDataSources(req) {
      const batch = Array.isArray(req.body);
      const items = (batch ? req.body : [req.body]) as DataSourceCreate[];
      const created: DataSource[] = [];
      const errors: CreateFailure[] = [];
      items.forEach((item, index) => {
        const outcome = store.create(item, ctx.now());
        if (outcome.ok) created.push(outcome.dataSource);
        else errors.push({ index, resourceName: item.resourceName, message: outcome.message });
      });
      if (errors.length === 0) {
        const body: Schemas['DataSourceCreatedResponse'] = { status: 201, data: created };
        return { status: 201, body };
      }
      if (created.length === 0) {
        return errorBody(
          400,
          batch ? errors.map((e) => `[${e.index}].${e.message}`) : (errors[0]?.message ?? 'invalid'),
        );
      }
      const body: Schemas['DataSourcePartialResponse'] = {
        status: 207,
        message: `${created.length} of ${items.length} data sources created`,
        data: created,
        errors,
      };
      return { status: 207, body };
    },

    getDataSource(req) {
      const id = String(req.params.id);
      return castSafe(() => {
        const found = store.get(id);
        if (!found) return notFound(id);
        const body: Schemas['DataSourceResponse'] = { status: 200, data: found };
        return { status: 200, body };
      });
    },

    updateDataSource(req) {
      const id = String(req.params.id);
      return castSafe(() => {
        const updated = store.patch(id, req.body as DataSourcePatch);
        if (!updated) return notFound(id);
        const body: Schemas['DataSourceResponse'] = { status: 200, data: updated };
        return { status: 200, body };
      });
    },

    getDataSourcesByIds(req) {
      const { ids } = req.body as Schemas['DataSourceIdsRequest'];
      return castSafe(() => {
        const body: Schemas['DataSourceListResponse'] = { status: 200, data: store.byIds(ids) };
        return { status: 200, body };
      });
    },

    filterDataSources(req) {
      const { filters } = req.body as Schemas['DataSourceFilterRequest'];
      const skip = Number(req.query.skip);
      const limit = Number(req.query.limit);
      return castSafe(() => {
        const { page, totalCount } = store.filter(filters, skip, limit);
        const body: Schemas['DataSourcePageResponse'] = {
          status: 200,
          data: page,
          pageInfo: { skip, limit, totalCount },
        };
        return { status: 200, body };
      });
    },
  };
}
