import { createHash, timingSafeEqual } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type * as Jose from 'jose';
import type { JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import { gatewayError } from './errors.js';

/**
 * Who may call the gateway. This is the gateway's own `Authorization` header; upstream
 * credentials a caller forwards travel in their own headers (see forwarded-auth.ts).
 */
export type GatewayAuthOptions =
  | { mode: 'none' }
  | { mode: 'tokens'; tokens: readonly string[] }
  | {
      mode: 'jwt';
      key: JwtKey;
      issuer?: string;
      audience?: string;
      /** Seconds a clock may be off by when `exp`, `nbf` and `iat` are checked. */
      clockToleranceS: number;
      /** The longest a token may live, from `iat` (or from now, without one) to `exp`. */
      maxLifetimeS: number;
    };

/** What verifies a JWT's signature: an HS256 shared secret, or the issuer's published keys. */
export type JwtKey = { secret: string } | { jwksUrl: string };

/** Why a request was refused, as `extensions.reason` (clients may switch on it). */
export type AuthFailure =
  | 'missing'
  | 'malformed'
  | 'unknown-token'
  | 'expired'
  | 'bad-signature'
  | 'bad-claims';

/** Algorithms a JWKS may sign with; HMAC is excluded so a public key is never used as a secret. */
const asymmetric = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Refuses GraphQL requests without valid gateway credentials with HTTP 401 and UNAUTHENTICATED.
 * It runs once Yoga has answered /health, CORS preflights and the GraphiQL page, which stay open.
 */
export function useGatewayAuth(options: GatewayAuthOptions): Plugin {
  if (options.mode === 'none') return {};
  const check = options.mode === 'tokens' ? tokenCheck(options.tokens) : jwtCheck(options);
  return {
    onRequestParse: async ({ request }) => {
      await check(bearerToken(request.headers.get('authorization')));
    },
  };
}

function bearerToken(header: string | null): string {
  if (!header?.trim()) {
    throw refused('missing', 'This gateway requires credentials: send `Authorization: Bearer <token>`');
  }
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match?.[1]) {
    throw refused(
      'malformed',
      'The `Authorization` header must be `Bearer <token>`: one token after `Bearer `',
    );
  }
  return match[1];
}

/** Static API tokens, compared as SHA-256 digests in constant time, every token every time. */
function tokenCheck(tokens: readonly string[]): (token: string) => void {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const accepted = tokens.map(digest);
  return (token) => {
    const presented = digest(token);
    let known = false;
    for (const candidate of accepted) known = timingSafeEqual(candidate, presented) || known;
    if (!known) throw refused('unknown-token', 'The API token is not one this gateway accepts');
  };
}

function jwtCheck(options: Extract<GatewayAuthOptions, { mode: 'jwt' }>): (token: string) => Promise<void> {
  // jose loads in JWT mode only, while the gateway starts: other modes never pay for it.
  const verifier = import('jose').then((jose) => jwtVerifier(jose, options));
  return async (token) => {
    const { verify, errors } = await verifier;
    let claims: Jose.JWTPayload;
    try {
      ({ payload: claims } = await verify(token));
    } catch (error) {
      throw jwtRefusal(errors, error);
    }
    checkLifetime(claims, options);
  };
}

/**
 * A stolen token is useful until it expires: one that lives longer than `maxLifetimeS` is refused
 * however young it is (jose's `maxTokenAge` bounds only its age, and only with an `iat`).
 */
function checkLifetime(
  claims: Jose.JWTPayload,
  { clockToleranceS, maxLifetimeS }: Extract<GatewayAuthOptions, { mode: 'jwt' }>,
): void {
  const now = Math.floor(Date.now() / 1000);
  // `exp` is required, and jose has checked that `exp` and `iat` are numbers.
  const { exp = now, iat } = claims;
  if (iat !== undefined && iat > now + clockToleranceS)
    throw refused('bad-claims', 'The token’s `iat` claim is in the future');
  if (exp - (iat ?? now) > maxLifetimeS) {
    throw refused(
      'bad-claims',
      `The token lives longer than this gateway accepts (${maxLifetimeS} s from \`iat\`, or from now, to \`exp\`): get a shorter-lived one`,
    );
  }
}

function jwtVerifier(jose: typeof Jose, options: Extract<GatewayAuthOptions, { mode: 'jwt' }>) {
  const claims: JWTVerifyOptions = { requiredClaims: ['exp'], clockTolerance: options.clockToleranceS };
  if (options.issuer) claims.issuer = options.issuer;
  if (options.audience) claims.audience = options.audience;
  const { key } = options;
  if ('secret' in key) {
    const secret = new TextEncoder().encode(key.secret);
    return {
      errors: jose.errors,
      verify: (token: string) => jose.jwtVerify(token, secret, { ...claims, algorithms: ['HS256'] }),
    };
  }
  const keys = remoteKeys(jose, key.jwksUrl);
  return {
    errors: jose.errors,
    verify: (token: string) => jose.jwtVerify(token, keys, { ...claims, algorithms: asymmetric }),
  };
}

/** Failing to fetch the keys is the gateway's problem, not the caller's: it is not a 401. */
class KeysUnavailable extends Error {}

function remoteKeys(jose: typeof Jose, url: string): JWTVerifyGetKey {
  const jwks = jose.createRemoteJWKSet(new URL(url));
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      if (
        error instanceof jose.errors.JWKSNoMatchingKey ||
        error instanceof jose.errors.JWKSMultipleMatchingKeys
      )
        throw error;
      throw new KeysUnavailable('JWKS unavailable', { cause: error });
    }
  };
}

const claimMessages: Record<string, string> = {
  exp: 'The token has no `exp` claim: this gateway accepts only tokens that expire',
  iss: 'The token was not issued by the issuer this gateway trusts (`iss`)',
  aud: 'The token is not meant for this gateway (`aud`)',
  nbf: 'The token is not valid yet (`nbf` is in the future)',
  iat: 'The token’s `iat` claim is invalid',
};

function jwtRefusal(errors: typeof Jose.errors, error: unknown): GraphQLError {
  if (error instanceof KeysUnavailable) {
    return gatewayError('The gateway could not fetch the keys that verify tokens; try again shortly', {
      code: 'UPSTREAM_UNAVAILABLE',
      http: { status: 503 },
    });
  }
  if (error instanceof errors.JWTExpired) return refused('expired', 'The token has expired: get a new one');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const known =
      error.claim === 'exp' && error.reason !== 'missing' ? undefined : claimMessages[error.claim];
    return refused('bad-claims', known ?? `The token’s \`${error.claim}\` claim is invalid`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return refused('bad-signature', 'The token’s signature does not verify with this gateway’s keys');
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    // The issuer's key set names two keys alike: which one signed cannot be told, and the token is not malformed.
    return refused(
      'bad-signature',
      'The token’s key id (`kid`) names more than one key of the issuer’s key set, so its signature cannot be checked',
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return refused('bad-signature', 'The token is signed with an algorithm this gateway does not accept');
  }
  if (error instanceof errors.JOSEError) {
    return refused(
      'malformed',
      'The token is not a well-formed JWT (three base64url parts, JSON header and claims)',
    );
  }
  throw error;
}

function refused(reason: AuthFailure, message: string): GraphQLError {
  return gatewayError(message, {
    code: 'UNAUTHENTICATED',
    reason,
    http: {
      status: 401,
      headers: {
        'www-authenticate': reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"',
      },
    },
  });
}
