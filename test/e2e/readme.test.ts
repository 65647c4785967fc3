import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUpstreams, startDemoUpstreams } from '../../src/sandbox/demo.js';
import { pdcSandbox } from '../../src/sandbox/pdc/index.js';
import {
  PatchPortDocument,
  PostgresEverywhereDocument,
  ProdCatalogDocument,
  QueueTransferDocument,
  ReopenDocument,
  WatchTransferDocument,
} from '../generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type ListeningGateway, serveOverHttp } from '../support/listening.js';
import { docPages, fences, readRepoFile, root } from '../support/markdown.js';
import { subscribe } from '../support/subscriptions.js';
import { expectTypename } from '../support/typed.js';

const run = promisify(execFile);
const cwd = new URL(root).pathname;

/** The shell blocks of a page's section (from its heading to the next of the same level). */
function shellBlocks(page: string, heading: string): string[] {
  const text = readRepoFile(page);
  const start = text.indexOf(`\n${heading}\n`);
  const level = /^#+ /.exec(heading)?.[0] ?? '## ';
  const end = text.indexOf(`\n${level}`, start + 1);
  return fences(text.slice(start, end < 0 ? undefined : end))
    .filter((f) => f.language === 'sh')
    .map((f) => f.body);
}

describe('README examples', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('has three query examples that run against the demo without errors', async () => {
    const first = await gw.query(PostgresEverywhereDocument);
    expect(first.errors).toBeUndefined();
    const ids = (first.data?.dataSources?.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node.id] : []));
    expect(ids.length).toBeGreaterThan(0);
    const second = await gw.query(ProdCatalogDocument);
    expect(second.errors).toBeUndefined();
    expect(second.data?.dataSources?.edges?.length).toBeGreaterThan(0);
    const third = await gw.query(ReopenDocument, { ids });
    expect(third.errors).toBeUndefined();
    expect(third.data?.nodes.map((node) => node?.id)).toEqual(ids);
  });

  it('has a mutation example that patches exactly what it says', async () => {
    const result = await gw.query(PatchPortDocument);
    expect(result.errors).toBeUndefined();
    const patched = expectTypename(result.data?.updateRiverGenDataSource, 'UpdateRiverGenDataSourceSuccess');
    expect(patched.riverGenDataSource).toMatchObject({ port: 6543, description: null });
    expect(gw.sims.rivergen?.stats.last('updateDataSource')?.body).toEqual({ port: 6543, description: null });
  });
});

describe("the README's transfer example", () => {
  it('queues a transfer, and the subscription sees it run and ends with it finished', async () => {
    await using gw = await startTestGateway({ LIVE_POLL_MIN_MS: '20', LIVE_POLL_MAX_MS: '50' });
    const http = await serveOverHttp(gw);
    try {
      const queued = await gw.query(QueueTransferDocument);
      const { transferId } = expectTypename(
        queued.data?.queueDestinationTransfer,
        'QueueDestinationTransferSuccess',
      ).queued;
      const live = await subscribe(`${http.base}/graphql`, print(WatchTransferDocument));
      const events = (await live.rest()).map((part) => part.data?.destinationTransfer);
      expect(events.map((event) => (event as { id: string }).id)).toEqual(events.map(() => transferId));
      expect(events.map((event) => (event as { status: string }).status)).toEqual([
        'PENDING',
        'RUNNING',
        'SUCCESS',
      ]);
    } finally {
      await http.close();
    }
  });
});

describe('the curl lines of the README and docs/', () => {
  let gw: TestGateway;
  let http: ListeningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
    http = await serveOverHttp(gw);
  });
  afterAll(async () => {
    await http.close();
    await gw.close();
  });

  const lines = docPages().flatMap((page) =>
    fences(readRepoFile(page))
      .filter((f) => f.language === 'sh')
      .flatMap((f) => f.body.split('\n').filter((line) => line.startsWith('curl -G http://localhost:4000/')))
      .map((line) => ({ page, line })),
  );

  it('include a query sent as a GET', () => {
    expect(lines.length).toBeGreaterThan(0);
  });

  // GET needs no custom header for a query.
  it.each(lines)(
    '$page: $line answers with data and no errors, run from the repository',
    async ({ line }) => {
      const { stdout } = await run(
        'bash',
        ['-euo', 'pipefail', '-c', `${line.replace('http://localhost:4000', http.base)} --fail-with-body -s`],
        { cwd },
      );
      const answer = JSON.parse(stdout) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect(answer.errors).toBeUndefined();
      expect(Object.keys(answer.data ?? {})).not.toHaveLength(0);
    },
  );
});

describe('the simulated upstreams', () => {
  it('are on the ports docs/upstreams.md gives `npm run sandbox`', () => {
    const [, from, to] =
      /fixed loopback ports \((\d+) to (\d+)\)/.exec(readRepoFile('docs/upstreams.md')) ?? [];
    const ports = demoUpstreams.map((upstream) => upstream.entry.defaultPort);
    expect([Math.min(...ports), Math.max(...ports)]).toEqual([Number(from), Number(to)]);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('answer the curl example as written, at the port where `npm run sandbox` puts PDC', async () => {
    const [script = 'false'] = shellBlocks('docs/upstreams.md', '## The simulated upstreams');
    const addresses = new Set(script.match(/127\.0\.0\.1:\d+/g));
    expect([...addresses]).toEqual([`127.0.0.1:${pdcSandbox.defaultPort}`]);
    // The same simulators on free ports: the fixed ones may be taken on this machine (a second clone's run, say).
    const sandbox = await startDemoUpstreams();
    try {
      const pdc = sandbox.simulators.find((sim) => sim.provider === 'pdc');
      const here = new URL(pdc?.url ?? '').host;
      const { stdout } = await run('bash', [
        '-euo',
        'pipefail',
        '-c',
        script.replaceAll(`127.0.0.1:${pdcSandbox.defaultPort}`, here),
      ]);
      const answer = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
        status: number;
        data: { databaseType: string }[];
      };
      expect(answer.status).toBe(200);
      expect(answer.data.map((d) => d.databaseType)).toEqual(['POSTGRES', 'POSTGRES']);
    } finally {
      await sandbox.close();
    }
  });
});
