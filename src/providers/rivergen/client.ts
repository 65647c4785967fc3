import {
  type AuthHeaders,
  type JsonResponse,
  objectAt,
  objectsAt,
  UpstreamHttp,
  type UpstreamSettings,
} from '../../gateway/upstream/index.js';
import { describeRiverGenError } from './describe-error.js';
import type { components, operations } from './openapi.gen.js';

type Schemas = components['schemas'];
type Json<Op extends keyof operations, Status extends number> = JsonResponse<operations, Op, Status>;

export type RiverGenDataSource = Schemas['DataSource'];
export type RiverGenDataSourceSummary = Schemas['DataSourceSummary'];
export type RiverGenDataSourceCreate = Schemas['DataSourceCreate'];
export type RiverGenDataSourcePatch = Schemas['DataSourcePatch'];
export type RiverGenCredentials = Schemas['Credentials'];
export type RiverGenCredentialsUpdate = Schemas['CredentialsUpdate'];
export type RiverGenDataSourceType = Schemas['DataSourceType'];
export type RiverGenDataSourceStatus = Schemas['DataSourceStatus'];
export type RiverGenPage = Schemas['DataSourcePage'];
export type RiverGenPagination = Schemas['Pagination'];
export type RiverGenDeleted = Schemas['DataSourceDeleted'];
export type RiverGenCredentialsUpdated = Schemas['CredentialsUpdated'];
export type RiverGenConnectionTest = Schemas['ConnectionTestRequest'];
export type RiverGenConnectionTestResult = Schemas['ConnectionTestResult'];
/** The list filters, paging and sorting, all optional. */
export type RiverGenListQuery = NonNullable<operations['listDataSources']['parameters']['query']>;

export const RIVERGEN_PROVIDER = 'rivergen';
const API = '/api/v1/data-sources';
/** Where the answers keep what the gateway reads. */
const DATA = ['data'];
const ITEMS = ['data', 'items'];
const PAGINATION = ['data', 'pagination'];

/** `baseUrl` is the API's origin, e.g. `https://api.rivergen.com` (paths carry `/api/v1`). */
export type RiverGenHttpOptions = UpstreamSettings;

export function createRiverGenHttp(options: RiverGenHttpOptions): UpstreamHttp {
  return new UpstreamHttp({
    ...options,
    provider: RIVERGEN_PROVIDER,
    describeError: describeRiverGenError,
  });
}

/** Auth headers for one user's access token. */
export function riverGenBearer(accessToken: string): AuthHeaders {
  return () => ({ authorization: `Bearer ${accessToken}` });
}

/** The RiverGen data-source endpoints, typed; answers come back unwrapped from `data`. */
export class RiverGenClient {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly auth: AuthHeaders,
  ) {}

  /** One page of the caller's organisation's data sources, as summaries. */
  async listDataSources(query: RiverGenListQuery = {}, signal?: AbortSignal): Promise<RiverGenPage> {
    const { data } = await this.http.request<Json<'listDataSources', 200>>({
      method: 'GET',
      path: API,
      operation: 'listDataSources',
      query: { ...query },
      headers: await this.auth(),
      signal,
    });
    // The page is read for its items and its pagination: both must be there.
    objectsAt(data, ITEMS, RIVERGEN_PROVIDER, 'listDataSources');
    objectAt(data, PAGINATION, RIVERGEN_PROVIDER, 'listDataSources');
    return data.data;
  }

  async createDataSource(input: RiverGenDataSourceCreate, signal?: AbortSignal): Promise<RiverGenDataSource> {
    const { data } = await this.http.request<Json<'createDataSource', 201>>({
      method: 'POST',
      path: API,
      operation: 'createDataSource',
      json: input,
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, DATA, RIVERGEN_PROVIDER, 'createDataSource');
  }

  async getDataSource(id: number, signal?: AbortSignal): Promise<RiverGenDataSource> {
    const { data } = await this.http.request<Json<'getDataSource', 200>>({
      method: 'GET',
      path: dataSourcePath(id),
      operation: 'getDataSource',
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, DATA, RIVERGEN_PROVIDER, 'getDataSource');
  }

  /** Sends only the fields given; null clears a nullable field; tags and metadata replace whole. */
  async updateDataSource(
    id: number,
    patch: RiverGenDataSourcePatch,
    signal?: AbortSignal,
  ): Promise<RiverGenDataSource> {
    const { data } = await this.http.request<Json<'updateDataSource', 200>>({
      method: 'PATCH',
      path: dataSourcePath(id),
      operation: 'updateDataSource',
      json: patch,
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, DATA, RIVERGEN_PROVIDER, 'updateDataSource');
  }

  /** Soft-deletes by default; `force: true` removes the data source for good. */
  async deleteDataSource(
    id: number,
    options: { force?: boolean } = {},
    signal?: AbortSignal,
  ): Promise<RiverGenDeleted> {
    const { data } = await this.http.request<Json<'deleteDataSource', 200>>({
      method: 'DELETE',
      path: dataSourcePath(id),
      operation: 'deleteDataSource',
      query: { force: options.force },
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, DATA, RIVERGEN_PROVIDER, 'deleteDataSource');
  }

  /** Replaces the credentials sent; they are never readable back. */
  async updateDataSourceCredentials(
    id: number,
    credentials: RiverGenCredentialsUpdate,
    signal?: AbortSignal,
  ): Promise<RiverGenCredentialsUpdated> {
    const { data } = await this.http.request<Json<'updateDataSourceCredentials', 200>>({
      method: 'PATCH',
      path: `${dataSourcePath(id)}/credentials`,
      operation: 'updateDataSourceCredentials',
      json: credentials,
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, DATA, RIVERGEN_PROVIDER, 'updateDataSourceCredentials');
  }

  /** Resolves with the outcome whether or not the connection worked; read `connection_successful`. */
  async testDataSourceConnection(
    id: number,
    options?: RiverGenConnectionTest,
    signal?: AbortSignal,
  ): Promise<RiverGenConnectionTestResult> {
    const { data } = await this.http.request<Json<'testDataSourceConnection', 200>>({
      method: 'POST',
      path: `${dataSourcePath(id)}/test`,
      operation: 'testDataSourceConnection',
      json: options,
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, DATA, RIVERGEN_PROVIDER, 'testDataSourceConnection');
  }
}

function dataSourcePath(id: number): string {
  return `${API}/${encodeURIComponent(String(id))}`;
}
