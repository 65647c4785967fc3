import { UpstreamError } from './errors.js';

/**
 * What a typed client reads out of a 2xx JSON answer, checked liberally: only the containers on the
 * way (`data`, `data.sources`) and that a list holds objects. The fields inside are the reader's to
 * tolerate. Anything else is the provider's `malformed` answer, not a crash of the gateway.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(body: unknown, path: readonly string[]): unknown {
  let value = body;
  for (const key of path) {
    if (!isObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

function unexpectedShape(provider: string, operation: string, problem: string): UpstreamError {
  return new UpstreamError({ provider, operation, kind: 'malformed', status: 200, message: problem });
}

function named(path: readonly string[]): string {
  return path.length === 0 ? 'the body' : path.join('.');
}

/** The object at `path` of a 2xx body (`['data', 'source']`); anything else is a malformed answer. */
export function objectAt<T>(body: unknown, path: readonly string[], provider: string, operation: string): T {
  const value = at(body, path);
  if (!isObject(value)) throw unexpectedShape(provider, operation, `${named(path)} is not an object`);
  return value as T;
}

/** The list of objects at `path` of a 2xx body; anything else is a malformed answer. */
export function objectsAt<T>(
  body: unknown,
  path: readonly string[],
  provider: string,
  operation: string,
): T[] {
  const value = at(body, path);
  if (!Array.isArray(value)) throw unexpectedShape(provider, operation, `${named(path)} is not a list`);
  for (let i = 0; i < value.length; i++) {
    if (!isObject(value[i]))
      throw unexpectedShape(provider, operation, `${named(path)}[${i}] is not an object`);
  }
  return value as T[];
}
