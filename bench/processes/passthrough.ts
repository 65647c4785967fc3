import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga } from 'graphql-yoga';
import type { ChildMessage } from '../lib/protocol.js';
import { connectUpstreams } from '../lib/upstreams.js';
import { UpstreamCalls } from '../passthrough/calls.js';
import { passthroughSchema } from '../passthrough/schema.js';

/** The minimal pass-through: a bare graphql-yoga server in its own process, on a free loopback port. */
const env = JSON.parse(process.env.BENCH_UPSTREAM_ENV ?? '{}') as Record<string, string>;
const calls = new UpstreamCalls(await connectUpstreams(env));
const yoga = createYoga({
  schema: passthroughSchema(calls),
  graphiql: false,
  landingPage: false,
  logging: false,
});
const server = createServer(yoga);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const ready: ChildMessage = { type: 'ready', payload: { origin: `http://127.0.0.1:${port}` } };
process.send?.(ready);

const stop = async () => {
  server.closeAllConnections();
  server.close();
  await calls.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
