import { field, type VendorSpec } from '../../gateway/vendor-config.js';
import {
  awsAccessKeys,
  awsIamRole,
  bucketAuthMethod,
  bucketName,
  bucketRegion,
  databaseName,
  destinationVendor,
  disableSsl,
  folder,
  gcpServiceAccountKey,
  gcpServiceAccountRole,
  oauthClientSecretAuth,
  retentionWindowDays,
  schemaName,
  storageAccountName,
} from './vendor-fields.js';

/** Destination vendors that keep open table formats (Delta Lake, Iceberg) in object storage. */

const icebergS3Bucket = field.group(
  'bucket_s3',
  'DestinationIcebergS3Bucket',
  'The S3 bucket an Iceberg catalog keeps its data files in, reached through an IAM role.',
  {
    bucketAuthMethod: bucketAuthMethod(['aws_iam_role'], 'How the bucket is reached, e.g. with an IAM role.'),
    awsIamRole,
    bucketName: bucketName(false, 'Name of the bucket.'),
    bucketRegion: bucketRegion(false),
    folder,
  },
);
const icebergGcsBucket = field.group(
  'bucket_gcs',
  'DestinationIcebergGcsBucket',
  'The Cloud Storage bucket an Iceberg catalog keeps its data files in.',
  {
    bucketAuthMethod: bucketAuthMethod(
      ['gcp_service_account_role'],
      'How the bucket is reached, e.g. with a granted service account.',
    ),
    gcpServiceAccountRole,
    bucketName: bucketName(false, 'Name of the bucket.'),
    folder,
  },
);
const icebergS3Storage = field.group(
  'storage_options',
  'DestinationIcebergS3Storage',
  'Where an AWS-hosted Iceberg catalog keeps its data files.',
  { bucketS3: icebergS3Bucket },
);
const icebergAnyStorage = field.group(
  'storage_options',
  'DestinationIcebergStorage',
  'Where a REST Iceberg catalog keeps its data files (one of the buckets).',
  { bucketGcs: icebergGcsBucket, bucketS3: icebergS3Bucket },
);
const glueDatabase = databaseName('database', 'Glue database tables are registered in.', false);

export const lakeVendors: readonly VendorSpec[] = [
  destinationVendor(
    'delta_lake',
    'DeltaLakeDestinationConfig',
    'DELTA_LAKE',
    'Settings of a Delta Lake destination (tables written straight to object storage).',
    {
      bucketAbs: field.group(
        'bucket_abs',
        'DestinationDeltaLakeAzureStorage',
        'An Azure storage account holding the tables.',
        {
          storageAccountName: storageAccountName(false),
          bucketAuthMethod: bucketAuthMethod(
            ['azure_storage_account_access_key'],
            'How the account is reached, e.g. with an account access key.',
          ),
          azureStorageAccountAccessKey: field.group(
            'azure_storage_account_access_key',
            'DestinationAzureStorageAccountKey',
            'The storage account access key.',
            {
              storageAccountAccessKey: field.secret(
                'storage_account_access_key',
                'The access key. Write-only: it is never returned.',
              ),
            },
          ),
        },
      ),
      bucketGcs: field.group(
        'bucket_gcs',
        'DestinationDeltaLakeGcsBucket',
        'A Cloud Storage bucket holding the tables.',
        {
          gcpServiceAccountRole,
          gcpServiceAccountKey,
        },
      ),
      bucketS3Compatible: field.group(
        'bucket_s3_compatible',
        'DestinationDeltaLakeS3CompatibleBucket',
        'An S3-compatible bucket holding the tables.',
        {
          disableSsl,
          bucketAuthMethod: bucketAuthMethod(
            ['access_keys'],
            'How the bucket is reached, e.g. with an access key pair.',
          ),
          accessKeys: awsAccessKeys('access_keys', false),
        },
      ),
      retentionWindowDays,
      columnMappingMode: field.string(
        'column_mapping_mode',
        'Delta column mapping mode, e.g. `none` (keeps physical names), `name` or `id`; Prequel judges the value.',
      ),
      deletionVectorsDisabled: field.boolean(
        'deletion_vectors_disabled',
        'Whether files are rewritten on delete instead of writing deletion vectors.',
      ),
      changeDataFeedDisabled: field.boolean(
        'change_data_feed_disabled',
        'Whether the change data feed of the tables is left unrecorded.',
      ),
    },
  ),
  destinationVendor(
    'iceberg',
    'IcebergDestinationConfig',
    'ICEBERG',
    'Settings of an Apache Iceberg destination: one catalog block is set.',
    {
      catalogIcebergRest: field.group(
        'catalog_iceberg_rest',
        'DestinationIcebergRestCatalog',
        'A catalog that speaks the Iceberg REST protocol.',
        {
          oauthBearerTokenAuth: field.group(
            'oauth_bearer_token_auth',
            'DestinationIcebergBearerToken',
            'A static bearer token for the catalog.',
            {
              password: field.secret('password', 'The bearer token. Write-only: it is never returned.'),
            },
          ),
          oauthClientSecretAuth: oauthClientSecretAuth(false),
          storageOptions: icebergAnyStorage,
          namespace: field.string('namespace', 'Namespace tables are created in.'),
          warehouse: field.string('warehouse', "The catalog's warehouse identifier or location."),
        },
      ),
      catalogGlue: field.group('catalog_glue', 'DestinationIcebergGlueCatalog', 'An AWS Glue Data Catalog.', {
        storageOptions: icebergS3Storage,
        database: glueDatabase,
      }),
      catalogS3Tables: field.group(
        'catalog_s3_tables',
        'DestinationIcebergS3TablesCatalog',
        'An Amazon S3 Tables table bucket.',
        {
          storageOptions: icebergS3Storage,
          database: glueDatabase,
          tableBucketArn: field.string(
            'table_bucket_arn',
            'ARN of the table bucket, `arn:aws:s3tables:<region>:<account>:bucket/<name>`.',
            {},
          ),
        },
      ),
      catalogGoogleLakehouse: field.group(
        'catalog_google_lakehouse',
        'DestinationIcebergGoogleLakehouseCatalog',
        'A Google BigLake (lakehouse) catalog.',
        {
          projectId: field.string('project_id', 'Google Cloud project of the catalog.'),
          catalogName: field.string('catalog_name', "The catalog's name."),
          schema: schemaName(false),
          bucketName: bucketName(false, 'Bucket the data files are written to.'),
          gcpServiceAccountRole,
          gcpServiceAccountKey,
        },
      ),
      retentionWindowDays,
    },
  ),
];
