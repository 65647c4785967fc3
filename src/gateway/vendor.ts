/**
 * One vocabulary of vendors across every provider. Each provider's vendor table maps its own
 * spellings (`postgres`, `POSTGRES`, `postgresql`) onto these; anything unknown becomes OTHER.
 */
export const vendors = {
  POSTGRES: 'PostgreSQL',
  AURORA_POSTGRES: 'Amazon Aurora PostgreSQL',
  MYSQL: 'MySQL',
  AURORA_MYSQL: 'Amazon Aurora MySQL',
  MARIADB: 'MariaDB',
  PLANETSCALE: 'PlanetScale (MySQL-compatible)',
  SINGLESTORE: 'SingleStore',
  SQL_SERVER: 'Microsoft SQL Server',
  ORACLE: 'Oracle Database',
  MONGODB: 'MongoDB',
  SNOWFLAKE: 'Snowflake',
  BIGQUERY: 'Google BigQuery',
  REDSHIFT: 'Amazon Redshift (provisioned)',
  REDSHIFT_SERVERLESS: 'Amazon Redshift Serverless',
  DATABRICKS: 'Databricks',
  ATHENA: 'Amazon Athena',
  CLICKHOUSE: 'ClickHouse',
  MOTHERDUCK: 'MotherDuck',
  DELTA_LAKE: 'Delta Lake tables in object storage',
  ICEBERG: 'Apache Iceberg tables',
  S3: 'Amazon S3',
  S3_COMPATIBLE: 'S3-compatible object storage',
  GCS: 'Google Cloud Storage',
  AZURE_BLOB_STORAGE: 'Azure Blob Storage',
  SFTP: 'SFTP server',
  GOOGLE_SHEETS: 'Google Sheets',
  KAFKA: 'Apache Kafka',
  CSV: 'CSV files',
  PARQUET: 'Parquet files',
  JSON: 'JSON files',
  OTHER: 'A vendor this gateway does not know yet; see `rawVendor`',
} as const;

export type Vendor = keyof typeof vendors;

export const vendorNames = Object.keys(vendors) as Vendor[];

/** Looks a raw upstream spelling up in a provider's table; unknown spellings are OTHER. */
export function vendorFrom(table: Readonly<Record<string, Vendor>>, raw: string | null | undefined): Vendor {
  return (raw !== null && raw !== undefined && Object.hasOwn(table, raw) ? table[raw] : undefined) ?? 'OTHER';
}
