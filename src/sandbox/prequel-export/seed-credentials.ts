/** Shared pieces of the demo vendor settings: companies, regions and realistic credentials. */
import type { Random } from '../kit/index.js';
import type { JsonObject } from './settings.js';

/** A recipient company as the demo data names it. */
export interface Company {
  name: string;
  /** lowercase-with-dashes, used in host and bucket names */
  slug: string;
  domain: string;
}

/** Makes one vendor's settings block for a company, drawing from the seeded random. */
export type SettingsMaker = (r: Random, c: Company) => JsonObject;

export const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];

export const password = (r: Random): string => `pw-${r.hex(24)}`;
export const awsKeys = (r: Random): JsonObject => ({
  access_id: `AKIA${r.hex(16).toUpperCase()}`,
  secret_key: `${r.hex(20)}/${r.hex(19)}`,
});
export const passwordAuth = (r: Random, username: string): JsonObject => ({
  username,
  password: password(r),
});
export const saEmail = (account: string, project: string): string =>
  `${account}@${project}.iam.gserviceaccount.com`;
export const saKey = (r: Random, project: string, email: string): string =>
  JSON.stringify({
    type: 'service_account',
    project_id: project,
    private_key_id: r.hex(40),
    client_email: email,
  });
export const underscored = (c: Company): string => c.slug.replaceAll('-', '_');

export const mysqlLike = (r: Random, host: string, c: Company): JsonObject => ({
  host,
  port: 3306,
  connection_database: `${underscored(c)}_prod`,
  write_database: 'prequel_exports',
  auth_method: 'password_auth',
  password_auth: passwordAuth(r, 'prequel_writer'),
  use_ssh_tunnel: r.chance(0.2),
  disable_ssl: false,
});

export const postgresLike = (r: Random, host: string): JsonObject => ({
  host,
  port: 5432,
  database: r.pick(['analytics', 'warehouse', 'reporting']),
  schema: 'prequel_export',
  auth_method: 'password_auth',
  password_auth: passwordAuth(r, 'prequel_writer'),
  use_ssh_tunnel: r.chance(0.25),
  disable_ssl: false,
  connection_timeout_in_seconds: r.pick([10, 30, 60]),
});

export const stagingS3 = (r: Random, c: Company, region: string, purpose: string): JsonObject => ({
  bucket_name: `${c.slug}-${purpose}`,
  bucket_region: region,
  aws_access_keys: awsKeys(r),
});

export const s3IcebergBucket = (r: Random, c: Company, region: string): JsonObject => ({
  bucket_auth_method: 'aws_iam_role',
  aws_iam_role: {
    aws_iam_role_arn: `arn:aws:iam::${r.int(100000000000, 999999999999)}:role/prequel-iceberg-writer`,
  },
  bucket_name: `${c.slug}-lakehouse`,
  bucket_region: region,
  folder: 'iceberg/',
});
