import { readFile } from 'node:fs/promises';
import { ConfigError, type GatewayConfig } from '../config.js';
import { documentKey, sha256Key } from './persisted.js';

const VARIABLE = 'PERSISTED_OPERATIONS_MANIFEST';
/** A manifest larger than this is not one a gateway should hold in memory. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

/**
 * The configuration with its persisted-documents manifest read, from a file or an http(s) URL, once
 * at start-up. Anything wrong is a ConfigError naming the variable; no message quotes the manifest.
 */
export async function loadPersistedManifest(config: GatewayConfig): Promise<GatewayConfig> {
  const { persistedOperations } = config;
  if (persistedOperations.manifest === undefined || persistedOperations.documents !== undefined)
    return config;
  const documents = parseManifest(await readSource(persistedOperations.manifest));
  return { ...config, persistedOperations: { ...persistedOperations, documents } };
}

async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    let response: Response;
    try {
      response = await fetch(source, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    } catch {
      // The URL may carry a credential: it is not repeated.
      throw problem(`could not be fetched (no answer within ${FETCH_TIMEOUT_MS} ms, or no connection)`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw problem(`could not be fetched: its URL answered HTTP ${response.status}`);
    }
    const text = await readAtMost(response, MAX_MANIFEST_BYTES);
    if (text === undefined) throw problem(`is larger than ${MAX_MANIFEST_BYTES} bytes`);
    return text;
  }
  try {
    return await readFile(source.startsWith('file:') ? new URL(source) : source, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw problem(`could not be read as a file${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

/** The body as text, or undefined as soon as it passes `maxBytes` (the rest is not read). */
async function readAtMost(response: Response, maxBytes: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    length += next.value.byteLength;
    if (length > maxBytes) {
      await reader?.cancel();
      return undefined;
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * GraphQL Code Generator's persisted-documents.json (`{ "<id>": "<document>" }`) or an Apollo
 * persisted query manifest (`{ "format": "apollo-persisted-query-manifest", "operations": [{ "id", "body" }] }`).
 * An id that says it is a SHA-256 must be the document's.
 */
function parseManifest(text: string): ReadonlyMap<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the fault.
    throw problem('is not JSON');
  }
  const entries = manifestEntries(json);
  if (!entries)
    throw problem(
      'is not a manifest: expected an object of document ids to documents (persisted-documents.json, as `npm run codegen` writes it) or an Apollo persisted query manifest',
    );
  if (entries.length === 0) throw problem('lists no document');
  const documents = new Map<string, string>();
  entries.forEach(([id, document], index) => {
    const key = documentKey(id);
    if (key.startsWith('sha256:') && key !== sha256Key(document))
      throw problem(`has an entry (the ${ordinal(index + 1)}) whose id is not the SHA-256 of its document`);
    documents.set(key, document);
  });
  return documents;
}

function manifestEntries(json: unknown): [string, string][] | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const apollo = json as { format?: unknown; operations?: unknown };
  if (apollo.format === 'apollo-persisted-query-manifest') {
    if (!Array.isArray(apollo.operations)) return undefined;
    const entries: [string, string][] = [];
    for (const operation of apollo.operations as { id?: unknown; body?: unknown }[]) {
      if (typeof operation?.id !== 'string' || typeof operation.body !== 'string') return undefined;
      entries.push([operation.id, operation.body]);
    }
    return entries;
  }
  const entries = Object.entries(json);
  return entries.every((entry): entry is [string, string] => typeof entry[1] === 'string')
    ? entries
    : undefined;
}

function problem(what: string): ConfigError {
  return new ConfigError([`${VARIABLE}: the persisted-documents manifest ${what}`]);
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
