import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/gateway/upstream/index.js';
import {
  createPrequelExportHttp,
  type DestinationCreate,
  PrequelExportClient,
} from '../../src/providers/prequel-export/client.js';
import { PREQUEL_EXPORT_DEMO_API_KEY, SEEDED_DESTINATIONS } from '../../src/sandbox/prequel-export/index.js';
import { SECRET_FIELDS } from '../../src/sandbox/prequel-export/run-errors.js';
import { failure, type Harness, listAll, startHarness } from './prequel-export.harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  expect(h.takeIssues()).toEqual([]);
});

const postgres = (name: string, extra: Partial<DestinationCreate> = {}): DestinationCreate => ({
  vendor: 'postgres',
  name,
  id_in_provider_system: 'org_contract_tests',
  frequency_minutes: 60,
  products: ['billing'],
  enabled_models: ['invoices', 'payments'],
  postgres: {
    host: 'pg.contract.example.com',
    port: 5432,
    database: 'analytics',
    schema: 'exports',
    auth_method: 'password_auth',
    password_auth: { username: 'exporter', password: 'pg-secret-1234' },
    disable_ssl: false,
  },
  ...extra,
});

/** Every value stored under a secret field name, at any depth. */
function secretsIn(value: unknown, out: string[] = []): string[] {
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (SECRET_FIELDS.has(key) && typeof child === 'string') out.push(child);
      else secretsIn(child, out);
    }
  }
  return out;
}

describe('Prequel Export destinations', () => {
  it('answers 401 with its own error body when the API key is missing or wrong', async () => {
    for (const key of [undefined, 'not-the-key']) {
      const error = await failure(h.clientWithKey(key).listDestinations());
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ status: 401, provider: 'prequel-export', operation: 'listDestinations' });
      expect((error as UpstreamError).upstreamMessage).toMatch(/API key/);
    }
  });

  it('sends X-Prequel-Api-Version 2023-12-01 on every call; an unknown version is a 400', async () => {
    const seen: (string | string[] | undefined)[] = [];
    const probe = createServer((req, res) => {
      seen.push(req.headers['x-prequel-api-version']);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ status: 'success', data: { destinations: [] }, message: '', has_next: false }),
      );
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const http = createPrequelExportHttp({
      baseUrl: `http://127.0.0.1:${(probe.address() as AddressInfo).port}`,
    });
    await new PrequelExportClient(http, () => ({ 'X-API-KEY': 'k' })).listDestinations();
    await http.close();
    await new Promise((resolve) => probe.close(resolve));
    expect(seen).toEqual(['2023-12-01']);

    const error = await failure(
      h.http.request({
        method: 'GET',
        path: '/destinations',
        operation: 'listDestinations',
        headers: { 'X-API-KEY': PREQUEL_EXPORT_DEMO_API_KEY, 'X-Prequel-Api-Version': '2019-01-01' },
      }),
    );
    expect(error).toMatchObject({ status: 400, field: 'X-Prequel-Api-Version' });
  });

  it(`pages through all ${SEEDED_DESTINATIONS} destinations with the cursor of next_url, with no duplicate and no gap`, async () => {
    // A simulator of its own, holding the seeded destinations only: other tests here create more.
    const seeded = await startHarness();
    try {
      const { destinations, pages } = await listAll(seeded.client, { page_size: 7 });
      const ids = destinations.map((d) => d.id);
      expect(pages).toBe(Math.ceil(SEEDED_DESTINATIONS / 7));
      expect(new Set(ids).size).toBe(SEEDED_DESTINATIONS);
      expect(new Set(ids)).toEqual(new Set(seeded.sim.store.all().map((d) => d.id)));
      const created = destinations.map((d) => d.created_at);
      expect(created).toEqual([...created].sort().reverse());

      const ascending = await listAll(seeded.client, { page_size: 100, order: 'asc' });
      expect(ascending.pages).toBe(1);
      expect(ascending.destinations.map((d) => d.id)).toEqual([...ids].reverse());
      expect(seeded.takeIssues()).toEqual([]);
    } finally {
      await seeded.close();
    }
  });

  it('lists 10 destinations, newest first, when no paging parameter is given', async () => {
    const page = await h.client.listDestinations();
    expect(page.destinations).toHaveLength(10);
    expect(page.hasNext).toBe(true);
    expect(page.nextCursor).toEqual(expect.any(String));
    const created = page.destinations.map((d) => d.created_at);
    expect(created).toEqual([...created].sort().reverse());
    expect(h.sim.stats.last('listDestinations')?.query).toBe('');
  });

  it('refuses page_size 0 and 101 and a cursor it did not issue, naming the parameter', async () => {
    await expect(h.client.listDestinations({ page_size: 0 })).rejects.toMatchObject({
      status: 400,
      field: 'page_size',
    });
    await expect(h.client.listDestinations({ page_size: 101 })).rejects.toMatchObject({
      status: 400,
      field: 'page_size',
    });
    await expect(h.client.listDestinations({ cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({
      status: 400,
      field: 'cursor',
    });
  });

  it('never returns a secret: not one stored secret of the 80 seeded destinations appears in any answer', async () => {
    const stored = h.sim.store.all().flatMap((d) => secretsIn(d.settings));
    expect(stored.length).toBeGreaterThan(60);
    const { destinations } = await listAll(h.client, { page_size: 100 });
    const one = await h.client.getDestination(destinations[0]?.id ?? '');
    const text = JSON.stringify([destinations, one]);
    for (const secret of stored) expect(text).not.toContain(secret);
    for (const d of destinations) expect(secretsIn(d)).toEqual([]);
  });

  it('creates a destination for a recipient named by id_in_provider_system, keeping its password to itself', async () => {
    const created = await h.client.createDestination(postgres('Contract Postgres'));
    expect(h.sim.stats.last('createDestination')?.body).toEqual({
      destination: postgres('Contract Postgres'),
    });
    expect(created).toMatchObject({
      vendor: 'postgres',
      name: 'Contract Postgres',
      id_in_provider_system: 'org_contract_tests',
      frequency_minutes: 60,
      enabled_models: ['invoices', 'payments'],
      is_enabled: true,
      last_completed_transfer: null,
      last_successful_transfer_ended_at: null,
      postgres: { host: 'pg.contract.example.com', password_auth: { username: 'exporter' } },
    });
    expect(JSON.stringify(created)).not.toContain('pg-secret-1234');
    expect(h.sim.store.get(created.id)?.settings).toMatchObject({
      password_auth: { password: 'pg-secret-1234' },
    });
    expect(await h.client.getDestination(created.id)).toEqual(created);

    const sameRecipient = await h.client.createDestination({
      ...postgres('Contract Postgres by recipient id'),
      id_in_provider_system: undefined,
      recipient_id: created.recipient_id,
    });
    expect(sameRecipient.id_in_provider_system).toBe('org_contract_tests');
  });

  it('refuses frequency_minutes 30, an unknown field and both recipient ids with a 400 naming the field', async () => {
    const cases: [DestinationCreate, string][] = [
      [postgres('Bad frequency', { frequency_minutes: 30 as 15 }), 'destination.frequency_minutes'],
      [{ ...postgres('Unknown field'), colour: 'blue' } as DestinationCreate, 'destination.colour'],
      [postgres('Both recipients', { recipient_id: 'r-1' }), 'destination.id_in_provider_system'],
      [postgres('No recipient', { id_in_provider_system: undefined }), 'destination.recipient_id'],
      [
        postgres('Missing host', { postgres: { port: 5432 } as DestinationCreate['postgres'] }),
        'destination.postgres.host',
      ],
      [
        postgres('Wrong block', {
          mysql: { host: 'm', port: 3306, connection_database: 'd', password_auth: { username: 'u' } },
        }),
        'destination.mysql',
      ],
      [{ ...postgres('No block'), postgres: undefined }, 'destination.postgres'],
      [postgres('Unknown model', { enabled_models: ['invoices', 'nope'] }), 'destination.enabled_models[1]'],
    ];
    for (const [body, field] of cases) {
      const error = await failure(h.client.createDestination(body));
      expect(error, field).toMatchObject({ status: 400, field });
    }
    expect(h.sim.store.all().some((d) => d.name === 'Unknown field')).toBe(false);
  });

  it('answers 409 to a name already in use, on create and on rename', async () => {
    const [first, second] = h.sim.store.all();
    await expect(h.client.createDestination(postgres(first?.name ?? ''))).rejects.toMatchObject({
      status: 409,
    });
    await expect(h.client.updateDestination(second?.id ?? '', { name: first?.name })).rejects.toMatchObject({
      status: 409,
    });
  });

  it('PATCH leaves absent fields untouched, replaces enabled_models and merges vendor fields one by one', async () => {
    const before = await h.client.createDestination(postgres('Patch target'));
    const patch = {
      enabled_models: ['refunds'],
      postgres: { password_auth: { password: 'rotated-secret-99' }, port: 6432 },
      machine_type_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
    };
    const after = await h.client.updateDestination(before.id, patch);
    expect(h.sim.stats.last('updateDestination')?.body).toEqual({ destination: patch });
    expect(after.enabled_models).toEqual(['refunds']);
    expect(after.postgres).toEqual({ ...before.postgres, port: 6432 });
    const { enabled_models: _a, postgres: _b, updated_at: _c, ...untouched } = before;
    expect(after).toMatchObject(untouched);
    expect(after.updated_at >= before.updated_at).toBe(true);
    expect(JSON.stringify(after)).not.toContain('rotated-secret-99');
    expect(h.sim.store.get(before.id)?.settings).toMatchObject({
      password_auth: { username: 'exporter', password: 'rotated-secret-99' },
      host: 'pg.contract.example.com',
    });
  });

  it('refuses on PATCH a block of another vendor, an explicit null and an unknown id', async () => {
    const target = await h.client.createDestination(postgres('Patch refusals'));
    await expect(h.client.updateDestination(target.id, { mysql: { port: 3306 } })).rejects.toMatchObject({
      status: 400,
      field: 'destination.mysql',
    });
    await expect(
      h.client.updateDestination(target.id, { name: null } as unknown as { name: string }),
    ).rejects.toMatchObject({ status: 400, field: 'destination.name' });
    await expect(
      h.client.updateDestination(target.id, { frequency_minutes: 30 as 15 }),
    ).rejects.toMatchObject({
      status: 400,
      field: 'destination.frequency_minutes',
    });
    await expect(h.client.updateDestination('no-such-id', { name: 'x' })).rejects.toMatchObject({
      status: 404,
    });
    expect(await h.client.getDestination(target.id)).toEqual(target);
  });

  it('answers 404 for an unknown id on every destination endpoint', async () => {
    const calls = [
      h.client.getDestination('missing'),
      h.client.deleteDestination('missing'),
      h.client.testDestinationConnection('missing'),
      h.client.createTransfer('missing'),
      h.client.listTransfers('missing'),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ status: 404 });
  });

  it('deletes a destination, after which its id is a 404', async () => {
    const doomed = await h.client.createDestination(postgres('Short-lived'));
    await h.client.deleteDestination(doomed.id);
    await expect(h.client.getDestination(doomed.id)).rejects.toMatchObject({ status: 404 });
    await expect(h.client.deleteDestination(doomed.id)).rejects.toMatchObject({ status: 404 });
  });

  it('reads 429 with its Retry-After and 500 from the upstream error body', async () => {
    h.sim.setFaults({ rateLimit: { retryAfterSeconds: 7 }, operations: ['getDestination'] });
    await expect(h.client.getDestination('any')).rejects.toMatchObject({ status: 429, retryAfterSeconds: 7 });
    h.sim.setFaults({ failNext: 1, operations: ['listDestinations'] });
    await expect(h.client.listDestinations()).rejects.toMatchObject({
      status: 500,
      upstreamMessage: 'Injected failure',
    });
    h.sim.setFaults(undefined);
  });
});
