import { field, type VendorSpec } from '../../gateway/vendor-config.js';
import {
  authMethod,
  awsAccessKeys,
  bucketName,
  bucketRegion,
  destinationVendor,
  disableManifest,
  disableSsl,
  folder,
  gcpServiceAccountRole,
  gcsHmacKeys,
  host,
  port,
  storageAccountName,
  useSshTunnel,
} from './vendor-fields.js';

/** Destination vendors that receive files: object stores, SFTP and spreadsheets. */

export const fileVendors: readonly VendorSpec[] = [
  destinationVendor(
    'abs',
    'AzureBlobDestinationConfig',
    'AZURE_BLOB_STORAGE',
    'Settings of an Azure Blob Storage destination.',
    {
      folder,
      containerName: field.string('container_name', 'Blob container files are written to.', {
        required: true,
      }),
      storageAccountName: storageAccountName(true),
      authMethod: authMethod(
        ['azure_service_shared_access_signature'],
        'How the container is reached, e.g. with a service shared access signature.',
      ),
      azureServiceSharedAccessSignature: field.group(
        'azure_service_shared_access_signature',
        'DestinationAzureSharedAccessSignature',
        'A service shared access signature granting write access to the container.',
        {
          sharedAccessSignatureToken: field.secret(
            'shared_access_signature_token',
            'The SAS token. Write-only: it is never returned.',
          ),
        },
        { required: true },
      ),
      disableManifest,
      csv: field.group(
        'csv',
        'DestinationCsvFormat',
        'How CSV files are written.',
        {
          delimiter: field.string('delimiter', 'The field separator, `,` unless Prequel set another.', {
            readOnly: true,
          }),
        },
        { readOnly: true },
      ),
    },
  ),
  destinationVendor('gcs', 'GcsDestinationConfig', 'GCS', 'Settings of a Google Cloud Storage destination.', {
    disableManifest,
    folder,
    gcpServiceAccountRole,
    gcsHmacKeys,
    bucketName: bucketName(true),
  }),
  destinationVendor(
    'google_sheets',
    'GoogleSheetsDestinationConfig',
    'GOOGLE_SHEETS',
    'Settings of a Google Sheets destination.',
    {
      host: field.string('host', 'Address of the spreadsheet (its `docs.google.com` URL).', {
        required: true,
      }),
    },
  ),
  destinationVendor('s3', 'S3DestinationConfig', 'S3', 'Settings of an Amazon S3 destination.', {
    disableManifest,
    folder,
    awsAccessKeys: awsAccessKeys('aws_access_keys', false),
    bucketName: bucketName(true),
    bucketRegion: bucketRegion(true),
    useSshTunnel,
  }),
  destinationVendor(
    's3_compatible',
    'S3CompatibleDestinationConfig',
    'S3_COMPATIBLE',
    'Settings of an S3-compatible object store destination (MinIO, Cloudflare R2, Wasabi...).',
    {
      host: host(true),
      port: port(false),
      bucketName: bucketName(true),
      folder,
      disableManifest,
      disableSsl,
      authMethod: authMethod(['access_keys'], 'How the bucket is reached, e.g. with an access key pair.'),
      accessKeys: awsAccessKeys('access_keys', true),
      useSshTunnel,
    },
  ),
  destinationVendor(
    'sftp',
    'SftpDestinationConfig',
    'SFTP',
    "Settings of an SFTP destination. The server authorises Prequel's public key, so there is no secret.",
    {
      username: field.string('username', 'The SFTP user.', { required: true }),
      host: host(true),
      port: port(true),
      folder,
      authMethod: authMethod(['public_key_auth'], 'How Prequel signs in, e.g. with a key pair.'),
      publicKeyAuth: field.group(
        'public_key_auth',
        'DestinationPublicKeyAuth',
        "Key-pair sign-in: the public half of Prequel's key pair, which the server authorises.",
        {
          publicKey: field.string(
            'public_key',
            'The OpenSSH public key the server must authorise. Not a secret.',
            {},
          ),
        },
      ),
    },
  ),
];
