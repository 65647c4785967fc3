import type { CORSOptions } from 'graphql-yoga';

/** Yoga's `cors` option for an allow-list: exact origins, or `*` for any origin. */
export type CorsSetting = false | ((request: Request) => CORSOptions);

/**
 * Which browsers may read the gateway's answers (/graphql, /ready, /metrics). A listed origin may
 * send credentials; `*` lets any other origin read answers without them; an empty list sends no
 * CORS header at all. An origin not allowed gets no CORS header, never `null` nor its own echoed.
 */
export function corsFor(origins: readonly string[]): CorsSetting {
  if (origins.length === 0) return false;
  const listed = new Set(origins.filter((origin) => origin !== '*'));
  const anyOrigin = origins.includes('*');
  // Yoga reads `origin: '*'` as "echo the request's Origin, with Vary: Origin": the list is checked first.
  const trusted: CORSOptions = { origin: '*', credentials: true };
  const anyone: CORSOptions = { origin: '*', credentials: false };
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin !== null && listed.has(origin)) return trusted;
    return anyOrigin ? anyone : false;
  };
}

/** Whether a value is an origin as browsers send it: scheme, host and port, nothing more. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.origin === value && (url.protocol === 'http:' || url.protocol === 'https:');
  } catch {
    return false;
  }
}
