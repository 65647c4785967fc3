import { createServerAdapter } from '@whatwg-node/server';
import type { ValidationRule } from 'graphql';
import {
  isAsyncIterable,
  type Plugin,
  YogaServer,
  type YogaServerInstance,
  type YogaServerOptions,
} from 'graphql-yoga';
import { type DirectPath, directPath } from './direct-path.js';
import { after, ignore, inOrder } from './thenable.js';

/**
 * Yoga's server, made as `createYoga` makes it, with each kind of hook run as one.
 *
 * Yoga and envelop walk each kind of hook through a chain of promise-like objects and closures,
 * several per hook and request, and give each hook a payload of its own. Yoga's own plugins and the
 * gateway's hold many hooks of the same kinds (seven `onRequestParse` hooks, eight `onValidate`, five
 * `onParse`, three `onParams`, three `onResultProcess`, three `onRequest`, nine `onExecute`): each
 * kind runs here as one hook, in the same order, seeing what the ones before it set and ending
 * where they would end, so that a request pays for the walk once per kind rather than once per hook.
 * Hooks of one kind share one payload, changed between them as Yoga or envelop would give the next
 * its own.
 *
 * The one option left to its default by `createYoga` is given: without it, the request adapter compares
 * its Request with `globalThis.Request` to choose how to abort a request whose client went away, and
 * reading that global makes Node load its own fetch implementation (~35 ms of every start) for
 * nothing: Yoga's requests are never Node's own. Either way each request gets the same kind of signal.
 */
export function createYogaServer<TServerContext extends object, TUserContext extends object>(
  options: YogaServerOptions<TServerContext, TUserContext>,
): YogaServerInstance<TServerContext, TUserContext> & { direct: DirectPath | undefined } {
  // Validation results are kept by the folded `onValidate` hook (ValidationResults), in place of Yoga's cache of them.
  const cache = options.parserAndValidationCache ?? true;
  const results =
    cache !== false && (cache === true || cache.validationCache !== false)
      ? new ValidationResults()
      : undefined;
  const server = new YogaServer({
    ...options,
    ...(cache === false
      ? {}
      : { parserAndValidationCache: { ...(cache === true ? {} : cache), validationCache: false } }),
    plugins: [...(options.plugins ?? []), useOneEnvelopHookPerKind(results)],
  });
  foldServerHooks(server);
  // As createYoga passes them: the server adapter runs the plugins' `onRequest` and `onResponse` hooks.
  // biome-ignore lint/complexity/useLiteralKeys: protected in YogaServer's types; createYoga reads it so too
  const adapterPlugins = withOneResponseHook(withOneRequestHook(server['plugins']));
  const adapter = createServerAdapter(server, {
    fetchAPI: server.fetchAPI,
    plugins: adapterPlugins,
    __useCustomAbortCtrl: true,
  });
  const direct = directPath(server, adapterPlugins as Plugin[], options.graphqlEndpoint ?? '/graphql');
  return Object.assign(adapter, { direct });
}

/** The lists of hooks Yoga's server collects from every plugin when it is made, and walks per request. */
interface ServerHookLists {
  onRequestParseHooks: RequestParseHook[];
  onParamsHooks: ParamsHook[];
  onResultProcessHooks: ResultProcessHook[];
}

function foldServerHooks(server: object): void {
  const lists = server as Partial<ServerHookLists>;
  const listOf = <K extends keyof ServerHookLists>(key: K): ServerHookLists[K] => {
    const list = lists[key];
    // Kept private by Yoga: a version that renames them must fail here, not serve unfolded.
    if (!Array.isArray(list)) throw new Error(`Yoga's server keeps no ${key} list to fold`);
    return list;
  };
  lists.onRequestParseHooks = asOne(listOf('onRequestParseHooks'), oneRequestParseHook);
  lists.onParamsHooks = asOne(listOf('onParamsHooks'), oneParamsHook);
  lists.onResultProcessHooks = asOne(listOf('onResultProcessHooks'), oneResultProcessHook);
}

/**
 * envelop collects its hooks (`onParse`, `onValidate`, `onExecute`) from the plugins once each has
 * been initialized, in the order they are listed; this plugin, last of the gateway's, folds them in
 * that list while it is initialized. Yoga's plugins after it add none.
 */
function useOneEnvelopHookPerKind(results: ValidationResults | undefined): Plugin {
  return {
    onPluginInit: ({ plugins }) => {
      const folded = withOneValidateHook(
        withOneParseHook(withOneExecuteHook(withResultChoicesKept(plugins))),
        results,
      );
      // The same list, changed in place: envelop reads it after this hook returns.
      plugins.splice(0, plugins.length, ...folded);
    },
  };
}

/**
 * Yoga's result processors (the plugin with only `onSubscribe` and `onResultProcess`) choose how a
 * result is answered from the request's Accept header, which they split and match anew for every
 * request: some 14 k instructions a lookup, ten `split`s among them. The choice depends on nothing
 * else than that header, whether the result comes in parts and whether the request is a
 * subscription: it is made once per such three (a few hundred Accept headers at most; then it
 * starts over) and told again to the requests after, as Yoga's hook would tell it (the same media
 * types listed as acceptable, in order, and the processor it would choose last).
 */
function withResultChoicesKept<P extends object>(plugins: P[]): P[] {
  const at = plugins.findIndex((plugin) => {
    const keys = Object.keys(plugin);
    return keys.length === 2 && keys.includes('onSubscribe') && keys.includes('onResultProcess');
  });
  const yogas = plugins[at] as Required<Pick<Plugin, 'onSubscribe' | 'onResultProcess'>> | undefined;
  if (!yogas) throw new Error("Yoga's result processors are not among the plugins: they cannot be kept");
  const subscriptions = new WeakSet<Request>();
  const kept = new Map<string, ResultChoiceKept>();
  let synchronous = true;
  const keeping: Pick<Plugin, 'onSubscribe' | 'onResultProcess'> = {
    onSubscribe: (payload) => {
      const { request } = payload.args.contextValue as { request?: Request };
      if (request) subscriptions.add(request);
      return yogas.onSubscribe(payload);
    },
    onResultProcess: (payload) => {
      if (!synchronous) return yogas.onResultProcess(payload);
      const accept = payload.request.headers.get('accept') ?? '';
      const key = `${subscriptions.has(payload.request) ? 's' : 'o'}${isAsyncIterable(payload.result) ? 'p' : 'w'}${accept}`;
      let choice = kept.get(key);
      if (!choice) {
        const acceptable: string[] = [];
        let chosen: ResultChoiceKept['chosen'];
        const returned = yogas.onResultProcess({
          ...payload,
          acceptableMediaTypes: acceptable,
          setResultProcessor: (processor, mediaType) => {
            chosen = { processor, mediaType };
          },
        });
        // Yoga's is synchronous: were it not, it would be run each time, as it is.
        if (returned !== undefined) {
          synchronous = false;
          return yogas.onResultProcess(payload);
        }
        choice = { acceptable, chosen };
        if (kept.size >= MAX_KEPT_CHOICES) kept.clear();
        kept.set(key, choice);
      }
      payload.acceptableMediaTypes.push(...choice.acceptable);
      if (choice.chosen) payload.setResultProcessor(choice.chosen.processor, choice.chosen.mediaType);
    },
  };
  const replaced = [...plugins];
  replaced[at] = keeping as P;
  return replaced;
}

type ResultProcessor = Parameters<ResultProcessPayload['setResultProcessor']>[0];
interface ResultChoiceKept {
  acceptable: string[];
  chosen: { processor: ResultProcessor; mediaType: string } | undefined;
}
const MAX_KEPT_CHOICES = 256;

/** A list of hooks as a list of at most one. */
function asOne<H>(hooks: H[], combine: (hooks: H[]) => H): H[] {
  return hooks.length < 2 ? hooks : [combine(hooks)];
}

type RequestHook = NonNullable<Plugin['onRequest']>;
type RequestPayload = Parameters<RequestHook>[0];
type ResponseHook = NonNullable<Plugin['onResponse']>;
type ResponsePayload = Parameters<ResponseHook>[0];
type ParamsHook = NonNullable<Plugin['onParams']>;
type ParamsPayload = Parameters<ParamsHook>[0];
type ResultProcessHook = NonNullable<Plugin['onResultProcess']>;
type ResultProcessPayload = Parameters<ResultProcessHook>[0];
type RequestParseHook = NonNullable<Plugin['onRequestParse']>;
type RequestParsePayload = Parameters<RequestParseHook>[0];
type RequestParseResult = Extract<Awaited<ReturnType<RequestParseHook>>, object>;
type RequestParseDoneHook = NonNullable<RequestParseResult['onRequestParseDone']>;
type RequestParseDonePayload = Parameters<RequestParseDoneHook>[0];
type ParseHook = NonNullable<Plugin['onParse']>;
type ParsePayload = Parameters<ParseHook>[0];
type AfterParseHook = Extract<ReturnType<ParseHook>, (...args: never[]) => unknown>;
type AfterParsePayload = Parameters<AfterParseHook>[0];
type ValidateHook = NonNullable<Plugin['onValidate']>;
type ValidatePayload = Parameters<ValidateHook>[0];
type AfterValidateHook = Extract<ReturnType<ValidateHook>, (...args: never[]) => unknown>;
type AfterValidatePayload = Parameters<AfterValidateHook>[0];
type ExecuteHook = NonNullable<Plugin['onExecute']>;
type ExecutePayload = Parameters<ExecuteHook>[0];
type ExecuteResult = Extract<Awaited<ReturnType<ExecuteHook>>, object>;
type DoneHook = NonNullable<ExecuteResult['onExecuteDone']>;
type DonePayload = Parameters<DoneHook>[0];
type DoneResult = Extract<Awaited<ReturnType<DoneHook>>, object>;
type NextHook = NonNullable<DoneResult['onNext']>;
type NextPayload = Parameters<NextHook>[0];

/**
 * The plugins' `onRequest` hooks as one, in the server adapter (/ready, /metrics, GraphiQL, the body
 * limit, and Yoga's health check, CORS and unhandled routes): a hook that ends the response ends the
 * walk, and one that replaces the request shows the hooks after it the request it set.
 */
function withOneRequestHook<P extends object>(plugins: P[]): P[] {
  const hooks = hooksOf(plugins, 'onRequest');
  if (hooks.length < 2) return plugins;
  const onRequest: RequestHook = (payload) => {
    let ended = false;
    const shared: RequestPayload = {
      ...payload,
      setRequest: (request) => {
        shared.request = request;
        payload.setRequest(request);
      },
      setRequestHandler: (handler) => {
        shared.requestHandler = handler;
        payload.setRequestHandler(handler);
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

/** The plugins' `onResponse` hooks as one: each sees the response the ones before it set. */
function withOneResponseHook<P extends object>(plugins: P[]): P[] {
  const hooks = hooksOf(plugins, 'onResponse');
  if (hooks.length < 2) return plugins;
  const onResponse: ResponseHook = (payload) => {
    const shared: ResponsePayload = {
      ...payload,
      setResponse: (response) => {
        shared.response = response;
        payload.setResponse(response);
      },
    };
    return inOrder(hooks, (hook) => hook(shared), ignore);
  };
  return placeAtFirst(plugins, 'onResponse', onResponse);
}

/**
 * The `onRequestParse` hooks as one, and the `onRequestParseDone` hooks they return: as Yoga does,
 * each sees the parser the ones before it chose (Yoga's own parsers for GET, JSON, GraphQL and form
 * bodies are four of them), and one that ends the response ends the walk.
 */
function oneRequestParseHook(hooks: RequestParseHook[]): RequestParseHook {
  return (payload) => {
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
 * The `onParams` hooks as one: each sees the parameters and the handler the ones before it set. As in
 * Yoga, a hook that sets the result does not stop the ones after it.
 */
function oneParamsHook(hooks: ParamsHook[]): ParamsHook {
  return (payload) => {
    const shared: ParamsPayload = {
      ...payload,
      setParams: (params) => {
        shared.params = params;
        payload.setParams(params);
      },
      setParamsHandler: (handler) => {
        shared.paramsHandler = handler;
        payload.setParamsHandler(handler);
      },
    };
    return inOrder(hooks, (hook) => hook(shared), ignore);
  };
}

/**
 * The `onResultProcess` hooks as one: each sees the result and the result processor the ones before
 * it set (Yoga's own hook chooses the processor by the request's `Accept`).
 */
function oneResultProcessHook(hooks: ResultProcessHook[]): ResultProcessHook {
  return (payload) => {
    const shared: ResultProcessPayload = {
      ...payload,
      setResult: (result) => {
        shared.result = result;
        payload.setResult(result);
      },
      setResultProcessor: (processor, mediaType) => {
        shared.resultProcessor = processor;
        payload.setResultProcessor(processor, mediaType);
      },
    };
    return inOrder(hooks, (hook) => hook(shared), ignore);
  };
}

/**
 * The plugins' `onParse` hooks as one, and the hooks they return for after the parse: each sees the
 * parse function the ones before it set, and each after-hook the result the ones before it set.
 */
function withOneParseHook<P extends object>(plugins: P[]): P[] {
  const hooks = hooksOf(plugins, 'onParse');
  if (hooks.length < 2) return plugins;
  const onParse: ParseHook = (payload) => {
    const shared: ParsePayload = {
      ...payload,
      setParseFn: (parse) => {
        shared.parseFn = parse;
        payload.setParseFn(parse);
      },
    };
    const afters = callEach(hooks, shared);
    return afters && oneAfterParseHook(afters);
  };
  return placeAtFirst(plugins, 'onParse', onParse);
}

function oneAfterParseHook(hooks: AfterParseHook[]): AfterParseHook {
  if (hooks.length === 1 && hooks[0]) return hooks[0];
  return (payload) => {
    const shared: AfterParsePayload = {
      ...payload,
      replaceParseResult: (result) => {
        shared.result = result;
        payload.replaceParseResult(result);
      },
    };
    for (const hook of hooks) hook(shared);
  };
}

/**
 * The plugins' `onValidate` hooks as one, and the hooks they return for after the validation: each
 * sees the validation function and the rules the ones before it set, and each after-hook the result
 * the ones before it set. With `results` (made by the server in place of Yoga's validation cache),
 * a document already validated with the same rules against the same schema gets the result it got
 * then, without validating again; the after-hooks see it as they would a validation's.
 */
function withOneValidateHook<P extends object>(plugins: P[], results?: ValidationResults): P[] {
  const hooks = hooksOf(plugins, 'onValidate');
  if (hooks.length < 2 && !results) return plugins;
  const onValidate: ValidateHook = (payload) => {
    // The rules validation runs with, which the hooks may change in place (the gateway's input
    // errors swap one of graphql-js's for its own). envelop, given none, starts its list at the first
    // rule added, out of reach here: such a list is then kept here, and validation given it.
    const given = payload.params;
    let rules = given.rules;
    let validateFn = payload.validateFn;
    const params = { ...given };
    const shared: ValidatePayload = {
      ...payload,
      params,
      validateFn,
      setValidationFn: (validate) => {
        validateFn = validate;
        shared.validateFn = validate;
      },
      addValidationRule: (rule) => {
        rules ??= [];
        rules.push(rule);
      },
    };
    let afters: AfterValidateHook[] | undefined;
    for (const hook of hooks) {
      // The parameters as envelop gives each hook its own: one hook reassigning its `rules` (Yoga's
      // defer/stream plugin does) changes nothing for the others.
      params.schema = given.schema;
      params.documentAST = given.documentAST;
      params.rules = rules;
      params.typeInfo = given.typeInfo;
      params.options = given.options;
      const after = hook(shared);
      if (after) {
        afters ??= [];
        afters.push(after);
      }
    }
    if (rules === given.rules) {
      if (validateFn !== payload.validateFn) payload.setValidationFn(validateFn);
    } else {
      const chosen = validateFn;
      const kept = rules;
      payload.setValidationFn((schema, document, _none, typeInfo, options) =>
        chosen(schema, document, kept, typeInfo, options),
      );
    }
    const remember = results?.lookUp(given.schema, given.documentAST, rules, payload.setResult);
    if (remember) {
      afters ??= [];
      // Last, as Yoga's cache: what is kept is the result the other after-hooks leave.
      afters.push(remember);
    }
    return afters && oneAfterValidateHook(afters);
  };
  return placeAtFirst(plugins, 'onValidate', onValidate);
}

type ValidationRules = ValidationRule[];
type ValidationResult = Parameters<ValidatePayload['setResult']>[0];

/**
 * Validation results by schema, rules and document, as Yoga's validation cache keeps them, keyed
 * for less: Yoga's names the rules of every request by joining their names (reading each function's
 * name, then hashing a string of some 600 characters), where a request that brings the same rule
 * functions as the first one (the common case: the gateway's rules are made once) is known by
 * comparing them one by one. Rules made per request are still named.
 */
export class ValidationResults {
  private readonly byRules = new Map<object | string, WeakMap<object, WeakMap<object, ValidationResult>>>();
  private first: ValidationRules | undefined;

  constructor(private readonly maxRuleSets = 64) {}

  /**
   * Sets the result kept for the document, if any; else returns the after-hook that keeps the
   * result its validation gets.
   */
  lookUp(
    schema: object | null | undefined,
    document: object,
    rules: ValidationRules | undefined,
    setResult: (result: ValidationResult) => void,
  ): AfterValidateHook | undefined {
    // No schema, no cache (as Yoga's).
    if (schema == null) return undefined;
    const key = this.keyOf(rules);
    let bySchema = this.byRules.get(key);
    if (!bySchema) {
      // Rules made per request with names of their own each time would grow it without end.
      if (this.byRules.size >= this.maxRuleSets) this.byRules.clear();
      bySchema = new WeakMap();
      this.byRules.set(key, bySchema);
    }
    let byDocument = bySchema.get(schema);
    if (!byDocument) {
      byDocument = new WeakMap();
      bySchema.set(schema, byDocument);
    }
    const kept = byDocument.get(document);
    if (kept) {
      setResult(kept);
      return undefined;
    }
    const keep = byDocument;
    return ({ result }) => {
      if (result != null) keep.set(document, result);
    };
  }

  private keyOf(rules: ValidationRules | undefined): object | string {
    if (!rules) return NO_RULES;
    this.first ??= [...rules];
    const first = this.first;
    if (first.length === rules.length && first.every((rule, at) => rule === rules[at])) return first;
    return rules.map((rule) => rule.name).join(',');
  }
}

const NO_RULES = {};

function oneAfterValidateHook(hooks: AfterValidateHook[]): AfterValidateHook {
  if (hooks.length === 1 && hooks[0]) return hooks[0];
  return (payload) => {
    const shared: AfterValidatePayload = {
      ...payload,
      setResult: (result) => {
        shared.result = result;
        payload.setResult(result);
      },
    };
    for (const hook of hooks) hook(shared);
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

/** Calls each of the synchronous hooks with the payload, and lists what they returned, if any did. */
function callEach<P, R>(hooks: readonly ((payload: P) => R)[], payload: P): Exclude<R, void>[] | undefined {
  let returned: Exclude<R, void>[] | undefined;
  for (const hook of hooks) {
    const after = hook(payload);
    if (!after) continue;
    returned ??= [];
    returned.push(after as Exclude<R, void>);
  }
  return returned;
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
