import type {
  ImportSourceCreate,
  ImportSourceCreateOf,
  ImportVendor,
} from '../../src/providers/prequel-import/client.js';
import { VENDORS as SIMULATED_VENDORS } from '../../src/sandbox/prequel-import/rules.js';

/** A create body for a vendor with every credential it takes, and the secrets in it. */
export function fullSource<V extends ImportVendor>(
  vendor: V,
  name: string,
  providerId = 'provider-contract-tests',
): { body: ImportSourceCreateOf<V>; secrets: string[] } {
  return build(vendor, name, providerId) as { body: ImportSourceCreateOf<V>; secrets: string[] };
}

function build(
  vendor: ImportVendor,
  name: string,
  providerId: string,
): { body: ImportSourceCreate; secrets: string[] } {
  const secret = (label: string) => `${label}-${vendor}-S3cr3t-${name.length}`;
  const base = { provider_id: providerId, name };
  const tunnel = { ssh_tunnel_host: 'bastion.example.com', ssh_tunnel_username: 'prequel' };
  const keyFile = JSON.stringify({
    type: 'service_account',
    client_email: 'loader@contract-tests.iam.gserviceaccount.com',
    private_key: secret('private-key'),
  });
  switch (vendor) {
    case 'postgres':
      return {
        body: {
          ...base,
          vendor,
          postgres: {
            host: 'orders-db.example.com',
            port: 5432,
            database: 'orders',
            schema: 'public',
            auth_method: 'password_auth',
            password_auth: { username: 'reader', password: secret('password') },
            use_ssh_tunnel: true,
            disable_ssl: false,
            ssh_tunnel: tunnel,
          },
        },
        secrets: [secret('password')],
      };
    case 'redshift':
      return {
        body: {
          ...base,
          vendor,
          redshift: {
            host: 'main.abc123.us-east-1.redshift.amazonaws.com',
            port: 5439,
            database: 'dev',
            schema: 'public',
            cluster: 'main',
            region: 'us-east-1',
            username: 'prequel',
            auth_method: 'aws_access_keys',
            aws_access_keys: {
              access_id: 'AKIAEXAMPLE0001',
              secret_key: secret('secret-key'),
              password: secret('password'),
            },
            connection_timeout_in_seconds: 45,
          },
        },
        secrets: [secret('secret-key'), secret('password')],
      };
    case 'redshift_serverless':
      return {
        body: {
          ...base,
          vendor,
          redshift_serverless: {
            host: 'wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com',
            port: 5439,
            database: 'dev',
            workgroup: 'wg',
            region: 'eu-west-1',
            auth_method: 'aws_access_keys',
            aws_access_keys: { access_id: 'AKIAEXAMPLE0002', secret_key: secret('secret-key') },
          },
        },
        secrets: [secret('secret-key')],
      };
    case 'bigquery':
      return {
        body: {
          ...base,
          vendor,
          bigquery: {
            project_id: 'contract-tests-1234',
            region: 'EU',
            auth_method: 'gcp_service_account_key',
            gcp_service_account_key: { service_account_key: keyFile },
          },
        },
        secrets: [secret('private-key')],
      };
    case 's3':
      return {
        body: {
          ...base,
          vendor,
          s3: {
            bucket_name: 'contract-tests-exports',
            region: 'us-west-2',
            auth_method: 'aws_access_keys',
            aws_access_keys: { access_id: 'AKIAEXAMPLE0003', secret_key: secret('secret-key') },
          },
        },
        secrets: [secret('secret-key')],
      };
    case 'abs':
      return {
        body: {
          ...base,
          vendor,
          abs: {
            bucket_name: 'exports',
            storage_account_name: 'contracttests',
            auth_method: 'azure_service_shared_access_signature',
            azure_service_shared_access_signature: { shared_access_signature_token: secret('sas') },
          },
        },
        secrets: [secret('sas')],
      };
    case 'sftp':
      return {
        body: {
          ...base,
          vendor,
          sftp: {
            host: 'sftp.example.com',
            port: 22,
            username: 'drop',
            auth_method: 'public_key_auth',
            public_key_auth: { public_key: 'ssh-ed25519 AAAAC3NzaContractTests' },
          },
        },
        secrets: [],
      };
    case 'gcs':
      return {
        body: {
          ...base,
          vendor,
          gcs: {
            bucket_name: 'contract-tests-landing',
            region: 'europe-west1',
            auth_method: 'gcs_hmac_keys',
            gcs_hmac_keys: { access_id: 'GOOG1EEXAMPLE', secret: secret('hmac') },
            gcp_service_account_key: { service_account_key: keyFile },
          },
        },
        secrets: [secret('hmac'), secret('private-key')],
      };
    case 's3_compatible':
      return {
        body: {
          ...base,
          vendor,
          s3_compatible: {
            host: 'minio.example.com',
            port: 9000,
            bucket_name: 'imports',
            auth_method: 'aws_access_keys',
            aws_access_keys: { access_id: 'minio-reader', secret_key: secret('secret-key') },
            disable_ssl: true,
          },
        },
        secrets: [secret('secret-key')],
      };
    case 'snowflake':
      return {
        body: {
          ...base,
          vendor,
          snowflake: {
            host: 'acme-xy12345.eu-west-1.snowflakecomputing.com',
            port: 443,
            database: 'ANALYTICS',
            schema: 'PUBLIC',
            username: 'PREQUEL',
            auth_method: 'public_key_auth',
            public_key_auth: {
              public_key: '-----BEGIN PUBLIC KEY-----\nMIIBcontract\n-----END PUBLIC KEY-----',
            },
          },
        },
        secrets: [],
      };
  }
}

/** The ten vendors, as the simulator knows them. */
export const VENDORS: readonly ImportVendor[] = SIMULATED_VENDORS;
