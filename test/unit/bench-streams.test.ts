import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, send } from '../../bench/lib/calls.js';
import { streamedCall } from '../../bench/lib/documents.js';
import { runLoop } from '../../bench/lib/generators.js';
import type { Row } from '../../bench/lib/measure.js';
import { parseOptions } from '../../bench/lib/options.js';
import { carriesEdges, type Part, PartReader } from '../../bench/lib/parts.js';
import type { LoadResult } from '../../bench/lib/protocol.js';
import { buildReport, renderMarkdown } from '../../bench/lib/report.js';
import { checkTargets } from '../../bench/lib/targets.js';
import { loadResult } from '../support/load-results.js';

const FIRST: Part = { data: { dataSources: { edges: [] } }, hasNext: true };
const EDGES: Part = {
  incremental: [{ items: [{ node: { name: 'Zürich' } }], path: ['dataSources', 'edges', 0] }],
  hasNext: true,
};
const LAST: Part = {
  incremental: [{ data: { pageInfo: { hasNextPage: false } }, path: ['dataSources'] }],
  hasNext: false,
};

/** A part as Yoga writes it to multipart/mixed: its length in bytes, then the JSON and a boundary. */
const multipartPart = (part: Part) => {
  const json = JSON.stringify(part);
  return `\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}\r\n---`;
};
const multipart = (parts: Part[]) => `\r\n---${parts.map(multipartPart).join('')}--\r\n`;
const sse = (parts: Part[]) =>
  `:\n\n${parts.map((part) => `event: next\ndata: ${JSON.stringify(part)}\n\n`).join('')}event: complete\ndata:\n\n`;

function byteByByte(reader: PartReader, text: string): Part[] {
  const bytes = Buffer.from(text);
  const parts: Part[] = [];
  for (let i = 0; i < bytes.length; i++) parts.push(...reader.push(bytes.subarray(i, i + 1)));
  return parts;
}

describe('reading an answer in parts', () => {
  it('cuts multipart/mixed and text/event-stream answers into their parts however the bytes arrive', () => {
    const parts = [FIRST, EDGES, LAST];
    expect(byteByByte(new PartReader('multipart'), multipart(parts))).toEqual(parts);
    expect(byteByByte(new PartReader('sse'), sse(parts))).toEqual(parts);
    expect(new PartReader('multipart').push(Buffer.from(multipart(parts)))).toEqual(parts);
  });

  it('tells the parts that bring edges from those that bring none', () => {
    expect([FIRST, EDGES, LAST].map(carriesEdges)).toEqual([false, true, false]);
    expect(carriesEdges({ data: { dataSources: { edges: [{ node: { id: '1' } }] } } })).toBe(true);
  });
});

describe('a streamed call', () => {
  let origin = '';
  /** When the server wrote the edges and the last part of its latest answer (performance.now()). */
  const written = { edges: 0, last: 0 };
  const answers: Record<string, (res: ServerResponse) => Promise<void>> = {
    '/stream': async (res) => {
      res.writeHead(200, { 'content-type': 'multipart/mixed; boundary="-"' });
      res.write(`\r\n---${multipartPart(FIRST)}`);
      written.edges = performance.now();
      res.write(multipartPart(EDGES));
      // Held back, so that the first edges and the end are read apart.
      await sleep(100);
      written.last = performance.now();
      res.end(`${multipartPart(LAST)}--\r\n`);
    },
    '/failing-later': async (res) => {
      res.writeHead(200, { 'content-type': 'multipart/mixed; boundary="-"' });
      const failed = {
        incremental: [{ errors: [{ message: 'late' }], path: ['dataSources'] }],
        hasNext: false,
      };
      res.end(multipart([FIRST, EDGES, failed]));
    },
    '/no-edges': async (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(sse([FIRST, LAST]));
    },
    '/whole': async (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{"dataSources":{"edges":[]}}}');
    },
  };
  const server = createServer((req, res) => void answers[req.url ?? '']?.(res));
  const call = (path: string) => ({ ...streamedCall(origin, '{ __typename }'), path });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it('is timed to its first edges apart from its end', async () => {
    const client = createClient();
    try {
      const answer = await send(client, call('/stream'));
      expect(answer.outcome).toBe('ok');
      expect(answer.firstEdgeAt).toBeGreaterThanOrEqual(written.edges);
      expect(answer.firstEdgeAt).toBeLessThan(written.last);

      const result = await runLoop({
        kind: 'load',
        generator: 'loop',
        plan: { groups: [[call('/stream')]] },
        bounds: { connections: 1, durationSeconds: 60, maxIterations: 2 },
      });
      expect(result.iterations).toBe(2);
      expect(result.firstEdge?.max).toBeLessThan(result.latency.p50);
    } finally {
      await client.close();
    }
  });

  it('fails when a later part carries errors, when no part carries edges, or when the answer came whole', async () => {
    const client = createClient();
    try {
      for (const path of ['/failing-later', '/no-edges', '/whole'])
        expect((await send(client, call(path))).outcome, path).toBe('graphql');
    } finally {
      await client.close();
    }
    const result = await runLoop({
      kind: 'load',
      generator: 'loop',
      plan: { groups: [[call('/no-edges')]] },
      bounds: { connections: 1, durationSeconds: 60, maxIterations: 2 },
    });
    expect(result.errors.graphql).toBe(2);
    expect(result).not.toHaveProperty('firstEdge');
  });
});

describe('the streamed list in the report', () => {
  const result = loadResult;
  const row = (target: Row['target'], r: LoadResult, rate?: number): Row => ({
    ...(rate ? { generator: 'paced', rate } : { generator: 'loop' }),
    scenario: 'data-sources-streamed',
    title: '',
    latencyMs: 20,
    connections: 100,
    target,
    description: '',
    result: r,
    upstreamCallsPerQuery: 5,
    upstreamCalls: {},
    upstreamCallsPerQueryUnderLoad: 5,
  });

  it('sets the first edges and the whole streamed answer beside the unstreamed one, and judges no lookup target by them', () => {
    const rows = [
      row('gateway', result(25, 43, 67), 25),
      row('gateway-streamed', result(24, 48.5, 85, [34.75, 54]), 25),
    ];
    const targets = checkTargets(rows, {
      peakRssMb: undefined,
      coldStartMedianMs: undefined,
      wallSeconds: undefined,
      fullRun: false,
    });
    expect(targets[1]?.met).toBeUndefined();
    const markdown = renderMarkdown(
      buildReport({
        generatedAt: '2026-01-01T00:00:00.000Z',
        command: 'npm run bench',
        machine: { node: 'v20', cpus: 2, platform: 'linux', loadAverageAtStart: [0] },
        commit: undefined,
        options: parseOptions([], {}),
        rows,
        scenarioList: [],
        coldStart: { samplesMs: [], medianMs: undefined },
        peakRssMb: undefined,
        targets,
      }),
    );
    expect(markdown).toContain(
      '| data-sources-streamed | 20 ms | 100 | paced 25/s | 34.75 / 54.00 | 48.50 / 85.00 | 43.00 / 67.00 | 8.25 / 13.00 | 24 / 25 |',
    );
  });
});
