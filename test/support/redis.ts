import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  const [port = 0] = await freePorts(1);
  let server: ChildProcess | undefined;
  const start = async () => {
    server = await launch(path, port, serverArgs(port));
  };
  const stop = async () => {
    const child = server;
    server = undefined;
    if (child) await kill(child);
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

/** A Redis of several servers (Sentinel's or a Cluster's) of the test's own, on loopback. */
export interface TestRedisGroup {
  /** The REDIS_URL that names it. */
  url: string;
  /** How many connections listen on `channel`, over every server (a Cluster keeps each on one node). */
  subscribers(channel: string): Promise<number>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The servers of a group in a temporary directory (their configurations), stopped and removed at once. */
function group(dir: string, servers: ChildProcess[], clients: Redis[]) {
  const close = async () => {
    for (const client of clients) client.disconnect();
    await Promise.all(servers.map(kill));
    await rm(dir, { recursive: true, force: true });
  };
  const subscribers = async (channel: string) => {
    let sum = 0;
    for (const client of clients) {
      const counts = (await client.pubsub('NUMSUB', channel).catch(() => [])) as unknown[];
      sum += Number(counts[1] ?? 0);
    }
    return sum;
  };
  return { subscribers, close, [Symbol.asyncDispose]: close };
}

/** A Sentinel group whose master can be failed over to its replica. */
export interface TestSentinel extends TestRedisGroup {
  /** Kills the master; resolves once the Sentinel has promoted the replica. */
  failover(): Promise<void>;
}

/** The master name the test Sentinel watches. */
const MASTER = 'gateway';

/**
 * A master, its replica and one Sentinel watching them, on free loopback ports. Everything announces
 * 127.0.0.1, as the Sentinel tells clients the master's address. The URL lists first a Sentinel
 * that does not answer, as a fleet's list may.
 */
export async function startTestSentinel(path: string): Promise<TestSentinel> {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-sentinel-'));
  const [masterPort = 0, replicaPort = 0, sentinelPort = 0, deadPort = 0] = await freePorts(4);
  const servers: ChildProcess[] = [];
  const clients: Redis[] = [];
  const { close, ...rest } = group(dir, servers, clients);
  try {
    const dirArgs = ['--dir', dir];
    servers.push(await launch(path, masterPort, [...serverArgs(masterPort), ...dirArgs]));
    servers.push(
      await launch(path, replicaPort, [
        ...serverArgs(replicaPort),
        ...dirArgs,
        ...['--replicaof', '127.0.0.1', String(masterPort), '--replica-announce-ip', '127.0.0.1'],
      ]),
    );
    const conf = join(dir, 'sentinel.conf');
    await writeFile(
      conf,
      [
        `port ${sentinelPort}`,
        'bind 127.0.0.1',
        'sentinel announce-ip 127.0.0.1',
        `sentinel monitor ${MASTER} 127.0.0.1 ${masterPort} 1`,
        `sentinel down-after-milliseconds ${MASTER} 500`,
        `sentinel failover-timeout ${MASTER} 2000`,
        '',
      ].join('\n'),
    );
    servers.push(await launch(path, sentinelPort, [conf, '--sentinel']));
    const sentinel = new Redis({ port: sentinelPort, host: '127.0.0.1', maxRetriesPerRequest: 1 });
    sentinel.on('error', () => {});
    const master = new Redis({ port: masterPort, host: '127.0.0.1', maxRetriesPerRequest: 1 });
    const replica = new Redis({ port: replicaPort, host: '127.0.0.1', maxRetriesPerRequest: 1 });
    for (const client of [master, replica]) client.on('error', () => {});
    clients.push(master, replica);
    const failover = async () => {
      // A failover needs the replica in sync and known to the Sentinel (it looks every few seconds).
      await until(async () => /master_link_status:up/.test(await replica.info('replication')), 20_000);
      await until(
        async () => ((await sentinel.call('SENTINEL', 'REPLICAS', MASTER)) as unknown[]).length > 0,
        20_000,
      );
      await kill(servers[0] as ChildProcess);
      await until(async () => {
        const address = (await sentinel.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', MASTER)) as string[];
        return address[1] === String(replicaPort);
      }, 20_000);
    };
    const url = `redis+sentinel://127.0.0.1:${deadPort},127.0.0.1:${sentinelPort}/${MASTER}`;
    return {
      url,
      ...rest,
      failover,
      close: async () => {
        sentinel.disconnect();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Hash slots split evenly over the three nodes of a test Cluster. */
const SLOT_RANGES = [
  [0, 5460],
  [5461, 10922],
  [10923, 16383],
];

/** Three Cluster nodes, each the master of a third of the slots and without replicas, on free loopback ports. */
export async function startTestCluster(path: string): Promise<TestRedisGroup> {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-cluster-'));
  const ports = await freePorts(SLOT_RANGES.length);
  const servers: ChildProcess[] = [];
  const clients: Redis[] = [];
  const { close, ...rest } = group(dir, servers, clients);
  try {
    for (const port of ports) {
      const clusterArgs = [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
      ];
      servers.push(
        await launch(path, port, [
          ...serverArgs(port),
          '--dir',
          dir,
          ...clusterArgs,
          '--cluster-node-timeout',
          '2000',
        ]),
      );
      const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
      client.on('error', () => {});
      clients.push(client);
    }
    // What `redis-cli --cluster create` does, without needing redis-cli: slots to each node, then they meet.
    await Promise.all(
      clients.map((client, i) => client.call('CLUSTER', 'ADDSLOTSRANGE', ...(SLOT_RANGES[i] ?? []))),
    );
    for (const port of ports.slice(1)) await clients[0]?.call('CLUSTER', 'MEET', '127.0.0.1', port);
    await until(async () => {
      const infos = await Promise.all(clients.map((client) => client.call('CLUSTER', 'INFO')));
      return infos.every((info) => /cluster_state:ok/.test(String(info)));
    }, 20_000);
    return { url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`, ...rest, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Asks again until `done` says yes: a server's state is a condition, not a sleep. */
async function until(done: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('Redis did not get there in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The arguments of a redis-server on `port` of loopback that keeps nothing on disk. */
function serverArgs(port: number): string[] {
  return ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
}

/** redis-server (or its Sentinel) started with `args`, once it answers PING on `port`. */
async function launch(path: string, port: number, args: string[]): Promise<ChildProcess> {
  const child = spawn(path, args, { stdio: 'ignore' });
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  // Refused connections while the server starts are expected: each try's promise says so.
  probe.on('error', () => {});
  try {
    for (let tries = 0; ; tries++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      try {
        await probe.connect();
        await probe.ping();
        return child;
      } catch (error) {
        if (tries > 200) {
          await kill(child);
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  } finally {
    probe.disconnect();
  }
}

/** Kills a server as a crash would, once it has exited. */
async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Ports nothing listens on, all different: bound at once on port 0 and released. */
async function freePorts(count: number): Promise<number[]> {
  const probes = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    probes.map(
      (probe) =>
        new Promise<number>((resolve, reject) => {
          probe.once('error', reject);
          probe.listen(0, '127.0.0.1', () => {
            const address = probe.address();
            return typeof address === 'object' && address ? resolve(address.port) : reject();
          });
        }),
    ),
  );
  await Promise.all(probes.map((probe) => new Promise((resolve) => probe.close(resolve))));
  return ports;
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
