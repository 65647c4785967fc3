import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listen, type RunningServer } from '../../src/server.js';
import { postgresDestinationInput } from '../support/destination-inputs.js';
import { postGraphQL, startTestGateway, type TestGateway } from '../support/gateway.js';
import { callsDuring as callsOf } from '../support/upstream-calls.js';

interface Named {
  id: string;
  name: string;
}
type Page = { edges: { node: Named }[]; totalCount?: number };

const DESTINATIONS = '{ destinations(first: 100) { totalCount edges { node { id name } } } }';
const EXPORTS =
  '{ dataSources(filter: { providers: [PREQUEL_EXPORT] }, first: 100) { totalCount edges { node { id name } } } }';
const NODE = 'query($id: ID!) { node(id: $id) { id ... on DataSource { name } } }';
const IMPORT_SOURCES = '{ importSources(first: 5) { edges { node { id name } } } }';

describe('with RESPONSE_CACHE=on', () => {
  let gw: TestGateway;
  let server: RunningServer;
  let recipientId = '';
  beforeAll(async () => {
    gw = await startTestGateway({ RESPONSE_CACHE: 'on', RESPONSE_CACHE_TTL_MS: '600000' });
    server = await listen(gw.gateway, '127.0.0.1', 0);
    const seeded = await gw.query<{ destinations: { edges: { node: { recipientId: string } }[] } }>(
      '{ destinations(first: 1) { edges { node { recipientId } } } }',
    );
    recipientId = seeded.data?.destinations.edges[0]?.node.recipientId ?? '';
  });
  afterAll(async () => {
    await server.close();
    await gw.close();
  });

  const list = async (document = DESTINATIONS) => {
    const answer = await gw.query<Record<string, Page>>(document);
    expect(answer.errors).toBeUndefined();
    return Object.values(answer.data ?? {})[0] as Page;
  };

  it('answers a second identical query from the cache, without calling any upstream', async () => {
    let first: Page | undefined;
    expect(await callsOf(gw, async () => (first = await list(IMPORT_SOURCES)))).toBeGreaterThan(0);
    let second: Page | undefined;
    expect(await callsOf(gw, async () => (second = await list(IMPORT_SOURCES)))).toBe(0);
    expect(second).toEqual(first);
    // Another page is another answer.
    expect(
      await callsOf(gw, () => list('{ importSources(first: 6) { edges { node { id name } } } }')),
    ).toBeGreaterThan(0);
  });

  it('keeps apart the answers to the operations of one document, each under its own name', async () => {
    const document = `query Two { importSources(first: 2) { edges { node { id } } } }
      query Three { importSources(first: 3) { edges { node { id } } } }`;
    const run = async (operationName: string) => {
      const answer = await postGraphQL(gw, { query: document, operationName });
      expect(answer.errors).toBeUndefined();
      return (answer.data as Record<string, Page>).importSources?.edges.length;
    };
    expect(await run('Two')).toBe(2);
    expect(await run('Three')).toBe(3);
    let again: number | undefined;
    expect(await callsOf(gw, async () => (again = await run('Three')))).toBe(0);
    expect(again).toBe(3);
  });

  it('shows an update at once to the caller who made it, in the record and in every list', async () => {
    const [target] = (await list()).edges;
    const id = target?.node.id ?? '';
    await list(EXPORTS);
    await gw.query(NODE, { id });
    expect(await callsOf(gw, () => Promise.all([list(), list(EXPORTS), gw.query(NODE, { id })]))).toBe(0);

    const renamed = await gw.query<{ updateDestination: { __typename: string } }>(
      'mutation($id: ID!) { updateDestination(id: $id, input: { name: "Renamed by its caller" }) { __typename } }',
      { id },
    );
    expect(renamed.data?.updateDestination.__typename).toBe('UpdateDestinationSuccess');

    const named = (page: Page) => page.edges.find((e) => e.node.id === id)?.node.name;
    expect(named(await list())).toBe('Renamed by its caller');
    expect(named(await list(EXPORTS))).toBe('Renamed by its caller');
    expect((await gw.query<{ node: Named }>(NODE, { id })).data?.node.name).toBe('Renamed by its caller');
  });

  it('shows an update at once however the mutation is written: its id inline, its field in fragments', async () => {
    const [target] = (await list()).edges;
    const id = target?.node.id ?? '';
    await gw.query(NODE, { id });
    expect(await callsOf(gw, () => Promise.all([list(), gw.query(NODE, { id })]))).toBe(0);
    const renamed = await gw.query<{ __typename: string; updateDestination: { __typename: string } }>(
      `mutation { __typename ...Typename ...Again ...Rename }
      fragment Typename on Mutation { __typename }
      fragment Again on Mutation { __typename }
      fragment Rename on Mutation {
        ... on Mutation { updateDestination(id: ${JSON.stringify(id)}, input: { name: "Renamed in a fragment" }) { __typename } }
      }`,
    );
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data?.updateDestination.__typename).toBe('UpdateDestinationSuccess');
    expect((await gw.query<{ node: Named }>(NODE, { id })).data?.node.name).toBe('Renamed in a fragment');
    expect((await list()).edges.find((e) => e.node.id === id)?.node.name).toBe('Renamed in a fragment');
  });

  it('shows an update at once when the mutation names its record by the id padded with `=`', async () => {
    const sources = await list('{ riverGenDataSources(first: 10) { edges { node { id name } } } }');
    // The same id in padded base64, which the gateway reads as the one it sent.
    const pad = (id: string) => id.padEnd(Math.ceil(id.length / 4) * 4, '=');
    const id = sources.edges.map((e) => e.node.id).find((candidate) => pad(candidate) !== candidate) ?? '';
    expect(id).not.toBe('');
    await gw.query(NODE, { id });
    expect(await callsOf(gw, () => gw.query(NODE, { id }))).toBe(0);
    const renamed = await gw.query<{ updateRiverGenDataSource: { riverGenDataSource?: { name: string } } }>(
      `mutation($id: ID!) { updateRiverGenDataSource(id: $id, input: { name: "Renamed by a padded id" }) {
        ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { name } } } }`,
      { id: pad(id) },
    );
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data?.updateRiverGenDataSource.riverGenDataSource?.name).toBe('Renamed by a padded id');
    expect((await gw.query<{ node: Named }>(NODE, { id })).data?.node.name).toBe('Renamed by a padded id');
    // Likewise when it asks nothing back but its type.
    const again = await gw.query<{ updateRiverGenDataSource: { __typename: string } }>(
      'mutation($id: ID!) { updateRiverGenDataSource(id: $id, input: { name: "Renamed again" }) { __typename } }',
      { id: pad(id) },
    );
    expect(again.data?.updateRiverGenDataSource.__typename).toBe('UpdateRiverGenDataSourceSuccess');
    expect((await gw.query<{ node: Named }>(NODE, { id })).data?.node.name).toBe('Renamed again');
  });

  it('names no header in Vary when it tells no callers apart', async () => {
    const response = await fetch(`${server.url}?${new URLSearchParams({ query: IMPORT_SOURCES })}`, {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    // Whatever else varies the answer, no name in the list is empty.
    const vary = response.headers.get('vary');
    if (vary !== null) expect(vary.split(',').map((name) => name.trim())).not.toContain('');
    await response.text();
  });

  it('shows a created record at once in every cached list that can hold it', async () => {
    const before = await list();
    const across = await list(EXPORTS);
    const created = await gw.query<{ createDestination: { destination?: Named } }>(
      `mutation($input: CreateDestinationInput!) {
        createDestination(input: $input) { ... on CreateDestinationSuccess { destination { id name } } } }`,
      {
        input: postgresDestinationInput('Made just now', recipientId),
      },
    );
    const id = created.data?.createDestination.destination?.id;
    expect(id).toBeDefined();
    const after = await list();
    expect(after.totalCount).toBe((before.totalCount ?? 0) + 1);
    expect(after.edges.map((e) => e.node.id)).toContain(id);
    const acrossAfter = await list(EXPORTS);
    expect(acrossAfter.totalCount).toBe((across.totalCount ?? 0) + 1);
    expect(acrossAfter.edges.map((e) => e.node.id)).toContain(id);
  });

  it('drops a deleted record from the cache even when the mutation asks for nothing back but its type', async () => {
    const page = await list();
    const id = page.edges.at(-1)?.node.id ?? '';
    expect((await gw.query<{ node: Named | null }>(NODE, { id })).data?.node?.id).toBe(id);
    const across = await list(EXPORTS);
    const deleted = await gw.query<{ deleteDestination: { __typename: string } }>(
      'mutation($id: ID!) { deleteDestination(id: $id) { __typename } }',
      { id },
    );
    expect(deleted.data?.deleteDestination.__typename).toBe('DeleteDestinationSuccess');
    expect((await gw.query<{ node: Named | null }>(NODE, { id })).data?.node).toBeNull();
    const after = await list();
    expect(after.totalCount).toBe((page.totalCount ?? 0) - 1);
    expect(after.edges.map((e) => e.node.id)).not.toContain(id);
    expect((await list(EXPORTS)).totalCount).toBe((across.totalCount ?? 0) - 1);
  });

  it('answers a mutation naming an id of no record as it would without the cache', async () => {
    const refused = await gw.query<{ updateDestination: { __typename: string } }>(
      'mutation { updateDestination(id: "no-record-has-this-id", input: { name: "Nobody" }) { __typename } }',
    );
    expect(refused.status).toBe(200);
    expect(refused.errors).toBeUndefined();
    expect(refused.data?.updateDestination.__typename).toMatch(/Error$/);
  });

  it('shows a queued transfer at once in the cached transfers of its destination', async () => {
    const destinations = await gw.query<{
      destinations: { edges: { node: { id: string; isEnabled: boolean } }[] };
    }>('{ destinations(first: 100) { edges { node { id isEnabled } } } }');
    const id = destinations.data?.destinations.edges.find((e) => e.node.isEnabled)?.node.id;
    const transfers =
      'query($id: ID!) { node(id: $id) { ... on Destination { transfers(first: 100) { totalCount } } } }';
    type Transfers = { node: { transfers: { totalCount: number } } };
    const before = await gw.query<Transfers>(transfers, { id });
    expect(await callsOf(gw, () => gw.query(transfers, { id }))).toBe(0);
    const queued = await gw.query<{ queueDestinationTransfer: { __typename: string } }>(
      'mutation($id: ID!) { queueDestinationTransfer(id: $id) { __typename } }',
      { id },
    );
    expect(queued.data?.queueDestinationTransfer.__typename).toBe('QueueDestinationTransferSuccess');
    const after = await gw.query<Transfers>(transfers, { id });
    expect(after.data?.node.transfers.totalCount).toBe((before.data?.node.transfers.totalCount ?? 0) + 1);
  });

  it('keeps no answer read while a mutation ran: it may hold what the mutation changed', async () => {
    const sim = gw.sims['prequel-export'];
    const [target] = (await list('{ destinations(first: 2) { edges { node { id name } } } }')).edges;
    const id = target?.node.id ?? '';
    const document = '{ destinations(first: 50) { edges { node { id name } } } }';
    gw.resetCounts();
    // The list is read upstream at once and its answer arrives slowly: the rename lands in between.
    sim?.setFaults({ trickle: { intervalMs: 20, bytesPerChunk: 2000 }, operations: ['listDestinations'] });
    let slow: Promise<Page>;
    try {
      slow = list(document);
      await vi.waitFor(() => expect(sim?.stats.count('listDestinations')).toBeGreaterThan(0));
      await gw.query(
        'mutation($id: ID!) { updateDestination(id: $id, input: { name: "Renamed mid-read" }) { __typename } }',
        {
          id,
        },
      );
      const named = (await slow).edges.find((e) => e.node.id === id)?.node.name;
      expect(named).not.toBe('Renamed mid-read');
    } finally {
      sim?.setFaults(undefined);
    }
    const after = await list(document);
    expect(after.edges.find((e) => e.node.id === id)?.node.name).toBe('Renamed mid-read');
  });

  it('keeps no answer that carries an error: the next try asks the upstream again', async () => {
    const sim = gw.sims['prequel-import'];
    const document = '{ importSources(first: 7) { edges { node { id } } } }';
    sim?.setFaults({ errorStatus: 500, errorRate: 1 });
    try {
      const failed = await gw.query(document);
      expect(failed.errors?.length).toBeGreaterThan(0);
    } finally {
      sim?.setFaults(undefined);
    }
    let healed: unknown;
    expect(await callsOf(gw, async () => (healed = await gw.query(document)))).toBeGreaterThan(0);
    expect(healed).toMatchObject({ data: { importSources: { edges: expect.any(Array) } } });
    expect(await callsOf(gw, () => gw.query(document))).toBe(0);
  });

  it('keeps no partial answer: a list across providers that one provider failed is asked for again', async () => {
    const sim = gw.sims.pdc;
    const document =
      '{ dataSources(filter: { providers: [PDC, RIVERGEN] }, first: 20) { totalCount edges { node { id provider } } } }';
    // Every try of one call fails, too few to open PDC's circuit breaker.
    sim?.setFaults({ errorStatus: 503, failNext: 3 });
    try {
      const partial = await gw.query<{ dataSources: Page | null }>(document);
      expect(partial.errors?.[0]?.extensions?.provider).toBe('pdc');
    } finally {
      sim?.setFaults(undefined);
    }
    gw.resetCounts();
    const whole = await gw.query(document);
    expect(sim?.stats.count()).toBeGreaterThan(0);
    expect(whole.errors).toBeUndefined();
    expect(await callsOf(gw, () => gw.query(document))).toBe(0);
  });

  it('does not keep an answer sent in parts (@stream, @defer), and sends it whole each time', async () => {
    const document = '{ importSources(first: 4) { edges @stream(initialCount: 1) { node { id } } } }';
    const ask = () =>
      gw.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
        body: JSON.stringify({ query: document }),
      });
    for (let n = 0; n < 2; n += 1) {
      let text = '';
      expect(await callsOf(gw, async () => (text = await (await ask()).text()))).toBeGreaterThan(0);
      expect(text).toContain('"hasNext":false');
    }
  });

  it('answers the operations of a batch from the cache too, each under its own variables', async () => {
    const document = 'query($n: Int!) { importSources(first: $n) { edges { node { id } } } }';
    const batch = async () => {
      const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify([
          { query: document, variables: { n: 2 } },
          { query: document, variables: { n: 3 } },
        ]),
      });
      return (await response.json()) as { data: { importSources: Page } }[];
    };
    let first: { data: { importSources: Page } }[] = [];
    expect(await callsOf(gw, async () => (first = await batch()))).toBeGreaterThan(0);
    expect(first.map((a) => a.data.importSources.edges.length)).toEqual([2, 3]);
    let second: unknown;
    expect(await callsOf(gw, async () => (second = await batch()))).toBe(0);
    expect(second).toEqual(first);
  });
});

describe('with RESPONSE_CACHE_MAX_ENTRIES', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      RESPONSE_CACHE: 'on',
      RESPONSE_CACHE_TTL_MS: '600000',
      RESPONSE_CACHE_MAX_ENTRIES: '2',
    });
  });
  afterAll(() => gw.close());

  it('keeps that many answers, forgetting the least recently used first', async () => {
    const read = (n: number) => () => gw.query(`{ importSources(first: ${n}) { edges { node { id } } } }`);
    await read(1)();
    await read(2)();
    expect(await callsOf(gw, read(1))).toBe(0);
    // A third answer: the second, read least recently, makes room for it.
    await read(3)();
    expect(await callsOf(gw, read(1))).toBe(0);
    expect(await callsOf(gw, read(3))).toBe(0);
    expect(await callsOf(gw, read(2))).toBeGreaterThan(0);
  });
});
