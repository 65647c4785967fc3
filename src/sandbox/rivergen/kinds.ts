import type { components } from '../../providers/rivergen/openapi.gen.js';

export type DataSourceType = components['schemas']['DataSourceType'];

/** Every type, in the document's order. */
export const ALL_TYPES: readonly DataSourceType[] = [
  'postgresql',
  'mysql',
  'csv',
  'mariadb',
  'mssql',
  'oracle',
  'snowflake',
  'bigquery',
  'redshift',
  'databricks',
  'clickhouse',
  'mongodb',
  's3',
  'gcs',
  'azure_blob',
  'parquet',
  'json',
  'kafka',
];

/** Types that need host, port and database_name on create (the document's `if/then`). */
export const DATABASE_TYPES: ReadonlySet<DataSourceType> = new Set([
  'postgresql',
  'mysql',
  'mariadb',
  'mssql',
  'oracle',
  'redshift',
  'clickhouse',
  'mongodb',
]);

/** Types located by `file_path` in object storage or on a share. */
export const FILE_TYPES: ReadonlySet<DataSourceType> = new Set([
  'csv',
  'parquet',
  'json',
  's3',
  'gcs',
  'azure_blob',
]);

/** Types that answer SQL, so a test query means something to them. */
export const SQL_TYPES: ReadonlySet<DataSourceType> = new Set([
  'postgresql',
  'mysql',
  'mariadb',
  'mssql',
  'oracle',
  'redshift',
  'clickhouse',
  'snowflake',
  'bigquery',
  'databricks',
]);

/** The port each server-based type listens on by default. */
export const DEFAULT_PORTS: Partial<Record<DataSourceType, number>> = {
  postgresql: 5432,
  mysql: 3306,
  mariadb: 3306,
  mssql: 1433,
  oracle: 1521,
  redshift: 5439,
  clickhouse: 8443,
  mongodb: 27017,
  snowflake: 443,
  databricks: 443,
  kafka: 9092,
};

/** What a server of each type reports as its version once connected. */
export const SERVER_VERSIONS: Record<DataSourceType, string> = {
  postgresql: 'PostgreSQL 16.4',
  mysql: 'MySQL 8.0.39',
  mariadb: 'MariaDB 11.4.3',
  mssql: 'Microsoft SQL Server 2022 (16.0.4135.4)',
  oracle: 'Oracle Database 19c Enterprise Edition 19.24.0.0.0',
  redshift: 'Amazon Redshift 1.0.77467',
  clickhouse: 'ClickHouse 24.8.4.13',
  mongodb: 'MongoDB 7.0.14',
  snowflake: 'Snowflake 8.38.2',
  databricks: 'Databricks SQL 2024.40',
  bigquery: 'Google BigQuery (v2 API)',
  kafka: 'Apache Kafka 3.7.1',
  s3: 'Amazon S3',
  gcs: 'Google Cloud Storage',
  azure_blob: 'Azure Blob Storage 2024-11-04',
  csv: 'CSV reader 1.4',
  parquet: 'Apache Parquet 2.10',
  json: 'JSON reader 1.4',
};
