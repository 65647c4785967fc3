import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/gateway/logging.js';
import { providers } from '../../src/providers/registry.js';
import { type DemoUpstreams, startDemoUpstreams } from '../../src/sandbox/demo.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server.js';

/**
 * Every kind of error a client can be answered with, as it reads it: the `extensions.code` it may
 * switch on, the message in the gateway's words, the provider it comes from, and never a value the
 * client sent or an upstream quoted. One set of simulators; a gateway per configuration the
 * conditions need, each made only by the tests that use it.
 */

/** A value a client sends, or an upstream quotes back: no answer may carry it. */
const MARKER = 'Marker-quoted-5821';

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

let demo: DemoUpstreams;
beforeAll(async () => {
  demo = await startDemoUpstreams();
});
afterEach(() => {
  for (const sim of demo.simulators) sim.setFaults(undefined);
});
afterAll(() => demo.close());

const sim = (provider: string) => {
  const found = demo.simulators.find((each) => each.provider === provider);
  if (!found) throw new Error(`no ${provider} simulator`);
  return found;
};

/** A gateway over the simulators with `env`; `services` as createGateway takes them. */
function gatewayWith(env: Record<string, string>, services?: GatewayOptions['services']) {
  const logger = createLogger('fatal', { write: () => undefined });
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
  return createGateway(config, { logger, services });
}

async function ask(gateway: Gateway, body: Record<string, unknown>): Promise<Answer> {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}

/** The answer carries neither the marker nor a stack. */
function expectClean(answer: Answer): void {
  const text = JSON.stringify(answer);
  expect(text).not.toContain(MARKER);
  expect(text).not.toContain('    at ');
}

const IMPORTS = '{ importSources(first: 1) { edges { node { id } } } }';
const CATALOG = '{ catalogDataSources(first: 1) { edges { node { id } } } }';

/** The one error of `answer`, at the root field `path`, from `provider`. */
function expectOneError(answer: Answer, path: string, message: string, extensions: Record<string, unknown>) {
  expect(answer.status).toBe(200);
  expect(answer.data).toEqual({ [path]: null });
  expect(answer.errors).toEqual([{ message, path: [path], extensions }]);
  expectClean(answer);
}

describe('a gateway over upstreams that answer', () => {
  let gateway: Gateway;
  beforeAll(() => {
    gateway = gatewayWith({});
  });
  afterAll(() => gateway.close());

  describe('an upstream that answers with an error status', () => {
    it.each([
      [400, 'BAD_USER_INPUT', 'refused the request as invalid'],
      [401, 'UNAUTHENTICATED', 'did not accept the credentials'],
      [403, 'FORBIDDEN', 'refused access'],
      [404, 'NOT_FOUND', 'has no such record'],
      [409, 'CONFLICT', 'reported a conflict'],
      [413, 'BAD_USER_INPUT', 'refused the request as too large'],
      [422, 'BAD_USER_INPUT', 'refused the request as invalid'],
      [429, 'RATE_LIMITED', 'is rate limiting requests'],
      [418, 'UPSTREAM_ERROR', 'answered with an unexpected status 418'],
      [499, 'UPSTREAM_ERROR', 'answered with an unexpected status 499'],
      [500, 'UPSTREAM_UNAVAILABLE', 'is unavailable (it answered 500)'],
      [503, 'UPSTREAM_UNAVAILABLE', 'is unavailable (it answered 503)'],
    ])(
      'is, at %i, %s saying what kind of refusal it is, quoting nothing of its text',
      async (status, code, says) => {
        sim('prequel-import').setFaults({
          operations: ['listSources'],
          body: { status: 'error', message: `source.name: "${MARKER}" is not allowed` },
          bodyStatus: status,
        });
        const answer = await ask(gateway, { query: IMPORTS });
        expectOneError(answer, 'importSources', `Prequel Import ${says}`, {
          code,
          provider: 'prequel-import',
        });
      },
    );

    it('is, at 429 with a Retry-After, RATE_LIMITED saying how long to wait', async () => {
      sim('prequel-import').setFaults({ operations: ['listSources'], rateLimit: { retryAfterSeconds: 7 } });
      const answer = await ask(gateway, { query: IMPORTS });
      expectOneError(answer, 'importSources', 'Prequel Import is rate limiting requests', {
        code: 'RATE_LIMITED',
        provider: 'prequel-import',
        retryAfterSeconds: 7,
      });
    });
  });

  it('answers a body that is not JSON as UPSTREAM_ERROR, an unexpected shape', async () => {
    sim('prequel-import').setFaults({ operations: ['listSources'], malformed: true });
    const answer = await ask(gateway, { query: IMPORTS });
    expectOneError(answer, 'importSources', 'Prequel Import answered in an unexpected shape', {
      code: 'UPSTREAM_ERROR',
      provider: 'prequel-import',
    });
  });

  it('answers an argument out of range as BAD_USER_INPUT naming the argument, at its field', async () => {
    const answer = await ask(gateway, { query: '{ importSources(first: 100000) { totalCount } }' });
    expectOneError(answer, 'importSources', '`first` must be between 0 and 500', {
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });

  it('answers an id that is none as BAD_USER_INPUT naming the argument, without the id', async () => {
    const answer = await ask(gateway, {
      query: 'query($ids: [String!]) { catalogDataSources(first: 5, ids: $ids) { totalCount } }',
      variables: { ids: [MARKER] },
    });
    expectOneError(
      answer,
      'catalogDataSources',
      'ids[0] is not a catalog data source id (24 hexadecimal digits)',
      {
        code: 'BAD_USER_INPUT',
        field: 'ids',
      },
    );
  });

  it('answers a variable that does not fit as BAD_USER_INPUT naming it, without its value', async () => {
    const answer = await ask(gateway, {
      query: 'query($n: Int) { dataSources(first: $n) { totalCount } }',
      variables: { n: MARKER },
    });
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toEqual([
      {
        message: 'Variable "$n" has an invalid value: Int expected.',
        locations: [{ line: 1, column: 7 }],
        extensions: { code: 'BAD_USER_INPUT', field: 'n' },
      },
    ]);
    expectClean(answer);
  });

  it('answers a document that does not parse with GRAPHQL_PARSE_FAILED where it stops, and no data', async () => {
    const answer = await ask(gateway, { query: '{ importSources(' });
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toEqual([
      {
        message: 'Syntax Error: Expected Name, found <EOF>.',
        locations: [{ line: 1, column: 17 }],
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      },
    ]);
  });

  it('answers a document asking for a field there is not with GRAPHQL_VALIDATION_FAILED and no data', async () => {
    const answer = await ask(gateway, { query: '{ nope }' });
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toMatchObject([
      { locations: [{ line: 1, column: 3 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
  });

  it('answers a lookup of one node whose upstream fails with its error at the node, not with null alone', async () => {
    sim('rivergen').setFaults({ errorRate: 1, errorStatus: 503, operations: ['getDataSource'] });
    const id = Buffer.from('RiverGenDataSource:1').toString('base64url');
    const answer = await ask(gateway, {
      query: 'query($id: ID!) { node(id: $id) { id } }',
      variables: { id },
    });
    expectOneError(answer, 'node', 'RiverGen is unavailable (it answered 503)', {
      code: 'UPSTREAM_UNAVAILABLE',
      provider: 'rivergen',
    });
  });
});

describe('a gateway with tight bounds on its upstreams', () => {
  let gateway: Gateway;
  beforeAll(() => {
    gateway = gatewayWith({
      PREQUEL_EXPORT_HEADERS_TIMEOUT_MS: '1000',
      PDC_MAX_BODY_BYTES: '100000',
      RIVERGEN_MAX_CONCURRENT: '1',
      PREQUEL_IMPORT_MAX_RPS: '1',
      UPSTREAM_BUDGET_WAIT_MS: '0',
    });
  });
  afterAll(() => gateway.close());

  it('answers an upstream that does not answer in time as UPSTREAM_TIMEOUT', async () => {
    sim('prequel-export').setFaults({ hang: true, operations: ['listDestinations'] });
    const answer = await ask(gateway, { query: '{ destinations(first: 1) { edges { node { id } } } }' });
    expectOneError(answer, 'destinations', 'Prequel Export did not answer in time', {
      code: 'UPSTREAM_TIMEOUT',
      provider: 'prequel-export',
    });
  });

  it('answers an answer larger than accepted as UPSTREAM_ERROR naming the bound', async () => {
    sim('pdc').setFaults({ oversizedBytes: 300_000, operations: ['filterDataSources'] });
    const answer = await ask(gateway, { query: CATALOG });
    expectOneError(
      answer,
      'catalogDataSources',
      'Pentaho Data Catalog sent an answer larger than the 100000 bytes the gateway accepts from it',
      { code: 'UPSTREAM_ERROR', provider: 'pdc' },
    );
  });

  it('answers a call over the calls at once allowed as UPSTREAM_BUSY, saying so and when to try again', async () => {
    // The first call holds the one slot while the upstream takes its time; the second finds it taken.
    sim('rivergen').setFaults({ latencyMs: 300 });
    const answer = await ask(gateway, {
      query:
        '{ a: riverGenDataSources(first: 1) { totalCount } b: riverGenDataSources(first: 2) { totalCount } }',
    });
    expect(answer.errors).toEqual([
      {
        message: 'RiverGen is receiving as many calls at once as this gateway allows it; try again shortly',
        path: [expect.stringMatching(/^[ab]$/)],
        extensions: { code: 'UPSTREAM_BUSY', provider: 'rivergen', retryAfterSeconds: 1 },
      },
    ]);
  });

  it('answers a call over the calls per second allowed as UPSTREAM_BUSY, saying so and when to try again', async () => {
    const answer = await ask(gateway, {
      query: '{ a: importSources(first: 1) { totalCount } b: importSources(first: 2) { totalCount } }',
    });
    expect(answer.errors?.length).toBeGreaterThan(0);
    for (const error of answer.errors ?? [])
      expect(error).toEqual({
        message:
          'Prequel Import is receiving as many calls per second as this gateway allows it; try again shortly',
        path: expect.any(Array),
        extensions: {
          code: 'UPSTREAM_BUSY',
          provider: 'prequel-import',
          retryAfterSeconds: expect.any(Number),
        },
      });
  });
});

describe('a gateway whose operations have a time limit', () => {
  let gateway: Gateway;
  beforeAll(() => {
    gateway = gatewayWith({ OPERATION_TIMEOUT_MS: '1000' });
  });
  afterAll(() => gateway.close());

  it('answers a field still waiting on its upstream at the limit as GATEWAY_TIMEOUT naming the provider', async () => {
    // Headers at once, then a byte now and then: no upstream timeout cuts it first.
    sim('rivergen').setFaults({ trickle: { intervalMs: 200 }, operations: ['listDataSources'] });
    const answer = await ask(gateway, { query: '{ riverGenDataSources(first: 1) { totalCount } }' });
    expectOneError(
      answer,
      'riverGenDataSources',
      "RiverGen had not answered when this operation's time limit (1000 ms) ran out",
      { code: 'GATEWAY_TIMEOUT', provider: 'rivergen' },
    );
  });
});

describe('a gateway with an upstream it cannot reach', () => {
  let gateway: Gateway;
  beforeAll(() => {
    gateway = gatewayWith({ PREQUEL_EXPORT_URL: 'http://127.0.0.1:1', UPSTREAM_BREAKER_FAILURES: '1' });
  });
  afterAll(() => gateway.close());

  it('answers UPSTREAM_UNAVAILABLE, that it could not be reached, then that calls to it are paused', async () => {
    const query = '{ destinations(first: 1) { edges { node { id } } } }';
    const extensions = { code: 'UPSTREAM_UNAVAILABLE', provider: 'prequel-export' };
    expectOneError(
      await ask(gateway, { query }),
      'destinations',
      'Prequel Export could not be reached',
      extensions,
    );
    expectOneError(
      await ask(gateway, { query }),
      'destinations',
      'Prequel Export is failing repeatedly; calls to it are paused for a few seconds',
      extensions,
    );
  });
});

describe('a gateway with a bug', () => {
  let gateway: Gateway;
  beforeAll(() => {
    gateway = gatewayWith(
      {},
      {
        onUpstreamResponse: () => {
          throw new Error(`the upstream observer broke on ${MARKER}`);
        },
      },
    );
  });
  afterAll(() => gateway.close());

  it('answers INTERNAL_SERVER_ERROR at the field, with neither the message nor the stack of what broke', async () => {
    const answer = await ask(gateway, { query: IMPORTS });
    expectOneError(answer, 'importSources', 'Unexpected error.', { code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(answer)).not.toContain('observer');
  });
});
