// First: V8 flags must be set before the code they concern runs.
import './v8-flags.js';
import { ConfigError, loadConfig } from './config.js';
import { loadPersistedManifest } from './gateway/persisted-manifest.js';
import type { Env } from './gateway/provider.js';
import { providers } from './providers/registry.js';
import type { DemoUpstreams } from './sandbox/demo.js';
import { createGateway, listen } from './server.js';

/** How long closing the upstream pools and the simulators may take once the shutdown budget has run out. */
const EXIT_GRACE_MS = 1_000;

/** Starts the gateway from the environment; with no upstream configured, over the simulators. */
async function main(): Promise<void> {
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
    config = loadConfig(env, providers);
  }
  const gateway = createGateway(await loadPersistedManifest(config));
  const server = await listen(gateway, config.host, config.port);
  const url = server.url.replace('127.0.0.1', 'localhost');
  if (demo) {
    const simulators = Object.fromEntries(demo.simulators.map((sim) => [sim.provider, sim.url]));
    gateway.logger.info(
      { url, demo: true, simulators },
      `datasource-gateway in DEMO mode: no upstream is configured, so it serves built-in simulators of all four providers with seeded data — GraphiQL at ${url}`,
    );
  } else {
    const ids = config.providers.map((p) => p.definition.id);
    gateway.logger.info({ url, providers: ids }, `datasource-gateway at ${url} with ${ids.join(', ')}`);
  }

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
    await demo?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('datasource-gateway failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
