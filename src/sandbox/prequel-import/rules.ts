import type { components } from '../../providers/prequel-import/openapi.gen.js';

type Schemas = components['schemas'];
export type Vendor = Schemas['Vendor'];
export type SourcePatch = Schemas['SourcePatch'];
/** A vendor's settings as requests spell them, secrets included: what the store keeps. */
export type SettingsOf<V extends Vendor> = NonNullable<SourcePatch[V]>;
export type AnySettings = SettingsOf<Vendor>;

export const VENDORS: readonly Vendor[] = [
  'postgres',
  'redshift',
  'redshift_serverless',
  'bigquery',
  's3',
  'abs',
  'sftp',
  'gcs',
  's3_compatible',
  'snowflake',
];

/** The rule a request broke, with the dotted path of the field it is about. */
export class SourceError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** Nested objects and the fields they need once merged (create, or patch on top of what is stored). */
const NESTED_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  password_auth: ['username', 'password'],
  ssh_tunnel: ['ssh_tunnel_host', 'ssh_tunnel_username'],
  aws_access_keys: ['access_id', 'secret_key'],
  aws_iam_role: ['aws_iam_role_arn'],
  gcp_service_account_role: ['service_account_email'],
  federated_gcp_service_account_role: ['service_account_email'],
  gcp_service_account_key: ['service_account_key'],
  gcs_hmac_keys: ['access_id', 'secret'],
  public_key_auth: ['public_key'],
  azure_service_shared_access_signature: ['shared_access_signature_token'],
};

/** The nested objects that count as a usable credential, per vendor (for `is_valid` and tests). */
const CREDENTIALS: Readonly<Record<Vendor, readonly string[]>> = {
  postgres: ['password_auth'],
  redshift: ['aws_access_keys', 'aws_iam_role'],
  redshift_serverless: ['aws_access_keys', 'aws_iam_role'],
  bigquery: ['gcp_service_account_role', 'federated_gcp_service_account_role', 'gcp_service_account_key'],
  s3: ['aws_iam_role', 'aws_access_keys'],
  abs: ['azure_service_shared_access_signature'],
  sftp: ['public_key_auth'],
  gcs: [
    'gcp_service_account_role',
    'federated_gcp_service_account_role',
    'gcs_hmac_keys',
    'gcp_service_account_key',
  ],
  s3_compatible: ['aws_access_keys'],
  snowflake: ['public_key_auth'],
};

/** Defaults filled in on create, for the vendors whose answers always carry these fields. */
export function withDefaults(vendor: Vendor, settings: AnySettings): AnySettings {
  const out: Record<string, unknown> = { ...settings };
  const warehouse = vendor === 'postgres' || vendor === 'redshift' || vendor === 'redshift_serverless';
  if (warehouse || vendor === 's3' || vendor === 's3_compatible') out.use_ssh_tunnel ??= false;
  if (warehouse || vendor === 's3_compatible') out.disable_ssl ??= false;
  if (warehouse) out.connection_timeout_in_seconds ??= 30;
  if (isRecord(out.ssh_tunnel)) out.ssh_tunnel = { ssh_tunnel_port: 22, ...out.ssh_tunnel };
  return out as AnySettings;
}

/** Checks merged settings: nested objects complete, key files readable. Throws a 400 naming the field. */
export function checkSettings(vendor: Vendor, settings: AnySettings, where = 'source'): void {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(settings)) {
    const needed = NESTED_REQUIRED[key];
    if (!needed || !isRecord(value)) continue;
    for (const field of needed) {
      if (value[field] === undefined) problems.push(`${where}.${vendor}.${key}.${field}: is required`);
    }
    if (key === 'gcp_service_account_key' && typeof value.service_account_key === 'string') {
      if (serviceAccountEmail(value.service_account_key) === undefined) {
        problems.push(
          `${where}.${vendor}.${key}.service_account_key: must be a service account key file (JSON with client_email)`,
        );
      }
    }
  }
  if (problems.length > 0) throw new SourceError(400, problems.join('; '));
}

/** The `client_email` of a service account key file, or undefined when the text is not one. */
export function serviceAccountEmail(keyFile: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(keyFile);
    const email = isRecord(parsed) ? parsed.client_email : undefined;
    return typeof email === 'string' && email.includes('@') ? email : undefined;
  } catch {
    return undefined;
  }
}

export function hasCredential(vendor: Vendor, settings: AnySettings): boolean {
  const record = settings as Record<string, unknown>;
  return CREDENTIALS[vendor].some((key) => isRecord(record[key]));
}

/** Where a connection goes: the host, else the bucket endpoint or bucket, else the project. */
export function addressOf(settings: AnySettings): string {
  const record = settings as Record<string, unknown>;
  for (const key of ['host', 'bucket_host', 'bucket_name', 'project_id']) {
    const value = record[key];
    if (typeof value === 'string') return value;
  }
  return '';
}

/** Merges a patch into settings field by field; nested objects merge too, anything else replaces. */
export function mergeSettings<T extends object>(base: T, patch: object): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? mergeSettings(current, value) : value;
  }
  return out as T;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
