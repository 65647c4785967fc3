import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { providers } from '../../src/providers/registry.js';
import type { PrequelExportSimulator } from '../../src/sandbox/prequel-export/index.js';
import { listen } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type Part, partsOf } from '../support/incremental.js';
import { parsePrometheus } from '../support/prometheus.js';
import { nextEvent, subscribe } from '../support/subscriptions.js';
import { until } from '../support/until.js';

const WATCH = `subscription($destinationId: ID!) { destinationTransfers(destinationId: $destinationId) { id status } }`;
const ONE = `subscription($destinationId: ID!, $transferId: String) {
  destinationTransfer(destinationId: $destinationId, transferId: $transferId) { status } }`;

/** A gateway over real HTTP whose transfers never move, so that a subscription stays open until it is ended. */
async function start(env: Record<string, string>) {
  const gw = await startTestGateway({ LIVE_POLL_MIN_MS: '50', LIVE_POLL_MAX_MS: '200', ...env });
  const sim = gw.sims['prequel-export'] as PrequelExportSimulator;
  sim.setTransferSteps({ everyReads: 0 });
  const server = await listen(gw.gateway, '127.0.0.1', 0);
  // Two seeded destinations, named from the simulator's store: a query for them would itself be cut
  // short by a test's brief OPERATION_TIMEOUT_MS on a busy machine.
  const [first, second] = sim.store
    .all()
    .slice(0, 2)
    .map((destination) => Buffer.from(`Destination:${destination.id}`).toString('base64url'));
  const close = async () => {
    await server.close();
    await gw.close();
  };
  return {
    gw,
    server,
    first: first as string,
    second: second as string,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Waits for a subscription to be under way: the simulator has been read for it. */
async function underWay(open: Awaited<ReturnType<typeof start>>, before: number): Promise<void> {
  const sim = open.gw.sims['prequel-export'];
  while ((sim?.stats.count('listTransfers') ?? 0) <= before) await new Promise((r) => setTimeout(r, 5));
}

/** A subscription through the gateway's fetch handler, in this process: its stream is read only when the test reads it. */
async function streamed(
  gw: TestGateway,
  query: string,
  variables: Record<string, unknown>,
): Promise<Response> {
  return await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query, variables }),
  });
}

describe('subscription bounds', () => {
  it('refuses one more than MAX_SUBSCRIPTIONS with GATEWAY_BUSY, and takes one again once a place is free', async () => {
    await using open = await start({ MAX_SUBSCRIPTIONS: '1' });
    const held = await subscribe(open.server.url, WATCH, { destinationId: open.first });
    await underWay(open, 0);
    const refused = await (await subscribe(open.server.url, WATCH, { destinationId: open.second })).rest();
    expect(refused).toHaveLength(1);
    expect(refused[0]?.errors).toEqual([
      {
        message: 'This gateway has 1 subscriptions open, its most (MAX_SUBSCRIPTIONS): try again later.',
        extensions: { code: 'GATEWAY_BUSY', limit: 'subscriptions', max: 1, retryAfterSeconds: 5 },
      },
    ]);
    const metrics = parsePrometheus(await (await fetch(new URL('/metrics', open.server.url))).text());
    expect(metrics('gateway_subscriptions_open')).toBe(1);
    expect(metrics('gateway_graphql_requests_total', { type: 'subscription', outcome: 'GATEWAY_BUSY' })).toBe(
      1,
    );
    held.leave();
    // The place is given back once the gateway sees the client go.
    for (;;) {
      const again = await subscribe(open.server.url, WATCH, { destinationId: open.second });
      const step = await Promise.race([
        again.events.next(),
        new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 300)),
      ]);
      again.leave();
      if (step === 'open') break;
      expect(step.value?.errors?.[0]?.extensions?.code).toBe('GATEWAY_BUSY');
    }
  });

  it('refuses every subscription under MAX_SUBSCRIPTIONS=0, saying the gateway takes none', async () => {
    await using open = await start({ MAX_SUBSCRIPTIONS: '0' });
    const parts = await (await subscribe(open.server.url, WATCH, { destinationId: open.first })).rest();
    expect(parts).toEqual([
      {
        errors: [
          {
            message: 'This gateway takes no subscriptions (MAX_SUBSCRIPTIONS is 0).',
            extensions: { code: 'GATEWAY_BUSY', limit: 'subscriptions', max: 0, retryAfterSeconds: 5 },
          },
        ],
      },
    ]);
    expect(open.gw.sims['prequel-export']?.stats.count('listTransfers')).toBe(0);
  });

  it('gives back the place of a subscription refused as it starts (an id not a destination’s, a destination Prequel lacks)', async () => {
    await using open = await start({ MAX_SUBSCRIPTIONS: '1' });
    const notADestination = Buffer.from('Destination:no-such-destination').toString('base64url');
    const refused = await subscribe(open.server.url, WATCH, { destinationId: 'bm90LWFuLWlk' });
    const missing = await subscribe(open.server.url, WATCH, { destinationId: notADestination });
    expect((await nextEvent(refused)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await nextEvent(missing)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });

    const held = await subscribe(open.server.url, WATCH, { destinationId: open.first });
    await underWay(open, 1);
    const metrics = parsePrometheus(await (await fetch(new URL('/metrics', open.server.url))).text());
    expect(metrics('gateway_subscriptions_open')).toBe(1);
    held.leave();
    refused.leave();
    missing.leave();
  });

  it('outlives OPERATION_TIMEOUT_MS and ends at SUBSCRIPTION_MAX_LIFETIME_MS with GATEWAY_TIMEOUT', async () => {
    await using open = await start({ OPERATION_TIMEOUT_MS: '100', SUBSCRIPTION_MAX_LIFETIME_MS: '800' });
    const started = performance.now();
    const live = await subscribe(open.server.url, WATCH, { destinationId: open.first });
    const parts = await live.rest();
    const lasted = performance.now() - started;
    expect(lasted).toBeGreaterThanOrEqual(750);
    const last = parts.at(-1);
    expect(last?.errors?.[0]?.extensions).toMatchObject({ code: 'GATEWAY_TIMEOUT' });
    expect(last?.errors?.[0]?.message).toBe(
      'This subscription reached its longest lifetime of 800 ms (SUBSCRIPTION_MAX_LIFETIME_MS): subscribe again to go on',
    );
    expect(parts.slice(0, -1).every((part) => part.errors === undefined)).toBe(true);
    // Polling went on past the operation time limit.
    const reads = open.gw.sims['prequel-export']?.stats.requests('listTransfers') ?? [];
    expect((reads.at(-1)?.at ?? 0) - (reads[0]?.at ?? 0)).toBeGreaterThan(100);
  });

  it('sends the cut to a client that read nothing until after it, and gives its place back at the cut', async () => {
    await using open = await start({ SUBSCRIPTION_MAX_LIFETIME_MS: '300' });
    const response = await streamed(open.gw, WATCH, { destinationId: open.first });
    expect(response.status).toBe(200);
    const openNow = async () =>
      parsePrometheus(await (await fetch(new URL('/metrics', open.server.url))).text())(
        'gateway_subscriptions_open',
      );
    // Nothing of the stream is read yet: its place is given back at its lifetime all the same.
    await until(async () => (await openNow()) === 0);
    const parts: Part[] = [];
    for await (const part of partsOf(response)) parts.push(part);
    expect(parts.at(-1)?.errors).toEqual([
      {
        message:
          'This subscription reached its longest lifetime of 300 ms (SUBSCRIPTION_MAX_LIFETIME_MS): subscribe again to go on',
        extensions: { code: 'GATEWAY_TIMEOUT' },
      },
    ]);
  });

  it('gives back the place of a subscription whose transfer ended, as soon as its stream ends', async () => {
    await using open = await start({ MAX_SUBSCRIPTIONS: '1' });
    (open.gw.sims['prequel-export'] as PrequelExportSimulator).setTransferSteps(undefined);
    const list = await open.gw.query<{
      destinations: { edges: { node: { id: string; isEnabled: boolean } }[] };
    }>('{ destinations(first: 100, order: ASC) { edges { node { id isEnabled } } } }');
    const destinationId = list.data?.destinations.edges.find((edge) => edge.node.isEnabled)?.node.id ?? '';
    const queued = await open.gw.query<{ queueDestinationTransfer: { queued: { transferId: string } } }>(
      `mutation($id: ID!) { queueDestinationTransfer(id: $id) {
        ... on QueueDestinationTransferSuccess { queued { transferId } } } }`,
      { id: destinationId },
    );
    const transferId = queued.data?.queueDestinationTransfer.queued.transferId;
    expect(transferId).toBeDefined();
    const follow = async () => {
      const parts: Part[] = [];
      for await (const part of partsOf(await streamed(open.gw, ONE, { destinationId, transferId })))
        parts.push(part);
      return parts.map(
        (part) => part.errors ?? (part.data?.destinationTransfer as { status: string } | undefined)?.status,
      );
    };
    expect(await follow()).toEqual(['PENDING', 'RUNNING', 'SUCCESS']);
    // The one place is free again: the same transfer followed anew is not refused.
    expect(await follow()).toEqual(['SUCCESS']);
  });

  it('ends every open subscription at once when the server shuts down, saying so', async () => {
    await using open = await start({});
    const one = await subscribe(open.server.url, WATCH, { destinationId: open.first });
    const two = await subscribe(open.server.url, WATCH, { destinationId: open.second });
    await underWay(open, 1);
    const started = performance.now();
    const closed = open.server.close(20_000);
    const [fromOne, fromTwo] = await Promise.all([one.rest(), two.rest()]);
    await closed;
    // Well within the shutdown budget: nothing waited for it to run out.
    expect(performance.now() - started).toBeLessThan(5_000);
    for (const parts of [fromOne, fromTwo])
      expect(parts.at(-1)?.errors).toEqual([
        {
          message: 'This gateway is shutting down: subscribe again',
          extensions: { code: 'GATEWAY_BUSY', retryAfterSeconds: 1 },
        },
      ]);
    await expect(nextEvent(one)).rejects.toThrow('the stream ended');
  });

  it('refuses a subscription over MAX_QUERY_COST before Prequel is called', async () => {
    // Room for the destinations list `start` reads, not for this subscription (about 44).
    await using open = await start({ MAX_QUERY_COST: '30' });
    const costly = `subscription($destinationId: ID!) { destinationTransfers(destinationId: $destinationId) {
      id status rawStatus models log
      modelMetrics { modelId modelName rowsTransferred error { errorCode title message } }
      modelsSnapshot { modelId modelName revisionId } } }`;
    const parts = await (await subscribe(open.server.url, costly, { destinationId: open.first })).rest();
    expect(parts[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost' });
    expect(open.gw.sims['prequel-export']?.stats.count('listTransfers')).toBe(0);
  });

  it("runs the README's transfer example by document ids under PERSISTED_OPERATIONS=require, the subscription on a GET", async () => {
    const file = fileURLToPath(new URL('../generated/persisted-documents.json', import.meta.url));
    const manifest = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
    const idOf = (name: string) => manifest.find(([, document]) => document.includes(` ${name} `))?.[0] ?? '';
    await using open = await start({ PERSISTED_OPERATIONS: 'require', PERSISTED_OPERATIONS_MANIFEST: file });
    (open.gw.sims['prequel-export'] as PrequelExportSimulator).setTransferSteps(undefined);
    const queued = await fetch(open.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ documentId: idOf('QueueTransfer') }),
    });
    expect(await queued.json()).toMatchObject({ data: { queueDestinationTransfer: { queued: {} } } });
    const url = new URL(open.server.url);
    url.searchParams.set('documentId', idOf('WatchTransfer'));
    const response = await fetch(url, { headers: { accept: 'text/event-stream' } });
    const statuses: (string | undefined)[] = [];
    for await (const part of partsOf(response))
      statuses.push((part.data?.destinationTransfer as { status: string } | null)?.status);
    expect(statuses).toEqual(['PENDING', 'RUNNING', 'SUCCESS']);
  });

  it('refuses to start with polls whose longest wait is shorter than their first, or out of bounds', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ GATEWAY_AUTH: 'none', ...env }, providers);
        return [];
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
    };
    expect(problems({ LIVE_POLL_MIN_MS: '500', LIVE_POLL_MAX_MS: '100' })).toEqual([
      'LIVE_POLL_MAX_MS must be at least LIVE_POLL_MIN_MS',
    ]);
    expect(problems({ LIVE_POLL_MIN_MS: '0', MAX_SUBSCRIPTIONS: '-1' }).map((p) => p.split(':')[0])).toEqual([
      'MAX_SUBSCRIPTIONS',
      'LIVE_POLL_MIN_MS',
    ]);
  });
});
