import { type ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable, processRegularResult } from 'graphql-yoga';

type Processor = typeof processRegularResult;
type Result = Parameters<Processor>[0];
type FetchAPI = Parameters<Processor>[1];
type Single = Exclude<Result, readonly unknown[] | AsyncIterable<unknown>>;

/**
 * Yoga's answer of a result in JSON (`processRegularResult`): the same status, headers and bytes.
 * Yoga writes each error by building a new GraphQLError without its internal extensions (`http`,
 * `unexpected`) and serializing that; building one captures a stack and locates the error in the
 * document again, which made up a third of the CPU of an answer with 100 failed fields. Here each
 * error is written as its own `toJSON` gives it, those extensions left out.
 */
export function answerJson(result: Result, fetchAPI: FetchAPI, mediaType: string): Response {
  if (isAsyncIterable(result)) return processRegularResult(result, fetchAPI, mediaType);
  const headers: Record<string, string> = { 'Content-Type': `${mediaType}; charset=utf-8` };
  // As Yoga does: asked for application/json, an answer with GraphQL errors keeps its 200 when an
  // error's status is only the one the GraphQL-over-HTTP spec gives it (`http.spec`).
  const plain =
    mediaType === 'application/json' &&
    !Array.isArray(result) &&
    result.errors?.some((error) => error instanceof GraphQLError) === true &&
    result.errors.some((error) => {
      const original = error.extensions?.originalError;
      return !original || original instanceof GraphQLError;
    });
  // A batch's answer is 200, whatever its results hold.
  const status = Array.isArray(result) ? 200 : statusOf(result as Single, headers, plain);
  const body = Array.isArray(result)
    ? `[${result.map((one) => stringify(one)).join(',')}]`
    : stringify(result);
  return new fetchAPI.Response(body, { status, headers });
}

function stringify(result: Single): string {
  const sanitized = withoutInternals(result);
  return result.stringify ? result.stringify(sanitized) : JSON.stringify(sanitized);
}

function withoutInternals(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length && !result.extensions?.http) return result;
  const out: ExecutionResult = { ...result };
  if (result.errors) out.errors = result.errors.map(errorJson) as unknown as GraphQLError[];
  if (result.extensions) {
    const { http: _, ...extensions } = result.extensions;
    out.extensions = Object.keys(extensions).length > 0 ? extensions : undefined;
  }
  return out;
}

function errorJson(error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const json = error.toJSON();
  if (!json.extensions || !('http' in json.extensions || 'unexpected' in json.extensions)) return json;
  const { extensions: all, ...rest } = json;
  const { http: _, unexpected: __, ...extensions } = all;
  return Object.keys(extensions).length > 0 ? { ...rest, extensions } : rest;
}

/** Yoga's status for the answer of one result, and the headers its errors and result ask for, added to `headers`. */
function statusOf(result: Single, headers: Record<string, string>, plain: boolean): number {
  let status: number | undefined;
  const http = result.extensions?.http as HttpExtension | undefined;
  if (http?.headers) Object.assign(headers, http.headers);
  if (http?.status) status = http.status;
  if (!result.errors?.length) return status || 200;
  let unexpected = false;
  for (const error of result.errors) {
    const asked = error.extensions?.http as HttpExtension | undefined;
    if (asked) {
      if (asked.headers) Object.assign(headers, asked.headers);
      if (plain && asked.spec) continue;
      if (asked.status && (!status || asked.status > status)) status = asked.status;
    } else if (!isOriginalGraphQLError(error) || error.extensions?.unexpected) {
      unexpected = true;
    }
  }
  return status || (unexpected && !('data' in result) ? 500 : 200);
}

interface HttpExtension {
  status?: number;
  headers?: Record<string, string>;
  spec?: boolean;
}

function isOriginalGraphQLError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  return error.originalError == null ? true : isOriginalGraphQLError(error.originalError);
}
