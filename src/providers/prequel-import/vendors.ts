import { type FieldTable, field, type VendorSpec } from '../../gateway/vendor-config.js';

/** The import vendors, each described once: output type, inputs and request body all follow. */

const isValid = field.boolean(
  'is_valid',
  'Whether Prequel could validate these settings the last time it checked.',
  {
    readOnly: true,
  },
);
// Prequel documents no length, range or pattern for these settings: it judges them itself, and its
// refusal comes back on the field it names.
const secret = { required: true };

const host = () => field.string('host', 'Host name or address of the server.', { required: true });
const port = () => field.port('port', 'TCP port of the server.', { required: true });
const database = field.string('database', 'Database to read from.', { required: true });
const schema = field.string('schema', 'Database schema to read from.');
const useSshTunnel = field.boolean('use_ssh_tunnel', 'Connect through an SSH tunnel.');
const disableSsl = field.boolean('disable_ssl', 'Connect without TLS.');
const timeout = field.int('connection_timeout_in_seconds', 'Seconds to wait when opening a connection.');
const authMethod = field.string('auth_method', 'How Prequel authenticates, e.g. `password_auth`.', {
  writeOnly: true,
});
const region = field.string('region', 'Cloud region of the resource, e.g. `us-east-1`.');
const bucketName = (description: string) => field.string('bucket_name', description, { required: true });

const sshTunnel = field.group(
  'ssh_tunnel',
  'SshTunnel',
  'The SSH tunnel Prequel connects through, when `useSshTunnel` is on.',
  {
    host: field.string('ssh_tunnel_host', 'SSH bastion host.', { required: true }),
    port: field.port('ssh_tunnel_port', 'SSH bastion port.'),
    username: field.string('ssh_tunnel_username', 'User Prequel logs in as on the bastion.', {
      required: true,
    }),
    // Prequel makes the key pair itself and shows the public half.
    publicKey: field.string('ssh_public_key', 'Public key to authorise on the bastion for that user.', {
      readOnly: true,
    }),
  },
);

const passwordAuth = field.group(
  'password_auth',
  'PasswordAuth',
  'User name and password.',
  {
    username: field.string('username', 'User name.', { required: true }),
    password: field.secret('password', 'Password. Write-only: it is never returned.', secret),
  },
  { writeOnly: true },
);

const username = field.string('username', 'User Prequel connects as.', { readOnly: true });

const awsIamRole = field.group('aws_iam_role', 'AwsIamRole', 'An AWS IAM role Prequel assumes.', {
  roleArn: field.string('aws_iam_role', 'ARN of the role, e.g. `arn:aws:iam::123456789012:role/reader`.', {
    inputKey: 'aws_iam_role_arn',
    required: true,
  }),
});

const warehouseAccessKeys = field.group('aws_access_keys', 'AwsAccessKeys', 'An AWS access key pair.', {
  accessId: field.string('access_id', 'AWS access key id.', { required: true }),
  secretKey: field.secret('secret_key', 'AWS secret access key. Write-only.', secret),
  password: field.secret('password', 'Database password used with the key pair. Write-only.'),
});

const bucketAccessKeys = field.group(
  'aws_access_keys',
  'S3AccessKeys',
  'An access key pair for the bucket.',
  {
    accessKeyId: field.string('access_key_id', 'Access key id.', {
      inputKey: 'access_id',
      required: true,
    }),
    secretKey: field.secret('secret_key', 'Secret access key. Write-only.', secret),
  },
);

const serviceAccountEmail = (options: { readOnly?: boolean } = {}) =>
  field.string('service_account_email', 'Email of the Google service account.', {
    required: true,
    ...options,
  });
const serviceAccount = (upstream: string, typeName: string, description: string) =>
  field.group(upstream, typeName, description, { serviceAccountEmail: serviceAccountEmail() });
const gcpRole = serviceAccount(
  'gcp_service_account_role',
  'GcpServiceAccountRole',
  'A Google service account that Prequel impersonates.',
);
const federatedGcpRole = serviceAccount(
  'federated_gcp_service_account_role',
  'FederatedGcpServiceAccountRole',
  'A Google service account reached through workload identity federation.',
);
// The key file goes in; Prequel shows only the email it reads from the file's `client_email`.
const gcpKey = field.group(
  'gcp_service_account_key',
  'GcpServiceAccountKey',
  'A Google service account key.',
  {
    serviceAccountEmail: serviceAccountEmail({ readOnly: true }),
    serviceAccountKey: field.secret(
      'service_account_key',
      'The service account key file (JSON with `client_email`). Write-only.',
      secret,
    ),
  },
);

const publicKeyAuth = field.group('public_key_auth', 'PublicKeyAuth', 'Key-pair authentication.', {
  publicKey: field.string('public_key', 'The public key registered for the user.', {
    required: true,
  }),
});

function vendor(
  key: string,
  typeName: string,
  vendorName: VendorSpec['vendor'],
  description: string,
  fields: FieldTable,
): VendorSpec {
  return { key, typeName, vendor: vendorName, description, fields };
}

export const importVendors: readonly VendorSpec[] = [
  vendor('postgres', 'PostgresImportConfig', 'POSTGRES', 'Settings of a PostgreSQL import source.', {
    isValid,
    host: host(),
    port: port(),
    database,
    schema,
    username,
    authMethod,
    passwordAuth,
    useSshTunnel,
    disableSsl,
    connectionTimeoutInSeconds: timeout,
    sshTunnel,
  }),
  vendor(
    'redshift',
    'RedshiftImportConfig',
    'REDSHIFT',
    'Settings of an Amazon Redshift (provisioned) import source.',
    {
      isValid,
      host: host(),
      port: port(),
      database,
      schema,
      cluster: field.string('cluster', 'Redshift cluster identifier.'),
      region,
      workgroup: field.string('workgroup', 'Redshift workgroup.'),
      username: field.string('username', 'Database user Prequel connects as.'),
      authMethod,
      awsIamRole,
      awsAccessKeys: warehouseAccessKeys,
      useSshTunnel,
      disableSsl,
      connectionTimeoutInSeconds: timeout,
      sshTunnel,
    },
  ),
  vendor(
    'redshift_serverless',
    'RedshiftServerlessImportConfig',
    'REDSHIFT_SERVERLESS',
    'Settings of an Amazon Redshift Serverless import source.',
    {
      isValid,
      host: host(),
      port: port(),
      database,
      schema,
      workgroup: field.string('workgroup', 'Redshift Serverless workgroup.', { required: true }),
      region,
      authMethod,
      awsIamRole,
      awsAccessKeys: warehouseAccessKeys,
      useSshTunnel,
      disableSsl,
      connectionTimeoutInSeconds: timeout,
      sshTunnel,
    },
  ),
  vendor('bigquery', 'BigQueryImportConfig', 'BIGQUERY', 'Settings of a Google BigQuery import source.', {
    projectId: field.string('project_id', 'Google Cloud project that holds the data.', {
      required: true,
    }),
    region,
    authMethod,
    gcpServiceAccountRole: gcpRole,
    federatedGcpServiceAccountRole: federatedGcpRole,
    gcpServiceAccountKey: gcpKey,
  }),
  vendor('s3', 'S3ImportConfig', 'S3', 'Settings of an Amazon S3 import source.', {
    isValid,
    bucketName: bucketName('Bucket to read from.'),
    region,
    bucketHost: field.string('bucket_host', 'Custom endpoint of the bucket, if any.'),
    authMethod,
    awsIamRole,
    awsAccessKeys: bucketAccessKeys,
    useSshTunnel,
    sshTunnel,
  }),
  vendor(
    'abs',
    'AzureBlobImportConfig',
    'AZURE_BLOB_STORAGE',
    'Settings of an Azure Blob Storage import source.',
    {
      isValid,
      bucketName: bucketName('Container to read from.'),
      storageAccountName: field.string(
        'storage_account_name',
        'Azure storage account that holds the container.',
        {
          required: true,
        },
      ),
      authMethod,
      sharedAccessSignature: field.group(
        'azure_service_shared_access_signature',
        'AzureSharedAccessSignature',
        'A shared access signature for the container.',
        { token: field.secret('shared_access_signature_token', 'The SAS token. Write-only.', secret) },
      ),
    },
  ),
  vendor('sftp', 'SftpImportConfig', 'SFTP', 'Settings of an SFTP import source.', {
    isValid,
    host: host(),
    port: port(),
    username: field.string('username', 'User Prequel logs in as.', { required: true }),
    authMethod,
    publicKeyAuth: { ...publicKeyAuth, output: false },
  }),
  vendor('gcs', 'GcsImportConfig', 'GCS', 'Settings of a Google Cloud Storage import source.', {
    isValid,
    bucketName: bucketName('Bucket to read from.'),
    region,
    authMethod,
    gcpServiceAccountRole: gcpRole,
    federatedGcpServiceAccountRole: federatedGcpRole,
    hmacKeys: field.group('gcs_hmac_keys', 'GcsHmacKeys', 'An HMAC key for the bucket.', {
      accessId: field.string('access_id', 'HMAC access id.', { required: true }),
      secret: field.secret('secret', 'HMAC secret. Write-only.', secret),
    }),
    gcpServiceAccountKey: gcpKey,
  }),
  vendor(
    's3_compatible',
    'S3CompatibleImportConfig',
    'S3_COMPATIBLE',
    'Settings of an S3-compatible object store.',
    {
      isValid,
      host: host(),
      port: port(),
      bucketName: bucketName('Bucket to read from.'),
      authMethod,
      awsAccessKeys: bucketAccessKeys,
      disableSsl,
      useSshTunnel,
      sshTunnel,
    },
  ),
  vendor('snowflake', 'SnowflakeImportConfig', 'SNOWFLAKE', 'Settings of a Snowflake import source.', {
    isValid,
    host: host(),
    port: port(),
    database,
    schema,
    username: field.string('username', 'Snowflake user Prequel connects as.', {
      required: true,
    }),
    authMethod: field.string('auth_method', 'How Prequel authenticates, e.g. `public_key_auth`.'),
    publicKeyAuth,
  }),
];
