import { type FieldTable, field, type VendorSpec } from '../../gateway/vendor-config.js';
import {
  authMethod,
  awsAccessKeys,
  connectionTimeout,
  databaseName,
  destinationVendor,
  disableSsl,
  gcpServiceAccountKey,
  gcpServiceAccountRole,
  gcsStagingBucket,
  host,
  oauthClientSecretAuth,
  passwordAuth,
  passwordAuthMethod,
  port,
  s3Location,
  s3StagingBucket,
  schemaName,
  useSshTunnel,
  writeDatabase,
} from './vendor-fields.js';

/** Destination vendors that are warehouses and query engines, each described once. */

/** Provisioned and serverless Redshift differ only in what runs the queries. */
const redshiftFields = (unit: 'cluster' | 'workgroup'): FieldTable => ({
  host: host(true),
  port: port(true),
  database: databaseName('database', 'Database tables are written to.', true),
  schema: schemaName(true),
  ...(unit === 'cluster'
    ? { cluster: field.string('cluster', 'The cluster identifier.') }
    : { workgroup: field.string('workgroup', 'The serverless workgroup.') }),
  region: field.string('region', `AWS region of the ${unit}.`),
  authMethod: passwordAuthMethod,
  passwordAuth: passwordAuth(true),
  bucketS3: s3StagingBucket,
  useSshTunnel,
  disableSsl,
  connectionTimeoutInSeconds: connectionTimeout,
});

export const warehouseVendors: readonly VendorSpec[] = [
  destinationVendor(
    'athena',
    'AthenaDestinationConfig',
    'ATHENA',
    'Settings of an Amazon Athena destination.',
    {
      workgroup: field.string('workgroup', 'Athena workgroup queries run in.'),
      connectionDatabase: databaseName('connection_database', 'Database Prequel connects to.', true),
      writeDatabase: writeDatabase('Glue database tables are created in.', true),
      awsAccessKeys: awsAccessKeys('aws_access_keys', true),
      bucketS3: s3Location(true),
    },
  ),
  destinationVendor(
    'bigquery',
    'BigQueryDestinationConfig',
    'BIGQUERY',
    'Settings of a Google BigQuery destination.',
    {
      projectId: field.string('project_id', 'Google Cloud project that holds the dataset.', {
        required: true,
      }),
      dataset: field.string('dataset', 'Dataset tables are written to.', {
        required: true,
      }),
      region: field.string('region', "The dataset's location, e.g. `US` or `europe-west1`."),
      authMethod: authMethod(
        ['gcp_service_account_role', 'gcp_service_account_key'],
        'Whether Prequel uses a granted service account or a key the recipient sent.',
      ),
      gcpServiceAccountRole,
      gcpServiceAccountKey,
      bucketName: field.string('bucket_name', 'Cloud Storage bucket files are staged in before loading.'),
    },
  ),
  destinationVendor(
    'clickhouse',
    'ClickHouseDestinationConfig',
    'CLICKHOUSE',
    'Settings of a ClickHouse destination.',
    {
      host: host(true),
      port: port(true),
      cluster: field.string('cluster', 'Cluster name for distributed DDL; empty for a single server.'),
      connectionDatabase: databaseName('connection_database', 'Database Prequel connects to.', true),
      writeDatabase: writeDatabase(),
      authMethod: passwordAuthMethod,
      passwordAuth: passwordAuth(true),
      bucketS3: s3StagingBucket,
      bucketGcs: gcsStagingBucket,
      disableSsl,
    },
  ),
  destinationVendor(
    'databricks',
    'DatabricksDestinationConfig',
    'DATABRICKS',
    'Settings of a Databricks destination.',
    {
      host: host(true),
      port: port(false),
      schema: schemaName(true),
      catalog: field.string('catalog', 'Unity Catalog (or `hive_metastore`) the schema lives in.', {
        required: true,
      }),
      httpPath: field.string('http_path', 'HTTP path of the SQL warehouse, `/sql/1.0/warehouses/<id>`.', {
        required: true,
      }),
      oauthClientSecretAuth: oauthClientSecretAuth(true),
      hive: field.group(
        'hive',
        'DestinationDatabricksHiveStaging',
        'Staging storage for a workspace that uses the Hive metastore.',
        {
          bucketVendor: field.string(
            'bucket_vendor',
            'Which staging bucket follows. Known: `bucket_s3`; any other value goes to Prequel, which judges it.',
          ),
          bucketS3: s3StagingBucket,
        },
      ),
      useSshTunnel,
    },
  ),
  destinationVendor(
    'motherduck',
    'MotherDuckDestinationConfig',
    'MOTHERDUCK',
    'Settings of a MotherDuck destination.',
    {
      database: databaseName('database', 'Database tables are written to.', true),
      schema: schemaName(false),
      authMethod: authMethod(
        ['access_token_auth'],
        'How Prequel signs in, e.g. with a MotherDuck access token.',
      ),
    },
  ),
  destinationVendor(
    'redshift',
    'RedshiftDestinationConfig',
    'REDSHIFT',
    'Settings of an Amazon Redshift (provisioned cluster) destination, staged through S3.',
    redshiftFields('cluster'),
  ),
  destinationVendor(
    'redshift_serverless',
    'RedshiftServerlessDestinationConfig',
    'REDSHIFT_SERVERLESS',
    'Settings of an Amazon Redshift Serverless destination, staged through S3.',
    redshiftFields('workgroup'),
  ),
  destinationVendor(
    'snowflake',
    'SnowflakeDestinationConfig',
    'SNOWFLAKE',
    'Settings of a Snowflake destination. Prequel signs in with its own key pair, so there is no secret.',
    {
      username: field.string('username', 'Snowflake user Prequel signs in as.', {
        required: true,
      }),
      host: field.string('host', 'Account host, `<account>.snowflakecomputing.com`.', {
        required: true,
      }),
      port: port(false),
      database: databaseName('database', 'Database tables are written to.', true),
      schema: schemaName(true),
    },
  ),
];
