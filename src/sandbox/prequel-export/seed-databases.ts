import {
  awsKeys,
  mysqlLike,
  passwordAuth,
  postgresLike,
  REGIONS,
  type SettingsMaker,
  saEmail,
  saKey,
  stagingS3,
  underscored,
} from './seed-credentials.js';
import type { Vendor } from './store.js';

/** Realistic settings, secrets included, for the database and warehouse vendors. */
export const databaseSettings = {
  athena: (r, c) => {
    const region = r.pick(REGIONS);
    return {
      workgroup: r.pick(['primary', 'prequel']),
      connection_database: 'awsdatacatalog',
      write_database: `${underscored(c)}_exports`,
      aws_access_keys: awsKeys(r),
      bucket_s3: { bucket_name: `${c.slug}-athena-results`, bucket_region: region },
    };
  },
  aurora_mysql: (r, c) =>
    mysqlLike(r, `${c.slug}-mysql.cluster-${r.hex(12)}.${r.pick(REGIONS)}.rds.amazonaws.com`, c),
  aurora_postgres: (r, c) =>
    postgresLike(r, `${c.slug}-pg.cluster-${r.hex(12)}.${r.pick(REGIONS)}.rds.amazonaws.com`),
  bigquery: (r, c) => {
    const project = `${c.slug}-analytics`;
    const email = saEmail('prequel-writer', project);
    const byKey = r.chance(0.3);
    return {
      project_id: project,
      dataset: 'prequel_export',
      region: r.pick(['US', 'EU', 'us-central1', 'europe-west1']),
      auth_method: byKey ? 'gcp_service_account_key' : 'gcp_service_account_role',
      ...(byKey
        ? {
            gcp_service_account_key: {
              service_account_email: email,
              service_account_key: saKey(r, project, email),
            },
          }
        : { gcp_service_account_role: { service_account_email: email } }),
      bucket_name: `${c.slug}-bq-staging`,
    };
  },
  clickhouse: (r, c) => {
    const region = r.pick(REGIONS);
    return {
      host: `${r.hex(10)}.${region}.aws.clickhouse.cloud`,
      port: 8443,
      cluster: r.pick(['', 'default']),
      connection_database: 'default',
      write_database: 'prequel',
      auth_method: 'password_auth',
      password_auth: passwordAuth(r, 'prequel'),
      bucket_s3: stagingS3(r, c, region, 'clickhouse-staging'),
      disable_ssl: false,
    };
  },
  databricks: (r, c) => ({
    host: `dbc-${r.hex(8)}-${r.hex(4)}.cloud.databricks.com`,
    port: 443,
    schema: 'prequel',
    catalog: r.pick(['main', 'analytics', 'hive_metastore']),
    http_path: `/sql/1.0/warehouses/${r.hex(16)}`,
    oauth_client_secret_auth: { client_id: r.uuid(), client_secret: `dose${r.hex(32)}` },
    ...(r.chance(0.3)
      ? { hive: { bucket_vendor: 'bucket_s3', bucket_s3: stagingS3(r, c, r.pick(REGIONS), 'dbx-staging') } }
      : {}),
    use_ssh_tunnel: false,
  }),
  mongodb: (r, c) => ({
    host: `${c.slug}-cluster0.${r.hex(5)}.mongodb.net`,
    port: 27017,
    authentication_database: 'admin',
    write_database: 'prequel_exports',
    password_auth: passwordAuth(r, 'prequel'),
    use_ssh_tunnel: false,
    disable_ssl: false,
  }),
  motherduck: (r, c) => ({
    database: `${underscored(c)}_analytics`,
    schema: r.pick(['main', 'prequel']),
    auth_method: 'access_token_auth',
  }),
  mysql: (r, c) => mysqlLike(r, `mysql-${r.pick(['prod', 'reporting', 'replica'])}.${c.domain}`, c),
  oracle: (r, c) => ({
    ssl_options: { wallet: Buffer.from(r.hex(48)).toString('base64') },
    disable_ssl: false,
    host: `oracle-${r.pick(['erp', 'dw', 'prod'])}.${c.domain}`,
    port: 1521,
    database: 'ORCLPDB1',
    schema: 'PREQUEL',
    auth_method: 'password_auth',
    password_auth: passwordAuth(r, 'PREQUEL_WRITER'),
    use_ssh_tunnel: r.chance(0.4),
  }),
  planetscale: (r, c) => mysqlLike(r, r.pick(['aws.connect.psdb.cloud', 'gcp.connect.psdb.cloud']), c),
  postgres: (r, c) => postgresLike(r, `pg-${r.pick(['prod', 'analytics', 'warehouse'])}.${c.domain}`),
  redshift: (r, c) => {
    const region = r.pick(REGIONS);
    return {
      host: `${c.slug}-dw.${r.hex(12)}.${region}.redshift.amazonaws.com`,
      port: 5439,
      database: 'dev',
      schema: 'prequel',
      cluster: `${c.slug}-dw`,
      region,
      auth_method: 'password_auth',
      password_auth: passwordAuth(r, 'prequel_writer'),
      bucket_s3: stagingS3(r, c, region, 'redshift-staging'),
      use_ssh_tunnel: r.chance(0.2),
      disable_ssl: false,
      connection_timeout_in_seconds: 30,
    };
  },
  redshift_serverless: (r, c) => {
    const region = r.pick(REGIONS);
    return {
      host: `${c.slug}-wg.${r.int(100000000000, 999999999999)}.${region}.redshift-serverless.amazonaws.com`,
      port: 5439,
      database: 'dev',
      schema: 'prequel',
      workgroup: `${c.slug}-wg`,
      region,
      auth_method: 'password_auth',
      password_auth: passwordAuth(r, 'prequel_writer'),
      bucket_s3: stagingS3(r, c, region, 'rs-serverless-staging'),
      use_ssh_tunnel: false,
      disable_ssl: false,
      connection_timeout_in_seconds: 30,
    };
  },
  singlestore: (r, c) =>
    mysqlLike(
      r,
      `svc-${r.uuid()}-dml.aws-${r.pick(['virginia', 'oregon', 'frankfurt'])}-2.svc.singlestore.com`,
      c,
    ),
  snowflake: (r, c) => ({
    username: 'PREQUEL_WRITER',
    host: `${c.slug.replaceAll('-', '')}-${r.hex(7)}.snowflakecomputing.com`,
    port: 443,
    database: r.pick(['RAW', 'ANALYTICS', 'PREQUEL']),
    schema: 'PREQUEL_EXPORT',
  }),
  sql_server: (r, c) => ({
    host: r.chance(0.5) ? `${c.slug}-sql.database.windows.net` : `mssql.${c.domain}`,
    port: 1433,
    database: 'Exports',
    schema: 'dbo',
    auth_method: 'password_auth',
    password_auth: passwordAuth(r, 'prequel_writer'),
    use_ssh_tunnel: false,
    disable_ssl: false,
    primary_key_collation: 'Latin1_General_BIN2',
  }),
} satisfies Partial<Record<Vendor, SettingsMaker>>;
