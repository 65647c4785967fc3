import {
  awsKeys,
  REGIONS,
  type SettingsMaker,
  s3IcebergBucket,
  saEmail,
  saKey,
  underscored,
} from './seed-credentials.js';
import type { Vendor } from './store.js';

/** Realistic settings, secrets included, for the file and lakehouse vendors. */
export const storageSettings = {
  abs: (r, c) => ({
    folder: r.pick(['', 'prequel/', 'exports/daily/']),
    container_name: 'prequel-exports',
    storage_account_name: `${c.slug.replaceAll('-', '')}data`.slice(0, 24),
    auth_method: 'azure_service_shared_access_signature',
    azure_service_shared_access_signature: {
      shared_access_signature_token: `sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2027-12-31T00:00:00Z&sig=${r.hex(43)}`,
    },
    disable_manifest: r.chance(0.3),
  }),
  delta_lake: (r, c) => {
    const project = `${c.slug}-lake`;
    const storage = r.pick(['abs', 'gcs', 's3_compatible'] as const);
    const bucket =
      storage === 'abs'
        ? {
            bucket_abs: {
              storage_account_name: `${c.slug.replaceAll('-', '')}lake`.slice(0, 24),
              bucket_auth_method: 'azure_storage_account_access_key',
              azure_storage_account_access_key: { storage_account_access_key: `${r.hex(40)}==` },
            },
          }
        : storage === 'gcs'
          ? {
              bucket_gcs: {
                gcp_service_account_key: {
                  service_account_email: saEmail('delta-writer', project),
                  service_account_key: saKey(r, project, saEmail('delta-writer', project)),
                },
              },
            }
          : {
              bucket_s3_compatible: {
                disable_ssl: false,
                bucket_auth_method: 'access_keys',
                access_keys: awsKeys(r),
              },
            };
    return {
      ...bucket,
      retention_window_days: r.pick([7, 14, 30]),
      column_mapping_mode: r.pick(['none', 'name']),
      deletion_vectors_disabled: r.chance(0.5),
      change_data_feed_disabled: r.chance(0.7),
    };
  },
  gcs: (r, c) => {
    const project = `${c.slug}-data`;
    return {
      disable_manifest: r.chance(0.3),
      folder: r.pick(['', 'prequel/', 'exports/']),
      ...(r.chance(0.5)
        ? { gcp_service_account_role: { service_account_email: saEmail('prequel-export', project) } }
        : { gcs_hmac_keys: { access_key: `GOOG1E${r.hex(30).toUpperCase()}`, secret: r.hex(40) } }),
      bucket_name: `${c.slug}-prequel-exports`,
    };
  },
  google_sheets: (r) => ({ host: `https://docs.google.com/spreadsheets/d/1${r.hex(43)}` }),
  iceberg: (r, c) => {
    const region = r.pick(REGIONS);
    const kind = r.pick(['glue', 's3_tables', 'rest', 'lakehouse'] as const);
    const catalog =
      kind === 'glue'
        ? {
            catalog_glue: {
              storage_options: { bucket_s3: s3IcebergBucket(r, c, region) },
              database: `${underscored(c)}_lake`,
            },
          }
        : kind === 's3_tables'
          ? {
              catalog_s3_tables: {
                storage_options: { bucket_s3: s3IcebergBucket(r, c, region) },
                database: 'prequel',
                table_bucket_arn: `arn:aws:s3tables:${region}:${r.int(100000000000, 999999999999)}:bucket/${c.slug}-tables`,
              },
            }
          : kind === 'rest'
            ? {
                catalog_iceberg_rest: {
                  oauth_client_secret_auth: { client_id: `prequel-${r.hex(8)}`, client_secret: r.hex(40) },
                  storage_options: { bucket_s3: s3IcebergBucket(r, c, region) },
                  namespace: 'prequel',
                  warehouse: `${c.slug}_warehouse`,
                },
              }
            : {
                catalog_google_lakehouse: {
                  project_id: `${c.slug}-lakehouse`,
                  catalog_name: 'prequel_catalog',
                  schema: 'prequel',
                  bucket_name: `${c.slug}-biglake`,
                  gcp_service_account_role: {
                    service_account_email: saEmail('prequel-biglake', `${c.slug}-lakehouse`),
                  },
                },
              };
    return { ...catalog, retention_window_days: r.pick([3, 7, 30]) };
  },
  s3: (r, c) => ({
    disable_manifest: r.chance(0.3),
    folder: r.pick(['', 'prequel/', 'exports/prequel/']),
    aws_access_keys: awsKeys(r),
    bucket_name: `${c.slug}-prequel-exports`,
    bucket_region: r.pick(REGIONS),
    use_ssh_tunnel: false,
  }),
  s3_compatible: (r, c) => {
    const store = r.pick(['r2', 'wasabi', 'minio'] as const);
    return {
      host:
        store === 'r2'
          ? `${r.hex(32)}.r2.cloudflarestorage.com`
          : store === 'wasabi'
            ? 's3.eu-central-1.wasabisys.com'
            : `minio.${c.domain}`,
      port: store === 'minio' ? 9000 : 443,
      bucket_name: `${c.slug}-exports`,
      folder: 'prequel/',
      disable_manifest: false,
      disable_ssl: false,
      auth_method: 'access_keys',
      access_keys: { access_id: r.hex(20).toUpperCase(), secret_key: r.hex(40) },
      use_ssh_tunnel: false,
    };
  },
  sftp: (r, c) => ({
    username: 'prequel',
    host: `sftp.${c.domain}`,
    port: r.pick([22, 2222]),
    folder: '/uploads/prequel',
    auth_method: 'public_key_auth',
    public_key_auth: { public_key: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.hex(43)} prequel@export` },
  }),
} satisfies Partial<Record<Vendor, SettingsMaker>>;
