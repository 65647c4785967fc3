// First: V8 flags must be set before the code they concern runs.
import './v8-flags.js';
import cluster from 'node:cluster';
import { runPrimary, startMessage, tellListening, workerCachePeers, workerMetrics } from './cluster.js';
import { ConfigError, type GatewayConfig, loadConfig } from './config.js';
import { createLogger } from './gateway/logging.js';
import { loadPersistedManifest } from './gateway/persisted-manifest.js';
import type { Env } from './gateway/provider.js';
import { loadRedisDriver } from './gateway/shared/redis.js';
import { providers } from './providers/registry.js';
import type { DemoUpstreams } from './sandbox/demo.js';
import { createGateway, type GatewayOptions, listen } from './server.js';

/** How long closing the upstream pools and the simulators may take once the shutdown budget has run out. */
const EXIT_GRACE_MS = 1_000;

/** Starts the gateway from the environment; with no upstream configured, over the simulators. */
async function main(): Promise<void> {
  if (cluster.isWorker) {
    // A worker reads the environment the primary read, the demo simulators' addresses included.
    const start = await startMessage();
    const config = loadConfig(start.env, providers, { demo: start.demo });
    const logger = createLogger(config.logLevel).child({ pid: process.pid });
    await serve(
      config,
      { logger, sumOverWorkers: workerMetrics, cachePeers: workerCachePeers() },
      { quiet: true },
    );
    return;
  }
  let env: Env = process.env;
  let demo: DemoUpstreams | undefined;
  let config = loadConfig(env, providers);
  if (config.demo) {
    // Only demo mode pays for the simulators (their contracts, validators and seed data).
    const { startDemoUpstreams } = await import('./sandbox/demo.js');
    demo = await startDemoUpstreams();
    // The simulators count as configured upstreams: keep the auth, CORS and cache demo mode chose.
    env = {
      ...env,
      ...demo.env,
      GATEWAY_AUTH: config.auth.mode,
      CORS_ORIGINS: config.corsOrigins.join(','),
      RESPONSE_CACHE: config.responseCache ? 'on' : 'off',
    };
    config = loadConfig(env, providers, { demo: true });
  }
  if (config.workers === 1) {
    await serve(config, {}, { demo });
    return;
  }
  const logger = createLogger(config.logLevel).child({ pid: process.pid });
  runPrimary({
    workers: config.workers,
    start: { env, demo: config.demo },
    logger,
    shutdownMs: config.shutdownTimeoutMs + 2 * EXIT_GRACE_MS,
    onListening: (url, pids) => started(logger, config, url.replace('127.0.0.1', 'localhost'), demo, pids),
    onStopped: async () => {
      await demo?.close();
    },
  });
}

/** One process serving requests: the only one, or one worker of a cluster (`quiet`: the primary says it started). */
async function serve(
  config: GatewayConfig,
  options: GatewayOptions,
  how: { demo?: DemoUpstreams; quiet?: boolean },
): Promise<void> {
  if (config.redisUrl) await loadRedisDriver();
  const gateway = createGateway(await loadPersistedManifest(config), options);
  const server = await listen(gateway, config.host, config.port);
  if (how.quiet) tellListening(server.url);
  else started(gateway.logger, config, server.url.replace('127.0.0.1', 'localhost'), how.demo);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    gateway.logger.info(`${signal} received: finishing requests in flight, then exiting`);
    // /ready answers 503 from now on, so a balancer stops sending before the listener closes.
    gateway.drain();
    // Whatever the upstreams do (a call no request's signal reaches may still be open), the process goes.
    setTimeout(() => process.exit(0), config.shutdownTimeoutMs + EXIT_GRACE_MS).unref();
    await server.close(config.shutdownTimeoutMs);
    await gateway.close();
    await how.demo?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** The first log line: where the gateway listens, what it serves and, in a cluster, its workers. */
function started(
  logger: ReturnType<typeof createLogger>,
  config: GatewayConfig,
  url: string,
  demo: DemoUpstreams | undefined,
  workers?: number[],
): void {
  const cluster = workers ? { workers } : {};
  const by = workers ? ` (${workers.length} workers)` : '';
  if (demo) {
    const simulators = Object.fromEntries(demo.simulators.map((sim) => [sim.provider, sim.url]));
    logger.info(
      { url, demo: true, simulators, ...cluster },
      `datasource-gateway in DEMO mode${by}: no upstream is configured, so it serves built-in simulators of all four providers with seeded data — GraphiQL at ${url}`,
    );
  } else {
    const ids = config.providers.map((p) => p.definition.id);
    logger.info(
      { url, providers: ids, ...cluster },
      `datasource-gateway at ${url} with ${ids.join(', ')}${by}`,
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('datasource-gateway failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
