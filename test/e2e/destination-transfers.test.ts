import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import type { UserErrorAnswer } from '../support/user-errors.js';

const gid = (id: string) => Buffer.from(`Destination:${id}`).toString('base64url');

interface Seeded {
  id: string;
  nativeId: string;
  isEnabled: boolean;
  enabledModels: string[];
  transfers: { totalCount: number };
}

interface TransferView {
  id: string;
  status: string;
  isFullRefresh: boolean;
  isDebugMode: boolean;
  models: string[];
  startTransferWindowAt: string | null;
  endTransferWindowAt: string | null;
  endedAt: string | null;
  tags: { name: string; value: string }[];
}

interface Answer extends UserErrorAnswer {
  queued?: { transferId: string; transfer: TransferView | null; destination: { id: string } | null };
}

const TRANSFER = `id status isFullRefresh isDebugMode models startTransferWindowAt endTransferWindowAt endedAt
  tags { name value }`;
const QUEUE = `mutation($id: ID!, $input: QueueDestinationTransferInput) {
  queueDestinationTransfer(id: $id, input: $input) {
    __typename
    ... on UserError { message field }
    ... on InvalidInputError { issues { field message } }
    ... on QueueDestinationTransferSuccess { queued { transferId transfer { ${TRANSFER} } destination { id } } }
  } }`;

let gw: TestGateway;
/** Seeded destinations that take transfers queued by hand. */
let enabled: Seeded[] = [];
beforeAll(async () => {
  gw = await startTestGateway();
  const list = await gw.query<{ destinations: { edges: { node: Seeded }[] } }>(
    '{ destinations(first: 100, order: ASC) { edges { node { id nativeId isEnabled enabledModels transfers { totalCount } } } } }',
  );
  enabled = (list.data?.destinations.edges ?? []).map((e) => e.node).filter((d) => d.isEnabled);
  expect(enabled.length).toBeGreaterThanOrEqual(6);
});
afterAll(() => gw.close());
afterEach(() => gw.sims['prequel-export']?.setFaults(undefined));

const sim = () => gw.sims['prequel-export'];
const sent = (operation: string) => sim()?.stats.last(operation);

async function queue(id: string, input?: Record<string, unknown>): Promise<Answer> {
  const answer = await gw.query<{ queueDestinationTransfer: Answer }>(QUEUE, { id, input });
  expect(answer.errors).toBeUndefined();
  return answer.data?.queueDestinationTransfer as Answer;
}

/** The names of the models a destination can be sent, as its transfer with no model list shows them. */
async function modelsOf(destination: Seeded): Promise<string[]> {
  const queued = await queue(destination.id);
  return queued.queued?.transfer?.models ?? [];
}

describe('queueDestinationTransfer', () => {
  it('queues a transfer with every documented option, under Prequel’s names, and answers it as listed', async () => {
    const destination = enabled[0] as Seeded;
    const models = (await modelsOf(destination)).slice(0, 2);
    expect(models.length).toBeGreaterThan(0);
    const input = {
      fullRefresh: true,
      isDebugMode: true,
      models,
      startTransferWindowAt: '2026-01-01T00:00:00Z',
      endTransferWindowAt: '2026-02-01T00:00:00Z',
      tags: [
        { name: 'team', value: 'billing' },
        { name: 'reason', value: 'backfill' },
      ],
    };
    const answer = await queue(destination.id, input);
    expect(answer.__typename).toBe('QueueDestinationTransferSuccess');
    expect(sent('createTransfer')?.body).toEqual({
      full_refresh: true,
      is_debug_mode: true,
      models,
      start_transfer_window_at: '2026-01-01T00:00:00.000Z',
      end_transfer_window_at: '2026-02-01T00:00:00.000Z',
      tags: { team: 'billing', reason: 'backfill' },
    });
    expect(answer.queued?.destination?.id).toBe(destination.id);
    expect(answer.queued?.transfer).toMatchObject({
      id: answer.queued?.transferId,
      isFullRefresh: true,
      isDebugMode: true,
      models,
      startTransferWindowAt: '2026-01-01T00:00:00.000Z',
      endTransferWindowAt: '2026-02-01T00:00:00.000Z',
      endedAt: null,
      tags: [
        { name: 'team', value: 'billing' },
        { name: 'reason', value: 'backfill' },
      ],
    });
  });

  it('sends an empty request when given nothing, and the transfer shows in the destination’s transfers', async () => {
    const destination = enabled[1] as Seeded;
    const LIST = `query($id: ID!) { node(id: $id) { ... on Destination {
      transfers(first: 100) { totalCount edges { node { id } } } } } }`;
    type Listed = { node: { transfers: { totalCount: number; edges: { node: { id: string } }[] } } };
    const before = await gw.query<Listed>(LIST, { id: destination.id });
    const answer = await queue(destination.id);
    expect(sent('createTransfer')?.body).toEqual({});
    const after = await gw.query<Listed>(LIST, { id: destination.id });
    expect(after.data?.node.transfers.edges.map((e) => e.node.id)).toContain(answer.queued?.transferId);
    expect(after.data?.node.transfers.totalCount).toBe((before.data?.node.transfers.totalCount ?? 0) + 1);
  });

  it('reads the transfer only when it is asked for', async () => {
    const destination = enabled[2] as Seeded;
    gw.resetCounts();
    const answer = await gw.query<{ queueDestinationTransfer: Answer }>(
      `mutation($id: ID!) { queueDestinationTransfer(id: $id) {
        ... on QueueDestinationTransferSuccess { queued { transferId } } } }`,
      { id: destination.id },
    );
    expect(answer.data?.queueDestinationTransfer.queued?.transferId).toEqual(expect.any(String));
    expect(sim()?.stats.counts()).toEqual({ createTransfer: 1 });
  });

  it('answers NotFoundError for a destination Prequel does not know', async () => {
    const answer = await queue(gid('0e5a1c2b-0000-4000-8000-000000000000'));
    expect(answer).toMatchObject({ __typename: 'NotFoundError' });
  });

  it('answers InvalidInputError on the window’s end when Prequel refuses the window', async () => {
    gw.resetCounts();
    const answer = await queue((enabled[3] as Seeded).id, {
      startTransferWindowAt: '2026-02-01T00:00:00Z',
      endTransferWindowAt: '2026-01-01T00:00:00Z',
    });
    expect(answer).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['input', 'endTransferWindowAt'],
    });
    expect(answer.issues).toHaveLength(1);
    // Whether a window may end before it starts is Prequel's to say: the gateway sent it.
    expect(sim()?.stats.count('createTransfer')).toBe(1);
  });

  it('answers InvalidInputError on the model Prequel refuses, by its place in `models`', async () => {
    const destination = enabled[4] as Seeded;
    const [model] = await modelsOf(destination);
    const answer = await queue(destination.id, { models: [model, 'no_such_model'] });
    expect(answer).toMatchObject({ __typename: 'InvalidInputError', field: ['input', 'models', '1'] });
  });

  it('refuses a tag name given twice before calling Prequel, whose tags are a map', async () => {
    gw.resetCounts();
    const answer = await queue((enabled[4] as Seeded).id, {
      tags: [
        { name: 'team', value: 'a' },
        { name: 'team', value: 'b' },
      ],
    });
    expect(answer).toMatchObject({ __typename: 'InvalidInputError', field: ['input', 'tags', '1', 'name'] });
    expect(sim()?.stats.count('createTransfer')).toBe(0);
  });

  it('answers ConflictError for a destination that is disabled', async () => {
    const destination = enabled[5] as Seeded;
    const disabled = await gw.query(
      `mutation($id: ID!) { updateDestination(id: $id, input: { isEnabled: false }) { __typename } }`,
      { id: destination.id },
    );
    expect(disabled.errors).toBeUndefined();
    expect(await queue(destination.id)).toMatchObject({ __typename: 'ConflictError' });
  });
});

describe('a destination’s transfers, by when they ended', () => {
  interface Ended {
    node: { transfers: { totalCount: number; edges: { node: { id: string; endedAt: string | null } }[] } };
  }
  const LIST = `query($id: ID!, $before: DateTime, $after: DateTime) { node(id: $id) { ... on Destination {
    transfers(first: 100, endedBefore: $before, endedAfter: $after) { totalCount edges { node { id endedAt } } } } } }`;

  it('sends ended_before and ended_after to Prequel, and lists only the transfers that ended in between', async () => {
    const destination = enabled.find((d) => d.transfers.totalCount >= 3) as Seeded;
    const all = await gw.query<Ended>(LIST, { id: destination.id });
    const ended = (all.data?.node.transfers.edges ?? [])
      .map((e) => e.node)
      .filter((t): t is { id: string; endedAt: string } => t.endedAt !== null)
      .sort((a, b) => Date.parse(a.endedAt) - Date.parse(b.endedAt));
    expect(ended.length).toBeGreaterThanOrEqual(3);
    const after = (ended[0] as { endedAt: string }).endedAt;
    const before = (ended.at(-1) as { endedAt: string }).endedAt;

    const between = await gw.query<Ended>(LIST, { id: destination.id, before, after });
    expect(between.errors).toBeUndefined();
    const query = new URLSearchParams(sent('listTransfers')?.query ?? '');
    expect(query.get('ended_before')).toBe(before);
    expect(query.get('ended_after')).toBe(after);
    const expected = ended.filter((t) => t.endedAt > after && t.endedAt < before).map((t) => t.id);
    expect(between.data?.node.transfers.edges.map((e) => e.node.id).sort()).toEqual(expected.sort());
    expect(between.data?.node.transfers.totalCount).toBe(expected.length);

    const onlyBefore = await gw.query<Ended>(LIST, { id: destination.id, before });
    expect(onlyBefore.data?.node.transfers.totalCount).toBe(ended.filter((t) => t.endedAt < before).length);
  });

  it('filters by a status as Prequel spells it, for statuses the enum does not name', async () => {
    const destination = enabled.find((d) => d.transfers.totalCount >= 3) as Seeded;
    const COUNT = `query($id: ID!, $raw: String) { node(id: $id) { ... on Destination {
      byEnum: transfers(status: ERROR) { totalCount } byText: transfers(rawStatus: $raw) { totalCount } } } }`;
    const answer = await gw.query<{
      node: { byEnum: { totalCount: number }; byText: { totalCount: number } };
    }>(COUNT, { id: destination.id, raw: 'ERROR' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.node.byText.totalCount).toBe(answer.data?.node.byEnum.totalCount);
    expect(new URLSearchParams(sent('listTransfers')?.query ?? '').get('status')).toBe('ERROR');
    const both = await gw.query(
      'query($id: ID!) { node(id: $id) { ... on Destination { transfers(status: ERROR, rawStatus: "ERROR") { totalCount } } } }',
      { id: destination.id },
    );
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rawStatus' });
  });

  it('leaves out a transfer that has not ended when a bound is given', async () => {
    const destination = enabled[1] as Seeded;
    const queued = await queue(destination.id);
    const listed = await gw.query<Ended>(LIST, { id: destination.id, after: '2000-01-01T00:00:00Z' });
    const ids = listed.data?.node.transfers.edges.map((e) => e.node.id);
    expect(ids).not.toContain(queued.queued?.transferId);
    expect(listed.data?.node.transfers.edges.every((e) => e.node.endedAt !== null)).toBe(true);
  });
});
