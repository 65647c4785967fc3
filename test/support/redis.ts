import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { ensureDebianProgram } from './debian.js';
import { startTestGateway, type TestGateway } from './gateway.js';

/** Where Debian's `redis-server` package puts the server the Redis tests start. */
const redisServer = '/usr/bin/redis-server';

/** The path of redis-server, installed first when it is missing (see ensureDebianProgram). */
export function ensureRedisServer(): Promise<{ path: string } | { missing: string }> {
  return ensureDebianProgram(redisServer, 'redis-server');
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
  /** How many client connections its data servers hold, the test's own one to each included. */
  connections(): Promise<number>;
  /** Kills every server (as a crash would); `start` brings them back, empty, as they were first started. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Servers started from `path` with their configurations in a temporary directory, stopped and removed at once. */
async function group(path: string, prefix: string) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const servers: { port: number; args: string[]; child?: ChildProcess }[] = [];
  /** Clients of the test's own, to look inside; those of data servers count connections. */
  const clients: Redis[] = [];
  const client = (port: number) => {
    const redis = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
    // While the servers are stopped on purpose, failed reconnections are no news.
    redis.on('error', () => {});
    return redis;
  };
  const add = async (port: number, args: string[]) => {
    servers.push({ port, args, child: await launch(path, port, args) });
  };
  const stopOne = async (index: number) => {
    const server = servers[index];
    const child = server?.child;
    if (server) server.child = undefined;
    if (child) await kill(child);
  };
  const stop = async () => {
    await Promise.all(servers.map((_, index) => stopOne(index)));
  };
  const start = async () => {
    for (const server of servers) server.child ??= await launch(path, server.port, server.args);
  };
  const connections = async () => {
    let sum = 0;
    for (const redis of clients) {
      const list = String(await redis.client('LIST').catch(() => ''));
      sum += list.split('\n').filter((line) => line.startsWith('id=')).length;
    }
    return sum;
  };
  const close = async () => {
    for (const redis of clients) redis.disconnect();
    await stop();
    await rm(dir, { recursive: true, force: true });
  };
  return { dir, clients, client, add, stopOne, stop, start, connections, close };
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
  const servers = await group(path, 'gateway-sentinel-');
  const [masterPort = 0, replicaPort = 0, sentinelPort = 0, deadPort = 0] = await freePorts(4);
  try {
    const dirArgs = ['--dir', servers.dir];
    await servers.add(masterPort, [...serverArgs(masterPort), ...dirArgs]);
    await servers.add(replicaPort, [
      ...serverArgs(replicaPort),
      ...dirArgs,
      ...['--replicaof', '127.0.0.1', String(masterPort), '--replica-announce-ip', '127.0.0.1'],
    ]);
    const conf = join(servers.dir, 'sentinel.conf');
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
    await servers.add(sentinelPort, [conf, '--sentinel']);
    const sentinel = servers.client(sentinelPort);
    const replica = servers.client(replicaPort);
    servers.clients.push(servers.client(masterPort), replica);
    const failover = async () => {
      // A failover needs the replica in sync and known to the Sentinel (it looks every few seconds).
      await until(async () => /master_link_status:up/.test(await replica.info('replication')), 20_000);
      await until(
        async () => ((await sentinel.call('SENTINEL', 'REPLICAS', MASTER)) as unknown[]).length > 0,
        20_000,
      );
      await servers.stopOne(0);
      await until(async () => {
        const address = (await sentinel.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', MASTER)) as string[];
        return address[1] === String(replicaPort);
      }, 20_000);
    };
    const close = async () => {
      sentinel.disconnect();
      await servers.close();
    };
    return {
      url: `redis+sentinel://127.0.0.1:${deadPort},127.0.0.1:${sentinelPort}/${MASTER}`,
      connections: servers.connections,
      stop: servers.stop,
      start: servers.start,
      failover,
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await servers.close();
    throw error;
  }
}

/** Hash slots split evenly over the three nodes of a test Cluster. */
const SLOT_RANGES = [
  [0, 5460],
  [5461, 10922],
  [10923, 16383],
];

/** A Cluster whose nodes can also fail one at a time. */
export interface TestCluster extends TestRedisGroup {
  /** Kills the node serving `key`'s slot (as a crash would); resolves with its index. */
  stopNodeServing(key: string): Promise<number>;
  /**
   * Holds every command the node serving `key`'s slot gets for `ms` (CLIENT PAUSE, as a node too slow
   * would); resolves with a wait for the pause's end.
   */
  pauseNodeServing(key: string, ms: number): Promise<() => Promise<void>>;
}

/** Three Cluster nodes, each the master of a third of the slots and without replicas, on free loopback ports. */
export async function startTestCluster(path: string): Promise<TestCluster> {
  const servers = await group(path, 'gateway-cluster-');
  const ports = await freePorts(SLOT_RANGES.length);
  const healthy = () =>
    until(async () => {
      const infos = await Promise.all(servers.clients.map((node) => node.call('CLUSTER', 'INFO')));
      return infos.every((info) => /cluster_state:ok/.test(String(info)));
    }, 20_000);
  try {
    for (const port of ports) {
      // Each node keeps its identity and slots in its nodes file, so that it rejoins after a restart.
      await servers.add(port, [
        ...serverArgs(port),
        ...['--dir', servers.dir, '--cluster-enabled', 'yes', '--cluster-node-timeout', '2000'],
        ...['--cluster-config-file', join(servers.dir, `nodes-${port}.conf`)],
      ]);
      servers.clients.push(servers.client(port));
    }
    // What `redis-cli --cluster create` does, without needing redis-cli: slots to each node, then they meet.
    await Promise.all(
      servers.clients.map((node, i) => node.call('CLUSTER', 'ADDSLOTSRANGE', ...(SLOT_RANGES[i] ?? []))),
    );
    for (const port of ports.slice(1)) await servers.clients[0]?.call('CLUSTER', 'MEET', '127.0.0.1', port);
    await healthy();
    const nodeServing = async (key: string) => {
      const slot = Number(await servers.clients[0]?.call('CLUSTER', 'KEYSLOT', key));
      const index = SLOT_RANGES.findIndex(([low = 0, high = 0]) => slot >= low && slot <= high);
      if (index < 0) throw new Error(`no node serves slot ${slot}`);
      return index;
    };
    return {
      url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`,
      connections: servers.connections,
      stopNodeServing: async (key) => {
        const index = await nodeServing(key);
        await servers.stopOne(index);
        return index;
      },
      pauseNodeServing: async (key, ms) => {
        const node = servers.clients[await nodeServing(key)];
        await node?.call('CLIENT', 'PAUSE', String(ms), 'ALL');
        // The node answers its own client again once the pause is over.
        return async () => void (await node?.ping());
      },
      stop: servers.stop,
      start: async () => {
        await servers.start();
        await healthy();
      },
      close: servers.close,
      [Symbol.asyncDispose]: servers.close,
    };
  } catch (error) {
    await servers.close();
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

/** Whether `gw`'s /ready says it reaches Redis. */
export async function gatewayReachesRedis(gw: Pick<TestGateway, 'gateway'>): Promise<boolean> {
  const ready = await (await gw.gateway.yoga.fetch('http://gateway.test/ready')).json();
  return (ready as { redis?: { ok: boolean } }).redis?.ok === true;
}

/** Waits for each gateway to reach Redis: it connects in the background, and until then shares nothing. */
export async function reachRedis(
  gateways: readonly Pick<TestGateway, 'gateway'>[],
  timeoutMs = 10_000,
): Promise<void> {
  for (const gw of gateways) await until(() => gatewayReachesRedis(gw), timeoutMs);
}

/** Two gateways on `redis`, both calling the first one's RiverGen simulator, each once it reaches Redis. */
export async function twoGatewaysOnRedis(
  redis: TestRedis,
  env: Record<string, string>,
): Promise<[TestGateway, TestGateway]> {
  const shared = { ...env, REDIS_URL: redis.url };
  const a = await startTestGateway(shared);
  const b = await startTestGateway({ ...shared, RIVERGEN_URL: a.sims.rivergen?.url ?? '' });
  try {
    await reachRedis([a, b]);
  } catch (error) {
    await Promise.all([a.close(), b.close()]);
    throw error;
  }
  return [a, b];
}

/**
 * A suite's Redis (see useTestRedis) and `twoGateways(env)`: two gateways on it calling the first
 * one's RiverGen simulator, all closed after the suite.
 */
export function useGatewayPairsOnRedis(purpose: string): {
  suite: SuiteRedis;
  twoGateways: (env: Record<string, string>) => Promise<[TestGateway, TestGateway]>;
} {
  const suite = useTestRedis(purpose);
  const gateways: TestGateway[] = [];
  afterAll(async () => {
    await Promise.all(gateways.map((gw) => gw.close()));
  });
  return {
    suite,
    async twoGateways(env) {
      const pair = await twoGatewaysOnRedis(suite.redis as TestRedis, env);
      gateways.push(...pair);
      return pair;
    },
  };
}
