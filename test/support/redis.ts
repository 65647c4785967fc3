import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/** Where Debian's `redis-server` package puts the server the Redis tests start. */
const redisServer = '/usr/bin/redis-server';

const run = promisify(execFile);

/**
 * The path of redis-server, installed with apt-get first when it is missing and the tests run as
 * root; or, when it cannot be had, why not (for the tests to skip with), as for Chromium.
 */
export async function ensureRedisServer(): Promise<{ path: string } | { missing: string }> {
  if (existsSync(redisServer)) return { path: redisServer };
  if (process.getuid?.() !== 0) {
    return {
      missing: `${redisServer} is missing and only root may install it: run \`apt-get install -y redis-server\``,
    };
  }
  const aptGet = (...args: string[]) =>
    run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      maxBuffer: 64 * 1024 * 1024,
    });
  try {
    await aptGet('install', '-y', 'redis-server').catch(async () => {
      await aptGet('update');
      await aptGet('install', '-y', 'redis-server');
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { missing: `${redisServer} is missing and \`apt-get install -y redis-server\` failed: ${reason}` };
  }
  return existsSync(redisServer)
    ? { path: redisServer }
    : { missing: `\`apt-get install -y redis-server\` ran but ${redisServer} is still missing` };
}

export interface TestRedis {
  url: string;
  /** A client of its own, for a test to look inside. */
  client: Redis;
  /** Kills the server (as a crash would); `start` brings it back, empty, on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A redis-server of the test's own on a free loopback port, keeping nothing on disk. */
export async function startTestRedis(path: string): Promise<TestRedis> {
  const port = await freePort();
  let server: ChildProcess | undefined;
  const start = async () => {
    const child = spawn(
      path,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    server = child;
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
    // Refused connections while the server starts are expected: each try's promise says so.
    probe.on('error', () => {});
    try {
      for (let tries = 0; ; tries++) {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        try {
          await probe.connect();
          await probe.ping();
          return;
        } catch (error) {
          if (tries > 200) throw error;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
    } finally {
      probe.disconnect();
    }
  };
  const stop = async () => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
  // While the server is stopped on purpose, this client's failed reconnections are no news.
  client.on('error', () => {});
  const close = async () => {
    client.disconnect();
    await stop();
  };
  return { url: `redis://127.0.0.1:${port}`, client, stop, start, close, [Symbol.asyncDispose]: close };
}

/** A port nothing listens on: bound once on port 0 and released. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** A suite's Redis: started before its tests, stopped after them; `unavailable` says why there is none. */
export interface SuiteRedis {
  redis?: TestRedis;
  unavailable?: string;
}

/**
 * Starts a real Redis for the tests of the describe block it is called in (what it is for names the
 * reason a test skips when there is no redis-server). Hooks registered after it run before its stop.
 */
export function useTestRedis(purpose: string): SuiteRedis {
  const suite: SuiteRedis = {};
  beforeAll(async () => {
    const server = await ensureRedisServer();
    if ('missing' in server) {
      suite.unavailable = `no Redis to ${purpose}: ${server.missing}`;
      return;
    }
    suite.redis = await startTestRedis(server.path);
  }, 600_000);
  afterAll(async () => {
    await suite.redis?.close();
  });
  return suite;
}
