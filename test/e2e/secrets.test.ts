import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { riverGenDemoTokens } from '../../src/sandbox/rivergen/index.js';
import { schema } from '../../src/schema.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type OtlpReceiver, startOtlpReceiver } from '../support/otlp-receiver.js';
import { asRequest } from '../support/secret-documents.js';
import {
  type Existing,
  mutationsTakingSecrets,
  type SecretRequest,
  secretRequests,
} from '../support/secret-inputs.js';

/** A secret of this file: unique, so finding one anywhere can only be a leak. */
const newSecret = (label: string) => `leak-${label.replace(/[^\w.-]/g, '')}-${randomUUID()}`;

/** Everything written to stdout and stderr while a test runs (console included). */
let printed: string[] = [];
beforeEach(() => {
  printed = [];
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
      printed.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write);
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A gateway over fresh simulators that traces to a receiver of this test; closing it flushes the spans. */
async function tracedGateway(): Promise<{ gw: TestGateway; receiver: OtlpReceiver }> {
  const receiver = await startOtlpReceiver();
  const gw = await startTestGateway({
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    METRICS: 'true',
    // Every answer is read back whole, whatever its type: the documents are long.
    MAX_QUERY_TOKENS: '50000',
    UPSTREAM_BREAKER_FAILURES: '1000',
  });
  return { gw, receiver };
}

/** An existing record for the mutations that take an `id`, by the type their name says they change. */
async function existingRecords(gw: TestGateway): Promise<Existing> {
  const answer = await gw.query<Record<string, { edges: { node: { id: string; recipientId?: string } }[] }>>(
    `{ importSources(first: 1) { edges { node { id } } } destinations(first: 1) { edges { node { id recipientId } } }
       catalogDataSources(first: 1) { edges { node { id } } } riverGenDataSources(first: 1) { edges { node { id } } } }`,
  );
  const first = (list: string) => answer.data?.[list]?.edges[0]?.node.id ?? '';
  const byType: [RegExp, string][] = [
    [/ImportSource/, first('importSources')],
    [/Destination/, first('destinations')],
    [/Catalog/, first('catalogDataSources')],
    [/RiverGen/, first('riverGenDataSources')],
  ];
  const ids = Object.fromEntries(
    mutationsTakingSecrets(schema).map((name) => [name, byType.find(([re]) => re.test(name))?.[1] ?? '']),
  );
  // A destination is created for a recipient that exists.
  return { ids, fields: { recipientId: answer.data?.destinations?.edges[0]?.node.recipientId } };
}

/** What the gateway and its upstreams saw and said while the requests ran. */
interface Scan {
  bodies: string[];
  logs: string[];
  metrics: string;
  spans: string[];
  /** The requests each simulator received, as JSON. */
  upstream: string;
}

async function sendAll(gw: TestGateway, requests: readonly SecretRequest[]): Promise<string[]> {
  const bodies: string[] = [];
  const jobs = requests.flatMap((request) =>
    (['variables', 'literals'] as const).map((form) => async () => {
      const { query, variables } = asRequest(schema, request, form);
      const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      bodies.push(`${response.status} ${JSON.stringify([...response.headers])} ${text}`);
      const answer = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
      const what = `${request.mutation} ${request.path}, ${request.way}, as ${form}`;
      // Every way but `valid` is refused by GraphQL itself, before any resolver: no data at all.
      if (request.way === 'valid') expect(answer.data, `${what}: ${text}`).toBeTruthy();
      else {
        expect(answer.data, what).toBeUndefined();
        expect(answer.errors?.length, what).toBeGreaterThan(0);
      }
    }),
  );
  // A few at a time: requests overlap, as a client's would, without crowding a small machine.
  for (let i = 0; i < jobs.length; i += 8) await Promise.all(jobs.slice(i, i + 8).map((job) => job()));
  return bodies;
}

async function scanWhile(run: (gw: TestGateway) => Promise<string[]>): Promise<Scan> {
  const { gw, receiver } = await tracedGateway();
  try {
    let bodies: string[];
    let metrics: string;
    let recorded: unknown[];
    try {
      bodies = await run(gw);
      metrics = await (await gw.gateway.yoga.fetch('http://gateway.test/metrics')).text();
      recorded = Object.values(gw.sims).map((sim) => {
        // The simulators keep their latest 500 requests: fewer were made, so none was dropped.
        expect(sim.stats.count(), sim.provider).toBeLessThan(500);
        return sim.stats.requests();
      });
    } finally {
      // Closing sends the spans still buffered.
      await gw.close();
    }
    return {
      bodies,
      logs: [...gw.logs, ...printed],
      metrics,
      spans: receiver.raw,
      upstream: JSON.stringify(recorded),
    };
  } finally {
    await receiver.close();
  }
}

/** Asserts the scan saw something in each place, and no secret of `secrets` in any. */
function expectNoLeak(scan: Scan, secrets: readonly string[]): void {
  expect(secrets.length).toBeGreaterThan(0);
  expect(scan.bodies.length).toBeGreaterThan(0);
  expect(scan.bodies.every((body) => body.length > 0)).toBe(true);
  expect(scan.logs.length).toBeGreaterThan(0);
  expect(scan.metrics).toContain('gateway_graphql_requests_total');
  expect(scan.spans.length).toBeGreaterThan(0);
  const places = {
    responses: scan.bodies.join('\n'),
    logs: scan.logs.join('\n'),
    metrics: scan.metrics,
    spans: scan.spans.join('\n'),
  };
  for (const [place, text] of Object.entries(places)) {
    const found = secrets.filter((secret) => text.includes(secret));
    expect(found, `secrets in ${place}`).toEqual([]);
  }
}

describe('secrets sent through every mutation input that takes one', () => {
  it('finds the secret fields from the schema: every provider has some', () => {
    const mutations = mutationsTakingSecrets(schema);
    expect(mutations).toEqual(
      expect.arrayContaining([
        'createImportSource',
        'createDestination',
        'createCatalogDataSources',
        'createRiverGenDataSource',
        'updateRiverGenCredentials',
      ]),
    );
  });

  it.each(mutationsTakingSecrets(schema))(
    '%s: in no response, log line, metric or span, and only a valid one reaches the upstream',
    async (mutation) => {
      let requests: SecretRequest[] = [];
      const scan = await scanWhile(async (gw) => {
        requests = secretRequests(schema, await existingRecords(gw), newSecret).get(mutation) ?? [];
        gw.resetCounts();
        return sendAll(gw, requests);
      });
      const ways = new Set(requests.map((request) => request.way));
      expect(ways.size, [...ways].join(', ')).toBeGreaterThanOrEqual(5);
      expectNoLeak(
        scan,
        requests.flatMap((request) => request.secrets),
      );
      const refused = requests
        .filter((request) => request.way !== 'valid')
        .flatMap((request) => request.secrets);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.filter((secret) => scan.upstream.includes(secret))).toEqual([]);
      // The valid requests do send their secrets on: the upstream record is the place to look.
      const sent = requests
        .filter((request) => request.way === 'valid')
        .flatMap((request) => request.secrets);
      expect(sent.filter((secret) => scan.upstream.includes(secret)).length).toBeGreaterThan(0);
    },
    60_000,
  );
});

describe('a secret an upstream sends back', () => {
  it('is masked in a RiverGen connection string, which the gateway shows', async () => {
    const [inUser, inQuery] = [newSecret('connection-user'), newSecret('connection-query')];
    const connectionString = `postgresql://app:${inUser}@db.internal:5432/app?sslmode=require&password=${inQuery}`;
    let upstreamAnswer = '';
    const scan = await scanWhile(async (gw) => {
      const created = await gw.query<{
        createRiverGenDataSource: {
          riverGenDataSource: { id: string; nativeId: string; connectionString: string };
        };
      }>(
        `mutation($input: CreateRiverGenDataSourceInput!) { createRiverGenDataSource(input: $input) {
          __typename ... on CreateRiverGenDataSourceSuccess { riverGenDataSource { id nativeId connectionString } } } }`,
        {
          input: {
            name: `Echo ${randomUUID()}`,
            type: 'postgresql',
            host: 'db.internal',
            port: 5432,
            databaseName: 'app',
            connectionString,
          },
        },
      );
      const source = created.data?.createRiverGenDataSource.riverGenDataSource;
      expect(source?.connectionString).toBe(
        'postgresql://app:****@db.internal:5432/app?sslmode=require&password=****',
      );
      // RiverGen itself answers with the password in it: there is something to mask.
      const direct = await fetch(`${gw.sims.rivergen?.url}/api/v1/data-sources/${source?.nativeId}`, {
        headers: { authorization: `Bearer ${riverGenDemoTokens.demo}` },
      });
      upstreamAnswer = await direct.text();
      const read = await gw.query(
        'query($id: ID!) { node(id: $id) { ... on RiverGenDataSource { connectionString } } }',
        { id: source?.id },
      );
      expect(read.data).toEqual({
        node: {
          connectionString: 'postgresql://app:****@db.internal:5432/app?sslmode=require&password=****',
        },
      });
      return [JSON.stringify(created), JSON.stringify(read)];
    });
    expect(upstreamAnswer).toContain(inUser);
    expect(upstreamAnswer).toContain(inQuery);
    expectNoLeak(scan, [inUser, inQuery]);
  });
});
