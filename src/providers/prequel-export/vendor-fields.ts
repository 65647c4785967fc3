import type { Vendor } from '../../gateway/vendor.js';
import { type FieldTable, field, type VendorSpec } from '../../gateway/vendor-config.js';

/**
 * Settings pieces several destination vendors share, each described once. Nested type names
 * start with `Destination` so they never meet the import side's differently shaped groups.
 */

const required = (yes: boolean) => ({ required: yes });

export const host = (isRequired: boolean) =>
  field.string('host', 'Host name or IP address to connect to.', required(isRequired));
export const port = (isRequired: boolean) =>
  field.port('port', 'TCP port to connect to.', required(isRequired));
export const useSshTunnel = field.boolean(
  'use_ssh_tunnel',
  'Connect through the SSH tunnel configured for the recipient.',
);
export const disableSsl = field.boolean(
  'disable_ssl',
  'Connect without TLS (only for networks that are private end to end).',
);
export const connectionTimeout = field.int(
  'connection_timeout_in_seconds',
  'Seconds to wait for the connection to open.',
);
export const disableManifest = field.boolean(
  'disable_manifest',
  "Whether the manifest file listing each transfer's files is left out.",
);
export const folder = field.string(
  'folder',
  'Path prefix (folder) under which files are written; empty for the root.',
);
export const bucketName = (isRequired: boolean, description = 'Bucket files are written to.') =>
  field.string('bucket_name', description, required(isRequired));
export const bucketRegion = (isRequired: boolean) =>
  field.string('bucket_region', 'Cloud region of the bucket, e.g. `us-east-1`.', required(isRequired));
export const databaseName = (upstream: string, description: string, isRequired: boolean) =>
  field.string(upstream, description, required(isRequired));
export const schemaName = (isRequired: boolean) =>
  field.string('schema', 'Schema tables are written to.', required(isRequired));
export const writeDatabase = (description = 'Database tables are written to.', isRequired = false) =>
  databaseName('write_database', description, isRequired);
export const retentionWindowDays = field.int(
  'retention_window_days',
  'Days old table versions are kept before they are cleaned up.',
);

/** Values the gateway knows of for a setting whose value set Prequel does not document; it judges any other. */
const known = (values: readonly string[]) =>
  `Known: ${values.map((v) => `\`${v}\``).join(', ')}; any other value goes to Prequel, which judges it.`;
export const authMethod = (values: readonly string[], description: string) =>
  field.string('auth_method', `${description} ${known(values)}`);
export const bucketAuthMethod = (values: readonly string[], description: string) =>
  field.string('bucket_auth_method', `${description} ${known(values)}`);
export const passwordAuthMethod = authMethod(
  ['password_auth'],
  'How the destination authenticates (`password_auth`: a user name and password).',
);

export const passwordAuth = (isRequired: boolean) =>
  field.group(
    'password_auth',
    'DestinationPasswordAuth',
    'The database user Prequel signs in as; the password is write-only.',
    {
      username: field.string('username', 'The database user.'),
      password: field.secret('password', "The user's password. Write-only: it is never returned."),
    },
    required(isRequired),
  );

const accessKeyTable = {
  accessId: field.string('access_id', 'The access key id (`AKIA...`).'),
  secretKey: field.secret('secret_key', 'The secret access key. Write-only: it is never returned.'),
};
export const awsAccessKeys = (upstream: string, isRequired: boolean) =>
  field.group(
    upstream,
    'DestinationAwsAccessKeys',
    'An AWS (or S3-compatible) access key pair; the secret is write-only.',
    accessKeyTable,
    required(isRequired),
  );

export const awsIamRole = field.group(
  'aws_iam_role',
  'DestinationAwsIamRole',
  'An IAM role Prequel assumes.',
  {
    awsIamRoleArn: field.string('aws_iam_role_arn', 'ARN of the role, `arn:aws:iam::<account>:role/<name>`.'),
  },
);

export const gcsHmacKeys = field.group(
  'gcs_hmac_keys',
  'DestinationGcsHmacKeys',
  'A Cloud Storage HMAC key pair; the secret is write-only.',
  {
    accessKey: field.string('access_key', 'The HMAC access key id.'),
    secret: field.secret('secret', 'The HMAC secret. Write-only: it is never returned.'),
  },
);

const serviceAccountEmail = field.string('service_account_email', "The service account's email address.");
export const gcpServiceAccountRole = field.group(
  'gcp_service_account_role',
  'DestinationGcpServiceAccountRole',
  'A Google service account the recipient granted access to; no key changes hands.',
  { serviceAccountEmail },
);
export const gcpServiceAccountKey = field.group(
  'gcp_service_account_key',
  'DestinationGcpServiceAccountKey',
  'A Google service account and one of its keys; the key is write-only.',
  {
    serviceAccountEmail,
    serviceAccountKey: field.secret(
      'service_account_key',
      "The service account's JSON key file. Write-only: it is never returned.",
    ),
  },
);

export const oauthClientSecretAuth = (isRequired: boolean) =>
  field.group(
    'oauth_client_secret_auth',
    'DestinationOauthClientSecretAuth',
    'OAuth client credentials (machine to machine); the secret is write-only.',
    {
      clientId: field.string('client_id', 'The OAuth client id.'),
      clientSecret: field.secret(
        'client_secret',
        'The OAuth client secret. Write-only: it is never returned.',
      ),
    },
    required(isRequired),
  );

export const s3Location = (isRequired: boolean) =>
  field.group(
    'bucket_s3',
    'DestinationS3Bucket',
    'An S3 bucket used for staging or query results.',
    { bucketName: bucketName(false, 'Name of the bucket.'), bucketRegion: bucketRegion(false) },
    required(isRequired),
  );

export const s3StagingBucket = field.group(
  'bucket_s3',
  'DestinationS3StagingBucket',
  'An S3 bucket files are staged in before loading, and the keys that reach it.',
  {
    bucketName: bucketName(false, 'Name of the bucket.'),
    bucketRegion: bucketRegion(false),
    awsAccessKeys: awsAccessKeys('aws_access_keys', false),
  },
);

export const gcsStagingBucket = field.group(
  'bucket_gcs',
  'DestinationGcsStagingBucket',
  'A Cloud Storage bucket files are staged in before loading, and the HMAC keys that reach it.',
  { bucketName: bucketName(false, 'Name of the bucket.'), gcsHmacKeys },
);

/** One vendor's entry: its key (also its settings block), GraphQL type, unified vendor and fields. */
export function destinationVendor(
  key: string,
  typeName: string,
  vendor: Vendor,
  description: string,
  fields: FieldTable,
): VendorSpec {
  return { key, typeName, vendor, description, fields };
}

/** The Azure storage account of Blob Storage and Delta Lake destinations. */
export const storageAccountName = (isRequired: boolean) =>
  field.string('storage_account_name', 'Azure storage account that holds the data.', {
    required: isRequired,
  });
