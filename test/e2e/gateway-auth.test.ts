import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { providers } from '../../src/providers/registry.js';
import { riverGenDemoTokens } from '../../src/sandbox/rivergen/index.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

const QUERY = '{ riverGenDataSources(first: 1) { totalCount } }';

/** POSTs a GraphQL query the way a client would, with the given Authorization header (or none). */
async function ask(
  gateway: Gateway,
  authorization?: string,
  extra: Record<string, string> = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    ...extra,
  };
  if (authorization !== undefined) headers.authorization = authorization;
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: QUERY }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: JSON.parse(text) as Answer['body'],
  };
}

function expectAnswered(answer: Answer): void {
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data).toEqual({ riverGenDataSources: { totalCount: 180 } });
}

/** A 401 with UNAUTHENTICATED, the reason, no data, and nothing of the credentials sent. */
function expectRefused(answer: Answer, reason: string, message: RegExp, sent?: string): void {
  expect(answer.status).toBe(401);
  // RFC 6750: a request with no credentials is told the scheme; one with a bad token, why too.
  expect(answer.headers.get('www-authenticate')).toBe(
    reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"',
  );
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
  expect(answer.body.errors?.[0]?.message).toMatch(message);
  if (sent) expect(answer.text).not.toContain(sent);
}

/** Serves a JSON Web Key Set on 127.0.0.1 until disposed. */
async function serveKeySet(set: unknown): Promise<{ url: string } & AsyncDisposable> {
  const body = JSON.stringify(set);
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('demo mode', () => {
  it('is open by default: no upstream configured means GATEWAY_AUTH=none', async () => {
    const config = loadConfig({}, providers);
    expect(config.demo).toBe(true);
    expect(config.auth).toEqual({ mode: 'none' });
    const gateway = createGateway(config);
    try {
      const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: '{ dataSources(first: 1) { totalCount } }' }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { dataSources: { totalCount: 0 } } });
    } finally {
      await gateway.close();
    }
  });

  it('can still be closed with GATEWAY_AUTH', () => {
    const config = loadConfig({ GATEWAY_AUTH: 'tokens', GATEWAY_TOKENS: 'demo-token-1' }, providers);
    expect(config.auth).toEqual({ mode: 'tokens', tokens: ['demo-token-1'] });
  });
});

describe('GATEWAY_AUTH=tokens', () => {
  const tokens = ['gw_alpha_5b0c1f9e2d7a4e38', 'gw_beta_93fd02c7aa16b4e5'] as const;
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ GATEWAY_AUTH: 'tokens', GATEWAY_TOKENS: ` ${tokens[0]}, ${tokens[1]} ,` });
  });
  afterAll(() => gw.close());

  it('answers a request with any of the configured tokens', async () => {
    expectAnswered(await ask(gw.gateway, `Bearer ${tokens[0]}`));
    expectAnswered(await ask(gw.gateway, `bearer ${tokens[1]}`));
    expectAnswered(await ask(gw.gateway, `Bearer   ${tokens[0]}`));
  });

  it('refuses a request without credentials with 401 and says how to send them', async () => {
    expectRefused(await ask(gw.gateway), 'missing', /Authorization: Bearer <token>/);
  });

  it('refuses an Authorization header that is not `Bearer <token>`', async () => {
    for (const header of [
      `Basic ${tokens[0]}`,
      'Bearer',
      `Bearer ${tokens[0]} ${tokens[1]}`,
      tokens[0],
      `Token Bearer ${tokens[0]}`,
      `xBearer ${tokens[0]}`,
    ]) {
      expectRefused(await ask(gw.gateway, header), 'malformed', /must be `Bearer <token>`/, tokens[0]);
    }
  });

  it('refuses an unknown token, a prefix of a good one, and a good one with more after it', async () => {
    for (const token of ['gw_gamma_0000000000000000', tokens[0].slice(0, -1), `${tokens[0]}x`]) {
      expectRefused(
        await ask(gw.gateway, `Bearer ${token}`),
        'unknown-token',
        /not one this gateway accepts/,
        token,
      );
    }
  });

  it('refuses GET queries too', async () => {
    const response = await gw.gateway.yoga.fetch(
      `http://gateway.test/graphql?query=${encodeURIComponent(QUERY)}`,
      { headers: { accept: 'application/json' } },
    );
    expect(response.status).toBe(401);
  });

  it('leaves /health and the GraphiQL page open', async () => {
    const health = await gw.gateway.yoga.fetch('http://gateway.test/health');
    expect(health.status).toBe(200);
    const graphiql = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(graphiql.status).toBe(200);
    expect(graphiql.headers.get('content-type')).toContain('text/html');
  });

  it('keeps its own Authorization apart from the forwarded RiverGen token', async () => {
    const forwarding = await startTestGateway({
      GATEWAY_AUTH: 'tokens',
      GATEWAY_TOKENS: tokens[0],
      RIVERGEN_CREDENTIALS: 'forward',
    });
    try {
      // A RiverGen token is not a gateway token.
      const asRiverGen = await ask(forwarding.gateway, `Bearer ${riverGenDemoTokens.demo}`);
      expectRefused(asRiverGen, 'unknown-token', /not one this gateway accepts/, riverGenDemoTokens.demo);
      // Both, each in its own header: the gateway lets the caller in, RiverGen sees the caller's organisation.
      const both = await ask(forwarding.gateway, `Bearer ${tokens[0]}`, {
        'x-rivergen-token': riverGenDemoTokens.otherOrganization,
      });
      expect(both.status).toBe(200);
      expect(both.body.data).toEqual({ riverGenDataSources: { totalCount: 120 } });
    } finally {
      await forwarding.close();
    }
  });
});

describe('GATEWAY_AUTH=jwt with a shared secret', () => {
  const secret = 'test-secret-of-at-least-32-characters-0123456789';
  const key = new TextEncoder().encode(secret);
  const issuer = 'https://auth.example.test/';
  const audience = 'datasource-gateway';
  const sign = (
    claims: { iss?: string; aud?: string; exp?: number | string; nbf?: number; iat?: number | null },
    signWith = key,
  ) => {
    const jwt = new SignJWT({ sub: 'user-1' }).setProtectedHeader({ alg: 'HS256' });
    // Issued now unless the test says when, or (null) leaves `iat` out.
    if (claims.iat !== null) jwt.setIssuedAt(claims.iat);
    if (claims.iss) jwt.setIssuer(claims.iss);
    if (claims.aud) jwt.setAudience(claims.aud);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
    return jwt.sign(signWith);
  };
  const valid = { iss: issuer, aud: audience, exp: '10m' };
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      GATEWAY_AUTH: 'jwt',
      GATEWAY_JWT_SECRET: secret,
      GATEWAY_JWT_ISSUER: issuer,
      GATEWAY_JWT_AUDIENCE: audience,
    });
  });
  afterAll(() => gw.close());

  it('answers a request with a valid token', async () => {
    expectAnswered(await ask(gw.gateway, `Bearer ${await sign(valid)}`));
  });

  it('refuses a missing token', async () => {
    expectRefused(await ask(gw.gateway), 'missing', /requires credentials/);
  });

  it('refuses an expired token, saying it expired', async () => {
    const token = await sign({ ...valid, exp: Math.floor(Date.now() / 1000) - 60 });
    expectRefused(await ask(gw.gateway, `Bearer ${token}`), 'expired', /expired/, token);
  });

  it('refuses a token signed with another secret, saying the signature does not verify', async () => {
    const token = await sign(valid, new TextEncoder().encode('another-secret-of-at-least-32-characters!!'));
    expectRefused(
      await ask(gw.gateway, `Bearer ${token}`),
      'bad-signature',
      /signature does not verify/,
      token,
    );
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [header, , signature] = (await sign(valid)).split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'admin', iss: issuer, aud: audience, exp: 9e9 }),
    ).toString('base64url');
    const token = `${header}.${forged}.${signature}`;
    expectRefused(await ask(gw.gateway, `Bearer ${token}`), 'bad-signature', /signature/, token);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = new UnsecuredJWT({ sub: 'user-1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('10m');
    const encoded = token.encode();
    expectRefused(await ask(gw.gateway, `Bearer ${encoded}`), 'bad-signature', /algorithm/, encoded);
  });

  it('refuses a token that is not a JWT, saying it is malformed', async () => {
    for (const token of ['not-a-jwt', 'a.b.c', 'bm90IGpzb24.e30.c2ln']) {
      expectRefused(await ask(gw.gateway, `Bearer ${token}`), 'malformed', /not a well-formed JWT/, token);
    }
  });

  it('refuses a token without `exp`, from another issuer, for another audience, or not valid yet', async () => {
    const cases: [Parameters<typeof sign>[0], RegExp][] = [
      [{ iss: issuer, aud: audience }, /no `exp` claim/],
      [{ ...valid, iss: 'https://elsewhere.example.test/' }, /issuer/],
      [{ ...valid, aud: 'another-api' }, /not meant for this gateway/],
      [{ ...valid, nbf: Math.floor(Date.now() / 1000) + 3600 }, /not valid yet/],
    ];
    for (const [claims, message] of cases) {
      const token = await sign(claims);
      expectRefused(await ask(gw.gateway, `Bearer ${token}`), 'bad-claims', message, token);
    }
  });

  it('allows 30 seconds of clock skew on `exp` and `nbf`, and no more', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const claims of [
      { ...valid, exp: now - 20 },
      { ...valid, nbf: now + 20 },
    ])
      expectAnswered(await ask(gw.gateway, `Bearer ${await sign(claims)}`));
    const late = await sign({ ...valid, exp: now - 40 });
    expectRefused(await ask(gw.gateway, `Bearer ${late}`), 'expired', /expired/, late);
    const early = await sign({ ...valid, nbf: now + 40 });
    expectRefused(await ask(gw.gateway, `Bearer ${early}`), 'bad-claims', /not valid yet/, early);
  });

  it('refuses a token that lives longer than a day, from `iat` or, without one, from now', async () => {
    const now = Math.floor(Date.now() / 1000);
    const day = 86_400;
    const cases: [Parameters<typeof sign>[0], boolean][] = [
      [{ ...valid, exp: now + day }, true],
      [{ ...valid, iat: null, exp: now + day - 60 }, true],
      // Issued a while ago: what it has left is short, but it was made to live two days.
      [{ ...valid, iat: now - day - 60, exp: now + 600 }, false],
      [{ ...valid, exp: now + 2 * day }, false],
      [{ ...valid, iat: null, exp: now + 2 * day }, false],
      [{ ...valid, iat: now + 3600, exp: now + 7200 }, false],
      // Issued in the future by less than the clock skew allowed.
      [{ ...valid, iat: now + 20, exp: now + 600 }, true],
    ];
    for (const [claims, accepted] of cases) {
      const token = await sign(claims);
      const answer = await ask(gw.gateway, `Bearer ${token}`);
      if (accepted) expectAnswered(answer);
      else expectRefused(answer, 'bad-claims', /lives longer than this gateway accepts|in the future/, token);
    }
  });

  it('refuses a token whose `exp` or `iat` is not a number, naming the claim', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ exp: 'tomorrow' }, /`exp` claim is invalid/],
      [{ exp: Math.floor(Date.now() / 1000) + 600, iat: 'now' }, /`iat` claim is invalid/],
    ];
    for (const [claims, message] of cases) {
      // Written as they are sent: the token builder's own setters take numbers only.
      const payload: JWTPayload = { sub: 'user-1', iss: issuer, aud: audience, ...claims };
      const token = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(key);
      expectRefused(await ask(gw.gateway, `Bearer ${token}`), 'bad-claims', message, token);
    }
  });

  it('leaves /health open', async () => {
    expect((await gw.gateway.yoga.fetch('http://gateway.test/health')).status).toBe(200);
  });
});

describe('GATEWAY_JWT_CLOCK_TOLERANCE_S and GATEWAY_JWT_MAX_LIFETIME_S', () => {
  it('set the skew allowed and the longest lifetime accepted', async () => {
    const secret = 'test-secret-of-at-least-32-characters-0123456789';
    await using strict = await startTestGateway({
      GATEWAY_AUTH: 'jwt',
      GATEWAY_JWT_SECRET: secret,
      GATEWAY_JWT_CLOCK_TOLERANCE_S: '0',
      GATEWAY_JWT_MAX_LIFETIME_S: '600',
    });
    const now = Math.floor(Date.now() / 1000);
    const sign = (exp: number) =>
      new SignJWT({ sub: 'user-1' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt(now)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(secret));
    expectAnswered(await ask(strict.gateway, `Bearer ${await sign(now + 600)}`));
    expectRefused(await ask(strict.gateway, `Bearer ${await sign(now + 660)}`), 'bad-claims', /600 s/);
    expectRefused(await ask(strict.gateway, `Bearer ${await sign(now - 5)}`), 'expired', /expired/);
  });
});

describe('GATEWAY_AUTH=jwt with a JWKS URL', () => {
  let jwks: Server;
  let jwksUrl: string;
  let jwksRequests = 0;
  let signingKey: CryptoKey;
  let strangerKey: CryptoKey;
  let gw: TestGateway;
  const sign = (key: CryptoKey, kid = 'key-1', exp: number | string = '10m') =>
    new SignJWT({ sub: 'user-1' }).setProtectedHeader({ alg: 'ES256', kid }).setExpirationTime(exp).sign(key);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    strangerKey = (await generateKeyPair('ES256')).privateKey;
    const body = JSON.stringify({
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'ES256' }],
    });
    jwks = createServer((_request, response) => {
      jwksRequests += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    gw = await startTestGateway({ GATEWAY_AUTH: 'jwt', GATEWAY_JWKS_URL: jwksUrl });
  });
  afterAll(async () => {
    await gw.close();
    await new Promise<void>((resolve) => jwks.close(() => resolve()));
  });

  it('answers requests with tokens signed by a key of the set, fetching the set once', async () => {
    // A gateway of its own, that has fetched no key set yet whatever the other tests did.
    await using fresh = await startTestGateway({ GATEWAY_AUTH: 'jwt', GATEWAY_JWKS_URL: jwksUrl });
    jwksRequests = 0;
    for (let i = 0; i < 3; i++) expectAnswered(await ask(fresh.gateway, `Bearer ${await sign(signingKey)}`));
    expect(jwksRequests).toBe(1);
  });

  it('refuses a token signed by a key outside the set, or naming an unknown key', async () => {
    for (const token of [await sign(strangerKey), await sign(strangerKey, 'key-2')]) {
      expectRefused(
        await ask(gw.gateway, `Bearer ${token}`),
        'bad-signature',
        /signature does not verify/,
        token,
      );
    }
  });

  it('refuses an expired token', async () => {
    const token = await sign(signingKey, 'key-1', Math.floor(Date.now() / 1000) - 60);
    expectRefused(await ask(gw.gateway, `Bearer ${token}`), 'expired', /expired/, token);
  });

  it('refuses an HS256 token, so the public key can never serve as a shared secret', async () => {
    const token = await new SignJWT({ sub: 'user-1' })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('guessable-secret-guessable-secret!!'));
    expectRefused(await ask(gw.gateway, `Bearer ${token}`), 'bad-signature', /algorithm/, token);
  });

  it('answers 503 without blaming the caller when the key set cannot be fetched', async () => {
    const unreachable = await startTestGateway({
      GATEWAY_AUTH: 'jwt',
      GATEWAY_JWKS_URL: 'http://127.0.0.1:1/jwks',
    });
    try {
      const answer = await ask(unreachable.gateway, `Bearer ${await sign(signingKey)}`);
      expect(answer.status).toBe(503);
      expect(answer.body.errors).toEqual([
        {
          message: 'The gateway could not fetch the keys that verify tokens; try again shortly',
          extensions: { code: 'UPSTREAM_UNAVAILABLE' },
        },
      ]);
      expect(answer.text).not.toContain('127.0.0.1:1');
    } finally {
      await unreachable.close();
    }
  });

  it('answers tokens signed with each asymmetric algorithm a key set may hold', async () => {
    const algorithms = [
      'RS256',
      'RS384',
      'RS512',
      'PS256',
      'PS384',
      'PS512',
      'ES256',
      'ES384',
      'ES512',
      'EdDSA',
    ];
    const pairs = await Promise.all(algorithms.map((alg) => generateKeyPair(alg)));
    const keys = await Promise.all(
      pairs.map(async (pair, i) => ({
        ...(await exportJWK(pair.publicKey)),
        kid: `k-${i}`,
        alg: algorithms[i],
      })),
    );
    await using set = await serveKeySet({ keys });
    await using every = await startTestGateway({ GATEWAY_AUTH: 'jwt', GATEWAY_JWKS_URL: set.url });
    for (const [i, alg] of algorithms.entries()) {
      const token = await new SignJWT({ sub: 'user-1' })
        .setProtectedHeader({ alg, kid: `k-${i}` })
        .setExpirationTime('10m')
        .sign((pairs[i] as CryptoKeyPair).privateKey);
      expectAnswered(await ask(every.gateway, `Bearer ${token}`));
    }
  });

  it('refuses, as the token’s fault and not the gateway’s, one whose key id names two keys of the set', async () => {
    const [one, two] = [await generateKeyPair('ES256'), await generateKeyPair('ES256')];
    const keys = [
      { ...(await exportJWK(one.publicKey)), kid: 'twin', alg: 'ES256' },
      { ...(await exportJWK(two.publicKey)), kid: 'twin', alg: 'ES256' },
    ];
    await using set = await serveKeySet({ keys });
    await using twins = await startTestGateway({ GATEWAY_AUTH: 'jwt', GATEWAY_JWKS_URL: set.url });
    const token = await sign(one.privateKey, 'twin');
    const answer = await ask(twins.gateway, `Bearer ${token}`);
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'bad-signature',
    });
    expect(answer.body.errors?.[0]?.message).toBe(
      'The token’s key id (`kid`) names more than one key of the issuer’s key set, so its signature cannot be checked',
    );
    expect(answer.text).not.toContain(token);
  });
});

describe('configuration', () => {
  const upstream = { RIVERGEN_URL: 'http://127.0.0.1:9', RIVERGEN_TOKEN: 'rg_token' };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env, providers);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('requires GATEWAY_AUTH once a real upstream is configured', () => {
    expect(problems(upstream)).toMatch(/GATEWAY_AUTH is required once an upstream is configured/);
    expect(problems({ RIVERGEN_URL: 'not a url' })).toMatch(/GATEWAY_AUTH is required/);
    expect(loadConfig({ ...upstream, GATEWAY_AUTH: 'none' }, providers).auth).toEqual({ mode: 'none' });
  });

  it('names what each mode is missing, and variables that would be ignored', () => {
    expect(problems({ ...upstream, GATEWAY_AUTH: 'tokens' })).toMatch(/GATEWAY_TOKENS is required/);
    expect(problems({ ...upstream, GATEWAY_AUTH: 'tokens', GATEWAY_TOKENS: ' , ' })).toMatch(
      /GATEWAY_TOKENS: list at least one token/,
    );
    expect(problems({ ...upstream, GATEWAY_AUTH: 'jwt' })).toMatch(
      /set GATEWAY_JWT_SECRET .* or GATEWAY_JWKS_URL/,
    );
    expect(problems({ ...upstream, GATEWAY_AUTH: 'oauth' })).toMatch(
      /GATEWAY_AUTH: Invalid option: expected one of/,
    );
    expect(
      problems({
        ...upstream,
        GATEWAY_AUTH: 'jwt',
        GATEWAY_JWT_SECRET: 'x'.repeat(32),
        GATEWAY_JWKS_URL: 'https://a.test/jwks',
      }),
    ).toMatch(/not both/);
    expect(problems({ ...upstream, GATEWAY_AUTH: 'none', GATEWAY_TOKENS: 'abc' })).toMatch(
      /GATEWAY_TOKENS is set but GATEWAY_AUTH is not `tokens`/,
    );
  });

  it('refuses a short HS256 secret without printing it', () => {
    const message = problems({ ...upstream, GATEWAY_AUTH: 'jwt', GATEWAY_JWT_SECRET: 'short-secret-value' });
    expect(message).toMatch(/GATEWAY_JWT_SECRET is too short/);
    expect(message).not.toContain('short-secret-value');
  });

  it('reads a JWT configuration with issuer and audience', () => {
    expect(
      loadConfig(
        {
          ...upstream,
          GATEWAY_AUTH: 'jwt',
          GATEWAY_JWKS_URL: 'https://auth.example.test/jwks',
          GATEWAY_JWT_ISSUER: 'https://auth.example.test/',
          GATEWAY_JWT_AUDIENCE: 'gw',
        },
        providers,
      ).auth,
    ).toEqual({
      mode: 'jwt',
      key: { jwksUrl: 'https://auth.example.test/jwks' },
      issuer: 'https://auth.example.test/',
      audience: 'gw',
      clockToleranceS: 30,
      maxLifetimeS: 86_400,
    });
  });
});
