import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UpstreamError } from '../../src/gateway/upstream/index.js';
import type { ImportSourceCreate, ImportSourceOf } from '../../src/providers/prequel-import/client.js';
import { fullSource, VENDORS } from './prequel-import-fixtures.js';
import { failure, type ImportHarness, startImport } from './prequel-import-harness.js';

/** A request body the typed client would refuse to build, sent as is to see the API's answer. */
function raw<T>(value: unknown): T {
  return value as T;
}

describe('prequel-import: creating and changing sources', () => {
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

  async function createPostgres(name: string): Promise<ImportSourceOf<'postgres'>> {
    const created = await h.client.createSource(fullSource('postgres', name).body);
    if (created.vendor !== 'postgres' || !created.postgres) throw new Error('expected a postgres source');
    return { ...created, postgres: created.postgres };
  }

  it('creates a source of every vendor, stores its secrets and never returns them', async () => {
    h.takeBodies();
    for (const vendor of VENDORS) {
      const { body, secrets } = fullSource(vendor, `Contract ${vendor}`);
      const created = await h.client.createSource(body);
      expect(h.sim.stats.last('createSource')?.body).toEqual({ source: body });
      expect(created).toMatchObject({
        vendor,
        name: body.name,
        provider_id: body.provider_id,
        is_reachable: true,
      });
      expect(created.created_at).toBe(created.updated_at);
      expect(Object.keys(created).filter((k) => (VENDORS as readonly string[]).includes(k))).toEqual([
        vendor,
      ]);
      const block = (created as Record<string, unknown>)[vendor] as Record<string, unknown>;
      if (vendor !== 'bigquery') expect(block.is_valid).toBe(true);
      expect(await h.client.getSource(created.id)).toEqual(created);
      await h.client.testSavedSource(created.id);
      const stored = JSON.stringify(h.sim.store.raw(created.id)?.settings);
      for (const secret of secrets) expect(stored).toContain(secret);
    }
    const answers = h.takeBodies().join('\n');
    for (const vendor of VENDORS) {
      for (const secret of fullSource(vendor, `Contract ${vendor}`).secrets)
        expect(answers).not.toContain(secret);
    }
    expect(answers).not.toMatch(
      /"(password|secret_key|secret|shared_access_signature_token|service_account_key)"/,
    );
  });

  it('answers with the non-secret parts of credentials in the answer spelling', async () => {
    const pg = await createPostgres('Shapes postgres');
    expect(pg.postgres).toMatchObject({
      username: 'reader',
      use_ssh_tunnel: true,
      disable_ssl: false,
      connection_timeout_in_seconds: 30,
      ssh_tunnel: {
        ssh_tunnel_host: 'bastion.example.com',
        ssh_tunnel_port: 22,
        ssh_tunnel_username: 'prequel',
      },
    });
    expect(pg.postgres.ssh_tunnel?.ssh_public_key).toMatch(/^ssh-ed25519 /);
    const s3 = await h.client.createSource(fullSource('s3', 'Shapes s3').body);
    expect(s3.vendor === 's3' && s3.s3?.aws_access_keys).toEqual({ access_key_id: 'AKIAEXAMPLE0003' });
    const gcs = await h.client.createSource(fullSource('gcs', 'Shapes gcs').body);
    expect(gcs.vendor === 'gcs' && gcs.gcs).toMatchObject({
      gcs_hmac_keys: { access_id: 'GOOG1EEXAMPLE' },
      gcp_service_account_key: { service_account_email: 'loader@contract-tests.iam.gserviceaccount.com' },
    });
  });

  it('refuses a port sent as a string, naming the field', async () => {
    const { body } = fullSource('postgres', 'Bad port');
    const error = await failure(
      h.client.createSource(
        raw<ImportSourceCreate>({ ...body, postgres: { ...body.postgres, port: '5432' } }),
      ),
    );
    expect(error).toMatchObject({ status: 400, field: 'source.postgres.port' });
    expect((error as UpstreamError).upstreamMessage).toContain('source.postgres.port: must be integer');
  });

  it('refuses an unknown field, naming it', async () => {
    const { body } = fullSource('sftp', 'Unknown field');
    const error = await failure(
      h.client.createSource(raw<ImportSourceCreate>({ ...body, sftp: { ...body.sftp, passive_mode: true } })),
    );
    expect(error).toMatchObject({ status: 400, field: 'source.sftp.passive_mode' });
    expect((error as UpstreamError).upstreamMessage).toContain('is not a known field');
  });

  it('needs the block its vendor names and refuses blocks of other vendors', async () => {
    const missing = await failure(
      h.client.createSource(raw<ImportSourceCreate>({ vendor: 'gcs', provider_id: 'p', name: 'No block' })),
    );
    expect(missing).toMatchObject({ status: 400, field: 'source.gcs' });
    const { body } = fullSource('abs', 'Two blocks');
    const extra = await failure(
      h.client.createSource(raw<ImportSourceCreate>({ ...body, s3: { bucket_name: 'b' } })),
    );
    expect(extra).toMatchObject({ status: 400, field: 'source.s3' });
    expect(h.sim.store.all().some((s) => s.name === 'Two blocks')).toBe(false);
  });

  it('needs a nested credential to be complete, and a readable service account key', async () => {
    const { body } = fullSource('postgres', 'Half a login');
    const half = await failure(
      h.client.createSource({
        ...body,
        vendor: 'postgres',
        postgres: { ...body.postgres, password_auth: { username: 'u' } },
      }),
    );
    expect(half).toMatchObject({ status: 400, field: 'source.postgres.password_auth.password' });
    const key = 'not-json-but-secret-123';
    const unreadable = await failure(
      h.client.createSource({
        vendor: 'bigquery',
        provider_id: 'p',
        name: 'Bad key',
        bigquery: { project_id: 'p-1', gcp_service_account_key: { service_account_key: key } },
      }),
    );
    expect(unreadable).toMatchObject({
      status: 400,
      field: 'source.bigquery.gcp_service_account_key.service_account_key',
    });
    expect((unreadable as UpstreamError).upstreamMessage).not.toContain(key);
  });

  it('refuses a name the provider already uses with 409, and allows it for another provider', async () => {
    await h.client.createSource(fullSource('sftp', 'Shared name', 'provider-a').body);
    const error = await failure(h.client.createSource(fullSource('sftp', 'Shared name', 'provider-a').body));
    expect(error).toMatchObject({ status: 409 });
    await expect(
      h.client.createSource(fullSource('sftp', 'Shared name', 'provider-b').body),
    ).resolves.toMatchObject({
      provider_id: 'provider-b',
    });
  });

  it('changes only the name when only the name is sent, and moves updated_at', async () => {
    const before = await createPostgres('Rename me');
    const storedBefore = h.sim.store.raw(before.id)?.settings;
    const after = await h.client.updateSource(before.id, { name: 'Renamed' });
    expect(h.sim.stats.last('updateSource')?.body).toEqual({ source: { name: 'Renamed' } });
    expect(after).toMatchObject({ name: 'Renamed', created_at: before.created_at, vendor: 'postgres' });
    expect(after.vendor === 'postgres' && after.postgres).toEqual(before.postgres);
    expect(after.updated_at >= before.updated_at).toBe(true);
    expect(h.sim.store.raw(before.id)?.settings).toEqual(storedBefore);
  });

  it('changes one vendor field and keeps the others', async () => {
    const before = await createPostgres('Move port');
    const after = await h.client.updateSource(before.id, { postgres: { port: 6432 } });
    expect(after.vendor === 'postgres' && after.postgres).toEqual({ ...before.postgres, port: 6432 });
    expect(after.name).toBe(before.name);
  });

  it('merges nested objects: a new password keeps the user name', async () => {
    const before = await createPostgres('Rotate password');
    const rotated = 'rotated-password-777';
    h.takeBodies();
    const after = await h.client.updateSource(before.id, {
      postgres: { password_auth: { password: rotated } },
    });
    expect(after.vendor === 'postgres' && after.postgres?.username).toBe('reader');
    const stored = h.sim.store.raw(before.id)?.settings as { password_auth?: object } | undefined;
    expect(stored?.password_auth).toEqual({ username: 'reader', password: rotated });
    expect(h.takeBodies().join('')).not.toContain(rotated);
  });

  it('works out is_reachable again when the address changes', async () => {
    const before = await createPostgres('Moves away');
    const after = await h.client.updateSource(before.id, { postgres: { host: 'gone.example.invalid' } });
    expect(after.is_reachable).toBe(false);
  });

  it('refuses a block of another vendor, null, an unknown field and a taken name', async () => {
    const source = await createPostgres('Patch errors');
    await createPostgres('Already taken');
    const cases: [unknown, number, string | undefined][] = [
      [{ redshift: { port: 5439 } }, 400, 'source.redshift'],
      [{ postgres: { schema: null } }, 400, 'source.postgres.schema'],
      [{ name: null }, 400, 'source.name'],
      [{ provider_id: 'other' }, 400, 'source.provider_id'],
      [{ name: 'Already taken' }, 409, undefined],
    ];
    for (const [patch, status, field] of cases) {
      const error = await failure(h.client.updateSource(source.id, raw(patch)));
      expect(error).toMatchObject({ status, field });
    }
    expect(await h.client.getSource(source.id)).toEqual(source);
    await expect(h.client.updateSource('no-such-id', { name: 'x' })).rejects.toMatchObject({ status: 404 });
  });

  it('tests unsaved settings without storing them', async () => {
    const size = h.sim.store.size;
    const { body } = fullSource('snowflake', 'Try first');
    expect(await h.client.testSource(body)).toMatchObject({ code: 'success' });
    const invalidHost = { ...body, snowflake: { ...body.snowflake, host: 'nowhere.invalid' } };
    expect(await h.client.testSource(invalidHost)).toMatchObject({ code: 'connection_failed' });
    const noKey = {
      ...body,
      snowflake: { ...body.snowflake, public_key_auth: undefined, auth_method: undefined },
    };
    expect(await h.client.testSource(noKey)).toMatchObject({ code: 'authentication_failed' });
    await expect(
      h.client.testSource(
        raw<ImportSourceCreate>({ ...body, snowflake: { ...body.snowflake, port: 70000 } }),
      ),
    ).rejects.toMatchObject({ status: 400, field: 'source.snowflake.port' });
    expect(h.sim.store.size).toBe(size);
  });

  it('tests saved sources: unreachable and credential-less seeds fail, a previewed fix is not saved', async () => {
    const seeded = h.sim.store.all();
    const down = seeded.find((s) => !s.is_reachable && s.vendor === 'postgres');
    const up = seeded.find((s) => s.is_reachable && s.vendor === 'postgres');
    const locked = seeded.find(
      (s) => s.is_reachable && s.vendor === 'sftp' && !('public_key_auth' in s.settings),
    );
    if (!down || !up || !locked)
      throw new Error('the seed has reachable, unreachable and credential-less sources');
    expect(await h.client.testSavedSource(up.id)).toMatchObject({ code: 'success' });
    expect(await h.client.testSavedSource(locked.id)).toMatchObject({ code: 'authentication_failed' });
    expect(await h.client.testSavedSource(down.id)).toMatchObject({ code: 'connection_failed' });
    const before = await h.client.getSource(down.id);
    const preview = { postgres: { host: 'fixed.example.com' } };
    expect(await h.client.testSavedSource(down.id, preview)).toMatchObject({ code: 'success' });
    expect(h.sim.stats.last('testSavedSource')?.body).toEqual({ source: preview });
    expect(await h.client.getSource(down.id)).toEqual(before);
    await expect(h.client.testSavedSource(up.id, { redshift: { port: 1 } })).rejects.toMatchObject({
      status: 400,
      field: 'source.redshift',
    });
    await expect(h.client.testSavedSource('no-such-id')).rejects.toMatchObject({ status: 404 });
  });
});
