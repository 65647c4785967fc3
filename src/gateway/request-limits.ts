import { EnvelopArmor } from '@escape.tech/graphql-armor';
import {
  type GraphQLError,
  NoSchemaIntrospectionCustomRule,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { gatewayError } from './errors.js';
import { sentenceStart, withArticle } from './wording.js';

/** How large a query document may be; a document over any limit is refused before it runs. */
export interface QueryLimits {
  depth: number;
  cost: number;
  aliases: number;
  directives: number;
  tokens: number;
}

/**
 * Depth, alias, directive and token limits (graphql-armor); the cost limit is query-cost.ts's. A
 * refusal is BAD_USER_INPUT, names the limit in `extensions.limit` and says in its message what the limit is.
 */
export function useQueryLimits(limits: QueryLimits): Plugin {
  const refuse = (limit: keyof QueryLimits) => ({
    // Report instead of throwing, so the refusal is a validation error (never a 500) with our code.
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const refusal = gatewayError(error.message.replace(/^Syntax Error: /, ''), {
          code: 'BAD_USER_INPUT',
          limit,
          max: limits[limit],
        });
        // The token limit is checked while parsing, where there is no validation context to report to.
        if (context) context.reportError(refusal);
        else throw refusal;
      },
    ],
  });
  const armor = new EnvelopArmor({
    // Fragments are type conditions, not data: they add neither depth nor weight.
    maxDepth: { n: limits.depth, flattenFragments: true, ...refuse('depth') },
    // Cost needs the variables (`first: $n`), so it is checked when the operation runs: see query-cost.ts.
    costLimit: { enabled: false },
    // `__typename` aliases count too: each costs little, but thousands of them are one large answer.
    maxAliases: { n: limits.aliases, allowList: [], ...refuse('aliases') },
    maxDirectives: { n: limits.directives, ...refuse('directives') },
    maxTokens: { n: limits.tokens, ...refuse('tokens') },
    // Suggestions are hidden from every error, not only validation's: see error-messages.ts.
    blockFieldSuggestion: { enabled: false },
  });
  const plugins = armor.protect().plugins.map((plugin) => rulesMadeOnce(plugin as Plugin));
  return {
    onPluginInit: ({ addPlugin }) => {
      for (const plugin of plugins) addPlugin(plugin);
    },
  };
}

/**
 * graphql-armor's depth, alias and directive limits each make their validation rule anew for every
 * request, from the options they were given: the same rule each time, as a new function. Made once
 * (on the first request) and added as that one function after, every request validates with the
 * same rule functions, which is what lets a validation result kept for a document be found without
 * naming each rule (ValidationResults in request-hooks.ts). Only a hook that does nothing but add
 * rules is made so; any other is left as it is.
 */
function rulesMadeOnce(plugin: Plugin): Plugin {
  const { onValidate } = plugin;
  if (!onValidate) return plugin;
  let made: ValidationRule[] | undefined;
  return {
    ...plugin,
    onValidate: (payload) => {
      if (made) {
        for (const rule of made) payload.addValidationRule(rule);
        return;
      }
      const added: ValidationRule[] = [];
      let other = false;
      const after = onValidate({
        ...payload,
        addValidationRule: (rule: ValidationRule) => {
          added.push(rule);
          payload.addValidationRule(rule);
        },
        setValidationFn: (validate) => {
          other = true;
          payload.setValidationFn(validate);
        },
        setResult: (result) => {
          other = true;
          payload.setResult(result);
        },
      });
      if (after || other || added.length === 0) return after;
      made = added;
      return undefined;
    },
  };
}

/** Refuses `__schema` and `__type` (graphql-js's own rule); `__typename` still works. */
export function useNoIntrospection(): Plugin {
  return {
    onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
  };
}

/** Answers 413 to a request body over `maxBytes`, reading no more of it than that. */
export function useRequestBodyLimit(maxBytes: number): Plugin {
  return {
    // Synchronous when the length is declared (nearly always): a promise would cost every request a wait.
    onRequest({ request, setRequest, endResponse, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (Number(declared) > maxBytes) endResponse(tooLarge(fetchAPI, maxBytes));
        // Node's HTTP server holds a body to its declared length.
        return;
      }
      if (request.method === 'GET' || request.method === 'HEAD' || request.body === null) return;
      // A body sent in chunks is counted as it arrives.
      return readAtMost(request.body, maxBytes).then((body) => {
        if (body === undefined) return endResponse(tooLarge(fetchAPI, maxBytes));
        setRequest(
          new fetchAPI.Request(request.url, {
            method: request.method,
            headers: request.headers,
            body,
            signal: request.signal,
          }),
        );
      });
    },
  };
}

/** The body types a cross-site page can POST without a CORS preflight (a form, or a no-cors fetch). */
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * Reads only JSON POST bodies, which a browser sends cross-origin only once a CORS preflight allowed
 * it: a form a cross-site page submits never runs, with or without any header. Mutations ride on
 * POST only (Yoga answers one sent as a GET with 405), so no cross-site page can start one; a GET
 * query has no side effect and CORS decides who may read its answer. Any other body is answered 415
 * with an error that names its type and the types read, where Yoga would answer an empty 415.
 */
export function useSupportedMediaTypes(): Plugin {
  return {
    onRequestParse({ request, requestParser, endResponse, fetchAPI }) {
      // Other methods are Yoga's to refuse (405).
      if (request.method !== 'POST') return;
      const header = request.headers.get('content-type');
      // A JSON body Yoga parses, nearly every request, is passed before any string is cut.
      if (requestParser && header?.startsWith('application/json')) return;
      // The type as Yoga's parsers read it: the first of a list, without parameters.
      const type = header?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
      if (requestParser && !(type && FORM_TYPES.has(type))) return;
      const error = gatewayError(
        `${type ? sentenceStart(withArticle(`${type} body`)) : 'A body without a content-type'} is not a GraphQL request this gateway reads: send application/json (or application/graphql+json), or a GET with the query in the URL.`,
        { code: 'BAD_USER_INPUT', contentType: type ?? null },
      );
      endResponse(errorResponse(fetchAPI, 415, error));
    },
  };
}

/**
 * Marks every answer to a GET as not to be stored: an answer depends on the caller's credentials,
 * which a shared cache keyed on the URL would not see (forwarded tokens travel in custom headers).
 * An answer the response cache kept already says how the caller's own browser may keep it.
 */
export function useUncachedGets(): Plugin {
  return {
    onResponse({ request, response }) {
      if (request.method === 'GET' && !response.headers.has('cache-control'))
        response.headers.set('cache-control', 'no-store');
    },
  };
}

function tooLarge(fetchAPI: { Response: typeof Response }, maxBytes: number): Response {
  const error = gatewayError(
    `The request body is larger than ${maxBytes} bytes, the most this gateway accepts: send a shorter document or fewer variables.`,
    { code: 'BAD_USER_INPUT', limit: 'requestBody', max: maxBytes },
  );
  // The unread rest of the body is not worth reading: the connection is closed instead.
  return errorResponse(fetchAPI, 413, error, { connection: 'close' });
}

/** A GraphQL-over-HTTP answer that carries one error and no data. */
function errorResponse(
  fetchAPI: { Response: typeof Response },
  status: number,
  error: GraphQLError,
  headers: Record<string, string> = {},
): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [error.toJSON()] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** The whole stream, or undefined as soon as it passes `maxBytes` (the rest is not read). */
async function readAtMost(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
