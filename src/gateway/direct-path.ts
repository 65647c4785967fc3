import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { handleErrorFromRequestHandler, sendNodeResponse } from '@whatwg-node/server';
import { GraphQLError, getOperationAST } from 'graphql';
import { createGraphQLError, type Plugin, processRegularResult, type YogaServer } from 'graphql-yoga';
import { answerJson } from './answer-json.js';
import { OperationSignal } from './cancellation.js';
import { after, ignore, inOrder, isThenable } from './thenable.js';

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
 *
 * The request, answer and payloads the hooks get here hold only what the gateway's hooks (its own,
 * Yoga's, the server adapter's CORS) use on this path; what a hook of the gateway uses elsewhere only
 * is left out or refused (`unsupported`), so that a plugin added later that needs more fails at
 * once, where a test of it sees, rather than answering otherwise than Yoga would.
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
/** What the `onResultProcess` hooks have chosen so far: the result, its processor and the media types the client takes. */
interface ResultChoice {
  result: Result;
  chosen: { processor: ResultProcessor; mediaType: string } | undefined;
  acceptableMediaTypes: string[];
}
interface MaskedErrors {
  maskError: (error: unknown, message: string, isDev?: boolean) => Error;
  errorMessage: string;
  isDev?: boolean;
}

/** What Yoga's server keeps for each request, private in its types: read once, when the path is made. */
interface YogaInternals {
  instrumentation?: unknown;
  onRequestParseHooks: RequestParseHook[];
  onParamsHooks: ParamsHook[];
  onExecutionResultHooks: ExecutionResultHook[];
  onResultProcessHooks: ResultProcessHook[];
  maskedErrorsOpts: MaskedErrors | null;
  logger: { debug: (...args: unknown[]) => void; error: (...args: unknown[]) => void };
  handleParams: ParamsHandler;
  getEnveloped: GetEnveloped;
  fetchAPI: FetchAPI;
}

/**
 * The direct path of a Yoga server, given the plugins its server adapter runs (their `onRequest` and
 * `onResponse` hooks); undefined when a plugin instruments requests, whose spans the path would skip,
 * or when errors are not masked (the gateway always masks them). It runs no `onExecutionResult`
 * hooks: made with one and no instrumentation, it throws.
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
  // Yoga's, made of every plugin's, those the server adapter runs among them.
  if (yoga.instrumentation) return undefined;
  const masking = yoga.maskedErrorsOpts;
  if (!masking) return undefined;
  // None of its hooks are run here: the gateway's one plugin with one, tracing's, instruments requests (above).
  if (yoga.onExecutionResultHooks.length > 0)
    throw new Error(
      'The direct path runs no onExecutionResult hooks: a plugin with one is served by Yoga alone (directPath: false)',
    );
  const onRequest = adapterPlugins.flatMap((plugin) => plugin.onRequest ?? []);
  const onResponse = adapterPlugins.flatMap((plugin) => plugin.onResponse ?? []);
  const fetchAPI: FetchAPI = { ...yoga.fetchAPI, Response: directResponseClass(yoga.fetchAPI.Response) };
  const pipeline = new Pipeline(yoga, masking, onRequest, onResponse, fetchAPI, endpoint);
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

/**
 * What a hook payload offers and no hook of the gateway calls on this path: replacing the request
 * (the body limit does so only for a body of undeclared length, which the path does not take), the
 * request handler, the response, the parsed body, the parameters' handler or an operation's result
 * before it runs, and `waitUntil`.
 */
function unsupported(): never {
  throw new Error('A hook called what the direct path does not offer: serve with directPath: false');
}

class Pipeline {
  constructor(
    private readonly yoga: YogaInternals,
    private readonly masking: MaskedErrors,
    private readonly onRequest: RequestHook[],
    private readonly onResponse: ResponseHook[],
    private readonly fetchAPI: FetchAPI,
    private readonly endpoint: string,
  ) {}

  serve(req: IncomingMessage, res: ServerResponse): void {
    const serverContext: ServerContext = { req, res, waitUntil: unsupported };
    const request = new DirectRequest(
      req,
      res,
      `http://${req.headers.host ?? 'localhost'}${this.endpoint}`,
    ) as unknown as Request;
    this.respond(request, serverContext).then(
      (response) => write(response, req, res),
      (error: unknown) =>
        write(() => handleErrorFromRequestHandler(error as Error, this.fetchAPI.Response), req, res),
    );
  }

  /** The server adapter's part: the `onRequest` hooks, the handler, the `onResponse` hooks. */
  private async respond(request: Request, serverContext: ServerContext): Promise<Response> {
    const url = new DirectUrl(request.url, this.endpoint) as unknown as URL;
    let response: Response | undefined;
    for (const hook of this.onRequest) {
      let ended = false;
      const returned = hook({
        request,
        setRequest: unsupported,
        serverContext: serverContext as never,
        fetchAPI: this.fetchAPI,
        url,
        requestHandler: unsupported,
        setRequestHandler: unsupported,
        endResponse: (ending) => {
          response = ending;
          if (ending) ended = true;
        },
      });
      if (isThenable(returned)) await returned;
      if (ended) break;
    }
    response ??= await this.handle(request, serverContext, url);
    for (const hook of this.onResponse) {
      const returned = hook({
        request,
        response,
        serverContext: serverContext as never,
        setResponse: unsupported,
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
      // Not reached in the gateway, whose supported media types answer a POST no parser reads (415, with an error).
      if (!requestParser) return new this.fetchAPI.Response(null, { status: 415 });
      // Yoga's JSON parser, the one of this path, answers parameters (or throws), never a `Response`.
      let parsed = requestParser(request) as Params | Params[] | PromiseLike<Params | Params[]>;
      if (isThenable(parsed)) parsed = await parsed;
      const params = parsed;
      for (const hook of done ?? []) {
        const returned = hook({ requestParserResult: params, setRequestParserResult: unsupported });
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
      const answered = this.process(result as Result, request, serverContext);
      return isThenable(answered) ? await answered : answered;
    } catch (error) {
      return this.process({ errors: this.errorsOf(error) }, request, serverContext);
    }
  }

  /**
   * One operation: the `onParams` hooks (a persisted document's hash replaced by its document), then
   * the operation; a promise is awaited only once a hook returns one.
   */
  private run(first: Params, request: Request, context: ServerContext): Promise<Result> {
    const held = { params: first };
    try {
      // The operation is async: what this returns is its promise, whether the hooks waited or not.
      return after(
        inOrder(this.yoga.onParamsHooks, (hook) => this.paramsHook(hook, held, request, context), ignore),
        () => this.operate(request, held.params, context),
      ) as Promise<Result>;
    } catch (error) {
      // As from Yoga's: a hook's error fails this operation, not the others of a batch.
      return Promise.reject(error);
    }
  }

  private paramsHook(
    hook: ParamsHook,
    held: { params: Params },
    request: Request,
    context: ServerContext,
  ): ReturnType<ParamsHook> {
    return hook({
      params: held.params,
      request,
      setParams: (replaced) => {
        held.params = replaced;
      },
      paramsHandler: this.yoga.handleParams,
      setParamsHandler: unsupported,
      setResult: unsupported,
      fetchAPI: this.fetchAPI,
      context: context as never,
    });
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

  /**
   * The `onResultProcess` hooks choose how the result is answered (by the request's Accept); the
   * chosen processor answers. Synchronous unless a hook or the processor returns a promise.
   */
  private process(
    first: Result,
    request: Request,
    serverContext: ServerContext,
  ): Response | Promise<Response> {
    const held: ResultChoice = { result: first, chosen: undefined, acceptableMediaTypes: [] };
    return after(
      inOrder(
        this.yoga.onResultProcessHooks,
        (hook) => this.resultProcessHook(hook, held, request, serverContext),
        ignore,
      ),
      () => this.answer(held),
    );
  }

  private resultProcessHook(
    hook: ResultProcessHook,
    held: ResultChoice,
    request: Request,
    serverContext: ServerContext,
  ): ReturnType<ResultProcessHook> {
    return hook({
      request,
      acceptableMediaTypes: held.acceptableMediaTypes,
      result: held.result,
      setResult: (replaced: Result) => {
        held.result = replaced;
      },
      resultProcessor: held.chosen?.processor,
      setResultProcessor: (processor: ResultProcessor, mediaType: string) => {
        held.chosen = { processor, mediaType };
      },
      serverContext: serverContext as never,
    } as never);
  }

  /** The answer by the processor the hooks chose, or 406 when none was. */
  private answer({ result, chosen, acceptableMediaTypes }: ResultChoice): Response | Promise<Response> {
    // Node writes the status's own reason phrase, Yoga's "Not Acceptable".
    if (!chosen)
      return new this.fetchAPI.Response(null, {
        status: 406,
        headers: { accept: acceptableMediaTypes.join('; charset=utf-8, ') },
      });
    return chosen.processor === processRegularResult
      ? answerJson(result, this.fetchAPI, chosen.mediaType)
      : chosen.processor(result, this.fetchAPI, chosen.mediaType);
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
    const shown = this.masking.maskError(error, this.masking.errorMessage, this.masking.isDev);
    if (shown !== error) this.yoga.logger.error(error);
    return [
      shown instanceof GraphQLError ? shown : createGraphQLError(shown.message, { originalError: shown }),
    ];
  }
}

/**
 * The request's URL as Yoga gives it to hooks. The direct path takes only requests for the endpoint
 * itself, with no query string: its path, query and fragment are known, and what every request's
 * hooks read (the path, to tell GraphQL from /ready, /metrics and the rest) costs no parse. Any other
 * part is read from the whole URL, parsed when first asked for.
 */
class DirectUrl {
  private parsed: URL | undefined;

  constructor(
    private readonly href_: string,
    readonly pathname: string,
  ) {}

  readonly search = '';
  readonly hash = '';

  /** The whole URL, parsed on first use. */
  whole(): URL {
    this.parsed ??= new URL(this.href_, 'http://localhost');
    return this.parsed;
  }

  toString(): string {
    return this.whole().href;
  }

  toJSON(): string {
    return this.whole().href;
  }
}

// Every other part of a URL, read from the whole one.
for (const part of [
  'href',
  'origin',
  'protocol',
  'username',
  'password',
  'host',
  'hostname',
  'port',
  'searchParams',
] as const)
  Object.defineProperty(DirectUrl.prototype, part, {
    get(this: DirectUrl) {
      return this.whole()[part];
    },
  });

/** An abort as Yoga tells it; no signal of the gateway is aborted with a `TimeoutError` (its time limit has its own error). */
function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Writes the answer (made by `answer` when it is a function: an error's); what fails on the way is
 * logged, as the server adapter logs it, and the client's connection is left to Node.
 */
function write(answer: Response | (() => Response), req: IncomingMessage, res: ServerResponse): void {
  try {
    send(typeof answer === 'function' ? answer() : answer, req, res);
  } catch (error) {
    console.error(`Unexpected error while handling request: ${(error as Error)?.message ?? error}`);
  }
}

/** Writes the answer: a text answer of the direct path with its length declared, any other as the server adapter does. */
function send(response: Response, req: IncomingMessage, res: ServerResponse): void {
  // The client left: nothing to write to.
  if (res.destroyed) return;
  if (!(response instanceof DirectResponse)) {
    void sendNodeResponse(response, res, req, true);
    return;
  }
  const { body } = response;
  const headers = response.headers.node;
  if (body !== null) headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(response.status, headers);
  res.end(body ?? undefined);
}

/**
 * A fetch `Request` over Node's request, for the hooks: its headers read from Node's, its body read
 * by the JSON parser, its signal made on first use and aborted if the client leaves before the
 * answer is sent.
 */
class DirectRequest {
  readonly method = 'POST';
  readonly headers: DirectRequestHeaders;
  readonly url: string;
  private own: OperationSignal | undefined;
  private gone = false;

  constructor(
    private readonly req: IncomingMessage,
    res: ServerResponse,
    url: string,
  ) {
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

  /** Read once, by Yoga's JSON parser (no other hook of the gateway reads a body). */
  json(): Promise<unknown> {
    return readBody(this.req).then((text) => JSON.parse(text));
  }
}

/** The body as text, once Node has read its declared length (or rejected when the client left before). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
    });
    req.once('end', () => {
      resolve(chunks.length === 1 ? String(chunks[0]) : Buffer.concat(chunks).toString());
    });
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('The request body ended before its declared length'));
    });
  });
}

/** A request's headers, read from Node's (whose names are lower case already): hooks here only `get` them. */
class DirectRequestHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

/**
 * An answer's headers, as Node's `writeHead` takes them: hooks here only `set` them (CORS). Their
 * names are written as Yoga's writer writes them: those the answer was made with as given
 * (`Content-Type`), those set after in lower case. No hook here sets a header the answer was made with.
 */
class DirectResponseHeaders {
  constructor(readonly node: Record<string, string | number>) {}

  set(name: string, value: string): void {
    this.node[name.toLowerCase()] = value;
  }
}

/** A direct answer: a text body (or none) and its headers. */
class DirectResponse {
  readonly status: number;
  readonly headers: DirectResponseHeaders;

  constructor(
    readonly body: string | null,
    init: ResponseInit | undefined,
  ) {
    this.status = init?.status ?? 200;
    // A copy: the object given may be shared (a constant of the hook that made the answer).
    this.headers = new DirectResponseHeaders({ ...(init?.headers as Record<string, string> | undefined) });
  }
}

/**
 * The `Response` class the direct path gives the hooks: an answer of text (or none), its headers a
 * plain object, is a DirectResponse, written in one piece; any other (a stream or bytes, headers as
 * a list or a `Headers`) is the fetch implementation's own `Response`, which the server adapter's
 * writer sends.
 */
function directResponseClass(Fallback: FetchAPI['Response']): FetchAPI['Response'] {
  function Answer(body?: BodyInit | null, init?: ResponseInit): Response {
    const headers = init?.headers;
    if (
      (body === undefined || body === null || typeof body === 'string') &&
      (headers === undefined || Object.getPrototypeOf(headers) === Object.prototype)
    )
      return new DirectResponse(body ?? null, init) as unknown as Response;
    return new Fallback(body, init);
  }
  // Its statics (`json`, `error`, `redirect`), which no plugin of the gateway calls, are the fetch
  // implementation's own: they answer as they would through Yoga, by the server adapter's writer.
  Object.setPrototypeOf(Answer, Fallback);
  return Answer as unknown as FetchAPI['Response'];
}
