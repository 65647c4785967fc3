import type { Vendor } from '../../gateway/vendor.js';
import { type FieldTable, field, type VendorSpec } from '../../gateway/vendor-config.js';
import { withArticle } from '../../gateway/wording.js';
import {
  connectionTimeout,
  databaseName,
  destinationVendor,
  disableSsl,
  host,
  passwordAuth,
  passwordAuthMethod,
  port,
  schemaName,
  useSshTunnel,
  writeDatabase,
} from './vendor-fields.js';

/** Destination vendors that are operational databases, each described once. */

/** One block shared by MySQL, Aurora MySQL, PlanetScale and SingleStore. */
const mysqlFields: FieldTable = {
  host: host(true),
  port: port(true),
  connectionDatabase: databaseName('connection_database', 'Database Prequel connects to.', true),
  writeDatabase: writeDatabase(),
  authMethod: passwordAuthMethod,
  passwordAuth: passwordAuth(true),
  useSshTunnel,
  disableSsl,
};

/** One block shared by PostgreSQL and Aurora PostgreSQL. */
const postgresFields: FieldTable = {
  host: host(true),
  port: port(true),
  database: databaseName('database', 'Database tables are written to.', true),
  schema: schemaName(true),
  authMethod: passwordAuthMethod,
  passwordAuth: passwordAuth(true),
  useSshTunnel,
  disableSsl,
  connectionTimeoutInSeconds: connectionTimeout,
};

const mysqlLike = (key: string, typeName: string, vendor: Vendor, label: string) =>
  destinationVendor(
    key,
    typeName,
    vendor,
    `Settings of ${withArticle(label)} destination (MySQL protocol).`,
    mysqlFields,
  );

export const databaseVendors: readonly VendorSpec[] = [
  mysqlLike('aurora_mysql', 'AuroraMySqlDestinationConfig', 'AURORA_MYSQL', 'Amazon Aurora MySQL'),
  destinationVendor(
    'aurora_postgres',
    'AuroraPostgresDestinationConfig',
    'AURORA_POSTGRES',
    'Settings of an Amazon Aurora PostgreSQL destination.',
    postgresFields,
  ),
  destinationVendor('mongodb', 'MongoDbDestinationConfig', 'MONGODB', 'Settings of a MongoDB destination.', {
    host: host(true),
    port: port(false),
    authenticationDatabase: databaseName(
      'authentication_database',
      'Database the user is defined in (often `admin`).',
      false,
    ),
    writeDatabase: writeDatabase('Database collections are written to.'),
    passwordAuth: passwordAuth(true),
    useSshTunnel,
    disableSsl,
  }),
  mysqlLike('mysql', 'MySqlDestinationConfig', 'MYSQL', 'MySQL'),
  destinationVendor(
    'oracle',
    'OracleDestinationConfig',
    'ORACLE',
    'Settings of an Oracle Database destination.',
    {
      sslOptions: field.group(
        'ssl_options',
        'DestinationOracleSslOptions',
        'TLS material for the connection.',
        {
          wallet: field.secret(
            'wallet',
            'The Oracle wallet, base64-encoded. Write-only: it is never returned.',
            {},
          ),
        },
      ),
      disableSsl,
      host: host(true),
      port: port(true),
      database: databaseName('database', 'Service name of the database.', true),
      schema: schemaName(false),
      authMethod: passwordAuthMethod,
      passwordAuth: passwordAuth(true),
      useSshTunnel,
    },
  ),
  mysqlLike('planetscale', 'PlanetScaleDestinationConfig', 'PLANETSCALE', 'PlanetScale'),
  destinationVendor(
    'postgres',
    'PostgresDestinationConfig',
    'POSTGRES',
    'Settings of a PostgreSQL destination.',
    postgresFields,
  ),
  mysqlLike('singlestore', 'SingleStoreDestinationConfig', 'SINGLESTORE', 'SingleStore'),
  destinationVendor(
    'sql_server',
    'SqlServerDestinationConfig',
    'SQL_SERVER',
    'Settings of a Microsoft SQL Server (or Azure SQL) destination.',
    {
      host: host(true),
      port: port(true),
      database: databaseName('database', 'Database tables are written to.', true),
      schema: schemaName(true),
      authMethod: passwordAuthMethod,
      passwordAuth: passwordAuth(true),
      useSshTunnel,
      disableSsl,
      primaryKeyCollation: field.string(
        'primary_key_collation',
        'Collation of primary key columns, e.g. `Latin1_General_BIN2`.',
        {},
      ),
    },
  ),
];
