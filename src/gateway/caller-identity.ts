import { createHmac, randomBytes } from 'node:crypto';

/**
 * Who a caller is, as far as cached answers go: a keyed hash of every request header that tells
 * callers apart (the gateway's `Authorization` when it checks one, the upstream tokens it forwards),
 * never the credential itself. The key is made per process, so a hash kept in memory names no
 * credential anyone can test against; a fleet keeping its answers in Redis shares one kept there.
 *
 * The function answers `''` when the gateway tells no caller from another (no gateway credentials,
 * upstream credentials of its own): every caller then sees the same answers. It answers undefined
 * for a caller who sent none of the headers it does tell callers apart by: that caller has no
 * identity, and nothing of theirs is cached or served from the cache.
 */
export function callerIdentity(
  headers: readonly string[],
  key: Buffer = randomBytes(32),
): (request: Request) => string | undefined {
  if (headers.length === 0) return () => '';
  return (request) => {
    const hmac = createHmac('sha256', key);
    let identified = false;
    for (const name of headers) {
      const value = request.headers.get(name);
      if (value !== null) identified = true;
      // A header value holds no NUL: absent and present-but-empty stay apart, and so do neighbours.
      hmac.update(value === null ? '\0' : `\u0001${value}\0`);
    }
    return identified ? hmac.digest('base64url') : undefined;
  };
}
