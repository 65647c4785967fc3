import type { ClusterOptions, RedisOptions } from 'ioredis';

/** A host and port of a Sentinel or of a Cluster's node. */
export interface RedisAddress {
  host: string;
  port: number;
}

/** What REDIS_URL points at: one server (ioredis reads the URL), a Sentinel group, or a Cluster. */
export type RedisTarget =
  | { topology: 'server'; url: string }
  | { topology: 'sentinel'; options: RedisOptions }
  | { topology: 'cluster'; nodes: RedisAddress[]; options: ClusterOptions };

/** What each scheme is and the port of a host written without one. */
const SCHEMES: Record<string, { topology: 'sentinel' | 'cluster'; tls: boolean; port: number }> = {
  'redis+sentinel': { topology: 'sentinel', tls: false, port: 26379 },
  'rediss+sentinel': { topology: 'sentinel', tls: true, port: 26379 },
  'redis+cluster': { topology: 'cluster', tls: false, port: 6379 },
  'rediss+cluster': { topology: 'cluster', tls: true, port: 6379 },
};

/** Query options of a Sentinel URL: the Sentinels' own credentials, when they differ from Redis's. */
const SENTINEL_OPTIONS = new Set(['sentinel_username', 'sentinel_password']);

const SCHEMES_HINT =
  'REDIS_URL must start with redis:// or rediss:// (TLS), or redis+sentinel:// or redis+cluster:// (rediss+… for TLS)';

/**
 * REDIS_URL read into what ioredis connects with, or why it is refused, in words that never repeat
 * it (it may hold a password). Besides redis:// and rediss://, it reads the form several clients share:
 * `redis+sentinel://[user:password@]host1:port1,host2:port2/<master-name>[/db]` (Sentinels on 26379
 * unless a port is written; `?sentinel_username=…&sentinel_password=…` when the Sentinels ask for
 * credentials of their own) and `redis+cluster://[user:password@]host1:port1,host2:port2`.
 */
export function parseRedisUrl(value: string): RedisTarget | { problem: string } {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'redis' || scheme === 'rediss') {
    const problem = serverUrlProblem(value);
    return problem ? { problem } : { topology: 'server', url: value };
  }
  const kind = scheme === undefined ? undefined : SCHEMES[scheme];
  if (!kind) return { problem: SCHEMES_HINT };
  const rest = value.slice(scheme?.length ?? 0).replace(/^:\/\//, '');
  const [beforeQuery = '', query = ''] = splitOnce(rest.replace(/#.*$/, ''), '?');
  const slash = beforeQuery.indexOf('/');
  const authority = slash < 0 ? beforeQuery : beforeQuery.slice(0, slash);
  const path = slash < 0 ? '' : beforeQuery.slice(slash);
  const at = authority.lastIndexOf('@');
  const credentials = at < 0 ? undefined : userInfo(authority.slice(0, at));
  if (credentials === null) return { problem: 'REDIS_URL’s user or password is not well percent-encoded' };
  const nodes = addresses(at < 0 ? authority : authority.slice(at + 1), kind.port);
  if (typeof nodes === 'string') return { problem: nodes };
  const auth = {
    ...(credentials?.username ? { username: credentials.username } : {}),
    ...(credentials?.password ? { password: credentials.password } : {}),
  };
  const params = new URLSearchParams(query);

  if (kind.topology === 'cluster') {
    if (path !== '' && path !== '/')
      return { problem: 'REDIS_URL: a Redis Cluster has only database 0, so a cluster URL takes no path' };
    if ([...params.keys()].length > 0) return { problem: 'REDIS_URL: a cluster URL takes no options' };
    return {
      topology: 'cluster',
      nodes,
      options: { redisOptions: { ...auth, ...(kind.tls ? { tls: {} } : {}) } },
    };
  }

  const [, name = '', db, ...extra] = path.split('/');
  if (!name)
    return { problem: 'REDIS_URL names no Sentinel master: redis+sentinel://host:26379/<master-name>' };
  if (extra.length > 0 || (db !== undefined && !/^\d{1,2}$/.test(db)))
    return { problem: 'REDIS_URL’s path after the master name must be a database number, e.g. /mymaster/0' };
  if ([...params.keys()].some((key) => !SENTINEL_OPTIONS.has(key)))
    return {
      problem: 'REDIS_URL: a Sentinel URL takes only the options sentinel_username and sentinel_password',
    };
  let masterName: string;
  try {
    masterName = decodeURIComponent(name);
  } catch {
    return { problem: 'REDIS_URL’s Sentinel master name is not well percent-encoded' };
  }
  const sentinelUsername = params.get('sentinel_username');
  const sentinelPassword = params.get('sentinel_password');
  return {
    topology: 'sentinel',
    options: {
      sentinels: nodes,
      name: masterName,
      ...auth,
      ...(db === undefined ? {} : { db: Number(db) }),
      ...(sentinelUsername ? { sentinelUsername } : {}),
      ...(sentinelPassword ? { sentinelPassword } : {}),
      // TLS to the Sentinels and to the master they name alike.
      ...(kind.tls ? { tls: {}, sentinelTLS: {}, enableTLSForSentinelMode: true } : {}),
    },
  };
}

/** Why a REDIS_URL is refused, in words that never repeat it (it may hold a password); undefined if it is fine. */
export function redisUrlProblem(value: string): string | undefined {
  const parsed = parseRedisUrl(value);
  return 'problem' in parsed ? parsed.problem : undefined;
}

/** redis:// and rediss://, which ioredis reads itself. */
function serverUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'REDIS_URL must be a URL such as redis://host:6379 or rediss://user:password@host:6380/0';
  }
  if (!url.hostname) return 'REDIS_URL names no host';
  if (url.pathname.length > 1 && !/^\/\d{1,2}$/.test(url.pathname))
    return 'REDIS_URL’s path must be a database number, e.g. /0';
  return undefined;
}

/** `host1:port1,host2,[::1]:port3`; a string says what is wrong with it. */
function addresses(list: string, defaultPort: number): RedisAddress[] | string {
  if (list === '') return 'REDIS_URL names no host';
  const found: RedisAddress[] = [];
  for (const entry of list.split(',')) {
    const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::([^:]*))?$/i.exec(entry.trim());
    if (!match?.[1]) return 'REDIS_URL has an empty or malformed host in its list of hosts';
    const written = match[2];
    const port = written === undefined ? defaultPort : Number(written);
    if ((written !== undefined && !/^\d{1,5}$/.test(written)) || port < 1 || port > 65535)
      return 'REDIS_URL has a port that is not a number from 1 to 65535';
    found.push({ host: match[1].replace(/^\[|\]$/g, ''), port });
  }
  return found;
}

/** `user:password`, percent-decoded; null when it cannot be. */
function userInfo(text: string): { username: string; password: string } | null {
  const [user = '', password = ''] = splitOnce(text, ':');
  try {
    return { username: decodeURIComponent(user), password: decodeURIComponent(password) };
  } catch {
    return null;
  }
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
