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

/** Each provider table with its keys in lower case, built on the first miss of an exact lookup. */
const foldedTables = new WeakMap<object, ReadonlyMap<string, Vendor>>();

function folded(table: Readonly<Record<string, Vendor>>): ReadonlyMap<string, Vendor> {
  let map = foldedTables.get(table);
  if (!map) {
    map = new Map(Object.entries(table).map(([key, vendor]) => [key.toLowerCase(), vendor]));
    foldedTables.set(table, map);
  }
  return map;
}

/** Looks a raw upstream spelling up in a provider's table, ignoring case; unknown spellings are OTHER. */
export function vendorFrom(table: Readonly<Record<string, Vendor>>, raw: string | null | undefined): Vendor {
  if (typeof raw !== 'string') return 'OTHER';
  if (Object.hasOwn(table, raw)) return table[raw] ?? 'OTHER';
  return folded(table).get(raw.toLowerCase()) ?? 'OTHER';
}
