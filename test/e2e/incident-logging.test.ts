import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/gateway/logging.js';
import { providers } from '../../src/providers/registry.js';
import { type DemoUpstreams, startDemoUpstreams } from '../../src/sandbox/demo.js';
import type { FaultOptions } from '../../src/sandbox/kit/index.js';
import { createGateway, type Gateway, listen, type RunningServer } from '../../src/server.js';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  err?: { stack?: string };
  upstreamFailures?: { provider: string; route: string; code: string; failure: string; errors: number }[];
}

const WARN = 40;
const ERROR = 50;

let demo: DemoUpstreams;
let gateway: Gateway;
let server: RunningServer;
let lines: string[] = [];
// Switched on by a test: the upstream observer then throws, as a bug in the gateway would.
let observerBug = false;

beforeAll(async () => {
  demo = await startDemoUpstreams();
  const logger = createLogger('warn', { write: (line: string) => void lines.push(line) });
  const env = {
    ...demo.env,
    GATEWAY_AUTH: 'none',
    UPSTREAM_RETRY_ATTEMPTS: '1',
    UPSTREAM_BREAKER_FAILURES: '1000',
  };
  gateway = createGateway(loadConfig(env, providers), {
    logger,
    services: {
      onUpstreamResponse: () => {
        if (observerBug) throw new Error('the upstream observer broke');
      },
    },
  });
  server = await listen(gateway, '127.0.0.1', 0);
});

afterAll(async () => {
  await server.close();
  await gateway.close();
  await demo.close();
});

beforeEach(() => {
  observerBug = false;
  for (const sim of demo.simulators) sim.setFaults(undefined);
  lines = [];
});

async function query<T>(document: string, variables?: Record<string, unknown>) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: document, variables }),
  });
  const requestId = response.headers.get('x-request-id');
  return { requestId, body: (await response.json()) as { data?: T; errors?: unknown[] } };
}

const logged = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);

async function importSourceIds(count: number): Promise<string[]> {
  const { body } = await query<{ importSources: { edges: { node: { id: string } }[] } }>(
    `{ importSources(first: ${count}) { edges { node { id } } } }`,
  );
  return body.data?.importSources.edges.map((edge) => edge.node.id) ?? [];
}

describe('incident logging', () => {
  it('logs a down upstream once per request, at warn, naming provider, route and code, with no stack', async () => {
    const ids = await importSourceIds(3);
    demo.simulators
      .find((sim) => sim.provider === 'prequel-import')
      ?.setFaults({ errorRate: 1, errorStatus: 503, operations: ['getSource'] });

    const { requestId, body } = await query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });

    expect(body.errors).toHaveLength(3);
    const all = logged();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      level: WARN,
      requestId,
      msg: 'upstream failures: prequel-import getSource UPSTREAM_UNAVAILABLE (http 503) ×3',
      upstreamFailures: [
        {
          provider: 'prequel-import',
          route: 'getSource',
          code: 'UPSTREAM_UNAVAILABLE',
          failure: 'http 503',
          errors: 3,
        },
      ],
    });
    expect(lines.join('\n')).not.toContain('stack');
  });

  it('logs nothing at warn for a request whose upstreams answer, a list or a record', async () => {
    const ids = await importSourceIds(3);
    const { body } = await query<{ nodes: { id: string }[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      {
        ids,
      },
    );
    expect(body.data?.nodes.map((node) => node.id)).toEqual(ids);
    expect(logged()).toEqual([]);
  });

  it('logs a client mistake at no level above warn and never its value, however large', async () => {
    const marker = `value-${'x'.repeat(900 * 1024)}`;
    const mistakes: [string, Record<string, unknown>][] = [
      // A query runs compiled, a mutation through graphql-js: both coerce variables their own way.
      ['query($n: Int) { dataSources(first: $n) { totalCount } }', { n: marker }],
      [
        'mutation($input: CreateImportSourceInput!) { createImportSource(input: $input) { __typename } }',
        { input: { name: marker, providerId: 'p', config: { postgres: { host: marker } } } },
      ],
    ];
    for (let i = 0; i < 10; i++) {
      for (const [document, variables] of mistakes) {
        const { body } = await query(document, variables);
        expect(body.errors?.length).toBeGreaterThan(0);
      }
    }
    expect(lines.filter((line) => line.includes('value-'))).toEqual([]);
    expect(logged().filter((line) => line.level > WARN)).toEqual([]);
    expect(lines.join('\n').length).toBeLessThan(20 * 1024);
  });

  it('keeps an unexpected error (a bug) at error level, with its stack', async () => {
    const [id] = await importSourceIds(1);
    observerBug = true;

    const { requestId, body } = await query('query($id: ID!) { node(id: $id) { id } }', { id });

    expect(body.errors).toMatchObject([{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    const errors = logged().filter((line) => line.level === ERROR);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ requestId, msg: 'the upstream observer broke' });
    expect(errors[0]?.err?.stack).toContain('the upstream observer broke');
  });
});

describe('an upstream failure outside a request scope (a gateway served through yoga.fetch, without listen)', () => {
  const LIST = '{ importSources(first: 3) { edges { node { id } } } }';
  const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';

  /** The warn lines a fresh gateway over the demo upstreams logs for `document`, sent `times` times. */
  async function failureLines(
    env: Record<string, string>,
    faults: FaultOptions | undefined,
    document: string,
    times = 1,
  ): Promise<LogLine[]> {
    const ids = faults && document === NODES ? await importSourceIds(3) : [];
    const own: string[] = [];
    const logger = createLogger('warn', { write: (line: string) => void own.push(line) });
    const config = loadConfig(
      {
        ...demo.env,
        GATEWAY_AUTH: 'none',
        UPSTREAM_RETRY_ATTEMPTS: '1',
        UPSTREAM_BREAKER_FAILURES: '1000',
        ...env,
      },
      providers,
    );
    const quiet = createGateway(config, { logger });
    prequelImport().setFaults(faults);
    try {
      for (let i = 0; i < times; i++) {
        const response = await quiet.yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: document, variables: { ids } }),
        });
        expect(((await response.json()) as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
      }
    } finally {
      await quiet.close();
    }
    return own.map((line) => JSON.parse(line) as LogLine).filter((line) => line.level === WARN);
  }

  const prequelImport = () => {
    const sim = demo.simulators.find((each) => each.provider === 'prequel-import');
    if (!sim) throw new Error('no prequel-import simulator');
    return sim;
  };

  it.each<[string, Record<string, string>, FaultOptions | undefined, string, string]>([
    [
      'an error status, by its status only',
      {},
      { errorRate: 1, errorStatus: 503, operations: ['listSources'] },
      LIST,
      'prequel-import listSources answered 503',
    ],
    [
      'a body that is not JSON',
      {},
      { malformed: true, operations: ['listSources'] },
      LIST,
      'prequel-import listSources answered with a body that is not valid JSON',
    ],
    [
      'a list holding something other than objects, by where it is',
      {},
      { body: { data: { sources: [{ id: 'a' }, 7] } }, operations: ['listSources'] },
      LIST,
      'prequel-import listSources answered in an unexpected shape: data.sources[1] is not an object',
    ],
    [
      'a list that is not one',
      {},
      { body: { data: { sources: 'none' } }, operations: ['listSources'] },
      LIST,
      'prequel-import listSources answered in an unexpected shape: data.sources is not a list',
    ],
    [
      'a record that is not an object',
      {},
      { body: { data: { source: ['a'] } }, operations: ['getSource'] },
      NODES,
      'prequel-import getSource answered in an unexpected shape: data.source is not an object',
    ],
    [
      'an empty body as an answer without the list, not as broken JSON',
      {},
      { bodyText: '', operations: ['listSources'] },
      LIST,
      'prequel-import listSources answered in an unexpected shape: data.sources is not a list',
    ],
    [
      'an answer that pauses longer than allowed as one not in time',
      { PREQUEL_IMPORT_BODY_TIMEOUT_MS: '100' },
      // undici checks its body timeout about once a second: the pause is well past both.
      { trickle: { intervalMs: 5000 }, operations: ['listSources'] },
      LIST,
      'prequel-import listSources did not answer in time',
    ],
    [
      'an answer still arriving at its deadline as one not in time',
      { PREQUEL_IMPORT_DEADLINE_MS: '200' },
      { trickle: { intervalMs: 20 }, operations: ['listSources'] },
      LIST,
      'prequel-import listSources did not answer in time',
    ],
    [
      'an upstream that does not answer in time',
      { PREQUEL_IMPORT_HEADERS_TIMEOUT_MS: '100' },
      { hang: true, operations: ['listSources'] },
      LIST,
      'prequel-import listSources did not answer in time',
    ],
    [
      'an answer larger than accepted, with the bound',
      { PREQUEL_IMPORT_MAX_BODY_BYTES: '1000' },
      { oversizedBytes: 5000, operations: ['listSources'] },
      LIST,
      'prequel-import listSources answered with more than 1000 bytes, the most accepted',
    ],
    [
      'an upstream that cannot be reached',
      { PREQUEL_IMPORT_URL: 'http://127.0.0.1:1' },
      undefined,
      LIST,
      'prequel-import listSources could not be reached',
    ],
    [
      'a call given up when its operation ran out of time',
      { OPERATION_TIMEOUT_MS: '200' },
      { hang: true, operations: ['listSources'] },
      LIST,
      'prequel-import listSources was cancelled before it answered',
    ],
    [
      'a call over the calls per second allowed',
      { PREQUEL_IMPORT_MAX_RPS: '1' },
      { operations: ['getSource'] },
      NODES,
      'prequel-import getSource was not called: the calls per second allowed to it are spent',
    ],
    [
      'a call over the calls at once allowed',
      { PREQUEL_IMPORT_MAX_CONCURRENT: '1' },
      { latencyMs: 400, operations: ['getSource'] },
      NODES,
      'prequel-import getSource was not called: the calls at once allowed to it are spent',
    ],
  ])('logs %s in its one line', async (_, env, faults, document, message) => {
    const warned = await failureLines(env, faults, document);
    expect(warned.map((line) => line.msg)).toContain(message);
    expect(warned[0]).toMatchObject({ provider: 'prequel-import' });
  });

  it('logs a login no caller waits on (the catalog’s shared one) that cannot reach its upstream as unreachable', async () => {
    const warned = await failureLines(
      { PDC_URL: 'http://127.0.0.1:1' },
      undefined,
      '{ catalogDataSources(first: 1) { edges { node { id } } } }',
    );
    expect(warned).toMatchObject([{ provider: 'pdc', msg: 'pdc authenticate could not be reached' }]);
  });

  it('logs a call not sent while the breaker is open as paused, after the failure that opened it', async () => {
    const warned = await failureLines(
      { PREQUEL_IMPORT_URL: 'http://127.0.0.1:1', UPSTREAM_BREAKER_FAILURES: '1' },
      undefined,
      LIST,
      2,
    );
    expect(warned.map((line) => line.msg)).toEqual([
      'prequel-import listSources could not be reached',
      'prequel-import listSources was not called: the upstream failed repeatedly and calls are paused',
    ]);
  });
});
