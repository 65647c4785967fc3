/** Why a REDIS_URL is refused, in words that never repeat it (it may hold a password); undefined if it is fine. */
export function redisUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'REDIS_URL must be a URL such as redis://host:6379 or rediss://user:password@host:6380/0';
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    return 'REDIS_URL must start with redis:// or rediss:// (TLS)';
  if (!url.hostname) return 'REDIS_URL names no host';
  if (url.pathname.length > 1 && !/^\/\d{1,2}$/.test(url.pathname))
    return 'REDIS_URL’s path must be a database number, e.g. /0';
  return undefined;
}
