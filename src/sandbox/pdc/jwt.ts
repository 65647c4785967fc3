import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims the simulated catalog puts in its access tokens. */
export interface AccessClaims {
  /** The user the token was issued to. */
  sub: string;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expires at, seconds since the epoch; the token is refused from this second on. */
  exp: number;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** An HS256 JWT over the claims, signed with the simulator's secret. */
export function signJwt(claims: AccessClaims, secret: Buffer): string {
  const unsigned = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${unsigned}.${signature(unsigned, secret)}`;
}

/** The claims of a token signed with `secret` that has not expired at `nowSeconds`, else undefined. */
export function verifyJwt(token: string, secret: Buffer, nowSeconds: number): AccessClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, sent] = parts as [string, string, string];
  if (header !== HEADER) return undefined;
  const expected = Buffer.from(signature(`${header}.${payload}`, secret));
  const given = Buffer.from(sent);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const claims = parseClaims(payload);
  if (!claims || nowSeconds >= claims.exp) return undefined;
  return claims;
}

function parseClaims(payload: string): AccessClaims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { sub, iat, exp } = value as Record<string, unknown>;
    if (typeof sub !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') return undefined;
    return { sub, iat, exp };
  } catch {
    return undefined;
  }
}

function signature(unsigned: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(unsigned).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
