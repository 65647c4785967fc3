import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type ExecutionResult, print } from 'graphql';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/gateway/logging.js';
import { loadPersistedManifest } from '../../src/gateway/persisted-manifest.js';
import { loadRedisDriver } from '../../src/gateway/shared/redis.js';
import { providers } from '../../src/providers/registry.js';
import { startDemoUpstreams } from '../../src/sandbox/demo.js';
import type { SandboxShape, Simulator } from '../../src/sandbox/kit/index.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server.js';

export interface GraphQLResponse<TData = Record<string, unknown>> extends ExecutionResult<TData> {
  errors?: ExecutionResult['errors'] &
    { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestGateway {
  gateway: Gateway;
  /** The simulators behind it, by provider id. */
  sims: Record<string, Simulator>;
  /** Sends a GraphQL document the way a client would (POST /graphql) and returns the parsed body. */
  query<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData> & { status: number }>;
  query<TData = Record<string, unknown>>(
    document: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData> & { status: number }>;
  /** Every line the gateway logged (at debug level), kept here instead of printed. */
  logs: string[];
  /** Zeroes every simulator's counters. */
  resetCounts(): void;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * The gateway over freshly seeded simulators on loopback, configured through the environment.
 * It is open (`GATEWAY_AUTH=none`, as in demo mode) unless `env` says otherwise. The simulators
 * answer in the shape SANDBOX_SHAPE names, or in `options.shape`; `options.sumOverWorkers` makes it
 * a cluster worker whose /metrics answers for the whole cluster.
 */
export async function startTestGateway(
  env: Record<string, string> = {},
  options: { shape?: SandboxShape; sumOverWorkers?: GatewayOptions['sumOverWorkers'] } = {},
): Promise<TestGateway> {
  const demo = await startDemoUpstreams(options);
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const config = loadConfig({ GATEWAY_AUTH: 'none', ...demo.env, ...env }, providers);
  if (config.redisUrl) await loadRedisDriver();
  const gateway = createGateway(await loadPersistedManifest(config), {
    logger,
    sumOverWorkers: options.sumOverWorkers,
  });
  const sims = Object.fromEntries(demo.simulators.map((sim) => [sim.provider, sim]));
  const close = async () => {
    await gateway.close();
    await demo.close();
  };
  return {
    gateway,
    sims,
    logs,
    async query(
      document: string | TypedDocumentNode<unknown, unknown>,
      variables?: unknown,
      headers?: Record<string, string>,
    ) {
      const query = typeof document === 'string' ? document : print(document);
      const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLResponse<never>;
      return { ...body, status: response.status };
    },
    resetCounts() {
      for (const sim of demo.simulators) sim.stats.reset();
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A POST /graphql of `body` as sent (for `extensions` such as APQ's hash), with the response's status. */
export async function postGraphQL(
  gw: TestGateway,
  body: Record<string, unknown>,
): Promise<GraphQLResponse & { status: number }> {
  const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as GraphQLResponse) };
}
