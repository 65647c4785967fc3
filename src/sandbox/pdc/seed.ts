import type { Random } from '../kit/index.js';
import type { DataSource, PdcStore, Secrets } from './store.js';

/** The database types the demo catalog holds, each with a short token used in names. */
export const seedDatabaseTypes = [
  'POSTGRES',
  'MYSQL',
  'MSSQL',
  'ORACLE',
  'AWS',
  'AZURE_BLOB_STORAGE',
] as const;
type SeedType = (typeof seedDatabaseTypes)[number];

const TOKEN: Record<SeedType, string> = {
  POSTGRES: 'pg',
  MYSQL: 'mysql',
  MSSQL: 'mssql',
  ORACLE: 'ora',
  AWS: 's3',
  AZURE_BLOB_STORAGE: 'blob',
};

const TEAMS = [
  'finance',
  'sales',
  'marketing',
  'hr',
  'logistics',
  'support',
  'product',
  'risk',
  'billing',
  'analytics',
  'ops',
  'legal',
  'procurement',
  'crm',
  'inventory',
] as const;
const SYSTEMS = [
  'orders',
  'customers',
  'invoices',
  'payments',
  'events',
  'ledger',
  'catalog',
  'shipments',
  'tickets',
  'leads',
  'payroll',
  'claims',
  'audit',
  'pricing',
  'returns',
  'sessions',
  'metrics',
  'contracts',
  'vendors',
  'forecasts',
] as const;
const ENVS = ['prod', 'staging', 'dev', 'qa'] as const;
const DOMAINS = ['acme-corp.internal', 'db.northwind.io', 'data.contoso.net', 'corp.globex.com'] as const;
const AWS_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'] as const;
const AZURE_REGIONS = ['eastus', 'westeurope', 'northeurope', 'uksouth', 'australiaeast'] as const;
const LOCATIONS = [
  { country: 'US', city: 'Ashburn', latitude: 39.0438, longitude: -77.4874 },
  { country: 'US', city: 'Portland', latitude: 45.5152, longitude: -122.6784 },
  { country: 'IE', city: 'Dublin', latitude: 53.3498, longitude: -6.2603 },
  { country: 'DE', city: 'Frankfurt', latitude: 50.1109, longitude: 8.6821 },
  { country: 'GB', city: 'London', latitude: 51.5072, longitude: -0.1276 },
  { country: 'AU', city: 'Sydney', latitude: -33.8688, longitude: 151.2093 },
] as const;
const TIMEFRAMES = ['P1D', 'P7D', 'P30D', 'P90D', 'P365D'] as const;
const INCLUDES = ['public/*', 'sales/*', 'raw/**', 'curated/*', 'dbo.*', 'reporting/*'] as const;
const EXCLUDES = ['tmp/*', '*_backup', 'staging/*', 'archive/**', '*.bak'] as const;

const FROM = new Date('2024-01-01T00:00:00Z');
const TO = new Date('2026-10-31T23:59:59Z');

/**
 * Fills the store with `count` data sources spread over every database type, the same for the same
 * random sequence. Ids follow creation dates, so `_id` order is creation order as in the real catalog.
 */
export function seedStore(store: PdcStore, random: Random, newId: (at: Date) => string, count: number): void {
  const dates = Array.from({ length: count }, () => random.date(FROM, TO)).sort(
    (a, b) => a.getTime() - b.getTime(),
  );
  const taken = new Set<string>();
  dates.forEach((date, i) => {
    const type = seedDatabaseTypes[i % seedDatabaseTypes.length] as SeedType;
    const { doc, secrets } = oneDataSource(random, type, date, newId(date), taken);
    store.insert(doc, secrets);
  });
}

function oneDataSource(
  random: Random,
  type: SeedType,
  date: Date,
  id: string,
  taken: Set<string>,
): { doc: DataSource; secrets: Secrets } {
  const team = random.pick(TEAMS);
  const system = random.pick(SYSTEMS);
  const env = random.pick(ENVS);
  const resourceName = uniqueName(`${team}-${system}-${TOKEN[type]}-${env}`, taken);
  const doc: DataSource = {
    _id: id,
    resourceName,
    databaseType: type,
    description: `${capitalise(system)} data of the ${team} team (${env}).`,
    status: random.chance(0.85) ? 'ACTIVE' : 'INACTIVE',
    date: date.toISOString(),
    includePatterns: random.chance(0.4) ? random.some(INCLUDES, 1, 3) : [],
    excludePatterns: random.chance(0.3) ? random.some(EXCLUDES, 1, 2) : [],
    scanSinceTimeframe: random.pick(TIMEFRAMES),
    incremental: random.chance(0.5),
    availableForMigration: random.chance(0.3),
    availableForWriting: random.chance(0.2),
    availableForDataMastering: random.chance(0.25),
    location: { ...random.pick(LOCATIONS) },
  };
  if (random.chance(0.2)) doc.note = `Owned by ${team}-data@${random.pick(DOMAINS)}`;
  if (random.chance(0.3)) doc.affinityId = `worker-group-${random.int(1, 8)}`;
  if (random.chance(0.7)) doc.lastTestConnectionId = random.hex(24);
  if (random.chance(0.6)) doc.lastIngestId = random.hex(24);
  const secrets: Secrets = {};
  if (random.chance(0.1)) secrets.secretManagerKey = `pdc/${resourceName}/credentials`;

  if (type === 'AWS') {
    const region = random.pick(AWS_REGIONS);
    const bucket = `acme-${team}-${system}-${env}`;
    const compatible = random.chance(0.15);
    Object.assign(doc, {
      configMethod: 'credentials',
      region,
      path: `s3://${bucket}/${random.pick(['raw', 'landing', 'curated'])}/`,
      accessId: `AKIA${random.hex(16).toUpperCase()}`,
      totalCapacity: random.int(1, 500),
      costPerTb: { price: 23, currency: 'USD', frequency: 'month' },
    } satisfies Partial<DataSource>);
    if (compatible) Object.assign(doc, { host: `minio.${random.pick(DOMAINS)}`, port: '9000' });
    if (random.chance(0.3)) doc.role = `arn:aws:iam::${random.int(1e11, 1e12 - 1)}:role/pdc-scanner`;
    secrets.secretKey = random.hex(40);
  } else if (type === 'AZURE_BLOB_STORAGE') {
    const accountName = `${team}${system}${env}`.slice(0, 24);
    Object.assign(doc, {
      configMethod: 'credentials',
      region: random.pick(AZURE_REGIONS),
      host: `${accountName}.blob.core.windows.net`,
      port: '443',
      accountName,
      azureTenantId: random.uuid(),
      path: `${system}/${random.pick(['landing', 'bronze', 'silver'])}/`,
      totalCapacity: random.int(1, 300),
      costPerTb: {
        price: random.pick([18, 20.8, 45]),
        currency: random.pick(['USD', 'EUR']),
        frequency: 'month',
      },
    } satisfies Partial<DataSource>);
    secrets.azureSharedKey = Buffer.from(random.hex(64), 'hex').toString('base64');
  } else {
    Object.assign(doc, database(random, type, system, env));
    secrets.password = `pw-${random.hex(12)}`;
  }
  return { doc, secrets };
}

const DATABASES = {
  POSTGRES: { port: '5432', driver: 'org.postgresql.Driver', scheme: 'postgresql', role: 'catalog_reader' },
  MYSQL: { port: '3306', driver: 'com.mysql.cj.jdbc.Driver', scheme: 'mysql', role: undefined },
  MSSQL: {
    port: '1433',
    driver: 'com.microsoft.sqlserver.jdbc.SQLServerDriver',
    scheme: 'sqlserver',
    role: 'db_datareader',
  },
  ORACLE: { port: '1521', driver: 'oracle.jdbc.OracleDriver', scheme: 'oracle:thin', role: 'CATALOG_READ' },
} as const;

function database(
  random: Random,
  type: Exclude<SeedType, 'AWS' | 'AZURE_BLOB_STORAGE'>,
  system: string,
  env: string,
): Partial<DataSource> {
  const facts = DATABASES[type];
  const host =
    type === 'MSSQL' && random.chance(0.4)
      ? `sql-${system}-${env}.database.windows.net`
      : type !== 'ORACLE' && random.chance(0.3)
        ? `${system}-${env}.c${random.hex(12)}.${random.pick(AWS_REGIONS)}.rds.amazonaws.com`
        : `${system}-${env}-${random.int(1, 3)}.${random.pick(DOMAINS)}`;
  const databaseName = type === 'ORACLE' ? `${system.toUpperCase()}PDB` : `${system}_${env}`;
  const uri =
    type === 'ORACLE'
      ? `jdbc:oracle:thin:@//${host}:${facts.port}/${databaseName}`
      : type === 'MSSQL'
        ? `jdbc:sqlserver://${host}:${facts.port};databaseName=${databaseName}`
        : `jdbc:${facts.scheme}://${host}:${facts.port}/${databaseName}`;
  const out: Partial<DataSource> = {
    configMethod: random.chance(0.8) ? 'credentials' : 'uri',
    host,
    port: facts.port,
    databaseName,
    driverClassName: facts.driver,
    userName: random.pick(['svc_catalog', 'pdc_scanner', 'catalog_ro']),
  };
  if (out.configMethod === 'uri') out.uri = uri;
  if (facts.role && random.chance(0.5)) out.role = facts.role;
  return out;
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
