import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UpstreamError } from '../../src/gateway/upstream/index.js';
import type { RiverGenDataSourceCreate } from '../../src/providers/rivergen/client.js';
import { riverGenDatabaseTypes } from '../../src/sandbox/rivergen/index.js';
import { failure, type RiverGenHarness, startRiverGen } from './rivergen-harness.js';

const orders: RiverGenDataSourceCreate = {
  name: 'Contract Orders PostgreSQL',
  type: 'postgresql',
  workspace_id: 1,
  description: 'Orders for the contract tests',
  host: 'orders-contract.db.northwind-analytics.com',
  port: 5432,
  database_name: 'orders',
  schema_name: 'public',
  use_ssh_tunnel: true,
  ssh_host: 'bastion-1.northwind-analytics.com',
  ssh_port: 22,
  ssh_username: 'tunnel',
  ssh_local_port: 55432,
  metadata: { owner: 'orders-owners@northwind-analytics.com' },
  tags: ['contract', 'prod'],
  credentials: {
    username: 'svc_orders',
    password: 'contract-pg-password-1',
    ssh_private_key: 'contract-ssh-private-key',
    ssh_passphrase: 'contract-ssh-passphrase',
  },
};
const SECRETS = ['contract-pg-password-1', 'contract-ssh-private-key', 'contract-ssh-passphrase'];

describe('rivergen contract: creating, changing and deleting data sources', () => {
  let h: RiverGenHarness;
  /** The answer to creating `orders`, which becomes data source 301 that most tests below change. */
  let createAnswer: string;
  beforeAll(async () => {
    h = await startRiverGen();
    await h.client.createDataSource(orders);
    createAnswer = h.bodies.at(-1) ?? '';
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.takeIssues()).toEqual([]);
  });

  it('creates a data source with id 301 in the caller organisation, defaults filled in, credentials kept back', async () => {
    // A simulator of its own: the other tests change data source 301 and create others.
    const own = await startRiverGen();
    try {
      const created = await own.client.createDataSource(orders);
      const { credentials: _credentials, ...fields } = orders;
      expect(created).toMatchObject({
        ...fields,
        id: 301,
        organization_id: 1,
        connection_string: null,
        file_path: null,
        connection_pool_size: 5,
        connection_timeout: 30,
        query_timeout: 300,
        max_retries: 3,
        status: 'active',
        last_tested_at: null,
        failure_count: 0,
        failure_reason: null,
        schema_auto_refresh: false,
        schema_refresh_interval: 86_400,
        created_by_user_id: 1,
        updated_by_user_id: null,
      });
      expect(created.updated_at).toBe(created.created_at);
      expect(Math.abs(Date.parse(String(created.created_at)) - Date.now())).toBeLessThan(60_000);
      expect(await own.client.getDataSource(301)).toEqual(created);
      expect(own.sim.stats.last('createDataSource')?.body).toEqual(orders);
      expect(own.sim.store.secretsOf(301)).toMatchObject(orders.credentials ?? {});
      expect(own.takeIssues()).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('never returns a credential in any answer', async () => {
    // Only answers to this test's calls and the creation: others answer refusals that name fields.
    const from = h.bodies.length;
    await h.client.getDataSource(301);
    await h.client.listDataSources({ search: 'Contract Orders' });
    await h.client.listDataSources({ page_size: 100 });
    await h.client.updateDataSourceCredentials(301, { password: 'contract-pg-password-2' });
    await h.client.testDataSourceConnection(301);
    const all = [createAnswer, ...h.bodies.slice(from)].join('\n');
    expect(all).toContain('"Contract Orders PostgreSQL"');
    for (const secret of [...SECRETS, 'contract-pg-password-2']) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/"(password|api_key|oauth_token|ssh_private_key|ssh_passphrase|credentials)"/);
    // Neither do the seeded secrets of the data sources listed.
    let checked = 0;
    for (const source of h.sim.store.dataSources().slice(0, 50)) {
      const secrets = h.sim.store.secretsOf(source.id);
      for (const value of [secrets?.password, secrets?.api_key, secrets?.oauth_token]) {
        if (!value) continue;
        expect(all).not.toContain(value);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('requires name and type, and host, port and database_name for every database type', async () => {
    expect(
      await failure(h.client.createDataSource({ type: 'csv' } as RiverGenDataSourceCreate)),
    ).toMatchObject({
      status: 400,
      upstreamCode: 'BAD_REQUEST',
      field: 'name',
    });
    for (const type of riverGenDatabaseTypes) {
      const error = await failure(h.client.createDataSource({ name: `Bare ${type}`, type, port: 1 }));
      expect(error).toMatchObject({ status: 400, field: 'host' });
      expect((error as UpstreamError).upstreamMessage).toMatch(/database_name: is required/);
    }
    const file = await h.client.createDataSource({ name: 'Bare CSV', type: 'csv' });
    expect(file).toMatchObject({ host: null, port: null, database_name: null, tags: [], metadata: {} });
  });

  it('accepts a name of 255 characters and refuses 0 or 256, naming `name`', async () => {
    const long = await h.client.createDataSource({ name: 'n'.repeat(255), type: 'json' });
    expect(long.name).toHaveLength(255);
    for (const name of ['', 'n'.repeat(256)]) {
      expect(await failure(h.client.createDataSource({ name, type: 'json' }))).toMatchObject({
        status: 400,
        upstreamCode: 'BAD_REQUEST',
        field: 'name',
      });
      expect(await failure(h.client.updateDataSource(long.id, { name }))).toMatchObject({
        status: 400,
        field: 'name',
      });
    }
  });

  it('refuses an unknown field, an unknown type and a workspace of another organisation, naming each', async () => {
    const cases: [RiverGenDataSourceCreate, string][] = [
      [{ name: 'X', type: 'csv', owner: 'me' } as RiverGenDataSourceCreate, 'owner'],
      [{ name: 'X', type: 'sqlite' as 'csv' }, 'type'],
      [{ name: 'X', type: 'csv', credentials: { token: 't' } as never }, 'credentials.token'],
      [{ name: 'X', type: 'csv', workspace_id: 4 }, 'workspace_id'],
      [{ name: 'X', type: 'csv', tags: ['ok', ''] }, 'tags[1]'],
    ];
    for (const [input, field] of cases) {
      expect(await failure(h.client.createDataSource(input))).toMatchObject({ status: 400, field });
    }
  });

  it('answers 409 CONFLICT for a name already used in the organisation, but not for one used in another', async () => {
    const error = await failure(h.client.createDataSource({ ...orders, credentials: undefined }));
    expect(error).toMatchObject({ status: 409, upstreamCode: 'CONFLICT', field: 'name' });
    const other = await h.otherOrg.createDataSource({ ...orders, workspace_id: 4 });
    expect(other).toMatchObject({ organization_id: 2, name: orders.name, created_by_user_id: 3 });
    const seededName = h.sim.store.dataSources(1)[0]?.name ?? '';
    expect(await failure(h.client.updateDataSource(301, { name: seededName }))).toMatchObject({
      status: 409,
    });
  });

  it('changes only the fields sent, replaces tags and metadata whole, and stamps the editor', async () => {
    const before = await h.client.getDataSource(301);
    const after = await h.colleague.updateDataSource(301, {
      port: 5433,
      connection_pool_size: 10,
      tags: ['replaced'],
      metadata: { tier: 'gold' },
    });
    expect(h.sim.stats.last('updateDataSource')?.body).toEqual({
      port: 5433,
      connection_pool_size: 10,
      tags: ['replaced'],
      metadata: { tier: 'gold' },
    });
    const { updated_at, updated_by_user_id, ...rest } = after;
    const { updated_at: _u, updated_by_user_id: _b, ...restBefore } = before;
    expect(rest).toEqual({
      ...restBefore,
      port: 5433,
      connection_pool_size: 10,
      tags: ['replaced'],
      metadata: { tier: 'gold' },
    });
    expect(updated_by_user_id).toBe(2);
    expect(String(updated_at) >= String(before.updated_at)).toBe(true);
    expect(await h.client.getDataSource(301)).toEqual(after);
    // An empty patch changes nothing, not even updated_at.
    expect(await h.client.updateDataSource(301, {})).toEqual(after);
  });

  it('clears nullable fields with an explicit null and refuses null for name and tags', async () => {
    const cleared = await h.client.updateDataSource(301, {
      description: null,
      schema_name: null,
      ssh_local_port: null,
    });
    expect(cleared).toMatchObject({ description: null, schema_name: null, ssh_local_port: null });
    expect(cleared.host).toBe(orders.host);
    for (const field of ['name', 'tags', 'connection_timeout', 'use_ssh_tunnel']) {
      expect(await failure(h.client.updateDataSource(301, { [field]: null }))).toMatchObject({
        status: 400,
        field,
      });
    }
  });

  it('accepts a file_path of 1,000 characters and refuses 1,001, and refuses fields PATCH cannot change', async () => {
    const path = `s3://contract/${'p'.repeat(1000 - 's3://contract/'.length)}`;
    expect((await h.client.updateDataSource(301, { file_path: path })).file_path).toBe(path);
    expect(await failure(h.client.updateDataSource(301, { file_path: `${path}x` }))).toMatchObject({
      status: 400,
      field: 'file_path',
    });
    for (const field of ['type', 'workspace_id', 'credentials', 'organization_id']) {
      expect(await failure(h.client.updateDataSource(301, { [field]: 1 } as never))).toMatchObject({
        status: 400,
        field,
      });
    }
    expect(await failure(h.client.updateDataSource(999, { port: 1 }))).toMatchObject({ status: 404 });
  });

  it('stores new credentials, rotates them, and refuses an empty credentials body', async () => {
    const before = h.sim.store.secretsOf(301);
    const stored = await h.client.updateDataSourceCredentials(301, {
      password: 'contract-pg-password-3',
      api_key: 'contract-api-key',
      ssh_passphrase: null,
    });
    expect(stored.data_source_id).toBe(301);
    expect(Math.abs(Date.parse(stored.credentials_updated_at) - Date.now())).toBeLessThan(60_000);
    const after = h.sim.store.secretsOf(301);
    expect(after).toMatchObject({
      username: 'svc_orders',
      password: 'contract-pg-password-3',
      api_key: 'contract-api-key',
    });
    expect(after).not.toHaveProperty('ssh_passphrase');
    const rotated = await h.client.updateDataSourceCredentials(301, { rotate_credentials: true });
    expect(h.sim.store.secretsOf(301)?.keyVersion).toBe((before?.keyVersion ?? 0) + 1);
    expect(rotated.credentials_updated_at >= stored.credentials_updated_at).toBe(true);
    expect(await failure(h.client.updateDataSourceCredentials(301, {}))).toMatchObject({ status: 400 });
    expect(
      await failure(h.client.updateDataSourceCredentials(301, { warehouse: 'X' } as never)),
    ).toMatchObject({
      status: 400,
      field: 'warehouse',
    });
    expect(await failure(h.client.updateDataSourceCredentials(999, { password: 'x' }))).toMatchObject({
      status: 404,
    });
  });

  it('soft-deletes: the data source is then 404 everywhere and gone from lists, its name free again', async () => {
    const victim = await h.client.createDataSource({
      name: 'Soft Victim',
      type: 's3',
      file_path: 's3://b/p/',
    });
    const deleted = await h.client.deleteDataSource(victim.id);
    expect(deleted.data_source_id).toBe(victim.id);
    expect(h.sim.stats.last('deleteDataSource')?.query).toBe('');
    expect(h.sim.store.exists(victim.id)).toBe(true);
    const calls = [
      h.client.getDataSource(victim.id),
      h.client.updateDataSource(victim.id, { description: 'x' }),
      h.client.updateDataSourceCredentials(victim.id, { api_key: 'k' }),
      h.client.testDataSourceConnection(victim.id),
      h.client.deleteDataSource(victim.id),
      h.client.deleteDataSource(victim.id, { force: true }),
    ];
    for (const call of calls)
      expect(await failure(call)).toMatchObject({ status: 404, upstreamCode: 'NOT_FOUND' });
    const listed = await h.client.listDataSources({ search: 'Soft Victim' });
    expect(listed.items).toEqual([]);
    const again = await h.client.createDataSource({ name: 'Soft Victim', type: 's3' });
    expect(again.id).toBeGreaterThan(victim.id);
  });

  it('force-deletes for good', async () => {
    const victim = await h.client.createDataSource({ name: 'Hard Victim', type: 'kafka' });
    const deleted = await h.client.deleteDataSource(victim.id, { force: true });
    expect(deleted).toEqual({ data_source_id: victim.id, deleted_at: deleted.deleted_at });
    expect(h.sim.stats.last('deleteDataSource')?.query).toBe('?force=true');
    expect(h.sim.store.exists(victim.id)).toBe(false);
    expect(await failure(h.client.getDataSource(victim.id))).toMatchObject({ status: 404 });
  });
});
