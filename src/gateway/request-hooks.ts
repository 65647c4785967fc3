import type { Plugin } from 'graphql-yoga';

/**
 * Yoga and envelop walk each kind of hook through a chain of promise-like objects and closures,
 * several per hook and request, and give each hook a payload of its own. The gateway's plugins hold
 * many hooks of the same kinds; each kind runs here as one hook, in the same order and with the same
 * payloads, so that a request pays for that walk once per kind rather than once per plugin.
 */
export function withCombinedHooks<P extends object>(plugins: P[]): P[] {
  return withOneRequestParseHook(withOneExecuteHook(withOneRequestHook(plugins)));
}

type RequestHook = NonNullable<Plugin['onRequest']>;
type RequestPayload = Parameters<RequestHook>[0];
type RequestParseHook = NonNullable<Plugin['onRequestParse']>;
type RequestParsePayload = Parameters<RequestParseHook>[0];
type RequestParseResult = Extract<Awaited<ReturnType<RequestParseHook>>, object>;
type RequestParseDoneHook = NonNullable<RequestParseResult['onRequestParseDone']>;
type RequestParseDonePayload = Parameters<RequestParseDoneHook>[0];
type ExecuteHook = NonNullable<Plugin['onExecute']>;
type ExecutePayload = Parameters<ExecuteHook>[0];
type ExecuteResult = Extract<Awaited<ReturnType<ExecuteHook>>, object>;
type DoneHook = NonNullable<ExecuteResult['onExecuteDone']>;
type DonePayload = Parameters<DoneHook>[0];
type DoneResult = Extract<Awaited<ReturnType<DoneHook>>, object>;
type NextHook = NonNullable<DoneResult['onNext']>;
type NextPayload = Parameters<NextHook>[0];

/**
 * The plugins' `onRequest` hooks as one: the gateway's (/ready, /metrics, GraphiQL, the body limit)
 * answer only a few requests between them, and a hook that ends the response ends the walk.
 */
function withOneRequestHook<P extends object>(plugins: P[]): P[] {
  const hooks = hooksOf(plugins, 'onRequest');
  if (hooks.length < 2) return plugins;
  const onRequest: RequestHook = (payload) => {
    let ended = false;
    const shared: RequestPayload = {
      ...payload,
      // A hook that replaces the request (the body limit's counted body) shows it to the hooks after it.
      setRequest: (request) => {
        shared.request = request;
        payload.setRequest(request);
      },
      endResponse: (response) => {
        ended = true;
        payload.endResponse(response);
      },
    };
    return inOrder(
      hooks,
      (hook) => hook(shared),
      ignore,
      () => ended,
    );
  };
  return placeAtFirst(plugins, 'onRequest', onRequest);
}

/**
 * The plugins' `onRequestParse` hooks as one, and the `onRequestParseDone` hooks they return: as Yoga
 * does, each sees the parser the ones before it chose, and one that ends the response ends the walk.
 */
function withOneRequestParseHook<P extends object>(plugins: P[]): P[] {
  const hooks = hooksOf(plugins, 'onRequestParse');
  if (hooks.length < 2) return plugins;
  const onRequestParse: RequestParseHook = (payload) => {
    let requestParser = payload.requestParser;
    let ended = false;
    const done: RequestParseDoneHook[] = [];
    const setRequestParser: RequestParsePayload['setRequestParser'] = (parser) => {
      requestParser = parser;
      payload.setRequestParser(parser);
    };
    const endResponse: RequestParsePayload['endResponse'] = (response) => {
      ended = true;
      payload.endResponse(response);
    };
    const call = (hook: RequestParseHook) =>
      hook({
        request: payload.request,
        url: payload.url,
        requestParser,
        serverContext: payload.serverContext,
        setRequestParser,
        endResponse,
        fetchAPI: payload.fetchAPI,
      });
    const keep = (returned: Awaited<ReturnType<RequestParseHook>>) => {
      if (returned?.onRequestParseDone) done.push(returned.onRequestParseDone);
    };
    const result = (): RequestParseResult | undefined =>
      done.length === 0 ? undefined : { onRequestParseDone: oneRequestParseDoneHook(done) };
    return after(
      inOrder(hooks, call, keep, () => ended),
      result,
    );
  };
  return placeAtFirst(plugins, 'onRequestParse', onRequestParse);
}

function oneRequestParseDoneHook(hooks: RequestParseDoneHook[]): RequestParseDoneHook {
  if (hooks.length === 1 && hooks[0]) return hooks[0];
  return (payload) => {
    let requestParserResult = payload.requestParserResult;
    const setRequestParserResult: RequestParseDonePayload['setRequestParserResult'] = (value) => {
      requestParserResult = value;
      payload.setRequestParserResult(value);
    };
    return inOrder(hooks, (hook) => hook({ requestParserResult, setRequestParserResult }), ignore);
  };
}

/**
 * The plugins' `onExecute` hooks as one, and so the `onExecuteDone` hooks they return and the
 * `onNext`/`onEnd` hooks those return: as envelop does, each sees the execute function the ones
 * before it chose, and once one sets a result the ones after it are not called (the one that set it
 * is still done with).
 */
function withOneExecuteHook<P extends object>(plugins: P[]): P[] {
  const hooks = hooksOf(plugins, 'onExecute');
  if (hooks.length < 2) return plugins;
  const onExecute: ExecuteHook = (payload) => {
    let executeFn = payload.executeFn;
    let stopped = false;
    const done: DoneHook[] = [];
    const setExecuteFn: ExecutePayload['setExecuteFn'] = (execute) => {
      executeFn = execute;
      payload.setExecuteFn(execute);
    };
    const setResultAndStopExecution: ExecutePayload['setResultAndStopExecution'] = (result) => {
      stopped = true;
      payload.setResultAndStopExecution(result);
    };
    const call = (hook: ExecuteHook) =>
      hook({
        executeFn,
        setExecuteFn,
        setResultAndStopExecution,
        context: payload.context,
        extendContext: payload.extendContext,
        args: payload.args,
      });
    const keep = (returned: Awaited<ReturnType<ExecuteHook>>) => {
      if (returned?.onExecuteDone) done.push(returned.onExecuteDone);
    };
    const result = (): ExecuteResult | undefined =>
      done.length === 0 ? undefined : { onExecuteDone: oneDoneHook(done) };
    return after(
      inOrder(hooks, call, keep, () => stopped),
      result,
    );
  };
  return placeAtFirst(plugins, 'onExecute', onExecute);
}

/** The `onExecuteDone` hooks as one: each sees the result the ones before it set. */
function oneDoneHook(hooks: DoneHook[]): DoneHook {
  if (hooks.length === 1 && hooks[0]) return hooks[0];
  return (payload: DonePayload) => {
    let result = payload.result;
    const setResult: DonePayload['setResult'] = (value) => {
      result = value;
      payload.setResult(value);
    };
    const streamed: DoneResult[] = [];
    const keep = (returned: Awaited<ReturnType<DoneHook>>) => {
      if (returned) streamed.push(returned);
    };
    return after(
      inOrder(hooks, (hook) => hook({ args: payload.args, result, setResult }), keep),
      () => oneStreamHook(streamed),
    );
  };
}

/** What the `onExecuteDone` hooks return for a streamed result (`@defer`, `@stream`), as one. */
function oneStreamHook(results: DoneResult[]): DoneResult | undefined {
  const nexts = results.flatMap((r) => r.onNext ?? []);
  const ends = results.flatMap((r) => r.onEnd ?? []);
  if (nexts.length === 0 && ends.length === 0) return undefined;
  const onNext: NextHook = (payload: NextPayload) => {
    let result = payload.result;
    const setResult: NextPayload['setResult'] = (value) => {
      result = value;
      payload.setResult(value);
    };
    return inOrder(nexts, (hook) => hook({ args: payload.args, result, setResult }), ignore);
  };
  const onEnd = () => {
    for (const end of ends) end();
  };
  return { ...(nexts.length > 0 ? { onNext } : {}), ...(ends.length > 0 ? { onEnd } : {}) };
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}

function ignore(): void {}

/**
 * Calls each hook in order until `stopped()`, handing `keep` what each returned; synchronous while
 * the hooks are, a promise from the first that returns one on.
 */
function inOrder<H, R>(
  hooks: readonly H[],
  call: (hook: H) => R | PromiseLike<R>,
  keep: (returned: R) => void,
  stopped: () => boolean = () => false,
): undefined | Promise<void> {
  const from = (first: number): undefined | Promise<void> => {
    for (let at = first; at < hooks.length && !stopped(); at++) {
      const returned = call(hooks[at] as H);
      if (isThenable(returned)) {
        return Promise.resolve(returned).then((value) => {
          keep(value);
          return from(at + 1);
        });
      }
      keep(returned);
    }
    return undefined;
  };
  return from(0);
}

/** `then()` once `pending` settles, or at once when nothing is pending. */
function after<T>(pending: undefined | Promise<void>, then: () => T): T | Promise<T> {
  return pending ? pending.then(then) : then();
}

function hooksOf<P extends object, K extends keyof Plugin>(plugins: P[], hook: K): NonNullable<Plugin[K]>[] {
  return plugins.flatMap((plugin) => (plugin as Pick<Plugin, K>)[hook] ?? []);
}

/** The plugins with `hook` lose it, and the first of them holds `combined` in its place. */
function placeAtFirst<P extends object, K extends keyof Plugin>(
  plugins: P[],
  hook: K,
  combined: Plugin[K],
): P[] {
  let placed = false;
  return plugins.map((plugin) => {
    if (!(plugin as Pick<Plugin, K>)[hook]) return plugin;
    const { [hook]: _own, ...rest } = plugin as Pick<Plugin, K>;
    if (placed) return rest as P;
    placed = true;
    return { ...rest, [hook]: combined } as P;
  });
}
