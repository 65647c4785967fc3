import { describe, expect, it } from 'vitest';
import type { PrequelExportSimulator } from '../../src/sandbox/prequel-export/index.js';
import { listen } from '../../src/server.js';
import { startTestGateway } from '../support/gateway.js';
import { nextEvent, subscribe } from '../support/subscriptions.js';

const WATCH = `subscription($destinationId: ID!) { destinationTransfers(destinationId: $destinationId) { id status } }`;

/** A gateway over real HTTP whose transfers never move, so that a subscription stays open until it is ended. */
async function start(env: Record<string, string>) {
  const gw = await startTestGateway({ LIVE_POLL_MIN_MS: '50', LIVE_POLL_MAX_MS: '200', ...env });
  (gw.sims['prequel-export'] as PrequelExportSimulator).setTransferSteps({ everyReads: 0 });
  const server = await listen(gw.gateway, '127.0.0.1', 0);
  const list = await gw.query<{ destinations: { edges: { node: { id: string } }[] } }>(
    '{ destinations(first: 2) { edges { node { id } } } }',
  );
  const [first, second] = (list.data?.destinations.edges ?? []).map((e) => e.node.id);
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

describe('subscription bounds', () => {
  it('refuses one more than MAX_SUBSCRIPTIONS with GATEWAY_BUSY, and takes one again once a place is free', async () => {
    await using open = await start({ MAX_SUBSCRIPTIONS: '1' });
    const held = await subscribe(open.server.url, WATCH, { destinationId: open.first });
    await underWay(open, 0);
    const refused = await (await subscribe(open.server.url, WATCH, { destinationId: open.second })).rest();
    expect(refused).toHaveLength(1);
    expect(refused[0]?.errors?.[0]?.extensions).toMatchObject({
      code: 'GATEWAY_BUSY',
      limit: 'subscriptions',
      max: 1,
    });
    expect(refused[0]?.errors?.[0]?.message).toMatch(/MAX_SUBSCRIPTIONS/);
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

  it('outlives OPERATION_TIMEOUT_MS and ends at SUBSCRIPTION_MAX_LIFETIME_MS with GATEWAY_TIMEOUT', async () => {
    await using open = await start({ OPERATION_TIMEOUT_MS: '100', SUBSCRIPTION_MAX_LIFETIME_MS: '800' });
    const started = performance.now();
    const live = await subscribe(open.server.url, WATCH, { destinationId: open.first });
    const parts = await live.rest();
    const lasted = performance.now() - started;
    expect(lasted).toBeGreaterThanOrEqual(750);
    const last = parts.at(-1);
    expect(last?.errors?.[0]?.extensions).toMatchObject({ code: 'GATEWAY_TIMEOUT' });
    expect(last?.errors?.[0]?.message).toMatch(/SUBSCRIPTION_MAX_LIFETIME_MS/);
    // Polling went on past the operation time limit.
    const reads = open.gw.sims['prequel-export']?.stats.requests('listTransfers') ?? [];
    expect((reads.at(-1)?.at ?? 0) - (reads[0]?.at ?? 0)).toBeGreaterThan(100);
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
      expect(parts.at(-1)?.errors?.[0]?.extensions).toMatchObject({ code: 'GATEWAY_BUSY' });
    await expect(nextEvent(one)).rejects.toThrow('the stream ended');
  });
});
