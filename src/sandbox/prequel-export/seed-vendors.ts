import type { SettingsMaker } from './seed-credentials.js';
import { databaseSettings } from './seed-databases.js';
import { storageSettings } from './seed-storage.js';
import type { Vendor } from './store.js';

/** Realistic settings, secrets included, for each vendor: what a recipient would have sent. */
export const vendorSettings: Record<Vendor, SettingsMaker> = {
  ...databaseSettings,
  ...storageSettings,
};

/** Display names, for destination names in the demo data. */
export const vendorLabels: Record<Vendor, string> = {
  abs: 'Azure Blob',
  athena: 'Athena',
  aurora_mysql: 'Aurora MySQL',
  aurora_postgres: 'Aurora Postgres',
  bigquery: 'BigQuery',
  clickhouse: 'ClickHouse',
  databricks: 'Databricks',
  delta_lake: 'Delta Lake',
  gcs: 'GCS',
  google_sheets: 'Google Sheets',
  iceberg: 'Iceberg',
  mongodb: 'MongoDB',
  motherduck: 'MotherDuck',
  mysql: 'MySQL',
  oracle: 'Oracle',
  planetscale: 'PlanetScale',
  postgres: 'Postgres',
  redshift: 'Redshift',
  redshift_serverless: 'Redshift Serverless',
  s3: 'S3',
  s3_compatible: 'S3-compatible',
  sftp: 'SFTP',
  singlestore: 'SingleStore',
  snowflake: 'Snowflake',
  sql_server: 'SQL Server',
};

export const vendors = Object.keys(vendorLabels) as Vendor[];
