import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  Destination,
  DestinationCreate,
  Transfer,
  TransferStatus,
} from '../../src/providers/prequel-export/client.js';
import { SEEDED_DESTINATIONS } from '../../src/sandbox/prequel-export/index.js';
import { type Harness, listAll, startHarness } from './prequel-export.harness.js';

let h: Harness;
let seeded: Destination[];
beforeAll(async () => {
  h = await startHarness();
  seeded = (await listAll(h.client, { page_size: 100 })).destinations;
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  expect(h.takeIssues()).toEqual([]);
});

const FINISHED = new Set(['SUCCESS', 'PARTIAL_FAILURE', 'ERROR', 'CANCELLED', 'EXPIRED']);
const ALL_VENDORS = [
  'abs',
  'athena',
  'aurora_mysql',
  'aurora_postgres',
  'bigquery',
  'clickhouse',
  'databricks',
  'delta_lake',
  'gcs',
  'google_sheets',
  'iceberg',
  'mongodb',
  'motherduck',
  'mysql',
  'oracle',
  'planetscale',
  'postgres',
  'redshift',
  'redshift_serverless',
  's3',
  's3_compatible',
  'sftp',
  'singlestore',
  'snowflake',
  'sql_server',
];

async function allTransfers(id: string, query: { status?: TransferStatus; ended_after?: string } = {}) {
  const out: Transfer[] = [];
  let cursor: string | undefined;
  do {
    const page = await h.client.listTransfers(id, { ...query, page_size: 2, cursor });
    out.push(...page.transfers);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return out;
}

const enabledWithModels = () => {
  const found = seeded.find(
    (d) => d.is_enabled && d.enabled_models.length > 1 && !d.enabled_models.includes('*'),
  );
  if (!found) throw new Error('the seed has no enabled destination with named models');
  return found;
};

describe('Prequel Export seeded data', () => {
  it(`seeds ${SEEDED_DESTINATIONS} destinations covering all 25 vendors, each with the block of its vendor`, () => {
    expect(seeded).toHaveLength(SEEDED_DESTINATIONS);
    expect(new Set(seeded.map((d) => d.vendor))).toEqual(new Set(ALL_VENDORS));
    for (const d of seeded) {
      const blocks = ALL_VENDORS.filter((v) => Object.hasOwn(d, v));
      expect(blocks).toEqual([d.vendor]);
      expect([0, 15, 60, 360, 720, 1440]).toContain(d.frequency_minutes);
    }
    expect(new Set(seeded.map((d) => d.name)).size).toBe(SEEDED_DESTINATIONS);
  });

  it('gives every destination a history whose latest finished transfer is last_completed_transfer', async () => {
    for (const d of seeded.slice(0, 20)) {
      const history = await allTransfers(d.id);
      expect(history.length).toBeGreaterThanOrEqual(3);
      const finished = history
        .filter((t) => FINISHED.has(t.status))
        .sort((a, b) => String(b.ended_at).localeCompare(String(a.ended_at)));
      expect(d.last_completed_transfer).toEqual(finished[0] ?? null);
      const success = finished.find((t) => t.status === 'SUCCESS');
      expect(d.last_successful_transfer_ended_at).toBe(success?.ended_at ?? null);
      for (const t of history) expect(t.destination_id).toBe(d.id);
    }
  });

  it('records failed transfers with run errors that say whose fault it is', async () => {
    const failed = (
      await Promise.all(seeded.map((d) => h.client.listTransfers(d.id, { status: 'ERROR', page_size: 100 })))
    ).flatMap((p) => p.transfers);
    expect(failed.length).toBeGreaterThan(10);
    const errors = failed.flatMap((t) => t.model_metrics.flatMap((m) => (m.error ? [m.error] : [])));
    expect(errors.length).toBeGreaterThan(10);
    expect(new Set(errors.map((e) => e.blame)).size).toBeGreaterThanOrEqual(3);
    for (const e of errors) {
      expect(e.error_code).toMatch(/^[A-Z_]+$/);
      expect(e.title).not.toBe('');
      expect(e.documentation_url).toMatch(/^https:\/\//);
    }
    const withMetrics = failed.filter((t) => t.model_metrics.length > 0);
    expect(withMetrics.length).toBe(failed.length);
  });

  it('gives the same data for the same seed and other data for another seed', async () => {
    const again = await startHarness(1);
    const other = await startHarness(2);
    try {
      expect((await listAll(again.client, { page_size: 100 })).destinations).toEqual(seeded);
      const different = (await listAll(other.client, { page_size: 100 })).destinations;
      expect(different).toHaveLength(SEEDED_DESTINATIONS);
      expect(different.map((d) => d.id)).not.toEqual(seeded.map((d) => d.id));
      expect([...again.takeIssues(), ...other.takeIssues()]).toEqual([]);
    } finally {
      await again.close();
      await other.close();
    }
  });
});

describe('Prequel Export transfers', () => {
  it("filters a destination's transfers by status and by end time", async () => {
    const withErrors = seeded.find((d) => h.sim.store.transfersOf(d.id).some((t) => t.status === 'ERROR'));
    if (!withErrors) throw new Error('the seed has no failed transfer');
    const expected = h.sim.store.transfersOf(withErrors.id).filter((t) => t.status === 'ERROR');
    const errors = await allTransfers(withErrors.id, { status: 'ERROR' });
    expect(errors.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
    expect(h.sim.stats.last('listTransfers')?.query).toContain('status=ERROR');

    const cut = '2026-09-15T00:00:00Z';
    const late = await allTransfers(withErrors.id, { ended_after: cut });
    for (const t of late) expect(Date.parse(String(t.ended_at))).toBeGreaterThan(Date.parse(cut));
    const everything = await allTransfers(withErrors.id);
    expect(late).toHaveLength(everything.filter((t) => t.ended_at !== null && t.ended_at > cut).length);
  });

  it("pages through a destination's transfers two at a time, newest first, with no duplicate", async () => {
    const d = seeded[0];
    if (!d) throw new Error('no destination');
    const all = await allTransfers(d.id);
    expect(new Set(all.map((t) => t.id)).size).toBe(h.sim.store.transfersOf(d.id).length);
    const submitted = all.map((t) => t.submitted_at);
    expect(submitted).toEqual([...submitted].sort().reverse());
  });

  it('queues a transfer with the options sent and lists it as PENDING', async () => {
    const d = enabledWithModels();
    const request = {
      full_refresh: true,
      is_debug_mode: true,
      models: [d.enabled_models[0] ?? ''],
      start_transfer_window_at: '2026-10-01T00:00:00Z',
      end_transfer_window_at: '2026-10-02T00:00:00Z',
      tags: { reason: 'contract-test' },
    };
    const { transfer_id } = await h.client.createTransfer(d.id, request);
    expect(h.sim.stats.last('createTransfer')?.body).toEqual(request);
    const pending = await h.client.listTransfers(d.id, { status: 'PENDING', page_size: 100 });
    expect(pending.transfers.find((t) => t.id === transfer_id)).toMatchObject({
      status: 'PENDING',
      is_full_refresh: true,
      is_debug_mode: true,
      models: request.models,
      tags: request.tags,
      actor_type: 'api_key',
      started_at: null,
      ended_at: null,
    });
    const incremental = await h.client.createTransfer(d.id);
    expect(incremental.transfer_id).toEqual(expect.any(String));
  });

  it('refuses a model the destination does not receive, a window ending before it starts, and a disabled destination', async () => {
    const d = enabledWithModels();
    await expect(
      h.client.createTransfer(d.id, { models: [d.enabled_models[0] ?? '', 'no_such_model'] }),
    ).rejects.toMatchObject({
      status: 400,
      field: 'models[1]',
    });
    await expect(
      h.client.createTransfer(d.id, {
        start_transfer_window_at: '2026-10-02T00:00:00Z',
        end_transfer_window_at: '2026-10-01T00:00:00Z',
      }),
    ).rejects.toMatchObject({ status: 400, field: 'end_transfer_window_at' });
    await expect(
      h.client.createTransfer(d.id, { tags: { n: 1 as unknown as string } }),
    ).rejects.toMatchObject({
      status: 400,
      field: 'tags.n',
    });
    await h.client.updateDestination(d.id, { is_enabled: false });
    await expect(h.client.createTransfer(d.id)).rejects.toMatchObject({ status: 409 });
    await h.client.updateDestination(d.id, { is_enabled: true });
  });
});

describe('Prequel Export connection tests', () => {
  const s3 = (bucketRegion: string, secret: string): DestinationCreate => ({
    vendor: 's3',
    name: 'Connection test',
    s3: {
      bucket_name: 'contract-exports',
      bucket_region: bucketRegion,
      aws_access_keys: { access_id: 'AKIAEXAMPLE', secret_key: secret },
    },
  });

  it('answers success inside a 200 for unsaved settings that connect, and failure with a run error for those that do not', async () => {
    await expect(h.client.testDestination(s3('eu-west-1', 'right-secret'))).resolves.toMatchObject({
      succeeded: true,
      error: null,
    });
    const refused = await h.client.testDestination(s3('eu-west-1', 'wrong-secret'));
    expect(refused).toMatchObject({
      succeeded: false,
      error: { error_code: 'AUTHENTICATION_FAILED', blame: 'third_party' },
    });
    expect(JSON.stringify(refused)).not.toContain('wrong-secret');
    const unreachable = await h.client.testDestination({
      vendor: 'mysql',
      name: 'Unreachable',
      mysql: {
        host: 'db.nowhere.invalid',
        port: 3306,
        connection_database: 'app',
        password_auth: { username: 'u', password: 'p' },
      },
    });
    expect(unreachable).toMatchObject({ succeeded: false, error: { error_code: 'HOST_UNREACHABLE' } });
    await expect(
      h.client.testDestination({ ...s3('eu-west-1', 'x'), gcs: { bucket_name: 'b' } }),
    ).rejects.toMatchObject({
      status: 400,
      field: 'destination.gcs',
    });
  });

  it('fails the seeded destinations with a broken connection, and passes once the host is fixed', async () => {
    const results = await Promise.all(
      seeded.map(async (d) => [d, await h.client.testDestinationConnection(d.id)] as const),
    );
    const broken = results.filter(([, r]) => !r.succeeded);
    expect(broken.length).toBeGreaterThanOrEqual(5);
    expect(new Set(broken.map(([, r]) => r.error?.error_code))).toEqual(
      new Set(['HOST_UNREACHABLE', 'AUTHENTICATION_FAILED']),
    );
    for (const [, r] of results) expect(r.succeeded).toBe(r.error === null);
    for (const [d] of broken) expect(d.last_completed_transfer?.status).toBe('ERROR');

    const byHost =
      broken.find(([d, r]) => r.error?.error_code === 'HOST_UNREACHABLE' && d.vendor === 'mysql') ??
      broken.find(([, r]) => r.error?.error_code === 'HOST_UNREACHABLE');
    if (!byHost) throw new Error('no seeded destination with an unreachable host');
    const [d] = byHost;
    await h.client.updateDestination(d.id, { [d.vendor]: { host: 'fixed.example.com' } });
    await expect(h.client.testDestinationConnection(d.id)).resolves.toMatchObject({ succeeded: true });
  });
});
