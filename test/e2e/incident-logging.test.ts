import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/gateway/logging.js';
import { providers } from '../../src/providers/registry.js';
import { type DemoUpstreams, startDemoUpstreams } from '../../src/sandbox/demo.js';
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

  it('logs nothing at warn for a request whose upstreams answer', async () => {
    await importSourceIds(3);
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
