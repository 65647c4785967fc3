import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** Where Debian's `redis-server` package puts the server. */
const redisServer = '/usr/bin/redis-server';

export interface BenchRedis {
  child: ChildProcess;
  url: string;
}

/** A redis-server of the bench's own on a free loopback port, keeping nothing on disk; or why there is none. */
export async function startRedis(): Promise<BenchRedis | { missing: string }> {
  if (!existsSync(redisServer))
    return { missing: `${redisServer} is missing (\`apt-get install -y redis-server\`)` };
  const port = await freePort();
  const child = spawn(
    redisServer,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  // Refused connections while the server starts are expected: each try says so.
  probe.on('error', () => {});
  try {
    for (let tries = 0; ; tries++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      try {
        await probe.connect();
        await probe.ping();
        return { child, url: `redis://127.0.0.1:${port}` };
      } catch (error) {
        if (tries > 200) {
          child.kill('SIGKILL');
          throw error;
        }
        await sleep(25);
      }
    }
  } finally {
    probe.disconnect();
  }
}

/** A port nothing listens on: bound once on port 0 and released. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}
