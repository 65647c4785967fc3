import { createHash } from 'node:crypto';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { gatewayError } from './errors.js';
import { isBatchEntry, keepBatchPosition } from './logging.js';
import type { SharedRedis } from './shared/redis.js';

/** Which documents run: any (`off`), any plus the listed and registered ones by id (`allow`), only listed ones (`require`). */
export type PersistedMode = 'off' | 'allow' | 'require';

export interface PersistedOperationsOptions {
  mode: PersistedMode;
  /** Where the manifest is read from (a file path or an http(s) URL), when one is set. */
  manifest?: string;
  /** The manifest once read (see persisted-manifest.ts): document by id. */
  documents?: ReadonlyMap<string, string>;
  /** Most documents automatic persisted queries keep (least recently used go first); 0 turns them off. */
  apqMaxEntries: number;
  /** Largest document they keep, in bytes; a larger one runs but is not kept. */
  apqMaxDocumentBytes: number;
}

const SHA256 = /^[0-9a-f]{64}$/;
/** How long Redis keeps a registered document unused (each use renews it): Redis bounds the rest by its own memory policy. */
const SHARED_APQ_TTL_S = 24 * 60 * 60;
const registerKey = Symbol('apqRegister');

/** A manifest's or a client's id in one spelling: a bare SHA-256 is `sha256:<hex>`, as codegen writes it. */
export function documentKey(id: string): string {
  const lower = id.toLowerCase();
  return SHA256.test(lower) ? `sha256:${lower}` : id.startsWith('sha256:') ? lower : id;
}

export function sha256Key(document: string): string {
  return `sha256:${createHash('sha256').update(document).digest('hex')}`;
}

/**
 * The id a request names: GraphQL over HTTP's `documentId` (on a GET, in the URL), or Apollo's
 * `extensions.persistedQuery.sha256Hash`.
 */
function requestedId(params: GraphQLParams & { documentId?: unknown }, request: Request): string | undefined {
  if (typeof params.documentId === 'string') return documentKey(params.documentId);
  const persisted = (params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } })
    ?.persistedQuery;
  if (persisted?.version === 1 && typeof persisted.sha256Hash === 'string')
    return documentKey(persisted.sha256Hash);
  // Yoga reads only query, variables, operationName and extensions from a URL.
  if (request.method === 'GET' && params.query === undefined && request.url.includes('documentId=')) {
    const id = new URL(request.url).searchParams.get('documentId');
    if (id) return documentKey(id);
  }
  return undefined;
}

/**
 * Documents the gateway runs by id (Yoga's persisted operations plugin): those of the manifest, and
 * in `allow` mode those clients registered by automatic persisted queries (APQ), kept in memory per
 * process and, with REDIS_URL, in Redis for every gateway of the fleet. `require` runs nothing else and refuses registration; `off` tells a client that sends an
 * id alone that persisted queries are off, so that Apollo's link falls back to sending documents.
 */
export function usePersistedDocuments(options: PersistedOperationsOptions, redis?: SharedRedis): Plugin[] {
  if (options.mode === 'off') return [useNoPersistedQueries()];
  if (options.manifest !== undefined && options.documents === undefined)
    throw new Error(
      'The persisted-documents manifest is read (loadPersistedManifest) before the gateway is made',
    );
  const { mode, documents } = options;
  const store =
    mode === 'allow' && options.apqMaxEntries > 0
      ? new DocumentStore(options.apqMaxEntries, options.apqMaxDocumentBytes, redis)
      : undefined;
  return [
    {
      // A document with its hash registers it: only in `allow` mode (in `require` Yoga's plugin refuses it).
      onParams({ params, request }) {
        if (!store || params.query === undefined) return;
        const id = requestedId(params, request);
        if (id === undefined) return;
        if (sha256Key(params.query) !== id)
          throw gatewayError(
            'The hash sent is not the SHA-256 of the document sent with it: send the hash of the document as sent, or the document alone.',
            { code: 'BAD_USER_INPUT', http: { status: 400 } },
          );
        // On the parameters rather than in a WeakMap keyed by them (see requestLocal in context.ts).
        Object.defineProperty(params, registerKey, { value: id });
      },
      // Only a document that parsed and validated is kept: junk takes no room from the rest.
      onValidate({ context }) {
        const params = (context as { params?: GraphQLParams & { [registerKey]?: string } }).params;
        const id = params?.[registerKey];
        if (!id || !store) return;
        return ({ valid }) => {
          if (valid && params.query) store.add(id, params.query);
        };
      },
    },
    keepingBatchPositions(
      usePersistedOperations({
        allowArbitraryOperations: mode === 'allow',
        extractPersistedOperationId: (params, request) => requestedId(params, request) ?? null,
        getPersistedOperation: (id) => documents?.get(id) ?? store?.get(id) ?? store?.shared(id) ?? null,
        customErrors: {
          notFound: () =>
            gatewayError(
              mode === 'allow'
                ? 'This gateway holds no document with this id (PersistedQueryNotFound): send it again with its document in `query`.'
                : 'No document of this gateway’s manifest has this id (PersistedQueryNotFound): only the manifest’s documents run here.',
              { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 404 } },
            ),
          persistedQueryOnly: () =>
            gatewayError(
              'This gateway runs only the documents of its manifest: send a document’s id (`documentId`, or `extensions.persistedQuery.sha256Hash`) instead of its text.',
              { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
            ),
          keyNotFound: () =>
            gatewayError(
              'A request carries a GraphQL document in `query`, or the id of a persisted one (`documentId`, or `extensions.persistedQuery.sha256Hash`).',
              { code: 'BAD_USER_INPUT', http: { status: 400 } },
            ),
        },
      }),
    ),
  ];
}

/**
 * Yoga's plugin answers a persisted document with new parameters: a batch's entry keeps its position
 * on them, for the log line that names each operation of the batch.
 */
function keepingBatchPositions(plugin: Plugin): Plugin {
  return {
    ...plugin,
    // A lone request's payload goes as it is: no copy or closure for every request.
    onParams: (payload) =>
      isBatchEntry(payload.params)
        ? plugin.onParams?.({
            ...payload,
            setParams: (next) => payload.setParams(keepBatchPosition(payload.params, next)),
          })
        : plugin.onParams?.(payload),
  };
}

/** With persisted operations off, an id alone is answered PERSISTED_QUERY_NOT_SUPPORTED (Apollo's link then sends documents). */
function useNoPersistedQueries(): Plugin {
  return {
    onParams({ params, request }) {
      if (params.query !== undefined || requestedId(params, request) === undefined) return;
      throw gatewayError(
        'This gateway does not run persisted documents by id (PERSISTED_OPERATIONS is off): send the document in `query`.',
        { code: 'PERSISTED_QUERY_NOT_SUPPORTED', http: { status: 400 } },
      );
    },
  };
}

/**
 * Registered documents by id, least recently used first: bounded in count and in size per document.
 * With Redis, each is also kept there, and one this process lacks is looked for there; while Redis
 * is down, only this process's documents are found (a client then sends its document again).
 */
class DocumentStore {
  private readonly documents = new Map<string, string>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxDocumentBytes: number,
    private readonly redis?: SharedRedis,
  ) {}

  /** The document another gateway registered, kept here too once found; undefined without Redis. */
  shared(id: string): Promise<string | null> | undefined {
    const redis = this.redis;
    if (!redis || !id.startsWith('sha256:')) return undefined;
    return redis.client.getex(sharedKey(id), 'EX', SHARED_APQ_TTL_S).then(
      (document) => {
        // The id is the document's hash: one that does not match was not written by a gateway.
        if (document === null || sha256Key(document) !== id) return null;
        this.keep(id, document);
        return document;
      },
      (error: unknown) => {
        redis.failed('apq', error);
        return null;
      },
    );
  }

  get(id: string): string | undefined {
    const document = this.documents.get(id);
    if (document !== undefined) {
      // Used now: it moves to the end of the line.
      this.documents.delete(id);
      this.documents.set(id, document);
    }
    return document;
  }

  add(id: string, document: string): void {
    if (Buffer.byteLength(document) > this.maxDocumentBytes) return;
    this.keep(id, document);
    const redis = this.redis;
    redis?.client
      .set(sharedKey(id), document, 'EX', SHARED_APQ_TTL_S)
      .catch((error: unknown) => redis.failed('apq', error));
  }

  private keep(id: string, document: string): void {
    this.documents.delete(id);
    this.documents.set(id, document);
    if (this.documents.size > this.maxEntries) {
      const oldest = this.documents.keys().next().value;
      if (oldest !== undefined) this.documents.delete(oldest);
    }
  }
}

function sharedKey(id: string): string {
  return `gateway:apq:${id}`;
}
