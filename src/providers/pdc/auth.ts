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
export interface PdcPasswordAuth {
  /** Headers with the token held, logging in first when there is none or it is about to expire. */
  headers(via?: PdcClient): Promise<Record<string, string>>;
  /**
   * Headers with a new token, after PDC refused the `rejected` ones (it may have rotated its signing
   * key): logs in again unless another caller already did since.
   */
  renew(rejected: Record<string, string>, via?: PdcClient): Promise<Record<string, string>>;
}

/**
 * Bearer headers for a service account: logs in on first use, reuses the token until shortly before
 * it expires or PDC refuses it, and shares one login between concurrent callers.
 */
export function pdcPasswordAuth(client: PdcClient, options: PdcPasswordAuthOptions): PdcPasswordAuth {
  const margin = (options.refreshBeforeSeconds ?? 30) * 1000;
  const now = options.now ?? Date.now;
  let current: Promise<PdcAccessToken> | undefined;

  /** The token held once the login in progress (if any) settles, unless `stale` says to log in again. */
  const token = async (via: PdcClient, stale: (held: PdcAccessToken) => boolean): Promise<PdcAccessToken> => {
    const seen = current;
    const held = await seen?.catch(() => undefined);
    // Another caller started a login meanwhile: share that one.
    if (current && current !== seen) return current;
    if (held && !stale(held)) return held;
    current = via.login(options.username, options.password);
    return current;
  };
  const expiring = (held: PdcAccessToken) => held.expiresAt.getTime() - margin <= now();
  const bearer = (held: PdcAccessToken) => ({ authorization: `Bearer ${held.accessToken}` });

  return {
    headers: async (via) => bearer(await token(via ?? client, expiring)),
    renew: async (rejected, via) =>
      bearer(
        await token(
          via ?? client,
          (held) => expiring(held) || rejected.authorization === `Bearer ${held.accessToken}`,
        ),
      ),
  };
}
