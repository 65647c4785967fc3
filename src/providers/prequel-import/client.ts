import {
  type AuthHeaders,
  type JsonResponse,
  objectAt,
  objectsAt,
  UpstreamError,
  UpstreamHttp,
  type UpstreamSettings,
} from '../../gateway/upstream/index.js';
import { describePrequelImportError } from './describe-error.js';
import type { components, operations } from './openapi.gen.js';

type Schemas = components['schemas'];
type Json<Op extends keyof operations, Status extends number> = JsonResponse<operations, Op, Status>;

export type ImportVendor = Schemas['Vendor'];
export type ImportSource = Schemas['ImportSource'];
/** A source of one vendor, e.g. `ImportSourceOf<'postgres'>` has a `postgres` block. */
export type ImportSourceOf<V extends ImportVendor> = ImportSource & Required<Pick<ImportSource, V>>;
export type ImportSourcePatch = Schemas['SourcePatch'];
export type ImportTestResult = Schemas['TestResult'];
export type ImportListOrder = NonNullable<
  NonNullable<operations['listSources']['parameters']['query']>['order']
>;

type CreateBody = Schemas['SourceCreate'];
/** A create (or test) body with exactly the settings block its `vendor` names. */
export type ImportSourceCreate = {
  [V in ImportVendor]: Omit<CreateBody, ImportVendor | 'vendor'> & { vendor: V } & Required<
      Pick<CreateBody, V>
    >;
}[ImportVendor];
/** A create (or test) body of one vendor. */
export type ImportSourceCreateOf<V extends ImportVendor> = Extract<ImportSourceCreate, { vendor: V }>;

export const PREQUEL_IMPORT_PROVIDER = 'prequel-import';
/** Where the answers keep what the gateway reads. */
const DATA = ['data'];
const SOURCE = ['data', 'source'];
const SOURCES = ['data', 'sources'];
/** The API version this client is written against; sent on every call. */
export const PREQUEL_API_VERSION = '2023-12-01';

export interface ListSourcesOptions {
  /** 1 to 100; the API's default is 10. */
  pageSize?: number;
  /** `desc` (newest first) by default. */
  order?: ImportListOrder;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ImportSourcePage {
  sources: ImportSource[];
  hasNext: boolean;
  /** The `cursor` parameter of the answer's `next_url`, present when `hasNext` is true. */
  nextCursor?: string;
}

/** `baseUrl` is the API's origin, e.g. `https://api.prequel.co` (paths carry `/import`). */
export type PrequelImportHttpOptions = UpstreamSettings;

export function createPrequelImportHttp(options: PrequelImportHttpOptions): UpstreamHttp {
  return new UpstreamHttp({
    ...options,
    provider: PREQUEL_IMPORT_PROVIDER,
    defaultHeaders: { 'x-prequel-api-version': PREQUEL_API_VERSION },
    describeError: describePrequelImportError,
  });
}

/** The Prequel Import source endpoints, typed; answers come back unwrapped from `data`. */
export class PrequelImportClient {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly auth: AuthHeaders,
  ) {}

  async listSources(options: ListSourcesOptions = {}, signal?: AbortSignal): Promise<ImportSourcePage> {
    const { data } = await this.http.request<Json<'listSources', 200>>({
      method: 'GET',
      path: '/import/sources',
      operation: 'listSources',
      query: { page_size: options.pageSize, order: options.order, cursor: options.cursor },
      headers: await this.auth(),
      signal,
    });
    const sources = objectsAt<ImportSource>(data, SOURCES, PREQUEL_IMPORT_PROVIDER, 'listSources');
    const page: ImportSourcePage = { sources, hasNext: data.has_next };
    if (data.has_next) {
      const nextCursor = cursorOf(data.next_url);
      // A next page that cannot be reached would make callers loop on the first page.
      if (nextCursor === undefined) {
        throw new UpstreamError({
          provider: PREQUEL_IMPORT_PROVIDER,
          operation: 'listSources',
          kind: 'malformed',
          status: 200,
          message: 'has_next is true but next_url carries no cursor',
        });
      }
      page.nextCursor = nextCursor;
    }
    return page;
  }

  async createSource(source: ImportSourceCreate, signal?: AbortSignal): Promise<ImportSource> {
    const json: Schemas['SourceCreateRequest'] = { source };
    const { data } = await this.http.request<Json<'createSource', 200>>({
      method: 'POST',
      path: '/import/sources',
      operation: 'createSource',
      json,
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, SOURCE, PREQUEL_IMPORT_PROVIDER, 'createSource');
  }

  async getSource(id: string, signal?: AbortSignal): Promise<ImportSource> {
    const { data } = await this.http.request<Json<'getSource', 200>>({
      method: 'GET',
      path: `/import/sources/${encodeURIComponent(id)}`,
      operation: 'getSource',
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, SOURCE, PREQUEL_IMPORT_PROVIDER, 'getSource');
  }

  /** Sends only what `patch` holds: absent fields stay as they are; never send null. */
  async updateSource(id: string, patch: ImportSourcePatch, signal?: AbortSignal): Promise<ImportSource> {
    const json: Schemas['SourceUpdateRequest'] = { source: patch };
    const { data } = await this.http.request<Json<'updateSource', 200>>({
      method: 'PATCH',
      path: `/import/sources/${encodeURIComponent(id)}`,
      operation: 'updateSource',
      json,
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, SOURCE, PREQUEL_IMPORT_PROVIDER, 'updateSource');
  }

  /** Tests settings that are not saved; a failed connection is a result, not an error. */
  async testSource(source: ImportSourceCreate, signal?: AbortSignal): Promise<ImportTestResult> {
    const json: Schemas['SourceCreateRequest'] = { source };
    const { data } = await this.http.request<Json<'testSource', 200>>({
      method: 'POST',
      path: '/import/test-source',
      operation: 'testSource',
      json,
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, DATA, PREQUEL_IMPORT_PROVIDER, 'testSource');
  }

  /** Tests a saved source, with `preview` changes applied for the test only. */
  async testSavedSource(
    id: string,
    preview?: ImportSourcePatch,
    signal?: AbortSignal,
  ): Promise<ImportTestResult> {
    const json: Schemas['SourceUpdateRequest'] | undefined = preview ? { source: preview } : undefined;
    const { data } = await this.http.request<Json<'testSavedSource', 200>>({
      method: 'POST',
      path: `/import/sources/${encodeURIComponent(id)}/test-source`,
      operation: 'testSavedSource',
      json,
      headers: await this.auth(),
      signal,
    });
    return objectAt(data, DATA, PREQUEL_IMPORT_PROVIDER, 'testSavedSource');
  }
}

/** The `cursor` query parameter of a next-page URL, absolute or a bare path. */
function cursorOf(nextUrl: string | undefined): string | undefined {
  if (!nextUrl) return undefined;
  try {
    return new URL(nextUrl, 'http://next.invalid').searchParams.get('cursor') ?? undefined;
  } catch {
    return undefined;
  }
}
