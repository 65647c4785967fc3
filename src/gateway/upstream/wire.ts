import type { UpstreamExchange } from './bounds.js';
import type { UpstreamFailureKind } from './errors.js';
import type { QueryValue } from './http.js';
import { errors as undiciErrors } from './undici-core.js';

// The small parts of an upstream exchange: what goes on the wire, and how an answer or a failure reads.

/** `?a=1&b=x&b=y` from a query object: undefined and null values are left out, lists repeat their key. */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** An answer body's JSON; an empty body is `undefined`, not a failure. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Why a try got no whole answer: its deadline passed, its caller gave up, or the network failed it. */
export function failureKind(
  cause: unknown,
  deadline: Pick<UpstreamExchange, 'expired'>,
  caller: AbortSignal | undefined,
): UpstreamFailureKind {
  if (deadline.expired) return 'timeout';
  if (caller?.aborted) return 'aborted';
  return isTimeout(cause) ? 'timeout' : 'unreachable';
}

export function isTimeout(error: unknown): boolean {
  return (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  );
}

/** Retry-After in seconds, from either of its two forms (delta-seconds or an HTTP date). */
export function retryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
