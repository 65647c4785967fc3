/** Words the seed builds realistic names, hosts and paths from, per organisation. */

export interface Subject {
  /** Shown in names: "Orders". */
  title: string;
  /** Used in hosts, buckets and database names: "orders". */
  slug: string;
  team: string;
}

const subject = (title: string, team: string): Subject => ({
  title,
  slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
  team,
});

/** What each organisation's data is about, by organisation id. */
export const SUBJECTS: Record<number, readonly Subject[]> = {
  1: [
    subject('Orders', 'commerce'),
    subject('Customers', 'crm'),
    subject('Inventory', 'supply chain'),
    subject('Web Events', 'growth'),
    subject('Marketing Spend', 'marketing'),
    subject('Payments', 'finance'),
    subject('Shipments', 'logistics'),
    subject('Returns', 'commerce'),
    subject('Supplier Catalog', 'supply chain'),
    subject('Pricing', 'commerce'),
    subject('Loyalty Points', 'crm'),
    subject('Ad Clicks', 'marketing'),
    subject('General Ledger', 'finance'),
    subject('Payroll', 'people'),
    subject('Support Tickets', 'customer care'),
    subject('Product Reviews', 'growth'),
    subject('Warehouse Scans', 'logistics'),
    subject('Invoices', 'finance'),
  ],
  2: [
    subject('Patients', 'clinical'),
    subject('Appointments', 'operations'),
    subject('Lab Results', 'clinical'),
    subject('Insurance Claims', 'revenue cycle'),
    subject('Prescriptions', 'pharmacy'),
    subject('Billing', 'revenue cycle'),
    subject('Imaging Index', 'radiology'),
    subject('Clinical Trials', 'research'),
    subject('Device Telemetry', 'research'),
    subject('Staff Rota', 'operations'),
    subject('Referrals', 'clinical'),
    subject('Pharmacy Stock', 'pharmacy'),
    subject('Patient Surveys', 'quality'),
    subject('Admissions', 'operations'),
    subject('Genomics Samples', 'research'),
  ],
};

export interface Environment {
  /** Shown in names: "production". */
  label: string;
  /** Used in hosts: "prod". */
  short: string;
}

export const ENVIRONMENTS: readonly Environment[] = [
  { label: 'production', short: 'prod' },
  { label: 'production', short: 'prod' },
  { label: 'staging', short: 'stg' },
  { label: 'analytics', short: 'analytics' },
  { label: 'read replica', short: 'replica' },
  { label: 'archive', short: 'archive' },
  { label: 'reporting', short: 'reporting' },
  { label: 'sandbox', short: 'sbx' },
];

/** How each type reads in a name. */
export const TYPE_LABELS = {
  postgresql: 'PostgreSQL',
  mysql: 'MySQL',
  csv: 'CSV export',
  mariadb: 'MariaDB',
  mssql: 'SQL Server',
  oracle: 'Oracle',
  snowflake: 'Snowflake',
  bigquery: 'BigQuery',
  redshift: 'Redshift',
  databricks: 'Databricks',
  clickhouse: 'ClickHouse',
  mongodb: 'MongoDB',
  s3: 'S3 bucket',
  gcs: 'GCS bucket',
  azure_blob: 'Azure Blob container',
  parquet: 'Parquet lake',
  json: 'JSON feed',
  kafka: 'Kafka topic',
} as const;

export const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2'] as const;

export const TAG_WORDS = [
  'pii',
  'gdpr',
  'hipaa',
  'critical',
  'nightly',
  'streaming',
  'legacy',
  'certified',
] as const;

export const COST_CENTRES = ['CC-1010', 'CC-2040', 'CC-3300', 'CC-4125', 'CC-5200'] as const;
