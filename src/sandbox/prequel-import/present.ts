import { createHash } from 'node:crypto';
import type { components } from '../../providers/prequel-import/openapi.gen.js';
import {
  type AnySettings,
  hasCredential,
  type SettingsOf,
  serviceAccountEmail,
  type Vendor,
} from './rules.js';

type Schemas = components['schemas'];
type ImportSource = Schemas['ImportSource'];

/** A source as the store keeps it: request-shaped settings, secrets included. */
export interface StoredSource {
  id: string;
  provider_id: string;
  name: string;
  vendor: Vendor;
  is_reachable: boolean;
  created_at: string;
  updated_at: string;
  settings: AnySettings;
}

/** The answer for a stored source: one vendor block, in the answer's spelling, without secrets. */
export function present(source: StoredSource): ImportSource {
  const base = {
    id: source.id,
    provider_id: source.provider_id,
    name: source.name,
    is_reachable: source.is_reachable,
    created_at: source.created_at,
    updated_at: source.updated_at,
  };
  const s = source.settings;
  const valid = hasCredential(source.vendor, s);
  switch (source.vendor) {
    case 'postgres':
      return { ...base, vendor: 'postgres', postgres: postgres(source.id, s, valid) };
    case 'redshift':
      return { ...base, vendor: 'redshift', redshift: redshift(source.id, s, valid) };
    case 'redshift_serverless':
      return {
        ...base,
        vendor: 'redshift_serverless',
        redshift_serverless: redshiftServerless(source.id, s, valid),
      };
    case 'bigquery':
      return { ...base, vendor: 'bigquery', bigquery: bigquery(s) };
    case 's3':
      return { ...base, vendor: 's3', s3: s3(source.id, s, valid) };
    case 'abs':
      return { ...base, vendor: 'abs', abs: abs(s, valid) };
    case 'sftp':
      return { ...base, vendor: 'sftp', sftp: sftp(s, valid) };
    case 'gcs':
      return { ...base, vendor: 'gcs', gcs: gcs(s, valid) };
    case 's3_compatible':
      return { ...base, vendor: 's3_compatible', s3_compatible: s3Compatible(source.id, s, valid) };
    case 'snowflake':
      return { ...base, vendor: 'snowflake', snowflake: snowflake(s, valid) };
  }
}

function postgres(id: string, any: AnySettings, valid: boolean): Schemas['PostgresConfig'] {
  const s = any as SettingsOf<'postgres'>;
  return compact({
    is_valid: valid,
    host: must(s.host),
    port: must(s.port),
    database: must(s.database),
    username: s.password_auth?.username,
    use_ssh_tunnel: s.use_ssh_tunnel ?? false,
    disable_ssl: s.disable_ssl ?? false,
    connection_timeout_in_seconds: s.connection_timeout_in_seconds ?? 30,
    schema: s.schema,
    ssh_tunnel: sshTunnel(id, s.ssh_tunnel),
  });
}

function redshift(id: string, any: AnySettings, valid: boolean): Schemas['RedshiftConfig'] {
  const s = any as SettingsOf<'redshift'>;
  return compact({
    is_valid: valid,
    host: must(s.host),
    port: must(s.port),
    database: must(s.database),
    use_ssh_tunnel: s.use_ssh_tunnel ?? false,
    disable_ssl: s.disable_ssl ?? false,
    connection_timeout_in_seconds: s.connection_timeout_in_seconds ?? 30,
    schema: s.schema,
    cluster: s.cluster,
    region: s.region,
    workgroup: s.workgroup,
    username: s.username,
    aws_iam_role: iamRole(s.aws_iam_role),
    aws_access_keys: s.aws_access_keys?.access_id ? { access_id: s.aws_access_keys.access_id } : undefined,
    ssh_tunnel: sshTunnel(id, s.ssh_tunnel),
  });
}

function redshiftServerless(
  id: string,
  any: AnySettings,
  valid: boolean,
): Schemas['RedshiftServerlessConfig'] {
  const s = any as SettingsOf<'redshift_serverless'>;
  return compact({
    is_valid: valid,
    host: must(s.host),
    port: must(s.port),
    database: must(s.database),
    workgroup: must(s.workgroup),
    use_ssh_tunnel: s.use_ssh_tunnel ?? false,
    disable_ssl: s.disable_ssl ?? false,
    connection_timeout_in_seconds: s.connection_timeout_in_seconds ?? 30,
    schema: s.schema,
    region: s.region,
    aws_iam_role: iamRole(s.aws_iam_role),
    aws_access_keys: s.aws_access_keys?.access_id ? { access_id: s.aws_access_keys.access_id } : undefined,
    ssh_tunnel: sshTunnel(id, s.ssh_tunnel),
  });
}

function bigquery(any: AnySettings): Schemas['BigQueryConfig'] {
  const s = any as SettingsOf<'bigquery'>;
  return compact({
    project_id: must(s.project_id),
    region: s.region,
    gcp_service_account_role: serviceAccount(s.gcp_service_account_role?.service_account_email),
    federated_gcp_service_account_role: serviceAccount(
      s.federated_gcp_service_account_role?.service_account_email,
    ),
    gcp_service_account_key: keyAccount(s.gcp_service_account_key?.service_account_key),
  });
}

function s3(id: string, any: AnySettings, valid: boolean): Schemas['S3Config'] {
  const s = any as SettingsOf<'s3'>;
  return compact({
    is_valid: valid,
    bucket_name: must(s.bucket_name),
    region: s.region,
    use_ssh_tunnel: s.use_ssh_tunnel ?? false,
    aws_iam_role: iamRole(s.aws_iam_role),
    aws_access_keys: bucketKeys(s.aws_access_keys?.access_id),
    bucket_host: s.bucket_host,
    ssh_tunnel: sshTunnel(id, s.ssh_tunnel),
  });
}

function abs(any: AnySettings, valid: boolean): Schemas['AbsConfig'] {
  const s = any as SettingsOf<'abs'>;
  return {
    is_valid: valid,
    bucket_name: must(s.bucket_name),
    storage_account_name: must(s.storage_account_name),
  };
}

function sftp(any: AnySettings, valid: boolean): Schemas['SftpConfig'] {
  const s = any as SettingsOf<'sftp'>;
  return { is_valid: valid, username: must(s.username), host: must(s.host), port: must(s.port) };
}

function gcs(any: AnySettings, valid: boolean): Schemas['GcsConfig'] {
  const s = any as SettingsOf<'gcs'>;
  return compact({
    is_valid: valid,
    bucket_name: must(s.bucket_name),
    region: s.region,
    gcp_service_account_role: serviceAccount(s.gcp_service_account_role?.service_account_email),
    federated_gcp_service_account_role: serviceAccount(
      s.federated_gcp_service_account_role?.service_account_email,
    ),
    gcs_hmac_keys: s.gcs_hmac_keys?.access_id ? { access_id: s.gcs_hmac_keys.access_id } : undefined,
    gcp_service_account_key: keyAccount(s.gcp_service_account_key?.service_account_key),
  });
}

function s3Compatible(id: string, any: AnySettings, valid: boolean): Schemas['S3CompatibleConfig'] {
  const s = any as SettingsOf<'s3_compatible'>;
  return compact({
    is_valid: valid,
    host: must(s.host),
    port: must(s.port),
    bucket_name: must(s.bucket_name),
    disable_ssl: s.disable_ssl ?? false,
    use_ssh_tunnel: s.use_ssh_tunnel ?? false,
    aws_access_keys: bucketKeys(s.aws_access_keys?.access_id),
    ssh_tunnel: sshTunnel(id, s.ssh_tunnel),
  });
}

function snowflake(any: AnySettings, valid: boolean): Schemas['SnowflakeConfig'] {
  const s = any as SettingsOf<'snowflake'>;
  return compact({
    is_valid: valid,
    host: must(s.host),
    port: must(s.port),
    database: must(s.database),
    username: must(s.username),
    auth_method: s.auth_method,
    schema: s.schema,
    public_key_auth: s.public_key_auth?.public_key ? { public_key: s.public_key_auth.public_key } : undefined,
  });
}

function sshTunnel(
  sourceId: string,
  tunnel: Schemas['SshTunnelSettings'] | undefined,
): Schemas['SshTunnel'] | undefined {
  if (!tunnel?.ssh_tunnel_host || !tunnel.ssh_tunnel_username) return undefined;
  // The key pair is Prequel's own, one per source: derive its public half from the id.
  const key = createHash('sha256').update(`ssh:${sourceId}`).digest('base64').replace(/=+$/, '');
  return {
    ssh_tunnel_host: tunnel.ssh_tunnel_host,
    ssh_tunnel_port: tunnel.ssh_tunnel_port ?? 22,
    ssh_tunnel_username: tunnel.ssh_tunnel_username,
    ssh_public_key: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${key} prequel-${sourceId.slice(0, 8)}`,
  };
}

function iamRole(role: Schemas['AwsIamRoleSettings'] | undefined): Schemas['AwsIamRole'] | undefined {
  return role?.aws_iam_role_arn ? { aws_iam_role: role.aws_iam_role_arn } : undefined;
}

function bucketKeys(accessId: string | undefined): Schemas['BucketAccessKeys'] | undefined {
  return accessId ? { access_key_id: accessId } : undefined;
}

function serviceAccount(email: string | undefined): Schemas['GcpServiceAccount'] | undefined {
  return email ? { service_account_email: email } : undefined;
}

function keyAccount(keyFile: string | undefined): Schemas['GcpServiceAccount'] | undefined {
  return serviceAccount(keyFile === undefined ? undefined : serviceAccountEmail(keyFile));
}

/** A field the create rules make sure is stored. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('a stored source lacks a field its vendor needs');
  return value;
}

/** Drops the keys whose value is undefined, so optional fields are absent rather than null. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
