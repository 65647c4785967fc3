import { fieldProblems } from '../../gateway/field-problems.js';
import {
  type AuthHeaders,
  clipped,
  objectAt,
  objectsAt,
  partsOfErrorBody,
  type QueryValue,
  UpstreamError,
  type UpstreamErrorDetail,
  UpstreamHttp,
  type UpstreamRequest,
  type UpstreamSettings,
} from '../../gateway/upstream/index.js';
import { type ConnectionTestOutcome, readConnectionTest } from './connection-test.js';
import type { components, operations } from './openapi.gen.js';

type Schemas = components['schemas'];

export const PREQUEL_EXPORT_PROVIDER = 'prequel-export';
/** Where the answers keep what the gateway reads. */
const DATA = ['data'];
const DESTINATION = ['data', 'destination'];
const DESTINATIONS = ['data', 'destinations'];
const TRANSFERS = ['data', 'transfers'];
/** The API version this client is written against; sent on every call. */
export const PREQUEL_EXPORT_API_VERSION = '2023-12-01';

export type Destination = Schemas['Destination'];
export type DestinationVendor = Schemas['Vendor'];
export type DestinationCreate = Schemas['DestinationCreate'];
export type DestinationPatch = Schemas['DestinationPatch'];
export type Transfer = Schemas['Transfer'];
export type TransferStatus = Schemas['TransferStatus'];
export type TransferRequest = Schemas['TransferRequest'];
export type RunError = Schemas['RunError'];
export type TransferQueued = Schemas['TransferQueuedResponse']['data'];
export type ListDestinationsQuery = NonNullable<operations['listDestinations']['parameters']['query']>;
export type ListTransfersQuery = NonNullable<operations['listTransfers']['parameters']['query']>;

/** One page of a cursor-paged list; `nextCursor` is set exactly when `hasNext` is true. */
export interface CursorPage {
  hasNext: boolean;
  nextCursor: string | undefined;
}
export interface DestinationPage extends CursorPage {
  destinations: Destination[];
}
export interface TransferPage extends CursorPage {
  transfers: Transfer[];
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** `baseUrl` is `https://api.prequel.co`, `https://eu-api.prequel.co`, or a simulator's URL. */
export type PrequelExportHttpOptions = UpstreamSettings;

export function createPrequelExportHttp(options: PrequelExportHttpOptions): UpstreamHttp {
  return new UpstreamHttp({
    ...options,
    provider: PREQUEL_EXPORT_PROVIDER,
    defaultHeaders: { 'X-Prequel-Api-Version': PREQUEL_EXPORT_API_VERSION },
    describeError: describePrequelExportError,
  });
}

const FIELD_PREFIX = /^([A-Za-z_][\w.[\]-]*): /;

/**
 * Reads an error body into code, message and blamed field. The documented shape is
 * `{status: "error", message}` with the field leading the message (`destination.name: ...`);
 * a bare string, `{error}` or `{errors: [...]}` are read as well.
 */
export function describePrequelExportError(_status: number, body: unknown): UpstreamErrorDetail {
  const message = messageOf(body)?.replaceAll(/\s+/g, ' ').trim();
  if (!message) return {};
  const field = FIELD_PREFIX.exec(message)?.[1];
  const code = isRecord(body) ? (stringOf(body.error_code) ?? stringOf(body.code)) : undefined;
  const problems = fieldProblems(message);
  return {
    message,
    ...(field ? { field } : {}),
    ...(problems.length > 0 ? { problems } : {}),
    ...(code ? { code } : {}),
  };
}

/**
 * The message of an error body: its own `message`, `error` or `detail` text, else those of the error
 * object or the `errors` list it nests, joined; read within the bounds every error body is read in.
 */
function messageOf(body: unknown): string | undefined {
  const parts = partsOfErrorBody<string>(body, (value) => {
    if (typeof value === 'string') return { parts: [clipped(value)] };
    if (!isRecord(value)) return {};
    const direct = stringOf(value.message) ?? stringOf(value.error) ?? stringOf(value.detail);
    if (direct) return { parts: [clipped(direct)] };
    if (isRecord(value.error)) return { nested: [value.error] };
    return Array.isArray(value.errors) ? { nested: value.errors } : {};
  });
  return parts.length > 0 ? clipped(parts.join('; ')) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The typed Prequel Export client: one method per operation, returning the unwrapped `data`. */
export class PrequelExportClient {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly auth: AuthHeaders,
  ) {}

  async listDestinations(
    query: ListDestinationsQuery = {},
    options: CallOptions = {},
  ): Promise<DestinationPage> {
    const body = await this.call<Schemas['DestinationListResponse']>(
      { method: 'GET', path: '/destinations', operation: 'listDestinations', query: { ...query } },
      options,
    );
    const destinations = objectsAt<Destination>(
      body,
      DESTINATIONS,
      PREQUEL_EXPORT_PROVIDER,
      'listDestinations',
    );
    return { destinations, ...this.paging(body, 'listDestinations') };
  }

  async createDestination(destination: DestinationCreate, options: CallOptions = {}): Promise<Destination> {
    const body = await this.call<Schemas['DestinationResponse']>(
      { method: 'POST', path: '/destinations', operation: 'createDestination', json: { destination } },
      options,
    );
    return objectAt(body, DESTINATION, PREQUEL_EXPORT_PROVIDER, 'createDestination');
  }

  async getDestination(id: string, options: CallOptions = {}): Promise<Destination> {
    const body = await this.call<Schemas['DestinationResponse']>(
      { method: 'GET', path: destinationPath(id), operation: 'getDestination' },
      options,
    );
    return objectAt(body, DESTINATION, PREQUEL_EXPORT_PROVIDER, 'getDestination');
  }

  /** Sends only the fields given; lists replace, vendor block fields merge upstream. */
  async updateDestination(
    id: string,
    patch: DestinationPatch,
    options: CallOptions = {},
  ): Promise<Destination> {
    const body = await this.call<Schemas['DestinationResponse']>(
      {
        method: 'PATCH',
        path: destinationPath(id),
        operation: 'updateDestination',
        json: { destination: patch },
      },
      options,
    );
    return objectAt(body, DESTINATION, PREQUEL_EXPORT_PROVIDER, 'updateDestination');
  }

  async deleteDestination(id: string, options: CallOptions = {}): Promise<void> {
    await this.call<Schemas['DeleteResponse']>(
      { method: 'DELETE', path: destinationPath(id), operation: 'deleteDestination' },
      options,
    );
  }

  /** Tests unsaved settings; a failed connection is a result, not an error. */
  async testDestination(
    destination: DestinationCreate,
    options: CallOptions = {},
  ): Promise<ConnectionTestOutcome> {
    const body = await this.call<Schemas['ConnectionTestResponse']>(
      { method: 'POST', path: '/test-destination', operation: 'testDestination', json: { destination } },
      options,
    );
    return this.testOutcome(body, 'testDestination');
  }

  async testDestinationConnection(id: string, options: CallOptions = {}): Promise<ConnectionTestOutcome> {
    const body = await this.call<Schemas['ConnectionTestResponse']>(
      {
        method: 'POST',
        path: `${destinationPath(id)}/test-connection`,
        operation: 'testDestinationConnection',
      },
      options,
    );
    return this.testOutcome(body, 'testDestinationConnection');
  }

  async createTransfer(
    id: string,
    request: TransferRequest = {},
    options: CallOptions = {},
  ): Promise<TransferQueued> {
    const body = await this.call<Schemas['TransferQueuedResponse']>(
      { method: 'POST', path: `${destinationPath(id)}/transfer`, operation: 'createTransfer', json: request },
      options,
    );
    const queued = objectAt<TransferQueued>(body, DATA, PREQUEL_EXPORT_PROVIDER, 'createTransfer');
    if (!stringOf(queued.transfer_id)) {
      throw new UpstreamError({
        provider: this.http.provider,
        operation: 'createTransfer',
        kind: 'malformed',
        status: 200,
        message: 'data.transfer_id is not a string',
      });
    }
    return queued;
  }

  async listTransfers(
    id: string,
    query: ListTransfersQuery = {},
    options: CallOptions = {},
  ): Promise<TransferPage> {
    const body = await this.call<Schemas['TransferListResponse']>(
      {
        method: 'GET',
        path: `${destinationPath(id)}/transfers`,
        operation: 'listTransfers',
        query: { ...query },
      },
      options,
    );
    const transfers = objectsAt<Transfer>(body, TRANSFERS, PREQUEL_EXPORT_PROVIDER, 'listTransfers');
    return { transfers, ...this.paging(body, 'listTransfers') };
  }

  private async call<T>(
    request: Omit<UpstreamRequest, 'headers' | 'signal' | 'query'> & { query?: Record<string, QueryValue> },
    options: CallOptions,
  ): Promise<T> {
    const headers = await this.auth();
    const response = await this.http.request<T>({ headers, signal: options.signal, ...request });
    return response.data;
  }

  /** A test's outcome from `data`, as documented (see readConnectionTest). */
  private testOutcome(body: unknown, operation: string): ConnectionTestOutcome {
    const data = objectAt<Record<string, unknown>>(body, DATA, PREQUEL_EXPORT_PROVIDER, operation);
    return readConnectionTest(data, isRecord(body) ? body.message : undefined);
  }

  /** `has_next` and the cursor inside `next_url`, read where the envelope or `data` carries them. */
  private paging(body: unknown, operation: string): CursorPage {
    const data = isRecord(body) && isRecord(body.data) ? body.data : {};
    const outer = isRecord(body) ? body : {};
    const hasNext = (outer.has_next ?? data.has_next) === true;
    if (!hasNext) return { hasNext, nextCursor: undefined };
    const nextUrl = stringOf(outer.next_url) ?? stringOf(data.next_url);
    const nextCursor =
      (nextUrl
        ? (new URL(nextUrl, 'http://relative.invalid').searchParams.get('cursor') ?? undefined)
        : undefined) ??
      stringOf(outer.next_cursor) ??
      stringOf(data.next_cursor);
    if (!nextCursor) {
      throw new UpstreamError({
        provider: this.http.provider,
        operation,
        kind: 'malformed',
        status: 200,
        message: 'has_next is true but next_url carries no cursor',
      });
    }
    return { hasNext, nextCursor };
  }
}

function destinationPath(id: string): string {
  return `/destinations/${encodeURIComponent(id)}`;
}
