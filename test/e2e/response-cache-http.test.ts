import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { providers } from '../../src/providers/registry.js';
import { createGateway, listen, type RunningServer } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { upstreamCalls } from '../support/upstream-calls.js';

const TOKENS = ['gw_http_cache_one', 'gw_http_cache_two'];
const IMPORT_SOURCES = '{ importSources(first: 3) { edges { node { id name } } } }';

let gw: TestGateway;
let server: RunningServer;
beforeAll(async () => {
  gw = await startTestGateway({
    GATEWAY_AUTH: 'tokens',
    GATEWAY_TOKENS: TOKENS.join(','),
    RESPONSE_CACHE: 'on',
    RESPONSE_CACHE_TTL_MS: '600000',
    PERSISTED_OPERATIONS: 'allow',
  });
  server = await listen(gw.gateway, '127.0.0.1', 0);
});
afterAll(async () => {
  await server.close();
  await gw.close();
});

/** A JSON POST of `body` (one operation or a batch) with the first caller's token. */
function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(server.url, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: `Bearer ${TOKENS[0]}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

/** A GET as a browser's fetch sends it, as caller `token`, with the headers given. */
async function get(params: Record<string, string>, headers: Record<string, string> = {}, token = TOKENS[0]) {
  const response = await fetch(`${server.url}?${new URLSearchParams(params)}`, {
    headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...headers },
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('GET answers with the response cache on', () => {
  it('may be kept by the caller’s browser only, which asks again each time, with an ETag and Vary on the credentials', async () => {
    const answer = await get({ query: IMPORT_SOURCES });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('private, no-cache');
    expect(answer.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(answer.headers.get('vary')?.toLowerCase()).toContain('authorization');
    // The answer kept and the answer sent carry the same tag.
    expect((await get({ query: IMPORT_SOURCES })).headers.get('etag')).toBe(answer.headers.get('etag'));
  });

  it('varies on every header that names a caller: the token and each credential callers forward', async () => {
    await using forwarding = await startTestGateway({
      GATEWAY_AUTH: 'tokens',
      GATEWAY_TOKENS: TOKENS.join(','),
      RESPONSE_CACHE: 'on',
      PDC_CREDENTIALS: 'forward',
      RIVERGEN_CREDENTIALS: 'forward',
    });
    const listening = await listen(forwarding.gateway, '127.0.0.1', 0);
    try {
      const response = await fetch(`${listening.url}?${new URLSearchParams({ query: IMPORT_SOURCES })}`, {
        headers: { accept: 'application/json', authorization: `Bearer ${TOKENS[0]}` },
      });
      expect(response.status).toBe(200);
      const varied = (response.headers.get('vary') ?? '').split(',').map((name) => name.trim().toLowerCase());
      expect(varied).toEqual(expect.arrayContaining(['authorization', 'x-pdc-token', 'x-rivergen-token']));
    } finally {
      await listening.close();
    }
  });

  it('answers 304 Not Modified, with no body and no upstream call, to an If-None-Match that holds its ETag', async () => {
    const first = await get({ query: IMPORT_SOURCES });
    const etag = first.headers.get('etag') ?? '';
    gw.resetCounts();
    const again = await get({ query: IMPORT_SOURCES }, { 'if-none-match': `W/"other", ${etag}` });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(upstreamCalls(gw)).toBe(0);
    const logged = gw.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.filter((line) => line.msg === 'request done').at(-1)).toMatchObject({
      status: 304,
      cache: 'hit',
    });
  });

  it('answers 304 to an If-None-Match of `*` or holding its ETag marked weak, and the whole answer to one holding another tag', async () => {
    const etag = (await get({ query: IMPORT_SOURCES })).headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    for (const held of ['*', `W/${etag}`, ` "other" , W/${etag} `]) {
      const again = await get({ query: IMPORT_SOURCES }, { 'if-none-match': held });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
    }
    const other = await get({ query: IMPORT_SOURCES }, { 'if-none-match': 'W/"other", "another"' });
    expect(other.status).toBe(200);
    expect(other.text).toContain('edges');
    expect(other.headers.get('etag')).toBe(etag);
  });

  it('answers a POST whole, without an ETag, even when its If-None-Match holds the ETag of the same kept answer', async () => {
    const etag = (await get({ query: IMPORT_SOURCES })).headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const response = await post({ query: IMPORT_SOURCES }, { 'if-none-match': etag });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeNull();
    expect(await response.text()).toContain('edges');
  });

  it('logs a batch as a cache hit only when every one of its operations was answered from the cache', async () => {
    const document = 'query($n: Int!) { importSources(first: $n) { edges { node { id } } } }';
    /** The request line's `cache` for a batch of reads of `first` n, one per n. */
    const logged = async (...counts: number[]) => {
      const requestId = `batch-${counts.join('-')}-${Math.random().toString(36).slice(2)}`;
      const response = await post(
        counts.map((n) => ({ query: document, variables: { n } })),
        { 'x-request-id': requestId },
      );
      expect(response.status).toBe(200);
      await response.text();
      const line = gw.logs
        .map((text) => JSON.parse(text) as Record<string, unknown>)
        .find((fields) => fields.msg === 'request done' && fields.requestId === requestId);
      return line?.cache;
    };
    expect(await logged(11, 12)).toBe('miss');
    expect(await logged(11, 12)).toBe('hit');
    // A kept answer first, a new one last, and the other way round.
    expect(await logged(11, 13)).toBe('miss');
    expect(await logged(14, 12)).toBe('miss');
  });

  it('counts hits and misses in /metrics: a first read as a miss, the same read again as a hit', async () => {
    const document = '{ importSources(first: 5) { edges { node { id } } } }';
    const counts = async () => {
      const metrics = await (await fetch(server.url.replace(/graphql$/, 'metrics'))).text();
      const count = (result: string) =>
        Number(
          new RegExp(`^gateway_response_cache_lookups_total\\{result="${result}"\\} (\\d+)$`, 'm').exec(
            metrics,
          )?.[1] ?? 0,
        );
      return { hit: count('hit'), miss: count('miss') };
    };
    const before = await counts();
    await get({ query: document });
    const missed = await counts();
    expect(missed).toEqual({ hit: before.hit, miss: before.miss + 1 });
    await get({ query: document });
    expect(await counts()).toEqual({ hit: before.hit + 1, miss: before.miss + 1 });
  });

  it('answers the whole new answer, under a new ETag, once a mutation through the gateway changed it', async () => {
    const document = '{ importSources(first: 1) { edges { node { id name } } } }';
    const first = await get({ query: document });
    const id = (JSON.parse(first.text) as { data: { importSources: { edges: { node: { id: string } }[] } } })
      .data.importSources.edges[0]?.node.id;
    const renamed = await gw.query(
      'mutation($id: ID!) { updateImportSource(id: $id, input: { name: "Renamed behind an ETag" }) { __typename } }',
      { id },
      { authorization: `Bearer ${TOKENS[0]}` },
    );
    expect(renamed.data).toEqual({ updateImportSource: { __typename: 'UpdateImportSourceSuccess' } });
    const after = await get({ query: document }, { 'if-none-match': first.headers.get('etag') ?? '' });
    expect(after.status).toBe(200);
    expect(after.text).toContain('Renamed behind an ETag');
    expect(after.headers.get('etag')).not.toBe(first.headers.get('etag'));
  });

  it('is not another caller’s: the same GET with other credentials runs for them', async () => {
    const document = '{ importSources(first: 2) { edges { node { id } } } }';
    await get({ query: document });
    gw.resetCounts();
    const other = await get({ query: document }, {}, TOKENS[1]);
    expect(other.status).toBe(200);
    expect(upstreamCalls(gw)).toBeGreaterThan(0);
  });

  it('answers an If-None-Match holding a kept answer’s ETag 401, never 304, to a caller without valid credentials', async () => {
    const etag = (await get({ query: IMPORT_SOURCES })).headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    for (const token of ['', 'gw_http_cache_unknown']) {
      const refused = await get({ query: IMPORT_SOURCES }, { 'if-none-match': etag }, token);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('etag')).toBeNull();
      expect(refused.text).not.toContain('edges');
    }
  });

  it('stays Cache-Control: no-store, without an ETag, when the answer carries an error and so was not kept, even to If-None-Match `*`', async () => {
    const sim = gw.sims['prequel-import'];
    sim?.setFaults({ errorStatus: 500, errorRate: 1 });
    try {
      // Nor does `If-None-Match: *` match it: there is no kept answer to match.
      const answer = await get(
        { query: '{ importSources(first: 9) { edges { node { id } } } }' },
        { 'if-none-match': '*' },
      );
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text).errors.length).toBeGreaterThan(0);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('etag')).toBeNull();
    } finally {
      sim?.setFaults(undefined);
    }
  });

  it('caches a persisted query sent by its hash alone, as a CDN-friendly GET would be', async () => {
    const document = '{ importSources(first: 4) { edges { node { id } } } }';
    const hash = createHash('sha256').update(document).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const registered = await get({ query: document, extensions });
    expect(registered.status).toBe(200);
    gw.resetCounts();
    const byHash = await get({ extensions });
    expect(byHash.status).toBe(200);
    expect(byHash.headers.get('etag')).toBe(registered.headers.get('etag'));
    expect(upstreamCalls(gw)).toBe(0);
    const notModified = await get({ extensions }, { 'if-none-match': byHash.headers.get('etag') ?? '' });
    expect(notModified.status).toBe(304);
  });
});

describe('RESPONSE_CACHE_* variables', () => {
  it('turn the cache on by default in demo mode only', () => {
    expect(loadConfig({}, providers).responseCache).toBeDefined();
    expect(
      loadConfig(
        { GATEWAY_AUTH: 'none', PDC_URL: 'http://127.0.0.1:9', PDC_CREDENTIALS: 'forward' },
        providers,
      ).responseCache,
    ).toBeUndefined();
  });

  const configWith = (env: Record<string, string>) => {
    try {
      const upstream = { PDC_URL: 'http://127.0.0.1:9', PDC_CREDENTIALS: 'forward' };
      return createGateway(loadConfig({ GATEWAY_AUTH: 'none', ...upstream, ...env }, providers));
    } catch (error) {
      return error;
    }
  };

  it.each([
    [{ RESPONSE_CACHE: 'yes' }, /^RESPONSE_CACHE: /],
    [
      { RESPONSE_CACHE: 'on', RESPONSE_CACHE_TTL_PER_TYPE: 'Destination:5' },
      /^RESPONSE_CACHE_TTL_PER_TYPE: .*`Type=milliseconds`/,
    ],
    [{ RESPONSE_CACHE: 'on', RESPONSE_CACHE_TTL_MS: '0' }, /^RESPONSE_CACHE_TTL_MS: /],
    [
      { RESPONSE_CACHE: 'on', RESPONSE_CACHE_TTL_PER_TYPE: 'Destinaton=0' },
      /names Destinaton, which is no object type/,
    ],
    [{ RESPONSE_CACHE_TTL_MS: '5000' }, /RESPONSE_CACHE_TTL_MS is set but RESPONSE_CACHE is `off`/],
  ])('refuses to start with %o, saying what is wrong', (env, problem) => {
    const refused = configWith(env);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems).toEqual([expect.stringMatching(problem)]);
    // What is wrong and where, not the value set.
    expect((refused as ConfigError).problems.join()).not.toMatch(/yes|Destination:5|: 0/);
  });
});
