import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { parseRedisUrl } from './redis-url.js';

/** What /ready says of Redis: reachable or not, and why not (never its address or password). */
export interface RedisState {
  ok: boolean;
  reason?: string;
}

/** Longest wait between two reconnection attempts: Redis coming back is noticed within it. */
const MAX_RECONNECT_DELAY_MS = 2000;

/** A command gives up after this long: a slow Redis must not hold a request. */
const COMMAND_TIMEOUT_MS = 250;

/** Waits between reconnection attempts: doubling from 100 ms up to MAX_RECONNECT_DELAY_MS. */
const reconnectDelay = (times: number) => Math.min(50 * 2 ** Math.min(times, 10), MAX_RECONNECT_DELAY_MS);

let driver: { Redis: typeof Redis; Cluster: typeof Cluster } | undefined;

/**
 * Loads ioredis, before the first SharedRedis: only a process with REDIS_URL set pays for reading it
 * at start (the bundle keeps it in a chunk of its own).
 */
export async function loadRedisDriver(): Promise<void> {
  if (driver) return;
  // ioredis's module.exports (its default export) carries every export; bundled, it is the only one.
  const { Redis, Cluster } = (await import('ioredis')).default as unknown as NonNullable<typeof driver>;
  driver = { Redis, Cluster };
}

/** A connection to one server (directly or through Sentinel) or to a Cluster: the commands are the same. */
export type RedisClient = Redis | Cluster;

/**
 * The one Redis connection of a process, for the state a fleet of gateways shares: one server, the
 * master a Sentinel group names (followed through failovers), or a Cluster. It connects in
 * the background at start and reconnects on its own; while it is down, commands fail at once
 * (no offline queue) and each caller falls back (fails open), so Redis never blocks a request.
 */
export class SharedRedis {
  readonly client: RedisClient;
  private down: string | undefined = 'connecting';
  /** Whether the current outage has been logged: once per outage, not per reconnection attempt. */
  private logged = false;
  private closing = false;

  constructor(
    url: string,
    private readonly logger: Logger,
    /** Told of each failure, by operation (connection, or a command's purpose), for a metric. */
    private readonly onError: (operation: string) => void = () => {},
  ) {
    this.client = connect(url);
    this.client.on('ready', () => {
      if (this.logged) this.logger.info('Redis is reachable again');
      this.down = undefined;
      this.logged = false;
    });
    this.client.on('error', (error: Error) => {
      // ioredis reports every failed reconnection: the first one of an outage is logged, all counted.
      this.outage(redactedError(error));
      this.onError('connection');
    });
    this.client.on('close', () => {
      if (!this.closing) this.outage(new Error('connection lost'));
    });
    // A Cluster tells of each node's failures apart; the Cluster as a whole is down only once all are.
    this.client.on('node error', () => this.onError('connection'));
  }

  private outage(error: Error): void {
    this.down = error.message;
    if (!this.logged) this.logger.warn({ err: error }, 'Redis is unreachable: what it shares fails open');
    this.logged = true;
  }

  get state(): RedisState {
    return this.down === undefined ? { ok: true } : { ok: false, reason: this.down };
  }

  /** Notes a command that failed (the caller falls back); logged at debug, always counted. */
  failed(operation: string, error: unknown): void {
    this.onError(operation);
    this.logger.debug({ err: redactedError(error), operation }, 'Redis command failed');
  }

  async close(): Promise<void> {
    this.closing = true;
    // `quit` waits for Redis; while it is down there is nothing to wait for.
    if (this.down === undefined) await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }
}

/** The client REDIS_URL names, failing fast while it is away. The URL was checked with the configuration. */
function connect(url: string): RedisClient {
  const target = parseRedisUrl(url);
  if ('problem' in target) throw new Error(target.problem);
  if (!driver) throw new Error('Redis: loadRedisDriver() must run before the first connection');
  const { Cluster, Redis } = driver;
  // Each connection's commands: none retried, none waiting longer than COMMAND_TIMEOUT_MS.
  const perConnection = { commandTimeout: COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 0 };
  const failFast = { ...perConnection, enableOfflineQueue: false, retryStrategy: reconnectDelay };
  if (target.topology === 'server') return new Redis(url, failFast);
  if (target.topology === 'sentinel')
    return new Redis({ ...target.options, ...failFast, sentinelRetryStrategy: reconnectDelay });
  return new Cluster(target.nodes, {
    ...target.options,
    enableOfflineQueue: false,
    clusterRetryStrategy: reconnectDelay,
    // A node that fails over or a slot that moves is retried briefly, never for longer than a request can wait.
    retryDelayOnFailover: 50,
    retryDelayOnClusterDown: 50,
    retryDelayOnTryAgain: 50,
    maxRedirections: 4,
    redisOptions: { ...target.options.redisOptions, ...perConnection },
  });
}

/** An ioredis error as logged: its kind and code only, as its message may name the server's address. */
function redactedError(error: unknown): Error {
  const code = (error as { code?: unknown } | undefined)?.code;
  const name = error instanceof Error ? error.name : 'Error';
  if (typeof code === 'string') return Object.assign(new Error(`${name} (${code})`), { code });
  if (error instanceof Error && /timed out/i.test(error.message)) return new Error(`${name} (timeout)`);
  if (error instanceof Error && /enableOfflineQueue|writeable/i.test(error.message))
    return new Error(`${name} (not connected)`);
  return new Error(name);
}
