import type { Vendor } from '../../gateway/vendor.js';

/** The `type` values RiverGen's docs name; it supports more (below), and may add others. */
export const documentedRiverGenTypes: readonly string[] = ['postgresql', 'mysql', 'csv'];

/** RiverGen's `type` values and the vendor each one is. */
export const riverGenVendors: Readonly<Record<string, Vendor>> = {
  postgresql: 'POSTGRES',
  mysql: 'MYSQL',
  mariadb: 'MARIADB',
  mssql: 'SQL_SERVER',
  oracle: 'ORACLE',
  snowflake: 'SNOWFLAKE',
  bigquery: 'BIGQUERY',
  redshift: 'REDSHIFT',
  databricks: 'DATABRICKS',
  clickhouse: 'CLICKHOUSE',
  mongodb: 'MONGODB',
  s3: 'S3',
  gcs: 'GCS',
  azure_blob: 'AZURE_BLOB_STORAGE',
  csv: 'CSV',
  parquet: 'PARQUET',
  json: 'JSON',
  kafka: 'KAFKA',
};

/** The `type` values that are one of these vendors. */
export function typesFor(vendors: readonly Vendor[]): string[] {
  return Object.entries(riverGenVendors)
    .filter(([, vendor]) => vendors.includes(vendor))
    .map(([type]) => type);
}
