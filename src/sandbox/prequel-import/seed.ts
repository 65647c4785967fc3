import type { Random } from '../kit/index.js';
import type { StoredSource } from './present.js';
import { type AnySettings, addressOf, VENDORS, type Vendor, withDefaults } from './rules.js';
import type { ImportStore } from './store.js';

/** The providers (the parties whose data is imported) the demo sources belong to. */
const PROVIDERS = [
  { name: 'Acme Analytics', slug: 'acme', domain: 'acme-analytics.com' },
  { name: 'Northwind Traders', slug: 'northwind', domain: 'northwind.io' },
  { name: 'Globex Health', slug: 'globex', domain: 'globexhealth.net' },
  { name: 'Initech Payroll', slug: 'initech', domain: 'initech.co' },
  { name: 'Umbrella Logistics', slug: 'umbrella', domain: 'umbrella-logistics.com' },
  { name: 'Stark Retail', slug: 'stark', domain: 'starkretail.com' },
] as const;
type Provider = (typeof PROVIDERS)[number] & { id: string };

const SYSTEMS = [
  'orders',
  'customers',
  'invoices',
  'payments',
  'events',
  'ledger',
  'catalog',
  'shipments',
  'tickets',
  'payroll',
  'claims',
  'inventory',
] as const;
const ENVS = ['prod', 'replica', 'analytics', 'staging'] as const;
const AWS_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'] as const;
const GCP_REGIONS = ['US', 'EU', 'us-central1', 'europe-west1'] as const;

const LABEL: Record<Vendor, string> = {
  postgres: 'PostgreSQL',
  redshift: 'Redshift',
  redshift_serverless: 'Redshift Serverless',
  bigquery: 'BigQuery',
  s3: 'S3',
  abs: 'Azure Blob',
  sftp: 'SFTP',
  gcs: 'GCS',
  s3_compatible: 'S3-compatible',
  snowflake: 'Snowflake',
};

const FROM = new Date('2024-01-01T00:00:00Z');
const TO = new Date('2026-10-31T23:59:59Z');

/** What a vendor's settings are made from. */
interface Context {
  random: Random;
  provider: Provider;
  system: string;
  env: string;
  /** False for the sources seeded without a credential (`is_valid: false`). */
  credential: boolean;
}

/**
 * Fills the store with `count` sources: vendors in turn (so all ten appear), six providers, every
 * seventh source unreachable and every eleventh without a credential.
 */
export function seedStore(store: ImportStore, random: Random, count: number): void {
  const providers: Provider[] = PROVIDERS.map((p) => ({ ...p, id: random.uuid() }));
  const names = new Set<string>();
  const records: Omit<StoredSource, 'is_reachable'>[] = [];
  for (let i = 0; i < count; i++) {
    const vendor = VENDORS[i % VENDORS.length] as Vendor;
    const ctx: Context = {
      random,
      provider: random.pick(providers),
      system: random.pick(SYSTEMS),
      env: random.pick(ENVS),
      credential: i % 11 !== 5,
    };
    const settings = withDefaults(vendor, SETTINGS[vendor](ctx));
    if (i % 7 === 3) store.markUnreachable(addressOf(settings));
    const created = random.date(FROM, TO);
    const updated = random.chance(0.3) ? created : random.date(created, TO);
    records.push({
      id: random.uuid(),
      provider_id: ctx.provider.id,
      name: uniqueName(names, ctx.provider, `${ctx.provider.name} ${ctx.system} (${LABEL[vendor]})`),
      vendor,
      created_at: created.toISOString(),
      updated_at: updated.toISOString(),
      settings,
    });
  }
  for (const record of records) store.insert(record);
}

function uniqueName(taken: Set<string>, provider: Provider, wanted: string): string {
  let name = wanted;
  for (let n = 2; taken.has(`${provider.id}|${name}`); n++) name = `${wanted} ${n}`;
  taken.add(`${provider.id}|${name}`);
  return name;
}

const SETTINGS: Record<Vendor, (ctx: Context) => AnySettings> = {
  postgres: ({ random, provider, system, env, credential }) => {
    const tunnel = random.chance(0.25);
    return {
      host: `${system}-${env}-${random.hex(4)}.db.${provider.domain}`,
      port: 5432,
      database: system,
      ...(random.chance(0.6) ? { schema: random.pick(['public', 'analytics', 'reporting']) } : {}),
      ...(credential
        ? {
            auth_method: 'password_auth',
            password_auth: { username: 'prequel_reader', password: random.hex(32) },
          }
        : {}),
      use_ssh_tunnel: tunnel,
      disable_ssl: false,
      connection_timeout_in_seconds: random.pick([10, 30, 60]),
      ...(tunnel ? { ssh_tunnel: bastion(provider) } : {}),
    };
  },
  redshift: ({ random, provider, system, credential }) => {
    const region = random.pick(AWS_REGIONS);
    const cluster = `${provider.slug}-${system}`;
    return {
      host: `${cluster}.c${random.hex(9)}.${region}.redshift.amazonaws.com`,
      port: 5439,
      database: random.pick(['dev', 'analytics', system]),
      schema: 'public',
      cluster,
      region,
      username: 'prequel_import',
      ...(credential ? awsCredential(random, 'warehouse') : {}),
    };
  },
  redshift_serverless: ({ random, provider, system, credential }) => {
    const region = random.pick(AWS_REGIONS);
    const workgroup = `${provider.slug}-${system}-wg`;
    return {
      host: `${workgroup}.${accountId(random)}.${region}.redshift-serverless.amazonaws.com`,
      port: 5439,
      database: 'dev',
      workgroup,
      region,
      ...(credential ? awsCredential(random, 'warehouse') : {}),
    };
  },
  bigquery: ({ random, provider, system, credential }) => {
    const project = `${provider.slug}-${system}-${random.hex(4)}`;
    const email = `prequel-import@${project}.iam.gserviceaccount.com`;
    const credentialBlock = random.chance(0.5)
      ? {
          auth_method: 'gcp_service_account_role',
          gcp_service_account_role: { service_account_email: email },
        }
      : {
          auth_method: 'gcp_service_account_key',
          gcp_service_account_key: { service_account_key: keyFile(random, project, email) },
        };
    return { project_id: project, region: random.pick(GCP_REGIONS), ...(credential ? credentialBlock : {}) };
  },
  s3: ({ random, provider, system, credential }) => ({
    bucket_name: `${provider.slug}-${system}-exports-${random.hex(4)}`,
    region: random.pick(AWS_REGIONS),
    ...(random.chance(0.2) ? { bucket_host: `s3-accesspoint.${provider.domain}` } : {}),
    use_ssh_tunnel: false,
    ...(credential ? awsCredential(random, 'bucket') : {}),
  }),
  abs: ({ random, provider, system, credential }) => ({
    bucket_name: `${system}-exports`,
    storage_account_name: `${provider.slug}${random.hex(6)}`,
    ...(credential
      ? {
          auth_method: 'azure_service_shared_access_signature',
          azure_service_shared_access_signature: {
            shared_access_signature_token: `sv=2024-05-04&ss=b&srt=co&sp=rl&se=2027-01-31T00:00:00Z&sig=${random.hex(43)}`,
          },
        }
      : {}),
  }),
  sftp: ({ random, provider, credential }) => ({
    host: `sftp-${random.hex(4)}.${provider.domain}`,
    port: random.pick([22, 22, 2222]),
    username: `${provider.slug}_prequel`,
    ...(credential
      ? {
          auth_method: 'public_key_auth',
          public_key_auth: { public_key: `ssh-ed25519 AAAAC3Nza${random.hex(40)}` },
        }
      : {}),
  }),
  gcs: ({ random, provider, system, credential }) => {
    const credentialBlock = random.chance(0.5)
      ? {
          auth_method: 'gcp_service_account_role',
          gcp_service_account_role: {
            service_account_email: `prequel-reader@${provider.slug}-data.iam.gserviceaccount.com`,
          },
        }
      : {
          auth_method: 'gcs_hmac_keys',
          gcs_hmac_keys: { access_id: `GOOG1E${random.hex(24).toUpperCase()}`, secret: random.hex(40) },
        };
    return {
      bucket_name: `${provider.slug}-${system}-landing-${random.hex(4)}`,
      region: random.pick(GCP_REGIONS),
      ...(credential ? credentialBlock : {}),
    };
  },
  s3_compatible: ({ random, provider, credential }) => {
    const r2 = random.chance(0.4);
    return {
      host: r2 ? `${random.hex(32)}.r2.cloudflarestorage.com` : `minio-${random.hex(4)}.${provider.domain}`,
      port: r2 ? 443 : 9000,
      bucket_name: `${provider.slug}-imports`,
      disable_ssl: false,
      use_ssh_tunnel: false,
      ...(credential ? awsCredential(random, 'bucket') : {}),
    };
  },
  snowflake: ({ random, provider, system, credential }) => ({
    host: `${provider.slug}-${random.hex(5)}.${random.pick(['us-east-1', 'eu-west-1'])}.snowflakecomputing.com`,
    port: 443,
    database: `${system.toUpperCase()}_DB`,
    schema: 'PUBLIC',
    username: 'PREQUEL_IMPORT',
    ...(credential
      ? {
          auth_method: 'public_key_auth',
          public_key_auth: {
            public_key: `-----BEGIN PUBLIC KEY-----\nMIIBIjANBg${random.hex(48)}\n-----END PUBLIC KEY-----`,
          },
        }
      : {}),
  }),
};

function bastion(provider: Provider) {
  return {
    ssh_tunnel_host: `bastion.${provider.domain}`,
    ssh_tunnel_port: 22,
    ssh_tunnel_username: 'prequel',
  };
}

function accountId(random: Random): string {
  return String(random.int(100_000_000_000, 999_999_999_999));
}

function awsCredential(random: Random, kind: 'warehouse' | 'bucket'): AnySettings {
  if (random.chance(0.5)) {
    return {
      auth_method: 'aws_iam_role',
      aws_iam_role: { aws_iam_role_arn: `arn:aws:iam::${accountId(random)}:role/prequel-import` },
    };
  }
  const keys = { access_id: `AKIA${random.hex(16).toUpperCase()}`, secret_key: random.hex(40) };
  return {
    auth_method: 'aws_access_keys',
    aws_access_keys: kind === 'warehouse' ? { ...keys, password: random.hex(24) } : keys,
  };
}

function keyFile(random: Random, project: string, email: string): string {
  return JSON.stringify({
    type: 'service_account',
    project_id: project,
    private_key_id: random.hex(40),
    private_key: `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg${random.hex(64)}\n-----END PRIVATE KEY-----\n`,
    client_email: email,
  });
}
