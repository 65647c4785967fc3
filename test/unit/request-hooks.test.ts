import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { withCombinedHooks } from '../../src/gateway/request-hooks.js';

type ExecuteFn = Parameters<NonNullable<Plugin['onExecute']>>[0]['executeFn'];

const schema = createSchema({
  typeDefs: 'type Query { hello: String, later: String }',
  resolvers: { Query: { hello: () => 'hi', later: () => 'then' } },
});

/** Plugins whose hooks write down what they were called with, some synchronous and some not. */
function loggingPlugins(log: string[]): Plugin[] {
  const marked = (fn: ExecuteFn, mark: string): ExecuteFn =>
    Object.assign((args: Parameters<ExecuteFn>[0]) => fn(args), { mark });
  const markOf = (fn: ExecuteFn) => (fn as { mark?: string }).mark ?? 'none';
  return [
    {
      onRequest: ({ request, url, setRequest, fetchAPI }) => {
        log.push(`A request ${url.pathname}`);
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
      onRequest: ({ request }) => void log.push(`D request, seen ${request.headers.get('x-seen') ?? 'none'}`),
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
  ];
}

/** What a request did (the hooks' log) and what its client saw, with the hooks as given or combined. */
async function send(combined: boolean, query: string, headers: Record<string, string> = {}) {
  const log: string[] = [];
  const plugins = loggingPlugins(log);
  const yoga = createYoga({
    schema,
    logging: false,
    plugins: [useDeferStream(), ...(combined ? withCombinedHooks(plugins) : plugins)],
  });
  const response = await yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, multipart/mixed', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.text(), log };
}

describe('hooks of the same kind run as one', () => {
  const cases: [string, string, Record<string, string>][] = [
    ['a query', 'query Named { hello }', {}],
    ['a request a hook answers on arrival', 'query Named { hello }', { 'x-answer': '1' }],
    ['a request a hook answers before it is parsed', 'query Named { hello }', { 'x-end': '1' }],
    ['a query a hook answers before it runs', 'query Named { hello }', { 'x-stop': '1' }],
    ['a query answered in parts', 'query Named { hello ... @defer { later } }', {}],
  ];

  for (const [name, query, headers] of cases) {
    it(`does what the separate hooks do for ${name}`, async () => {
      const separate = await send(false, query, headers);
      const combined = await send(true, query, headers);
      expect(combined.log).toEqual(separate.log);
      expect(combined.status).toBe(separate.status);
      expect(combined.body.replace(/-{3}[\w-]*/g, '---')).toBe(separate.body.replace(/-{3}[\w-]*/g, '---'));
    });
  }

  /** What the hooks log for a POST of a query up to the third onRequestParse hook. */
  const throughC = [
    'A request /graphql',
    'B request',
    'D request, seen none',
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
      'E execute, fn none',
      'F execute, fn E, operation Named',
      'G execute, fn E',
      'H execute',
      'E done',
      'F done, extensions {"e":true}',
    ]);
    expect(JSON.parse(body)).toEqual({ data: { hello: 'hi' }, extensions: { e: true } });
  });

  it('stops at the hook that ends the response, and at the one that sets the result', async () => {
    const ended = await send(true, 'query Named { hello }', { 'x-end': '1' });
    expect(ended.status).toBe(418);
    expect(ended.log).toEqual(throughC);
    const answered = await send(true, 'query Named { hello }', { 'x-answer': '1' });
    expect(answered).toEqual({ status: 202, body: 'answered', log: ['A request /graphql', 'B request'] });
    const kept = await send(true, 'query Named { hello }', { 'x-stop': '1' });
    expect(JSON.parse(kept.body)).toEqual({ data: { hello: 'kept' }, extensions: { e: true } });
    expect(kept.log).not.toContain('H execute');
    expect(kept.log.at(-1)).toBe('F done, extensions {"e":true}');
  });

  it('shows the hooks after one that replaced the request the request it set', async () => {
    const get = async (combined: boolean) => {
      const log: string[] = [];
      const plugins = loggingPlugins(log);
      const yoga = createYoga({
        schema,
        logging: false,
        plugins: combined ? withCombinedHooks(plugins) : plugins,
      });
      const response = await yoga.fetch('http://gateway.test/graphql?query=%7Bhello%7D');
      return { status: response.status, log };
    };
    const separate = await get(false);
    const combined = await get(true);
    expect(combined).toEqual(separate);
    expect(combined.log.slice(0, 3)).toEqual(['A request /graphql', 'B request', 'D request, seen A']);
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
