import { request as httpRequest } from 'node:http';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { providers } from '../../src/providers/registry.js';
import { listen } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { metricSum } from '../support/prometheus.js';
import { useTestRedis } from '../support/redis.js';
import { until } from '../support/until.js';

const TOKENS = ['gw_rate_alice_0123456789', 'gw_rate_bob_9876543210'];
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const tokenEnv = { GATEWAY_AUTH: 'tokens', GATEWAY_TOKENS: TOKENS.join(',') };
const QUERY = '{ __typename }';

function metric(gw: TestGateway, name: string): Promise<number> {
  return metricSum(gw.gateway, name);
}

describe('RATE_LIMIT in memory', () => {
  it('answers 429 RATE_LIMITED with Retry-After over the limit, and serves again once the window ends', async () => {
    await using gw = await startTestGateway({ ...tokenEnv, RATE_LIMIT: '3/1s' });
    for (let i = 0; i < 3; i++) expect((await gw.query(QUERY, {}, auth(TOKENS[0] ?? ''))).status).toBe(200);
    const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(TOKENS[0] ?? '') },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await metric(gw, 'gateway_rate_limited_total')).toBe(1);
    // The other caller has a budget of its own.
    expect((await gw.query(QUERY, {}, auth(TOKENS[1] ?? ''))).status).toBe(200);
    await until(async () => (await gw.query(QUERY, {}, auth(TOKENS[0] ?? ''))).status === 200);
  });

  it('counts each operation of a batch, and never limits /health, /ready or /metrics', async () => {
    await using gw = await startTestGateway({ ...tokenEnv, RATE_LIMIT: '3/1h' });
    const batch = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(TOKENS[0] ?? '') },
      body: JSON.stringify([{ query: QUERY }, { query: QUERY }, { query: QUERY }, { query: QUERY }]),
    });
    expect(batch.status).toBe(429);
    // Over the limit, the caller is told the limit and when its window ends, in the body and Retry-After.
    const over = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(TOKENS[0] ?? '') },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(over.status).toBe(429);
    const retryAfter = Number(over.headers.get('retry-after'));
    // The window of an hour began with the batch, moments ago.
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(((await over.json()) as { errors: unknown[] }).errors).toEqual([
      {
        message: `Too many requests: this gateway allows 3 operations per caller every 3600 s; try again in ${retryAfter} s`,
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
      },
    ]);
    for (let i = 0; i < 5; i++)
      for (const path of ['/health', '/ready', '/metrics'])
        expect((await gw.gateway.yoga.fetch(`http://gateway.test${path}`)).status).toBe(200);
  });
});

describe('RATE_LIMIT and REDIS_URL at start-up', () => {
  it('refuses a REDIS_URL that is no redis:// URL without repeating its password', () => {
    const load = () => loadConfig({ REDIS_URL: 'http://user:pw_s3cret_value@cache:6379' }, providers);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/REDIS_URL must start with redis:\/\/ or rediss:\/\//);
    expect(load).not.toThrow(/pw_s3cret_value/);
  });

  it('refuses a RATE_LIMIT that is not operations per window', () => {
    expect(() => loadConfig({ RATE_LIMIT: '600 per minute' }, providers)).toThrow(
      /RATE_LIMIT.*e\.g\. 600\/60s/,
    );
    for (const value of [
      '0/1s',
      '5/0s',
      '5/1d',
      '5/1',
      '1234567890/1s',
      '5/1234567890s',
      'x5/1s',
      '5/1s!',
      '5 1s',
      '/1s',
    ])
      expect(() => loadConfig({ RATE_LIMIT: value }, providers), value).toThrow(/RATE_LIMIT/);
  });

  it('reads a RATE_LIMIT in ms, s, m or h, with or without a number of them, spaces allowed', () => {
    const read = (value: string) => loadConfig({ RATE_LIMIT: value }, providers).rateLimit;
    expect(read('600/60s')).toEqual({ limit: 600, windowMs: 60_000 });
    expect(read('10/1m')).toEqual({ limit: 10, windowMs: 60_000 });
    expect(read('5/500ms')).toEqual({ limit: 5, windowMs: 500 });
    expect(read('100/2h')).toEqual({ limit: 100, windowMs: 7_200_000 });
    expect(read('3/s')).toEqual({ limit: 3, windowMs: 1000 });
    expect(read('3/m')).toEqual({ limit: 3, windowMs: 60_000 });
    expect(read(' 7 / 2 s ')).toEqual({ limit: 7, windowMs: 2000 });
    expect(read('123456789/123456789ms')).toEqual({ limit: 123_456_789, windowMs: 123_456_789 });
  });
});

describe('RATE_LIMIT with GATEWAY_AUTH=jwt', () => {
  const secret = 'rate-limit-secret-of-at-least-32-characters';
  const key = new TextEncoder().encode(secret);
  /** A token of the gateway's secret with these claims, valid for five minutes. */
  const token = (claims: { sub?: string; jti: string }) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').sign(key);
  /** A gateway reading JWTs, two requests an hour each caller; the status each token gets. */
  async function jwtGateway() {
    const gw = await startTestGateway({
      GATEWAY_AUTH: 'jwt',
      GATEWAY_JWT_SECRET: secret,
      RATE_LIMIT: '2/1h',
    });
    const statusFor = async (jwt: string) => (await gw.query(QUERY, {}, auth(jwt))).status;
    return Object.assign(gw, { statusFor });
  }

  it('counts by the token’s subject: two tokens of one subject share a budget', async () => {
    await using gw = await jwtGateway();
    const first = await token({ sub: 'user-1', jti: 'a' });
    const second = await token({ sub: 'user-1', jti: 'b' });
    expect([await gw.statusFor(first), await gw.statusFor(second), await gw.statusFor(second)]).toEqual([
      200, 200, 429,
    ]);
    expect(await gw.statusFor(await token({ sub: 'user-2', jti: 'c' }))).toBe(200);
  });

  it('counts a token without a subject by the token itself', async () => {
    await using gw = await jwtGateway();
    const [first, second] = [await token({ jti: 'a' }), await token({ jti: 'b' })];
    expect([await gw.statusFor(first), await gw.statusFor(first), await gw.statusFor(first)]).toEqual([
      200, 200, 429,
    ]);
    expect(await gw.statusFor(second)).toBe(200);
  });
});

/** POSTs a query from the given local address (any of 127.0.0.0/8 reaches a server on 127.0.0.1). */
function postFrom(url: string, localAddress: string, query: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ query }));
  });
}

describe('RATE_LIMIT with GATEWAY_AUTH=none', () => {
  it('counts by client address', async () => {
    await using gw = await startTestGateway({ RATE_LIMIT: '2/1h' });
    const server = await listen(gw.gateway, '127.0.0.1', 0);
    try {
      const post = () =>
        fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: QUERY }),
        }).then((response) => response.status);
      expect([await post(), await post(), await post()]).toEqual([200, 200, 429]);
      // Another client address, on the same machine, has a budget of its own.
      expect(await postFrom(server.url, '127.0.0.2', QUERY)).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('RATE_LIMIT through a shared Redis', () => {
  const suite = useTestRedis('share limits through');
  const gateways: TestGateway[] = [];

  afterAll(async () => {
    await Promise.all(gateways.map((gw) => gw.close()));
  });

  async function twoGateways(limit: string): Promise<[TestGateway, TestGateway]> {
    const env = { ...tokenEnv, RATE_LIMIT: limit, REDIS_URL: suite.redis?.url ?? '' };
    const pair: [TestGateway, TestGateway] = [await startTestGateway(env), await startTestGateway(env)];
    gateways.push(...pair);
    // Each connects in the background: /ready says when.
    for (const gw of pair)
      await until(async () => {
        const ready = await (await gw.gateway.yoga.fetch('http://gateway.test/ready')).json();
        return (ready as { redis?: { ok: boolean } }).redis?.ok === true;
      });
    return pair;
  }

  it('shares one caller’s budget between two gateways, and keeps no token in its keys', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const [a, b] = await twoGateways('4/1h');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await a.query(QUERY, {}, auth(TOKENS[0] ?? ''))).status);
      statuses.push((await b.query(QUERY, {}, auth(TOKENS[0] ?? ''))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect((await b.query(QUERY, {}, auth(TOKENS[1] ?? ''))).status).toBe(200);
    const keys = await suite.redis.client.keys('*');
    expect(keys).toHaveLength(2);
    for (const key of keys) for (const token of TOKENS) expect(key).not.toContain(token);
  });

  it('lets every request through while Redis is down, counts the failures, and limits again once it is back', async (ctx) => {
    if (suite.unavailable || !suite.redis) return ctx.skip(suite.unavailable);
    await suite.redis.client.flushall();
    const [a, b] = await twoGateways('2/1h');
    await suite.redis.stop();
    for (const gw of [a, b])
      await until(async () => {
        const ready = await gw.gateway.yoga.fetch('http://gateway.test/ready');
        const body = (await ready.json()) as { redis?: { ok: boolean; reason?: string } };
        // Redis down leaves the gateway ready: it still serves, and says why Redis is not.
        return ready.status === 200 && body.redis?.ok === false && typeof body.redis.reason === 'string';
      });
    for (let i = 0; i < 5; i++)
      for (const gw of [a, b]) expect((await gw.query(QUERY, {}, auth(TOKENS[0] ?? ''))).status).toBe(200);
    expect(await metric(a, 'gateway_redis_errors_total{operation="rate-limit"}')).toBe(5);
    // Logged once per outage, naming neither Redis's address nor anything of the caller's.
    expect(a.logs.filter((line) => line.includes('Redis is unreachable'))).toHaveLength(1);
    expect(a.logs.join('\n')).not.toContain(suite.redis.url.replace('redis://', ''));
    await suite.redis.start();
    await until(async () => (await a.query(QUERY, {}, auth(TOKENS[0] ?? ''))).status === 429);
    expect((await b.query(QUERY, {}, auth(TOKENS[0] ?? ''))).status).toBe(429);
  });
});
