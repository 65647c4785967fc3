import { request } from 'undici';

/** Where one upstream is and the headers every call to it carries (credentials included). */
export interface Upstream {
  origin: string;
  headers: Record<string, string>;
}

export interface Upstreams {
  prequelImport: Upstream;
  prequelExport: Upstream;
  pdc: Upstream;
  rivergen: Upstream;
}

export const PREQUEL_API_VERSION = '2023-12-01';

/** The REST paths the floor and the pass-through call; the same spellings the gateway's clients use. */
export const paths = {
  importSource: (id: string) => `/import/sources/${encodeURIComponent(id)}`,
  importSources: (pageSize: number) => `/import/sources?page_size=${pageSize}&order=asc`,
  destination: (id: string) => `/destinations/${encodeURIComponent(id)}`,
  destinations: (pageSize: number) => `/destinations?page_size=${pageSize}&order=asc`,
  pdcDataSource: (id: string) => `/api/public/v1/data-sources/${encodeURIComponent(id)}`,
  pdcByIds: '/api/public/v1/data-sources/by-ids',
  pdcFilter: (limit: number) => `/api/public/v1/data-sources/filter?skip=0&limit=${limit}`,
  riverGenDataSource: (id: string) => `/api/v1/data-sources/${encodeURIComponent(id)}`,
  riverGenDataSources: (type: string, pageSize: number) =>
    `/api/v1/data-sources?sort_by=id&sort_order=asc&type=${type}&page=1&page_size=${pageSize}`,
} as const;

function required(env: Record<string, string>, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`bench: the simulators' environment has no ${name}`);
  return value;
}

/** Reads the demo environment (as the gateway gets it) into origins and credential headers. */
export async function connectUpstreams(env: Record<string, string>): Promise<Upstreams> {
  const json = { accept: 'application/json' };
  const pdcOrigin = new URL(required(env, 'PDC_URL')).origin;
  const token = await pdcLogin(pdcOrigin, required(env, 'PDC_USERNAME'), required(env, 'PDC_PASSWORD'));
  return {
    prequelImport: {
      origin: new URL(required(env, 'PREQUEL_IMPORT_URL')).origin,
      headers: {
        ...json,
        'x-api-key': required(env, 'PREQUEL_IMPORT_API_KEY'),
        'x-prequel-api-version': PREQUEL_API_VERSION,
      },
    },
    prequelExport: {
      origin: new URL(required(env, 'PREQUEL_EXPORT_URL')).origin,
      headers: {
        ...json,
        'x-api-key': required(env, 'PREQUEL_EXPORT_API_KEY'),
        'x-prequel-api-version': PREQUEL_API_VERSION,
      },
    },
    pdc: { origin: pdcOrigin, headers: { ...json, authorization: `Bearer ${token}` } },
    rivergen: {
      origin: new URL(required(env, 'RIVERGEN_URL')).origin,
      headers: { ...json, authorization: `Bearer ${required(env, 'RIVERGEN_TOKEN')}` },
    },
  };
}

/** A frontend logs in to PDC once and reuses the token; so do the floor and the pass-through. */
export async function pdcLogin(origin: string, username: string, password: string): Promise<string> {
  const response = await request(`${origin}/api/public/v1/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      username,
      password,
      client_id: 'pdc-client',
      grant_type: 'password',
    }).toString(),
  });
  const body = (await response.body.json()) as { data?: { accessToken?: string } };
  const token = body.data?.accessToken;
  if (response.statusCode !== 200 || !token)
    throw new Error(`bench: PDC login answered ${response.statusCode}`);
  return token;
}

/** GET (or send) one call and parse its JSON; for set-up, verification and the pass-through. */
export async function fetchJson<T>(
  upstream: Upstream,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers =
    body === undefined ? upstream.headers : { ...upstream.headers, 'content-type': 'application/json' };
  const response = await request(upstream.origin + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode < 200 || response.statusCode > 299) {
    throw new Error(`${method} ${path} answered ${response.statusCode}: ${text.slice(0, 200)}`);
  }
  return JSON.parse(text) as T;
}
