import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PrequelExportSimulator } from '../../src/sandbox/prequel-export/index.js';
import { listen, type RunningServer } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type Part, partsOf } from '../support/incremental.js';
import { nextEvent, subscribe, until } from '../support/subscriptions.js';

/** Short polls: a change is seen within 100 ms, an unchanged transfer read at most every 300 ms. */
const POLLING = {
  LIVE_POLL_MIN_MS: '100',
  LIVE_POLL_MAX_MS: '300',
  LIVE_POLL_MAX_FAILURES: '3',
  UPSTREAM_RETRY_ATTEMPTS: '1',
};
const MIN_INTERVAL_MS = 100;
const MAX_INTERVAL_MS = 300;
/** Date.now() in the simulator's record may round a wait of N ms down by a millisecond or so. */
const CLOCK_SLACK_MS = 5;

const ONE = `subscription One($destinationId: ID!, $transferId: String) {
  destinationTransfer(destinationId: $destinationId, transferId: $transferId) { id status endedAt rowsTransferred } }`;
const ALL = `subscription All($destinationId: ID!) {
  destinationTransfers(destinationId: $destinationId) { id status } }`;
const QUEUE = `mutation($id: ID!) { queueDestinationTransfer(id: $id) {
  ... on QueueDestinationTransferSuccess { queued { transferId } } } }`;

interface Enabled {
  id: string;
  nativeId: string;
}

let gw: TestGateway;
let server: RunningServer;
/** Seeded destinations that take transfers; each test follows its own, so that no poll is shared across tests. */
let destinations: Enabled[] = [];
let next = 0;

beforeAll(async () => {
  gw = await startTestGateway(POLLING);
  server = await listen(gw.gateway, '127.0.0.1', 0);
  const list = await gw.query<{ destinations: { edges: { node: Enabled & { isEnabled: boolean } }[] } }>(
    '{ destinations(first: 100, order: ASC) { edges { node { id nativeId isEnabled } } } }',
  );
  destinations = (list.data?.destinations.edges ?? []).map((e) => e.node).filter((d) => d.isEnabled);
});
afterAll(async () => {
  await server.close();
  await gw.close();
});
afterEach(() => {
  sim().setFaults(undefined);
  sim().setTransferSteps(undefined);
});

const sim = () => gw.sims['prequel-export'] as PrequelExportSimulator;
const destination = (): Enabled => destinations[next++] as Enabled;
/** Reads of one destination's transfers the simulator received, oldest first. */
const readsOf = (d: Enabled) =>
  sim()
    .stats.requests('listTransfers')
    .filter((r) => r.path.endsWith(`/destinations/${d.nativeId}/transfers`));
const reads = (d: Enabled) => readsOf(d).length;
/**
 * The waits between the reads of `d` from the `from`th on, in ms, as the simulator received them: a
 * read starts a wait only once it is answered, so each gap is at least the wait the poll chose.
 */
const gaps = (d: Enabled, from = 0) =>
  readsOf(d)
    .slice(from)
    .map((r, i, all) => r.at - (all[i - 1]?.at ?? r.at))
    .slice(1);

async function queue(d: Enabled): Promise<string> {
  const answer = await gw.query<{ queueDestinationTransfer: { queued: { transferId: string } } }>(QUEUE, {
    id: d.id,
  });
  const id = answer.data?.queueDestinationTransfer.queued.transferId;
  if (!id) throw new Error(`the transfer was not queued: ${JSON.stringify(answer)}`);
  return id;
}

const statuses = (parts: Part[], field = 'destinationTransfer') =>
  parts.map((part) => (part.data?.[field] as { status: string } | null)?.status);

describe('destinationTransfer', () => {
  it('follows a queued transfer from PENDING to its end and ends the stream with its final state', async () => {
    const d = destination();
    const transferId = await queue(d);
    const live = await subscribe(server.url, ONE, { destinationId: d.id, transferId });
    expect(live.status).toBe(200);
    const parts = await live.rest();
    expect(statuses(parts)).toEqual(['PENDING', 'RUNNING', 'SUCCESS']);
    const last = parts.at(-1)?.data?.destinationTransfer as { id: string; endedAt: string | null };
    expect(last).toMatchObject({ id: transferId, endedAt: expect.any(String) });
    expect(parts.every((part) => part.errors === undefined)).toBe(true);
  });

  it('ends with the status the transfer ends in, a failure included', async () => {
    sim().setTransferSteps({ outcome: 'ERROR' });
    const d = destination();
    const transferId = await queue(d);
    const live = await subscribe(server.url, ONE, { destinationId: d.id, transferId });
    expect(statuses(await live.rest())).toEqual(['PENDING', 'RUNNING', 'ERROR']);
  });

  it("follows the destination's newest transfer when no transferId is given", async () => {
    const d = destination();
    const transferId = await queue(d);
    const live = await subscribe(server.url, ONE, { destinationId: d.id });
    const parts = await live.rest();
    expect(parts.map((part) => (part.data?.destinationTransfer as { id: string } | null)?.id)).toEqual([
      transferId,
      transferId,
      transferId,
    ]);
  });

  it('shares one poll between two subscribers of the same transfer: one GET per round, however many follow', async () => {
    const d = destination();
    const transferId = await queue(d);
    const first = await subscribe(server.url, ONE, { destinationId: d.id, transferId });
    expect(statuses([await nextEvent(first)])).toEqual(['PENDING']);
    expect(reads(d)).toBe(1);
    // The second is told the state the poll last read, without a read of its own.
    const second = await subscribe(server.url, ONE, { destinationId: d.id, transferId });
    const [fromFirst, fromSecond] = await Promise.all([first.rest(), second.rest()]);
    expect(statuses(fromFirst)).toEqual(['RUNNING', 'SUCCESS']);
    expect(statuses(fromSecond)).toEqual(['PENDING', 'RUNNING', 'SUCCESS']);
    // The simulator moves a transfer one step every 2 reads: PENDING, RUNNING, RUNNING, SUCCESS.
    expect(reads(d)).toBe(4);
  });

  it('stops polling once the last subscriber hangs up', async () => {
    sim().setTransferSteps({ everyReads: 0 });
    const d = destination();
    const transferId = await queue(d);
    const one = await subscribe(server.url, ONE, { destinationId: d.id, transferId });
    const two = await subscribe(server.url, ONE, { destinationId: d.id, transferId });
    await nextEvent(one);
    await nextEvent(two);
    await until(() => reads(d) >= 3);
    one.leave();
    const before = reads(d);
    await until(() => reads(d) > before);
    two.leave();
    // A read already under way when the client left may still land: count from a poll interval on.
    await sleep(MAX_INTERVAL_MS);
    const after = reads(d);
    await sleep(4 * MAX_INTERVAL_MS);
    expect(reads(d)).toBe(after);
  });

  it('reads a transfer that does not change less and less often, doubling the wait up to LIVE_POLL_MAX_MS', async () => {
    sim().setTransferSteps({ everyReads: 0 });
    const d = destination();
    const transferId = await queue(d);
    const live = await subscribe(server.url, ONE, { destinationId: d.id, transferId });
    expect(statuses([await nextEvent(live)])).toEqual(['PENDING']);
    // Eight reads take 100 + 200 + 5 × 300 ms: the wait stops growing at LIVE_POLL_MAX_MS.
    await until(() => reads(d) >= 8, 15_000);
    live.leave();
    const waits = gaps(d).slice(0, 7);
    const chosen = waits.map((_, i) => Math.min(MIN_INTERVAL_MS * 2 ** i, MAX_INTERVAL_MS));
    // Timers never fire early: on a loaded machine the waits only grow longer.
    waits.forEach((wait, i) => {
      expect(wait).toBeGreaterThanOrEqual((chosen[i] ?? 0) - CLOCK_SLACK_MS);
    });
  });

  it('tells a subscriber who joins while the first read is under way the state that read finds, with no read of its own', async () => {
    sim().setTransferSteps({ everyReads: 0 });
    const d = destination();
    const transferId = await queue(d);
    sim().setFaults({ latencyMs: 1000, operations: ['listTransfers'] });
    const first = await subscribe(server.url, ONE, { destinationId: d.id, transferId });
    const second = await subscribe(server.url, ONE, { destinationId: d.id, transferId });
    const [fromFirst, fromSecond] = await Promise.all([nextEvent(first), nextEvent(second)]);
    first.leave();
    second.leave();
    expect(statuses([fromFirst, fromSecond])).toEqual(['PENDING', 'PENDING']);
    expect(fromSecond.errors).toBeUndefined();
    expect(reads(d)).toBe(1);
  });

  it('polls afresh for a subscriber who follows a transfer again after everyone left it', async () => {
    const d = destination();
    const transferId = await queue(d);
    const once = await subscribe(server.url, ONE, { destinationId: d.id, transferId });
    expect(statuses([await nextEvent(once)])).toEqual(['PENDING']);
    once.leave();
    // The poll ends once the server sees the client gone: no read comes for a poll interval.
    let seen = reads(d);
    await sleep(MAX_INTERVAL_MS);
    while (reads(d) !== seen) {
      seen = reads(d);
      await sleep(MAX_INTERVAL_MS);
    }
    const again = await subscribe(server.url, ONE, { destinationId: d.id, transferId });
    // Its first state comes from a read of its own, not from the poll that ended.
    await nextEvent(again);
    expect(reads(d)).toBeGreaterThan(seen);
    expect(statuses(await again.rest()).at(-1)).toBe('SUCCESS');
  });

  it('ends with NOT_FOUND for a transfer the destination does not have, naming no id', async () => {
    const d = destination();
    const live = await subscribe(server.url, ONE, { destinationId: d.id, transferId: 'no-such-transfer' });
    const parts = await live.rest();
    expect(parts).toHaveLength(1);
    expect(parts[0]?.data).toEqual({ destinationTransfer: null });
    expect(parts[0]?.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      provider: 'prequel-export',
      field: 'transferId',
    });
    expect(JSON.stringify(parts)).not.toContain('no-such-transfer');
  });

  it('ends with NOT_FOUND for a destination Prequel does not have, after one read', async () => {
    const missing = Buffer.from('Destination:no-such-destination').toString('base64url');
    const live = await subscribe(server.url, ONE, { destinationId: missing });
    const parts = await live.rest();
    expect(parts).toHaveLength(1);
    expect(parts[0]?.errors?.[0]?.message).toMatch(/Prequel Export has no such destination/);
    expect(parts[0]?.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      provider: 'prequel-export',
    });
    expect(JSON.stringify(parts)).not.toContain('no-such-destination');
    expect(
      sim()
        .stats.requests('listTransfers')
        .filter((r) => r.path.includes('no-such-destination')),
    ).toHaveLength(1);
  });

  it('refuses an id that is not a destination’s before any call', async () => {
    const live = await subscribe(server.url, ONE, { destinationId: 'bm90LWFuLWlk' });
    const parts = await live.rest();
    expect(parts[0]?.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'destinationId',
    });
  });

  it('retries an upstream that fails while polling, then ends with an error naming the provider', async () => {
    sim().setTransferSteps({ everyReads: 0 });
    const d = destination();
    const transferId = await queue(d);
    const live = await subscribe(server.url, ONE, { destinationId: d.id, transferId });
    expect(statuses([await nextEvent(live)])).toEqual(['PENDING']);
    const before = reads(d);
    sim().setFaults({ errorRate: 1, errorStatus: 503, operations: ['listTransfers'] });
    const parts = await live.rest();
    expect(parts).toHaveLength(1);
    expect(parts[0]?.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      provider: 'prequel-export',
    });
    expect(parts[0]?.errors?.[0]?.message).toMatch(/^Prequel Export /);
    expect(JSON.stringify(parts)).not.toMatch(/127\.0\.0\.1|X-API-KEY|prq_/i);
    // LIVE_POLL_MAX_FAILURES reads failed in a row, each tried once (UPSTREAM_RETRY_ATTEMPTS=1).
    expect(reads(d) - before).toBe(3);
    // Each failure at least doubles the wait from LIVE_POLL_MIN_MS: a failing upstream is not hurried.
    for (const wait of gaps(d, before))
      expect(wait).toBeGreaterThanOrEqual(2 * MIN_INTERVAL_MS - CLOCK_SLACK_MS);
  });
});

describe('destinationTransfers', () => {
  it('sends each transfer queued while subscribed, each time it changes, and keeps the stream open', async () => {
    const d = destination();
    const live = await subscribe(server.url, ALL, { destinationId: d.id });
    // Seeded transfers that have not ended come first; none of them moves.
    await until(() => reads(d) >= 1);
    const transferId = await queue(d);
    const seen: string[] = [];
    while (seen.at(-1) !== 'SUCCESS') {
      const event = (await nextEvent(live)).data?.destinationTransfers as { id: string; status: string };
      if (event.id === transferId) seen.push(event.status);
    }
    expect(seen).toEqual(['PENDING', 'RUNNING', 'SUCCESS']);
    // Still open: a transfer queued now is sent too.
    const another = await queue(d);
    let event: { id: string; status: string } | undefined;
    do event = (await nextEvent(live)).data?.destinationTransfers as { id: string; status: string };
    while (event.id !== another);
    expect(event.status).toBe('PENDING');
    live.leave();
  });
});

describe('subscriptions over HTTP', () => {
  it('are served to a GET that asks for text/event-stream', async () => {
    const d = destination();
    const transferId = await queue(d);
    const url = new URL(server.url);
    url.searchParams.set('query', ONE);
    url.searchParams.set('variables', JSON.stringify({ destinationId: d.id, transferId }));
    const response = await fetch(url, { headers: { accept: 'text/event-stream' } });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const parts: Part[] = [];
    for await (const part of partsOf(response)) parts.push(part);
    expect(statuses(parts)).toEqual(['PENDING', 'RUNNING', 'SUCCESS']);
  });

  it('refuse a client that does not take a stream, and a subscription in a batch, saying why', async () => {
    const d = destination();
    const asJson = await gw.query(ONE, { destinationId: d.id });
    expect(asJson.status).toBe(406);
    expect(asJson.errors?.[0]?.message).toMatch(/Accept: text\/event-stream/);
    expect(asJson.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    const batch = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify([{ query: ONE, variables: { destinationId: d.id } }, { query: '{ __typename }' }]),
    });
    const answers = (await batch.json()) as Part[];
    expect(answers[0]?.errors?.[0]?.message).toMatch(/cannot be sent in a batch/);
    expect(answers[0]?.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'batch' });
    expect(answers[1]?.data).toEqual({ __typename: 'Query' });
    expect(reads(d)).toBe(0);
  });
});

describe('a transfer whose final status Prequel spells in words of its own', () => {
  it('ends the stream once the transfer has an end time, its status OTHER beside the raw one', async () => {
    // The documented shape calls a successful transfer COMPLETED, a status TransferStatus has no value for.
    await using documented = await startTestGateway(POLLING, { shape: 'documented' });
    const http = await listen(documented.gateway, '127.0.0.1', 0);
    try {
      const d = destinations[0] as Enabled;
      const queued = await documented.query<{ queueDestinationTransfer: { queued: { transferId: string } } }>(
        QUEUE,
        { id: d.id },
      );
      const transferId = queued.data?.queueDestinationTransfer.queued.transferId;
      const live = await subscribe(
        http.url,
        `subscription($destinationId: ID!, $transferId: String) {
          destinationTransfer(destinationId: $destinationId, transferId: $transferId) { status rawStatus endedAt } }`,
        { destinationId: d.id, transferId },
      );
      const events = (await live.rest()).map((part) => part.data?.destinationTransfer);
      expect(events.at(-1)).toEqual({ status: 'OTHER', rawStatus: 'COMPLETED', endedAt: expect.any(String) });
      expect(events.slice(0, -1).every((event) => (event as { endedAt: unknown }).endedAt === null)).toBe(
        true,
      );
    } finally {
      await http.close();
    }
  });
});
