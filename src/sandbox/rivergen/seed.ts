import type { Random } from '../kit/index.js';
import { ALL_TYPES, DATABASE_TYPES, type DataSourceType, DEFAULT_PORTS, FILE_TYPES } from './kinds.js';
import {
  COST_CENTRES,
  ENVIRONMENTS,
  REGIONS,
  SUBJECTS,
  type Subject,
  TAG_WORDS,
  TYPE_LABELS,
} from './seed-vocabulary.js';
import type { Credentials, DataSource, RiverGenStore } from './store.js';
import type { Organization } from './users.js';

type Draft = Omit<DataSource, 'id'>;

const FIRST = new Date('2024-01-01T00:00:00Z');
const LAST = new Date('2026-10-31T23:59:59Z');
/** Newest creation date, leaving room for later updates and tests before LAST. */
const LAST_CREATED = new Date('2026-06-30T23:59:59Z');

/** Types drawn beyond the first of each (commoner systems more often). */
const WEIGHTED_TYPES: readonly DataSourceType[] = [
  ...ALL_TYPES,
  'postgresql',
  'postgresql',
  'postgresql',
  'mysql',
  'mysql',
  'snowflake',
  'snowflake',
  's3',
  's3',
  'bigquery',
  'csv',
  'mssql',
  'redshift',
];

/**
 * Seeds each organisation with `count` data sources over every type, then gives them ids 1, 2, …
 * in creation order. Everything follows from `random`, so one seed gives one data set.
 */
export function seedStore(
  store: RiverGenStore,
  random: Random,
  plan: readonly { organization: Organization; count: number }[],
): void {
  const drafts: { fields: Draft; secrets: Credentials }[] = [];
  for (const { organization, count } of plan) {
    const names = new Set<string>();
    for (let i = 0; i < count; i++) {
      // The first of each type guarantees every organisation has every type.
      const type = i < ALL_TYPES.length ? (ALL_TYPES[i] as DataSourceType) : random.pick(WEIGHTED_TYPES);
      drafts.push(draft(random, organization, type, names));
    }
  }
  drafts.sort((a, b) => (a.fields.created_at < b.fields.created_at ? -1 : 1));
  for (const { fields, secrets } of drafts) store.insert(fields, secrets);
}

function draft(
  random: Random,
  org: Organization,
  type: DataSourceType,
  names: Set<string>,
): { fields: Draft; secrets: Credentials } {
  const subject = random.pick(SUBJECTS[org.id] ?? SUBJECTS[1] ?? []);
  const env = random.pick(ENVIRONMENTS);
  const name = uniqueName(`${subject.title} ${TYPE_LABELS[type]} (${env.label})`, names);
  const hasHost = DEFAULT_PORTS[type] !== undefined;
  const status = pickStatus(random, hasHost);
  const connection = connectionOf(random, org, type, subject, env.short, status === 'failed');
  const tunnel = DATABASE_TYPES.has(type) && random.chance(0.15);

  const createdAt = random.date(FIRST, LAST_CREATED);
  const updatedAt = random.chance(0.3) ? createdAt : random.date(createdAt, LAST);
  const tested = status === 'failed' || (status !== 'testing' && random.chance(0.85));
  const testedAt = tested ? random.date(createdAt, LAST) : undefined;
  const creator = random.pick(org.memberIds);
  const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

  const fields: Draft = {
    organization_id: org.id,
    workspace_id: random.chance(0.85) ? random.pick(org.workspaces).id : null,
    name,
    type,
    description: random.chance(0.7)
      ? `${subject.title} data for the ${subject.team} team, ${env.label} copy.`
      : null,
    ...connection,
    use_ssh_tunnel: tunnel,
    ssh_host: tunnel ? `bastion-${random.int(1, 3)}.${org.domain}` : null,
    ssh_port: tunnel ? 22 : null,
    ssh_username: tunnel ? 'tunnel' : null,
    ssh_local_port: tunnel ? random.int(50_000, 59_999) : null,
    connection_pool_size: random.pick([5, 5, 5, 10, 20]),
    connection_timeout: random.pick([30, 30, 15, 60]),
    query_timeout: random.pick([300, 300, 120, 600, 1800]),
    max_retries: random.pick([3, 3, 3, 5, 1, 0]),
    status,
    last_tested_at: iso(testedAt),
    last_successful_connection_at: status === 'failed' ? null : iso(testedAt),
    last_failed_connection_at: status === 'failed' ? iso(testedAt) : null,
    failure_count: status === 'failed' ? random.int(1, 12) : 0,
    failure_reason: status === 'failed' ? `could not resolve host "${connection.host}"` : null,
    schema_discovered_at: status !== 'failed' && testedAt && random.chance(0.7) ? iso(testedAt) : null,
    schema_auto_refresh: random.chance(0.4),
    schema_refresh_interval: random.pick([3600, 21_600, 86_400, 86_400, 604_800]),
    metadata: random.chance(0.75)
      ? {
          owner: `${subject.slug.replaceAll('_', '-')}-owners@${org.domain}`,
          cost_center: random.pick(COST_CENTRES),
        }
      : {},
    tags: [env.short, ...random.some(TAG_WORDS, 0, 3)],
    created_by_user_id: creator,
    created_at: createdAt.toISOString(),
    updated_at: updatedAt.toISOString(),
    updated_by_user_id: updatedAt === createdAt ? null : random.pick(org.memberIds),
  };
  return { fields, secrets: secretsOf(random, type, subject, tunnel) };
}

function uniqueName(base: string, names: Set<string>): string {
  let name = base;
  for (let n = 2; names.has(name); n++) name = `${base} ${n}`;
  names.add(name);
  return name;
}

function pickStatus(random: Random, hasHost: boolean): DataSource['status'] {
  const roll = random.next();
  if (roll < 0.1) return hasHost ? 'failed' : 'active';
  if (roll < 0.2) return 'inactive';
  if (roll < 0.25) return 'testing';
  if (roll < 0.3) return 'maintenance';
  return 'active';
}

type Connection = Pick<
  Draft,
  'host' | 'port' | 'database_name' | 'schema_name' | 'connection_string' | 'file_path'
>;

/** Where a data source of this type points; a failed one's host no longer resolves (`.invalid`). */
function connectionOf(
  random: Random,
  org: Organization,
  type: DataSourceType,
  subject: Subject,
  env: string,
  failed: boolean,
): Connection {
  const slug = subject.slug.replaceAll('_', '-');
  const company = org.domain.split('.')[0] ?? 'acme';
  const region = random.pick(REGIONS);
  const none: Connection = {
    host: null,
    port: null,
    database_name: null,
    schema_name: null,
    connection_string: null,
    file_path: null,
  };
  if (FILE_TYPES.has(type) || type === 'bigquery') {
    const bucket = `${company}-${env}-${random.pick(['lake', 'exports', 'landing', 'raw'])}`;
    const paths: Partial<Record<DataSourceType, string>> = {
      csv: `s3://${bucket}/${slug}/daily/${slug}.csv`,
      parquet: `s3://${bucket}/${slug}/parquet/`,
      json: `gs://${bucket}/${slug}/events-*.json`,
      s3: `s3://${bucket}/${slug}/`,
      gcs: `gs://${bucket}/${slug}/`,
      azure_blob: `https://${company.replaceAll('-', '')}${env}.blob.core.windows.net/${slug}/`,
    };
    if (type === 'bigquery') {
      return {
        ...none,
        database_name: `${company}-${env}-${random.int(1000, 9999)}`,
        schema_name: subject.slug,
      };
    }
    return { ...none, file_path: paths[type] ?? null };
  }
  const port = DEFAULT_PORTS[type] ?? null;
  const hosts: Partial<Record<DataSourceType, string>> = {
    postgresql: `${slug}-${env}.c${random.hex(10)}.${region}.rds.amazonaws.com`,
    redshift: `${slug}-${env}.c${random.hex(10)}.${region}.redshift.amazonaws.com`,
    snowflake: `${company}-${random.hex(6)}.snowflakecomputing.com`,
    databricks: `dbc-${random.hex(8)}-${random.hex(4)}.cloud.databricks.com`,
    mongodb: `${slug}-${env}.${random.hex(5)}.mongodb.net`,
    kafka: `kafka-${env}-${random.int(1, 3)}.${org.domain}`,
  };
  const healthyHost = hosts[type] ?? `${type}-${slug}-${env}.db.${org.domain}`;
  const host = failed ? `${slug}-${env}.decommissioned.invalid` : healthyHost;
  const database: Partial<Record<DataSourceType, string | null>> = {
    snowflake: company.toUpperCase().replaceAll('-', '_'),
    databricks: 'main',
    kafka: null,
    oracle: `${subject.slug.toUpperCase()}PDB`,
  };
  const databaseName = type in database ? (database[type] ?? null) : subject.slug;
  const schemas: Partial<Record<DataSourceType, string>> = {
    postgresql: random.pick(['public', subject.slug]),
    redshift: 'public',
    mssql: 'dbo',
    snowflake: random.pick(['PUBLIC', 'RAW', 'MARTS']),
    oracle: subject.slug.toUpperCase(),
    databricks: subject.slug,
  };
  const scheme: Partial<Record<DataSourceType, string>> = {
    postgresql: 'postgresql',
    mysql: 'mysql',
    mariadb: 'mariadb',
    mongodb: 'mongodb',
    clickhouse: 'clickhouse',
  };
  const urlScheme = scheme[type];
  return {
    host,
    port,
    database_name: databaseName,
    schema_name: schemas[type] ?? null,
    connection_string:
      urlScheme && random.chance(0.25)
        ? `${urlScheme}://${host}:${port}/${databaseName}${type === 'postgresql' ? '?sslmode=require' : ''}`
        : null,
    file_path: null,
  };
}

/** Credentials a data source of this type would hold; they stay in the store, never in an answer. */
function secretsOf(random: Random, type: DataSourceType, subject: Subject, tunnel: boolean): Credentials {
  const secrets: Credentials = {};
  if (FILE_TYPES.has(type) || type === 'kafka') secrets.api_key = `rgk_${random.hex(32)}`;
  else if (type === 'bigquery') secrets.oauth_token = `ya29.${random.hex(48)}`;
  else {
    secrets.username = `svc_${subject.slug}`;
    secrets.password = `pw-${random.hex(20)}`;
  }
  if (type === 'snowflake') {
    secrets.warehouse = random.pick(['ANALYTICS_WH', 'REPORTING_WH', 'ETL_WH']);
    secrets.role = random.pick(['REPORTER', 'TRANSFORMER', 'LOADER']);
  }
  if (tunnel) {
    secrets.ssh_private_key = `-----BEGIN OPENSSH PRIVATE KEY-----\n${random.hex(64)}\n-----END OPENSSH PRIVATE KEY-----`;
    secrets.ssh_passphrase = `pp-${random.hex(12)}`;
  }
  return secrets;
}
