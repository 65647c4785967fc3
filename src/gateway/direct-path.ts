import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { handleErrorFromRequestHandler, sendNodeResponse } from '@whatwg-node/server';
import { GraphQLError, getOperationAST } from 'graphql';
import { createGraphQLError, type Plugin, type YogaServer } from 'graphql-yoga';
import { OperationSignal } from './cancellation.js';

/**
 * The common request — one POST to the GraphQL endpoint, its JSON body of declared length — served
 * from Node's request to Node's response by the same hooks, in the same order and with the same
 * payloads, as the server adapter and Yoga's server would run them, without their per-request
 * machinery: the fetch `Request` made of Node's request (its URL, headers, body stream and abort
 * signal), the promise-like objects and closures every hook walk makes, and the `Response` the answer
 * is made of and read back from. A lookup allocated about a fifth less (bench/README.md, "The direct
 * path"); the client reads the same answer either way.
 *
 * Every other request goes the whole way through Yoga, as do all requests when a plugin instruments
 * requests or operations (tracing): the direct path takes only what it serves exactly as Yoga would.
 */
/** Serves the request and returns true, or returns false at once (nothing read or written) for Yoga to serve it. */
export type DirectPath = (req: IncomingMessage, res: ServerResponse) => boolean;

type AnyPlugin = Plugin;
type RequestHook = NonNullable<AnyPlugin['onRequest']>;
type ResponseHook = NonNullable<AnyPlugin['onResponse']>;
type RequestParseHook = NonNullable<AnyPlugin['onRequestParse']>;
type RequestParsePayload = Parameters<RequestParseHook>[0];
type RequestParser = NonNullable<RequestParsePayload['requestParser']>;
type RequestParseResult = Extract<Awaited<ReturnType<RequestParseHook>>, object>;
type RequestParseDoneHook = NonNullable<RequestParseResult['onRequestParseDone']>;
type ParamsHook = NonNullable<AnyPlugin['onParams']>;
type ParamsPayload = Parameters<ParamsHook>[0];
type Params = ParamsPayload['params'];
type ParamsHandler = ParamsPayload['paramsHandler'];
type ExecutionResultHook = NonNullable<AnyPlugin['onExecutionResult']>;
type ResultProcessHook = NonNullable<AnyPlugin['onResultProcess']>;
type ResultProcessPayload = Parameters<ResultProcessHook>[0];
type Result = ResultProcessPayload['result'];
type ResultProcessor = NonNullable<ResultProcessPayload['resultProcessor']>;
type FetchAPI = RequestParsePayload['fetchAPI'];
// biome-ignore lint/suspicious/noExplicitAny: any server's contexts
type GetEnveloped = YogaServer<any, any>['getEnveloped'];
type ServerContext = {
  req: IncomingMessage;
  res: ServerResponse;
  waitUntil: (promise: Promise<unknown>) => void;
};

/** What Yoga's server keeps for each request, private in its types: read once, when the path is made. */
interface YogaInternals {
  instrumentation?: unknown;
  onRequestParseHooks: RequestParseHook[];
  onParamsHooks: ParamsHook[];
  onExecutionResultHooks: ExecutionResultHook[];
  onResultProcessHooks: ResultProcessHook[];
  maskedErrorsOpts: {
    maskError: (error: unknown, message: string, isDev?: boolean) => Error;
    errorMessage: string;
    isDev?: boolean;
  } | null;
  logger: { debug: (...args: unknown[]) => void; error: (...args: unknown[]) => void };
  handleParams: ParamsHandler;
  getEnveloped: GetEnveloped;
  fetchAPI: FetchAPI;
}

/**
 * The direct path of a Yoga server, given the plugins its server adapter runs (their `onRequest` and
 * `onResponse` hooks); undefined when a plugin instruments requests, whose spans the path would skip.
 * It runs no `onExecutionResult` hooks: made with one and no instrumentation, it throws.
 */
export function directPath(
  // biome-ignore lint/suspicious/noExplicitAny: any server's contexts
  server: YogaServer<any, any>,
  adapterPlugins: readonly AnyPlugin[],
  endpoint: string,
): DirectPath | undefined {
  const yoga = server as unknown as YogaInternals;
  for (const key of [
    'onRequestParseHooks',
    'onParamsHooks',
    'onExecutionResultHooks',
    'onResultProcessHooks',
  ] as const)
    if (!Array.isArray(yoga[key])) throw new Error(`Yoga's server keeps no ${key} list for the direct path`);
  if (yoga.instrumentation || adapterPlugins.some((plugin) => plugin.instrumentation)) return undefined;
  // None of its hooks are run here: the gateway's one plugin with one, tracing's, instruments requests (above).
  if (yoga.onExecutionResultHooks.length > 0)
    throw new Error(
      'The direct path runs no onExecutionResult hooks: a plugin with one is served by Yoga alone (directPath: false)',
    );
  const onRequest = adapterPlugins.flatMap((plugin) => plugin.onRequest ?? []);
  const onResponse = adapterPlugins.flatMap((plugin) => plugin.onResponse ?? []);
  const fetchAPI: FetchAPI = { ...yoga.fetchAPI, Response: directResponseClass(yoga.fetchAPI.Response) };
  const pipeline = new Pipeline(yoga, onRequest, onResponse, fetchAPI, endpoint);
  return (req, res) => {
    if (!takes(req, endpoint)) return false;
    pipeline.serve(req, res);
    return true;
  };
}

/** One JSON operation (or batch) POSTed to the endpoint with its length, for an answer in one piece. */
function takes(req: IncomingMessage, endpoint: string): boolean {
  const { headers } = req;
  if (req.method !== 'POST' || req.url !== endpoint) return false;
  if (headers['content-length'] === undefined || headers['transfer-encoding'] !== undefined) return false;
  if (!headers['content-type']?.startsWith('application/json')) return false;
  // Answers in parts (server-sent events, multipart) stream: Yoga's server adapter sends those.
  const accept = headers.accept;
  return accept === undefined || !(accept.includes('event-stream') || accept.includes('multipart'));
}

class Pipeline {
  constructor(
    private readonly yoga: YogaInternals,
    private readonly onRequest: RequestHook[],
    private readonly onResponse: ResponseHook[],
    private readonly fetchAPI: FetchAPI,
    private readonly endpoint: string,
  ) {}

  serve(req: IncomingMessage, res: ServerResponse): void {
    const serverContext: ServerContext = { req, res, waitUntil: keepWaiting };
    const request = new DirectRequest(
      req,
      res,
      `http://${req.headers.host ?? 'localhost'}${this.endpoint}`,
    ) as unknown as Request;
    this.respond(request, serverContext, lazyUrl(request))
      .catch((error: unknown) => handleErrorFromRequestHandler(error as Error, this.fetchAPI.Response))
      .then((response) => send(response, req, res))
      .catch((error: unknown) => {
        console.error(`Unexpected error while handling request: ${(error as Error)?.message ?? error}`);
      });
  }

  /** The server adapter's part: the `onRequest` hooks, the handler, the `onResponse` hooks. */
  private async respond(first: Request, serverContext: ServerContext, url: URL): Promise<Response> {
    let request = first;
    let response: Response | undefined;
    const handle = (r: Request, c: ServerContext) => this.handle(r, c, r === first ? url : lazyUrl(r));
    let handler: (request: Request, context: ServerContext) => Promise<Response> | Response = handle;
    for (const hook of this.onRequest) {
      let ended = false;
      const returned = hook({
        request,
        setRequest: (replaced) => {
          request = replaced;
        },
        serverContext: serverContext as never,
        fetchAPI: this.fetchAPI,
        url,
        requestHandler: handler as never,
        setRequestHandler: (replaced) => {
          handler = replaced as never;
        },
        endResponse: (ending) => {
          response = ending;
          if (ending) ended = true;
        },
      });
      if (isThenable(returned)) await returned;
      if (ended) break;
    }
    response ??= await handler(request, serverContext);
    for (const hook of this.onResponse) {
      const returned = hook({
        request,
        response,
        serverContext: serverContext as never,
        setResponse: (replaced) => {
          response = replaced;
        },
        fetchAPI: this.fetchAPI,
      });
      if (isThenable(returned)) await returned;
    }
    return response;
  }

  /**
   * Yoga's server's part: the `onRequestParse` hooks choose the parser, the body is parsed (and the
   * hooks that asked see what it held), each operation runs, and the result is made an answer.
   */
  private async handle(request: Request, serverContext: ServerContext, url: URL): Promise<Response> {
    try {
      let requestParser: RequestParser | undefined;
      let response: Response | undefined;
      let done: RequestParseDoneHook[] | undefined;
      for (const hook of this.yoga.onRequestParseHooks) {
        let ended = false;
        let returned = hook({
          request,
          url,
          requestParser,
          serverContext: serverContext as never,
          setRequestParser: (parser) => {
            requestParser = parser;
          },
          endResponse: (ending) => {
            response = ending;
            ended = true;
          },
          fetchAPI: this.fetchAPI,
        });
        if (isThenable(returned)) returned = await returned;
        if (returned?.onRequestParseDone) {
          done ??= [];
          done.push(returned.onRequestParseDone);
        }
        if (ended) break;
      }
      if (response) return response;
      if (!requestParser)
        return new this.fetchAPI.Response(null, { status: 415, statusText: 'Unsupported Media Type' });
      let parsed = requestParser(request);
      if (isThenable(parsed)) parsed = await parsed;
      if (isResponse(parsed)) return parsed;
      let params = parsed as Params | Params[];
      for (const hook of done ?? []) {
        const returned = hook({
          requestParserResult: params,
          setRequestParserResult: (replaced) => {
            params = replaced;
          },
        });
        if (isThenable(returned)) await returned;
      }
      const result = Array.isArray(params)
        ? await Promise.all(
            params.map((one: Params) =>
              this.run(one, request, Object.create(serverContext) as ServerContext).catch(
                (error: unknown) => ({ errors: this.errorsOf(error) }),
              ),
            ),
          )
        : await this.run(params, request, serverContext);
      return await this.process(result as Result, request, serverContext);
    } catch (error) {
      return this.process({ errors: this.errorsOf(error) }, request, serverContext);
    }
  }

  /** One operation: the `onParams` hooks, then the operation itself (parsed, validated, run). */
  private async run(first: Params, request: Request, context: ServerContext): Promise<Result> {
    let params = first;
    let result: Result | undefined;
    let paramsHandler = this.yoga.handleParams;
    for (const hook of this.yoga.onParamsHooks) {
      const returned = hook({
        params,
        request,
        setParams: (replaced) => {
          params = replaced;
        },
        paramsHandler,
        setParamsHandler: (replaced) => {
          paramsHandler = replaced;
        },
        setResult: (replaced) => {
          result = replaced;
        },
        fetchAPI: this.fetchAPI,
        context: context as never,
      });
      if (isThenable(returned)) await returned;
    }
    return (
      result ||
      (paramsHandler === this.yoga.handleParams
        ? await this.operate(request, params, context)
        : await paramsHandler({ request, params, context: context as never }))
    );
  }

  /**
   * Yoga's own parameters handler, as it runs an operation: the context given the request and its
   * parameters, then envelop parses, validates, builds the context and executes (or subscribes);
   * what fails on the way is answered as errors. A result in parts (`@defer`, a subscription) is
   * returned as it is: the direct path never streams, and the answer for JSON (406) does not read it.
   */
  private async operate(request: Request, params: Params, context: ServerContext): Promise<Result> {
    const own = context as ServerContext & { request?: Request; params?: Params };
    if (own.request === request) own.params = params;
    else Object.assign(own, { request, params });
    const enveloped = this.yoga.getEnveloped(own);
    try {
      const document = enveloped.parse(params.query ?? '');
      const errors = enveloped.validate(enveloped.schema, document);
      if (errors.length > 0) return { errors } as Result;
      let contextValue = enveloped.contextFactory();
      if (isThenable(contextValue)) contextValue = await contextValue;
      const operation = getOperationAST(document, params.operationName);
      const run = operation?.operation === 'subscription' ? enveloped.subscribe : enveloped.execute;
      return (await run({
        schema: enveloped.schema,
        document,
        contextValue,
        variableValues: params.variables,
        operationName: params.operationName,
      })) as Result;
    } catch (error) {
      return { errors: this.errorsOf(error) } as Result;
    }
  }

  /** The `onResultProcess` hooks choose how the result is answered (by the request's Accept); the chosen processor answers. */
  private async process(first: Result, request: Request, serverContext: ServerContext): Promise<Response> {
    let result = first;
    let resultProcessor: ResultProcessor | undefined;
    let acceptedMediaType = '*/*';
    const acceptableMediaTypes: string[] = [];
    for (const hook of this.yoga.onResultProcessHooks) {
      const returned = hook({
        request,
        acceptableMediaTypes,
        result,
        setResult: (replaced: Result) => {
          result = replaced;
        },
        resultProcessor,
        setResultProcessor: (processor: ResultProcessor, mediaType: string) => {
          resultProcessor = processor;
          acceptedMediaType = mediaType;
        },
        serverContext: serverContext as never,
      } as never);
      if (isThenable(returned)) await returned;
    }
    if (!resultProcessor)
      return new this.fetchAPI.Response(null, {
        status: 406,
        statusText: 'Not Acceptable',
        headers: { accept: acceptableMediaTypes.join('; charset=utf-8, ') },
      });
    return resultProcessor(result, this.fetchAPI, acceptedMediaType);
  }

  /**
   * An error that ended the request before an answer, as a list of GraphQL errors: Yoga's error
   * masking decides what the client reads and logs what it hid; an abort (the client left) is no error.
   */
  private errorsOf(error: unknown): GraphQLError[] {
    if (error instanceof AggregateError) return error.errors.flatMap((one) => this.errorsOf(one));
    if (isAbortError(error)) {
      this.yoga.logger.debug('Request aborted');
      return [];
    }
    const masking = this.yoga.maskedErrorsOpts;
    const shown = masking ? masking.maskError(error, masking.errorMessage, masking.isDev) : error;
    if (masking && shown !== error) this.yoga.logger.error(error);
    if (shown instanceof GraphQLError) return [shown];
    if (shown instanceof Error) return [createGraphQLError(shown.message, { originalError: shown })];
    return [createGraphQLError(String(shown))];
  }
}

/** The request's URL as Yoga gives it to hooks: parsed only when a hook reads it. */
function lazyUrl(request: Request): URL {
  let url: URL | undefined;
  return new Proxy({} as URL, {
    get: (_target, prop) => {
      url ??= new URL(request.url, 'http://localhost');
      return Reflect.get(url, prop, url);
    },
  });
}

function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error?.constructor?.name === 'DOMException' &&
    ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError')
  );
}

/** Whether a hook returned a promise (to be awaited) rather than its result. */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

function isResponse(value: unknown): value is Response {
  return Boolean((value as Response | undefined)?.status && (value as Response | undefined)?.headers);
}

/** What a plugin hands `waitUntil` runs on: a failure is reported, as the server adapter would. */
function keepWaiting(promise: Promise<unknown>): void {
  promise.catch((error: unknown) => {
    console.error(`Unexpected error while waiting: ${(error as Error)?.message ?? error}`);
  });
}

/** Writes the answer: a text answer of the direct path with its length declared, any other as the server adapter does. */
function send(response: Response, req: IncomingMessage, res: ServerResponse): void {
  if (res.closed || res.destroyed || res.writableEnded) return;
  if (!(response instanceof DirectResponse)) {
    void sendNodeResponse(response, res, req, true);
    return;
  }
  const headers = response.headers.toNode();
  const body = response.bodyText;
  if (body !== null && headers['content-length'] === undefined)
    headers['content-length'] = Buffer.byteLength(body);
  if (response.statusText) res.writeHead(response.status, response.statusText, headers);
  else res.writeHead(response.status, headers);
  res.end(body ?? undefined);
}

/**
 * A fetch `Request` over Node's request, for the hooks: its headers read from Node's, its body read
 * when a hook asks for it, its signal made on first use and aborted if the client leaves before
 * the answer is sent.
 */
class DirectRequest {
  readonly method: string;
  readonly headers: DirectRequestHeaders;
  readonly url: string;
  private own: OperationSignal | undefined;
  private gone = false;
  private text$: Promise<string> | undefined;

  constructor(
    private readonly req: IncomingMessage,
    res: ServerResponse,
    url: string,
  ) {
    this.method = req.method ?? 'POST';
    this.headers = new DirectRequestHeaders(req.headers);
    this.url = url;
    res.once('close', () => {
      if (res.writableFinished) return;
      this.gone = true;
      this.own?.abort(res.errored ?? undefined);
    });
  }

  get signal(): AbortSignal {
    if (!this.own) {
      this.own = new OperationSignal();
      if (this.gone) this.own.abort(undefined);
    }
    return this.own;
  }

  get bodyUsed(): boolean {
    return this.text$ !== undefined;
  }

  text(): Promise<string> {
    this.text$ ??= readBody(this.req);
    return this.text$;
  }

  json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text));
  }
}

/** The body as text, once Node has read its declared length (or rejected when the client left before). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    req.once('end', () => {
      resolve(
        chunks.length === 1 ? (chunks[0] as Buffer).toString() : Buffer.concat(chunks, size).toString(),
      );
    });
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('The request body ended before its declared length'));
    });
  });
}

/** The walks of a fetch `Headers`, over the `entries()` each kind of headers gives. */
abstract class HeaderWalks {
  abstract entries(): IterableIterator<[string, string]>;

  forEach(callback: (value: string, name: string, headers: this) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/** A request's headers, read from Node's (whose names are lower case already). */
class DirectRequestHeaders extends HeaderWalks {
  constructor(private readonly raw: IncomingHttpHeaders) {
    super();
  }

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  getSetCookie(): string[] {
    const value = this.raw['set-cookie'];
    return value === undefined ? [] : [value].flat();
  }
}

/** An answer's headers: set, read and written to Node's response. */
class DirectResponseHeaders extends HeaderWalks {
  private readonly map = new Map<string, string>();
  private cookies: string[] | undefined;

  constructor(init?: HeadersInit) {
    super();
    if (!init) return;
    if (Array.isArray(init)) for (const [name, value] of init) this.append(name as string, value as string);
    else if (typeof (init as Headers).forEach === 'function' && typeof (init as Headers).get === 'function')
      (init as Headers).forEach((value, name) => {
        this.append(name, value);
      });
    else for (const [name, value] of Object.entries(init as Record<string, string>)) this.append(name, value);
  }

  get(name: string): string | null {
    const key = name.toLowerCase();
    if (key === 'set-cookie') return this.cookies ? this.cookies.join(', ') : null;
    return this.map.get(key) ?? null;
  }

  has(name: string): boolean {
    const key = name.toLowerCase();
    return key === 'set-cookie' ? this.cookies !== undefined : this.map.has(key);
  }

  set(name: string, value: string): void {
    const key = name.toLowerCase();
    if (key === 'set-cookie') this.cookies = [String(value)];
    else this.map.set(key, String(value));
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    if (key === 'set-cookie') {
      this.cookies ??= [];
      this.cookies.push(String(value));
    } else {
      const before = this.map.get(key);
      this.map.set(key, before === undefined ? String(value) : `${before}, ${value}`);
    }
  }

  delete(name: string): void {
    const key = name.toLowerCase();
    if (key === 'set-cookie') this.cookies = undefined;
    else this.map.delete(key);
  }

  getSetCookie(): string[] {
    return this.cookies ? [...this.cookies] : [];
  }

  *entries(): IterableIterator<[string, string]> {
    const names = [...this.map.keys(), ...(this.cookies ? ['set-cookie'] : [])].sort();
    for (const name of names) {
      if (name === 'set-cookie') for (const cookie of this.cookies ?? []) yield [name, cookie];
      else yield [name, this.map.get(name) as string];
    }
  }

  /** As Node's `writeHead` takes them. */
  toNode(): Record<string, string | string[] | number> {
    const out: Record<string, string | string[] | number> = Object.fromEntries(this.map);
    if (this.cookies) out['set-cookie'] = this.cookies;
    return out;
  }
}

/** A direct answer: a text body (or none) and its headers. */
class DirectResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: DirectResponseHeaders;
  readonly bodyText: string | null;
  readonly type = 'default';
  readonly redirected = false;
  readonly url = '';
  private used = false;

  constructor(body: string | null, init: ResponseInit | undefined) {
    this.status = init?.status ?? 200;
    this.statusText = init?.statusText ?? '';
    this.headers = new DirectResponseHeaders(init?.headers);
    this.bodyText = body;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  text(): Promise<string> {
    this.used = true;
    return Promise.resolve(this.bodyText ?? '');
  }

  json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text));
  }
}

/**
 * The `Response` class the direct path gives the hooks: an answer of text (or none) is a
 * DirectResponse, written in one piece; any other body (a stream, bytes) is the fetch implementation's
 * own `Response`, which the server adapter's writer sends.
 */
function directResponseClass(Fallback: FetchAPI['Response']): FetchAPI['Response'] {
  function Answer(body?: BodyInit | null, init?: ResponseInit): Response {
    if (body === undefined || body === null || typeof body === 'string')
      return new DirectResponse(body ?? null, init) as unknown as Response;
    return new Fallback(body, init);
  }
  // Its statics (`json`, `error`, `redirect`), which no plugin of the gateway calls, are the fetch
  // implementation's own: they answer as they would through Yoga, by the server adapter's writer.
  Object.setPrototypeOf(Answer, Fallback);
  return Answer as unknown as FetchAPI['Response'];
}
