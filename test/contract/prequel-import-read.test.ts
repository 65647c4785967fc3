import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/gateway/upstream/index.js';
import type { ImportSource } from '../../src/providers/prequel-import/client.js';
import { prequelImportSandbox } from '../../src/sandbox/prequel-import/index.js';
import { VENDORS } from './prequel-import-fixtures.js';
import { failure, type ImportHarness, listAll, startImport } from './prequel-import-harness.js';

const key = (s: ImportSource) => `${s.created_at}|${s.id}`;

describe('prequel-import: reading and paging sources', () => {
  let h: ImportHarness;
  beforeAll(async () => {
    h = await startImport();
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.takeIssues()).toEqual([]);
  });

  it('seeds 84 sources over all ten vendors and six providers, some unreachable, some without credentials', async () => {
    const { sources } = await listAll(h.client, 'asc', 100);
    expect(sources).toHaveLength(84);
    expect(new Set(sources.map((s) => s.vendor))).toEqual(new Set(VENDORS));
    expect(new Set(sources.map((s) => s.provider_id)).size).toBe(6);
    expect(sources.filter((s) => !s.is_reachable).length).toBe(12);
    const invalid = sources.filter((s) => {
      const block = (s as Record<string, unknown>)[String(s.vendor)] as { is_valid?: boolean };
      return block.is_valid === false;
    });
    expect(invalid.length).toBeGreaterThan(0);
    for (const s of sources) {
      expect(s.created_at >= '2024-01-01' && s.created_at <= '2026-10-31T23:59:59.999Z').toBe(true);
      expect(s.updated_at >= s.created_at).toBe(true);
    }
  });

  it('gives every source exactly one vendor block, keyed by its vendor', async () => {
    const { sources } = await listAll(h.client, 'desc', 100);
    for (const source of sources) {
      const blocks = Object.keys(source).filter((k) => (VENDORS as readonly string[]).includes(k));
      expect(blocks).toEqual([source.vendor]);
    }
  });

  it('pages newest first through all 84 sources, 10 at a time, with no duplicate and no gap', async () => {
    const { sources, pages } = await listAll(h.client, 'desc', 10);
    expect(pages).toBe(9);
    const keys = sources.map(key);
    expect(new Set(keys).size).toBe(84);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(new Set(sources.map((s) => s.id))).toEqual(new Set(h.sim.store.all().map((s) => s.id)));
  });

  it('pages oldest first with order=asc, 7 at a time, with no duplicate and no gap', async () => {
    const { sources, pages } = await listAll(h.client, 'asc', 7);
    expect(pages).toBe(12);
    const keys = sources.map(key);
    expect(new Set(keys).size).toBe(84);
    expect(keys).toEqual([...keys].sort());
  });

  it('defaults to 10 sources, newest first, and carries page_size and order in next_url', async () => {
    h.takeBodies();
    const page = await h.client.listSources();
    expect(h.sim.stats.last('listSources')?.query).toBe('');
    const raw = JSON.parse(h.takeBodies()[0] ?? '{}') as { next_url?: string };
    expect(raw.next_url).toBe(`/import/sources?cursor=${page.nextCursor}&order=desc&page_size=10`);
    expect(page.sources).toHaveLength(10);
    expect(page.hasNext).toBe(true);
    const newest = (await h.client.listSources({ pageSize: 20 })).sources;
    expect(page.sources).toEqual(newest.slice(0, 10));
    const second = await h.client.listSources({ cursor: page.nextCursor });
    expect(second.sources).toEqual(newest.slice(10, 20));
    expect(h.sim.stats.last('listSources')?.query).toMatch(/^\?cursor=[\w-]+$/);
  });

  it('answers the last page with has_next false and no next_url', async () => {
    const all = await h.client.listSources({ pageSize: 100 });
    expect(all.sources).toHaveLength(84);
    expect(all.hasNext).toBe(false);
    expect(all.nextCursor).toBeUndefined();
  });

  it('refuses page_size outside 1..100 naming page_size', async () => {
    for (const pageSize of [0, 101]) {
      const error = await failure(h.client.listSources({ pageSize }));
      expect(error).toMatchObject({ status: 400, field: 'page_size' });
    }
  });

  it('refuses a cursor it did not issue, and one issued for the other order', async () => {
    await expect(h.client.listSources({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
      status: 400,
      field: 'cursor',
    });
    const asc = await h.client.listSources({ order: 'asc' });
    const error = await failure(h.client.listSources({ order: 'desc', cursor: asc.nextCursor }));
    expect(error).toMatchObject({ status: 400, field: 'cursor' });
    expect((error as UpstreamError).upstreamMessage).toContain('order=asc');
  });

  it('keeps paging stable when a source is created between pages', async () => {
    const local = await startImport();
    try {
      const first = await local.client.listSources({ order: 'desc', pageSize: 10 });
      const created = await local.client.createSource({
        vendor: 'sftp',
        provider_id: 'p-1',
        name: 'Late arrival',
        sftp: { host: 'sftp.example.com', port: 22, username: 'u' },
      });
      const rest: ImportSource[] = [];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await local.client.listSources({ order: 'desc', pageSize: 10, cursor });
        rest.push(...page.sources);
        cursor = page.nextCursor;
      }
      const ids = [...first.sources, ...rest].map((s) => s.id);
      expect(ids).toHaveLength(84);
      expect(new Set(ids).size).toBe(84);
      expect(ids).not.toContain(created.id);
      expect((await local.client.listSources({ pageSize: 1 })).sources[0]?.id).toBe(created.id);
      expect(local.takeIssues()).toEqual([]);
    } finally {
      await local.close();
    }
  });

  it('reads one source by id, as the list shows it, for every vendor', async () => {
    const { sources } = await listAll(h.client, 'asc', 100);
    for (const vendor of VENDORS) {
      const listed = sources.find((s) => s.vendor === vendor);
      expect(listed).toBeDefined();
      if (!listed) continue;
      expect(await h.client.getSource(listed.id)).toEqual(listed);
    }
  });

  it('answers 404 with its own error body for an unknown id', async () => {
    const error = await failure(h.client.getSource('00000000-0000-4000-8000-000000000000'));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      status: 404,
      kind: 'http',
      provider: 'prequel-import',
      operation: 'getSource',
    });
    expect((error as UpstreamError).upstreamMessage).toContain('not found');
  });

  it('seeds the same sources from the same seed and different ones from another', async () => {
    const again = await prequelImportSandbox.start({ port: 0, seed: 1 });
    const other = await prequelImportSandbox.start({ port: 0, seed: 2 });
    try {
      const byId = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(again.store.all())).toEqual(byId(h.sim.store.all()));
      expect(other.store.all().map((s) => s.id)).not.toEqual(again.store.all().map((s) => s.id));
    } finally {
      await again.close();
      await other.close();
    }
  });
});
