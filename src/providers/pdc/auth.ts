import type { AuthHeaders } from '../../gateway/upstream/index.js';
import type { PdcAccessToken, PdcClient } from './client.js';

export interface PdcPasswordAuthOptions {
  username: string;
  password: string;
  /** Log in again this many seconds before the token's `exp`, so no call carries a dying token. */
  refreshBeforeSeconds?: number;
  /** The clock, in milliseconds (tests move it instead of waiting). */
  now?: () => number;
}

/**
 * Bearer headers for a service account. `via` is the client of the request that needs them, so that a
 * login it causes is counted as one of its calls; without it, the client given here logs in.
 */
export type PdcPasswordAuth = AuthHeaders & ((via?: PdcClient) => Promise<Record<string, string>>);

/**
 * Bearer headers for a service account: logs in on first use, reuses the token until shortly before
 * it expires, and shares one login between concurrent callers.
 */
export function pdcPasswordAuth(client: PdcClient, options: PdcPasswordAuthOptions): PdcPasswordAuth {
  const margin = (options.refreshBeforeSeconds ?? 30) * 1000;
  const now = options.now ?? Date.now;
  let current: Promise<PdcAccessToken> | undefined;

  const token = async (via: PdcClient): Promise<PdcAccessToken> => {
    const seen = current;
    if (seen) {
      const held = await seen.catch(() => undefined);
      if (held && held.expiresAt.getTime() - margin > now()) return held;
      // Another caller already found it stale and started a login: share that one.
      if (current && current !== seen) return current;
    }
    current = via.login(options.username, options.password);
    return current;
  };

  return async (via?: PdcClient) => ({ authorization: `Bearer ${(await token(via ?? client)).accessToken}` });
}
