import {
  type AuthHeaders,
  isUpstreamError,
  type JsonResponse,
  objectAt,
  objectsAt,
  UpstreamError,
  UpstreamHttp,
  type UpstreamRequest,
  type UpstreamResponse,
  type UpstreamSettings,
} from '../../gateway/upstream/index.js';
import { describePdcError } from './describe-error.js';
import type { components, operations } from './openapi.gen.js';

type Schemas = components['schemas'];
type Json<Op extends keyof operations, Status extends number> = JsonResponse<operations, Op, Status>;

export type PdcDataSource = Schemas['DataSource'];
export type PdcDataSourceCreate = Schemas['DataSourceCreate'];
export type PdcDataSourcePatch = Schemas['DataSourcePatch'];
export type PdcFilters = Schemas['DataSourceFilterRequest']['filters'];
export type PdcPageInfo = Schemas['PageInfo'];
export type PdcCreateFailure = Schemas['CreateFailure'];

export const PDC_PROVIDER = 'pdc';
const API = '/api/public/v1';

/** Where the answers keep what the gateway reads. */
const DATA = ['data'];
const PAGE_INFO = ['pageInfo'];
const ERRORS = ['errors'];

/** A token from the auth endpoint and when it stops working, read from its own `exp` claim. */
export interface PdcAccessToken {
  accessToken: string;
  expiresAt: Date;
  /** The user the token was issued to (`sub`), when the token names one. */
  subject?: string;
}

/** What a create call did: every item created, or (status 207) some created and some refused. */
export interface PdcCreateResult {
  created: PdcDataSource[];
  /** Items that were not created, by their position in the request; empty when all were. */
  failures: PdcCreateFailure[];
}

export interface PdcPage {
  dataSources: PdcDataSource[];
  pageInfo: PdcPageInfo;
}

/** `baseUrl` is the catalog's origin, e.g. `https://pdc.example.com` (paths carry `/api/public/v1`). */
export type PdcHttpOptions = UpstreamSettings;

export function createPdcHttp(options: PdcHttpOptions): UpstreamHttp {
  return new UpstreamHttp({
    ...options,
    provider: PDC_PROVIDER,
    describeError: describePdcError,
  });
}

/** New credentials after PDC refused `rejected` with a 401; absent when a 401 is the caller's answer. */
export type RenewAuth = (rejected: Record<string, string>) => Promise<Record<string, string>>;

/** The Pentaho Data Catalog data-source endpoints, typed; answers come back unwrapped from `data`. */
export class PdcClient {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly auth: AuthHeaders,
    private readonly renew?: RenewAuth,
  ) {}

  /** One authenticated call; a 401 gets new credentials from `renew` and one more try. */
  private async send<T>(request: UpstreamRequest): Promise<UpstreamResponse<T>> {
    try {
      return await this.http.request<T>(request);
    } catch (error) {
      if (!this.renew || !isUpstreamError(error) || error.kind !== 'http' || error.status !== 401)
        throw error;
      request.headers = await this.renew(request.headers ?? {});
      return this.http.request<T>(request);
    }
  }

  /** Password login (public: sends no credentials header); the token's expiry comes from its `exp`. */
  async login(username: string, password: string, signal?: AbortSignal): Promise<PdcAccessToken> {
    const operation = 'authenticate';
    const form: Schemas['LoginForm'] = {
      username,
      password,
      client_id: 'pdc-client',
      grant_type: 'password',
    };
    const { data } = await this.http.request<Json<'authenticate', 200>>({
      method: 'POST',
      path: `${API}/auth`,
      operation,
      // Logging in again changes nothing: a login that failed for a passing reason is tried again.
      safe: true,
      form,
      signal,
    });
    const { accessToken } = objectAt<Json<'authenticate', 200>['data']>(data, DATA, PDC_PROVIDER, operation);
    const claims = typeof accessToken === 'string' ? readJwtClaims(accessToken) : undefined;
    if (claims?.exp === undefined) {
      throw new UpstreamError({
        provider: PDC_PROVIDER,
        operation,
        kind: 'malformed',
        status: 200,
        message: 'data.accessToken is not a JWT with an exp claim',
      });
    }
    const token: PdcAccessToken = { accessToken, expiresAt: new Date(claims.exp * 1000) };
    if (claims.sub !== undefined) token.subject = claims.sub;
    return token;
  }

  /** Creates one data source or several; a partial success (207) resolves with its failures listed. */
  async createDataSources(
    input: PdcDataSourceCreate | readonly PdcDataSourceCreate[],
    signal?: AbortSignal,
  ): Promise<PdcCreateResult> {
    const { status, data } = await this.send<Json<'createDataSources', 201> | Json<'createDataSources', 207>>(
      {
        method: 'POST',
        path: `${API}/data-sources`,
        operation: 'createDataSources',
        json: input,
        headers: await this.auth(),
        signal,
      },
    );
    const operation = 'createDataSources';
    const created = objectsAt<PdcDataSource>(data, DATA, PDC_PROVIDER, operation);
    if ('errors' in data && data.errors !== undefined) {
      return { created, failures: objectsAt<PdcCreateFailure>(data, ERRORS, PDC_PROVIDER, operation) };
    }
    if (status !== 207) return { created, failures: [] };
    const items = Array.isArray(input)
      ? (input as readonly PdcDataSourceCreate[])
      : [input as PdcDataSourceCreate];
    const message = 'message' in data && typeof data.message === 'string' ? data.message : undefined;
    return { created, failures: unlistedFailures(items, created, message) };
  }

  async getDataSource(id: string, signal?: AbortSignal): Promise<PdcDataSource> {
    const { data } = await this.send<Json<'getDataSource', 200>>({
      method: 'GET',
      path: `${API}/data-sources/${encodeURIComponent(id)}`,
      operation: 'getDataSource',
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, DATA, PDC_PROVIDER, 'getDataSource');
  }

  /** Sends only the fields given; lists replace the stored lists whole. */
  async updateDataSource(
    id: string,
    patch: PdcDataSourcePatch,
    signal?: AbortSignal,
  ): Promise<PdcDataSource> {
    const { data } = await this.send<Json<'updateDataSource', 200>>({
      method: 'PATCH',
      path: `${API}/data-sources/${encodeURIComponent(id)}`,
      operation: 'updateDataSource',
      json: patch,
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, DATA, PDC_PROVIDER, 'updateDataSource');
  }

  /** The data sources found among `ids`, in no particular order; unknown ids are simply missing. */
  async getDataSourcesByIds(ids: readonly string[], signal?: AbortSignal): Promise<PdcDataSource[]> {
    const body: Schemas['DataSourceIdsRequest'] = { ids: [...ids] };
    const { data } = await this.send<Json<'getDataSourcesByIds', 200>>({
      method: 'POST',
      path: `${API}/data-sources/by-ids`,
      operation: 'getDataSourcesByIds',
      // A POST that only reads: safe to try again.
      safe: true,
      json: body,
      headers: await this.auth(),
      signal,
    });
    return objectsAt(data, DATA, PDC_PROVIDER, 'getDataSourcesByIds');
  }

  /** One page of the data sources matching every filter given (`*` wildcards in names and types). */
  async filterDataSources(
    filters: PdcFilters,
    page: { skip?: number; limit?: number } = {},
    signal?: AbortSignal,
  ): Promise<PdcPage> {
    const body: Schemas['DataSourceFilterRequest'] = { filters };
    const { data } = await this.send<Json<'filterDataSources', 200>>({
      method: 'POST',
      path: `${API}/data-sources/filter`,
      operation: 'filterDataSources',
      safe: true,
      query: { skip: page.skip, limit: page.limit },
      json: body,
      headers: await this.auth(),
      signal,
    });
    return {
      dataSources: objectsAt(data, DATA, PDC_PROVIDER, 'filterDataSources'),
      pageInfo: objectAt(data, PAGE_INFO, PDC_PROVIDER, 'filterDataSources'),
    };
  }
}

/**
 * The failures of a 207 that lists none: the docs give a partial create a `message` only. The items
 * missing from those created, matched by name (PDC refuses a duplicate name), each carry that message.
 */
function unlistedFailures(
  items: readonly PdcDataSourceCreate[],
  created: readonly PdcDataSource[],
  message: string | undefined,
): PdcCreateFailure[] {
  const createdByName = new Map<string, number>();
  for (const source of created) {
    createdByName.set(source.resourceName, (createdByName.get(source.resourceName) ?? 0) + 1);
  }
  const failures: PdcCreateFailure[] = [];
  items.forEach((item, index) => {
    const left = createdByName.get(item.resourceName) ?? 0;
    if (left > 0) createdByName.set(item.resourceName, left - 1);
    else failures.push({ index, resourceName: item.resourceName, message: message || PARTIAL });
  });
  if (failures.length === 0) {
    // A partial success in which every item was created contradicts itself: report it, never a success.
    throw new UpstreamError({
      provider: PDC_PROVIDER,
      operation: 'createDataSources',
      kind: 'malformed',
      status: 207,
      message: 'a partial success (207) whose data holds every item sent',
    });
  }
  return failures;
}

/** What a failure of a partial create says when PDC's answer gives no message either. */
const PARTIAL = 'PDC created only some of the data sources and did not say why this one failed';

/** The `sub` and `exp` claims of a JWT, read without checking its signature (that is the issuer's job). */
export function readJwtClaims(token: string): { sub?: string; exp?: number } | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { sub, exp } = value as Record<string, unknown>;
    return {
      ...(typeof sub === 'string' ? { sub } : {}),
      ...(typeof exp === 'number' && Number.isFinite(exp) ? { exp } : {}),
    };
  } catch {
    return undefined;
  }
}
