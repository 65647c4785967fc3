import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { GraphQLError, type ValidationRule } from 'graphql';
import { createSchema, createYoga, type Plugin, type YogaServerOptions } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createYogaServer } from '../../src/gateway/request-hooks.js';

type ExecuteFn = Parameters<NonNullable<Plugin['onExecute']>>[0]['executeFn'];

const schema = createSchema({
  typeDefs: 'type Query { hello: String, later: String }',
  resolvers: { Query: { hello: () => 'hi', later: () => 'then' } },
});

/** A validation rule that refuses the field `later` when the query names it `refused`. */
const noRefusedLater: ValidationRule = (context) => ({
  Field(node) {
    if (node.alias?.value === 'refused') context.reportError(new GraphQLError('refused by K'));
  },
});

/** Plugins whose hooks write down what they were called with, some synchronous and some not. */
function loggingPlugins(log: string[]): Plugin[] {
  const marked = (fn: ExecuteFn, mark: string): ExecuteFn =>
    Object.assign((args: Parameters<ExecuteFn>[0]) => fn(args), { mark });
  const markOf = (fn: unknown) => (fn as { mark?: string }).mark ?? 'none';
  return [
    {
      onRequest: ({ request, url, setRequest, fetchAPI, requestHandler, setRequestHandler }) => {
        log.push(`A request ${url.pathname}`);
        // The handler set here is the one the hooks after this see.
        setRequestHandler(
          Object.assign((...args: Parameters<typeof requestHandler>) => requestHandler(...args), {
            mark: 'A',
          }),
        );
        // A request replaced here (with a header of its own) is the one the hooks after this see.
        if (request.method === 'GET')
          setRequest(new fetchAPI.Request(request.url, { headers: { 'x-seen': 'A' } }));
      },
      onRequestParse: ({ requestParser, setRequestParser }) => {
        log.push(`A parse, parser chosen: ${requestParser !== undefined}`);
        if (requestParser) {
          const chosen = requestParser;
          setRequestParser(async (request) => ({
            ...(await chosen(request)),
            extensions: { parsedBy: 'A' },
          }));
        }
        return {
          onRequestParseDone: ({ requestParserResult }) => {
            log.push(`A parsed: ${JSON.stringify(requestParserResult)}`);
          },
        };
      },
    },
    {
      onRequest: async ({ request, endResponse, fetchAPI }) => {
        await Promise.resolve();
        log.push('B request');
        if (request.headers.get('x-answer')) endResponse(new fetchAPI.Response('answered', { status: 202 }));
      },
      onRequestParse: async () => {
        await Promise.resolve();
        log.push('B parse');
        return {
          onRequestParseDone: ({ requestParserResult, setRequestParserResult }) => {
            log.push('B parsed');
            if (!Array.isArray(requestParserResult))
              setRequestParserResult({ ...requestParserResult, operationName: 'Named' });
          },
        };
      },
    },
    {
      onRequestParse: ({ request, endResponse, fetchAPI }) => {
        log.push('C parse');
        if (request.headers.get('x-end')) endResponse(new fetchAPI.Response('ended early', { status: 418 }));
      },
    },
    {
      onRequest: ({ request, requestHandler }) =>
        void log.push(
          `D request, seen ${request.headers.get('x-seen') ?? 'none'}, handler ${markOf(requestHandler)}`,
        ),
      onRequestParse: () => void log.push('D parse'),
    },
    {
      onExecute: ({ executeFn, setExecuteFn }) => {
        log.push(`E execute, fn ${markOf(executeFn)}`);
        setExecuteFn(marked(executeFn, 'E'));
        return {
          onExecuteDone: ({ result, setResult }) => {
            log.push('E done');
            if (!(Symbol.asyncIterator in result)) setResult({ ...result, extensions: { e: true } });
          },
        };
      },
    },
    {
      onExecute: async ({ executeFn, args }) => {
        await Promise.resolve();
        log.push(`F execute, fn ${markOf(executeFn)}, operation ${args.operationName ?? 'unnamed'}`);
        return {
          onExecuteDone: async ({ result }) => {
            await Promise.resolve();
            const streamed = Symbol.asyncIterator in result;
            log.push(`F done, ${streamed ? 'streamed' : `extensions ${JSON.stringify(result.extensions)}`}`);
            return {
              onNext: async ({ result: part, setResult }) => {
                await Promise.resolve();
                log.push(`F next ${JSON.stringify(part)}`);
                setResult({ ...part, extensions: { f: 1 } });
              },
              onEnd: () => void log.push('F end'),
            };
          },
        };
      },
    },
    {
      onExecute: ({ args, executeFn, setResultAndStopExecution }) => {
        log.push(`G execute, fn ${markOf(executeFn)}`);
        const request = (args.contextValue as { request: Request }).request;
        if (request.headers.get('x-stop')) setResultAndStopExecution({ data: { hello: 'kept' } });
        return {
          onExecuteDone: () => ({
            onNext: ({ result }) => void log.push(`G next ${JSON.stringify(result)}`),
            onEnd: () => void log.push('G end'),
          }),
        };
      },
    },
    { onExecute: () => void log.push('H execute') },
    {
      onParse: ({ parseFn, setParseFn, params }) => {
        log.push(`K parse ${String(params.source).length} chars`);
        setParseFn(Object.assign((...args: Parameters<typeof parseFn>) => parseFn(...args), { mark: 'K' }));
        return ({ result, replaceParseResult }) => {
          log.push(`K parsed, ${result instanceof Error ? 'an error' : 'a document'}`);
          if (result instanceof Error) replaceParseResult(new GraphQLError('unreadable, said K'));
        };
      },
      onValidate: ({ params, addValidationRule, validateFn, setValidationFn }) => {
        log.push(`K validate, ${params.rules?.length ?? 'no'} rules`);
        addValidationRule(noRefusedLater);
        setValidationFn(
          Object.assign((...args: Parameters<typeof validateFn>) => validateFn(...args), { mark: 'K' }),
        );
        return ({ valid, result, setResult }) => {
          log.push(`K validated, valid ${valid}`);
          if (!valid) setResult(result.map((error) => new GraphQLError(`${error.message} (seen by K)`)));
        };
      },
    },
    {
      onParse: ({ parseFn }) => {
        log.push(`L parse, fn ${(parseFn as { mark?: string }).mark ?? 'none'}`);
        return ({ result }) =>
          void log.push(`L parsed, ${result instanceof GraphQLError ? result.message : 'a document'}`);
      },
      onValidate: ({ params, validateFn }) => {
        log.push(
          `L validate, fn ${(validateFn as { mark?: string }).mark ?? 'none'}, ${params.rules?.length ?? 'no'} rules`,
        );
        return ({ result }) =>
          void log.push(`L validated: ${result.map((error) => error.message).join('; ')}`);
      },
    },
    {
      onParams: ({ params, setParams, paramsHandler, setParamsHandler }) => {
        log.push(`I params ${params.operationName ?? 'unnamed'}`);
        setParamsHandler(
          Object.assign((...args: Parameters<typeof paramsHandler>) => paramsHandler(...args), { mark: 'I' }),
        );
        if (params.query?.includes('rename')) setParams({ ...params, query: '{ hello }' });
      },
      onResultProcess: ({ result, setResult, resultProcessor }) => {
        log.push(`I result, processor chosen: ${resultProcessor !== undefined}`);
        if (!Array.isArray(result) && !(Symbol.asyncIterator in result))
          setResult({ ...result, extensions: { ...result.extensions, i: true } });
      },
      onResponse: ({ response, setResponse, fetchAPI }) => {
        log.push(`I response ${response.status}`);
        const headers = { ...Object.fromEntries(response.headers), 'x-by': 'I' };
        setResponse(new fetchAPI.Response(response.body, { status: response.status, headers }));
      },
    },
    {
      onParams: async ({ params, setResult, paramsHandler }) => {
        await Promise.resolve();
        log.push(`J params ${params.query}, handler ${markOf(paramsHandler)}`);
        if (params.query?.includes('set')) setResult({ data: { hello: 'set by J' } });
      },
      onResultProcess: ({ result }) =>
        void log.push(
          `J result ${JSON.stringify(Array.isArray(result) || Symbol.asyncIterator in result ? 'many' : result.extensions)}`,
        ),
      onResponse: ({ response }) => void log.push(`J response ${response.headers.get('x-by') ?? 'none'}`),
    },
  ];
}

type Options = YogaServerOptions<object, object>;

/** What a request did (the hooks' log) and what its client saw, with the hooks as given or as one. */
async function call(
  combined: boolean,
  url: string,
  init: RequestInit = {},
  plugins: (log: string[]) => Plugin[] = loggingPlugins,
) {
  const log: string[] = [];
  const options: Options = {
    schema,
    logging: false,
    cors: { origin: 'https://app.test' },
    plugins: [useDeferStream(), ...plugins(log)],
  };
  const yoga = combined ? createYogaServer(options) : createYoga(options);
  const response = await yoga.fetch(url, init);
  const headers = [...response.headers].filter(([name]) => name !== 'date');
  return { status: response.status, headers, body: await response.text(), log };
}

/** A POST of `query`, as a client asking for JSON or parts would send it. */
function send(combined: boolean, query: string, headers: Record<string, string> = {}) {
  return call(combined, 'http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, multipart/mixed', ...headers },
    body: JSON.stringify({ query }),
  });
}

describe('hooks of the same kind run as one', () => {
  const endpoint = 'http://gateway.test/graphql';
  const post = (query: string, headers: Record<string, string> = {}, body = JSON.stringify({ query })) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, multipart/mixed', ...headers },
    body,
  });
  const named = 'query Named { hello }';
  const cases: [string, string, RequestInit][] = [
    ['a query', endpoint, post(named)],
    ['a request a hook answers on arrival', endpoint, post(named, { 'x-answer': '1' })],
    ['a request a hook answers before it is parsed', endpoint, post(named, { 'x-end': '1' })],
    ['a query a hook answers before it runs', endpoint, post(named, { 'x-stop': '1' })],
    ['a query answered in parts', endpoint, post('query Named { hello ... @defer { later } }')],
    ['parameters a hook replaces', endpoint, post('query Renamed { rename: hello }')],
    ['a query a rule a hook added refuses', endpoint, post('query Named { hello refused: later }')],
    ['a query graphql-js refuses', endpoint, post('query Named { hello nothing }')],
    ['a query that does not parse', endpoint, post('query Named { hello ')],
    ['a result a hook sets from the parameters', endpoint, post('{ set: hello }')],
    ['a query in a GET', `${endpoint}?query=%7Bhello%7D`, {}],
    [
      'a query sent as GraphQL text',
      endpoint,
      post('', { 'content-type': 'application/graphql' }, '{ hello }'),
    ],
    [
      'a query sent as a form',
      endpoint,
      post('', { 'content-type': 'application/x-www-form-urlencoded' }, 'query=%7Bhello%7D'),
    ],
    ['a body of no known type', endpoint, post('', { 'content-type': 'text/plain' }, '{ hello }')],
    ['a body that is not JSON', endpoint, post('', {}, '{ hello')],
    ['an answer in no type the client takes', endpoint, post(named, { accept: 'image/png' })],
    [
      'an answer as GraphQL over HTTP',
      endpoint,
      post('{ nope }', { accept: 'application/graphql-response+json' }),
    ],
    ['a batch', endpoint, post('', {}, JSON.stringify([{ query: '{ hello }' }]))],
    ['a mutation in a GET', `${endpoint}?query=mutation%7Bhello%7D`, {}],
    ['the health check', 'http://gateway.test/health', {}],
    ['a path nothing serves', 'http://gateway.test/elsewhere', {}],
    [
      'a CORS preflight',
      endpoint,
      {
        method: 'OPTIONS',
        headers: { origin: 'https://app.test', 'access-control-request-method': 'POST' },
      },
    ],
    ['a query from another origin', endpoint, post(named, { origin: 'https://app.test' })],
  ];

  for (const [name, url, init] of cases) {
    it(`does what the separate hooks do for ${name}`, async () => {
      const separate = await call(false, url, init);
      const combined = await call(true, url, init);
      expect(combined.log).toEqual(separate.log);
      expect(combined.status).toBe(separate.status);
      expect(combined.headers).toEqual(separate.headers);
      const boundary = /-{3}[\w-]*/g;
      expect(combined.body.replace(boundary, '---')).toBe(separate.body.replace(boundary, '---'));
    });
  }

  /** What the hooks log for a POST of a query up to the third onRequestParse hook. */
  const throughC = [
    'A request /graphql',
    'B request',
    'D request, seen none, handler A',
    'A parse, parser chosen: true',
    'B parse',
    'C parse',
  ];

  it('runs each hook in order, each seeing what the ones before it chose', async () => {
    const { body, log } = await send(true, 'query Named { hello }');
    expect(log).toEqual([
      ...throughC,
      'D parse',
      'A parsed: {"query":"query Named { hello }","extensions":{"parsedBy":"A"}}',
      'B parsed',
      'I params Named',
      'J params query Named { hello }, handler I',
      'K parse 21 chars',
      'L parse, fn K',
      'K parsed, a document',
      'L parsed, a document',
      // graphql-js's rules and the defer/stream plugin's, then the one K added.
      'K validate, 31 rules',
      'L validate, fn K, 32 rules',
      'K validated, valid true',
      'L validated: ',
      'E execute, fn none',
      'F execute, fn E, operation Named',
      'G execute, fn E',
      'H execute',
      'E done',
      'F done, extensions {"e":true}',
      'I result, processor chosen: true',
      'J result {"e":true,"i":true}',
      'I response 200',
      'J response I',
    ]);
    expect(JSON.parse(body)).toEqual({ data: { hello: 'hi' }, extensions: { e: true, i: true } });
  });

  it('refuses with the rules the hooks added, and the results their after-hooks set', async () => {
    const refused = await send(true, 'query Named { hello refused: later }');
    expect(JSON.parse(refused.body).errors).toEqual([
      expect.objectContaining({ message: 'refused by K (seen by K)' }),
    ]);
    expect(refused.log).toContain('L validated: refused by K (seen by K)');
    const unreadable = await send(true, 'query Named { hello ');
    expect(unreadable.log).toContain('L parsed, unreadable, said K');
  });

  it('stops at the hook that ends the response, and at the one that sets the result', async () => {
    const ended = await send(true, 'query Named { hello }', { 'x-end': '1' });
    expect(ended.status).toBe(418);
    expect(ended.log).toEqual([...throughC, 'I response 418', 'J response I']);
    const answered = await send(true, 'query Named { hello }', { 'x-answer': '1' });
    expect(answered.status).toBe(202);
    expect(answered.body).toBe('answered');
    expect(answered.log).toEqual(['A request /graphql', 'B request', 'I response 202', 'J response I']);
    const kept = await send(true, 'query Named { hello }', { 'x-stop': '1' });
    expect(JSON.parse(kept.body)).toEqual({ data: { hello: 'kept' }, extensions: { e: true, i: true } });
    expect(kept.log).not.toContain('H execute');
    expect(kept.log.at(-5)).toBe('F done, extensions {"e":true}');
  });

  it('shows the hooks after one that replaced the request the request it set', async () => {
    const get = async (combined: boolean) => {
      const log: string[] = [];
      const plugins = loggingPlugins(log);
      const options: Options = { schema, logging: false, plugins };
      const yoga = combined ? createYogaServer(options) : createYoga(options);
      const response = await yoga.fetch('http://gateway.test/graphql?query=%7Bhello%7D');
      return { status: response.status, log };
    };
    const separate = await get(false);
    const combined = await get(true);
    expect(combined).toEqual(separate);
    expect(combined.log.slice(0, 3)).toEqual([
      'A request /graphql',
      'B request',
      'D request, seen A, handler A',
    ]);
  });

  it('runs the part hooks of done hooks that have only those, or only ends', async () => {
    /** Two plugins whose done hooks return only `onNext`, or only `onEnd`, for an answer in parts. */
    const partsOnly = (kind: 'onNext' | 'onEnd') => (log: string[]) =>
      ['P', 'Q'].map(
        (name): Plugin => ({
          onExecute: () => ({
            onExecuteDone: () =>
              kind === 'onNext'
                ? { onNext: ({ result }) => void log.push(`${name} next ${JSON.stringify(result)}`) }
                : { onEnd: () => void log.push(`${name} end`) },
          }),
        }),
      );
    const deferred = {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({ query: '{ hello ... @defer { later } }' }),
    };
    for (const kind of ['onNext', 'onEnd'] as const) {
      const separate = await call(false, 'http://gateway.test/graphql', deferred, partsOnly(kind));
      const combined = await call(true, 'http://gateway.test/graphql', deferred, partsOnly(kind));
      expect(combined.log).toEqual(separate.log);
      expect(combined.log.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('runs the hooks on each part of a streamed answer, in order, and their ends once', async () => {
    const { log } = await send(true, 'query Named { hello ... @defer { later } }');
    const parts = log.filter((line) => / next | end$/.test(line));
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(parts.filter((line) => line.startsWith('F next'))).toHaveLength(
      parts.filter((line) => line.startsWith('G next')).length,
    );
    expect(parts.at(-2)).toBe('F end');
    expect(parts.at(-1)).toBe('G end');
    // What the first hook set on a part is what the next one sees.
    expect(
      parts
        .filter((line) => line.startsWith('G next'))
        .every((line) => line.includes('"extensions":{"f":1}')),
    ).toBe(true);
  });
});

describe('validation results kept per document and rules', () => {
  /**
   * A server whose one plugin counts the validations that run, logs what its after-hook sees, and
   * adds `noRefusedLater` to the requests that send `x-strict` (rules that differ between requests),
   * and a rule of its own to every request: a new function each time with `fresh` (as graphql-armor's
   * limits make theirs), else the same one.
   */
  function counted(options: { cache?: false; fresh?: true } = {}) {
    const same: ValidationRule = () => ({});
    const seen: string[] = [];
    let validations = 0;
    const plugin: Plugin = {
      onValidate: ({ context, addValidationRule, validateFn, setValidationFn }) => {
        const strict = (context as { request?: Request }).request?.headers.get('x-strict');
        if (strict) addValidationRule(noRefusedLater);
        addValidationRule(options.fresh ? () => ({}) : same);
        setValidationFn((...args) => {
          validations += 1;
          return validateFn(...args);
        });
        return ({ result }) => {
          seen.push(result.map((error) => error.message).join() || 'valid');
        };
      },
    };
    const yoga = createYogaServer({
      schema,
      logging: false,
      plugins: [plugin],
      ...(options.cache === false ? { parserAndValidationCache: false } : {}),
    });
    const ask = async (query: string, headers: Record<string, string> = {}) => {
      const response = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      return response.json() as Promise<{ data?: unknown; errors?: { message: string }[] }>;
    };
    return { ask, seen, validations: () => validations };
  }

  it('validates a document once, and gives its after-hooks the kept result each time', async () => {
    const server = counted();
    for (let i = 0; i < 3; i++)
      expect(await server.ask('{ hello refused: later }')).toEqual({
        data: { hello: 'hi', refused: 'then' },
      });
    for (let i = 0; i < 2; i++)
      expect((await server.ask('{ nothing }')).errors?.[0]?.message).toMatch(/Cannot query field "nothing"/);
    expect(server.validations()).toBe(2);
    expect(server.seen.slice(0, 3)).toEqual(['valid', 'valid', 'valid']);
    expect(server.seen[3]).toBe(server.seen[4]);
  });

  it('tells the rules of one request from another: a document valid without a rule is refused with it', async () => {
    const server = counted();
    const query = '{ hello refused: later }';
    expect((await server.ask(query)).data).toBeDefined();
    expect((await server.ask(query, { 'x-strict': '1' })).errors).toEqual([
      expect.objectContaining({ message: 'refused by K' }),
    ]);
    expect((await server.ask(query, { 'x-strict': '1' })).errors).toHaveLength(1);
    expect((await server.ask(query)).data).toBeDefined();
  });

  it('keeps results for rules made anew on each request, told apart by their names', async () => {
    const server = counted({ fresh: true });
    const query = '{ hello refused: later }';
    for (let i = 0; i < 4; i++) expect((await server.ask(query)).data).toBeDefined();
    expect((await server.ask(query, { 'x-strict': '1' })).errors).toHaveLength(1);
    // The first request's own functions, then their names: twice, and once more with the strict rule.
    expect(server.validations()).toBe(3);
  });

  it('keeps nothing when the server is told not to', async () => {
    const server = counted({ cache: false });
    for (let i = 0; i < 3; i++) await server.ask('{ hello }');
    expect(server.validations()).toBe(3);
  });
});

describe('the answer chosen per Accept header', () => {
  it('is the one Yoga chooses, for each of a run of requests to one server', async () => {
    const accepts = [
      'application/json',
      'image/png',
      'application/graphql-response+json',
      '*/*',
      'multipart/mixed',
      'text/event-stream',
      'application/json; charset=latin1, application/graphql-response+json;q=0.9',
      undefined,
      'application/json',
      'image/png',
    ];
    const queries = ['{ hello }', '{ hello ... @defer { later } }', '{ nothing }'];
    const servers = [false, true].map((combined) => {
      const options: Options = { schema, logging: false, plugins: [useDeferStream()] };
      return combined ? createYogaServer(options) : createYoga(options);
    });
    const boundary = /-{3}[\w-]*/g;
    for (const query of queries)
      for (const accept of accepts) {
        const [separate, combined] = await Promise.all(
          servers.map(async (yoga) => {
            const response = await yoga.fetch('http://gateway.test/graphql', {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
              body: JSON.stringify({ query }),
            });
            const body = (await response.text()).replace(boundary, '---');
            const headers = [...response.headers].filter(([name]) => name !== 'date');
            return { status: response.status, headers, body };
          }),
        );
        expect(combined, `${query} with ${accept}`).toEqual(separate);
      }
  });
});

describe('the URL the hooks of a direct request read', () => {
  it('is the one Yoga gives them, part by part', async () => {
    const seen: Record<string, unknown>[] = [];
    const plugin: Plugin = {
      onRequest: ({ url }) => {
        seen.push({
          pathname: url.pathname,
          search: url.search,
          hash: url.hash,
          href: url.href,
          origin: url.origin,
          protocol: url.protocol,
          host: url.host,
          hostname: url.hostname,
          port: url.port,
          username: url.username,
          password: url.password,
          params: [...url.searchParams],
          text: String(url),
          json: JSON.stringify({ url }),
        });
      },
    };
    const yoga = createYogaServer({ schema, logging: false, plugins: [plugin] });
    expect(yoga.direct).toBeDefined();
    // One server: the first request served by the direct path, the second by Yoga.
    let direct = true;
    const server = createServer((req, res) => {
      if (direct && yoga.direct?.(req, res)) return;
      void yoga(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const served of ['direct', 'yoga']) {
        direct = served === 'direct';
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ hello }' }),
        });
        expect(await response.json()).toEqual({ data: { hello: 'hi' } });
      }
      expect(seen).toHaveLength(2);
      expect(seen[0]).toEqual(seen[1]);
      expect(seen[0]).toMatchObject({ pathname: '/graphql', host: `127.0.0.1:${port}`, params: [] });
    } finally {
      server.close();
    }
  });
});
