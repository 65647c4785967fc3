/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A new RiverGen data source. host, port and databaseName are required for database types. */
export type CreateRiverGenDataSourceInput = {
  /** Most connections kept open at once. */
  connectionPoolSize?: number | null | undefined;
  /** A full connection URL used instead of the separate fields. */
  connectionString?: string | null | undefined;
  /** Seconds to wait for a connection to open. */
  connectionTimeout?: number | null | undefined;
  /** Credentials to store with it; never returned. */
  credentials?: RiverGenCredentialsInput | null | undefined;
  /** The database to open. */
  databaseName?: string | null | undefined;
  /** What it is for, in prose. */
  description?: string | null | undefined;
  /** Object path in storage, for file-based sources. (documented limit, checked before sending: at most 1000 characters) */
  filePath?: string | null | undefined;
  /** Host name or address of the server. */
  host?: string | null | undefined;
  /** How many times a failed connection is tried again. */
  maxRetries?: number | null | undefined;
  /** Free-form JSON; replaces the stored object whole. */
  metadata?: unknown;
  /** Its name, unique within the organisation. (documented limit, checked before sending: 1 to 255 characters) */
  name: string;
  /** TCP port of the server. */
  port?: number | null | undefined;
  /** Seconds a query may run. */
  queryTimeout?: number | null | undefined;
  /** Read its schema again on a schedule. */
  schemaAutoRefresh?: boolean | null | undefined;
  /** The schema inside the database. */
  schemaName?: string | null | undefined;
  /** Seconds between automatic schema reads. */
  schemaRefreshInterval?: number | null | undefined;
  /** The SSH bastion's host. */
  sshHost?: string | null | undefined;
  /** The local port the tunnel listens on. */
  sshLocalPort?: number | null | undefined;
  /** The SSH bastion's port. */
  sshPort?: number | null | undefined;
  /** The user the tunnel logs in as. */
  sshUsername?: string | null | undefined;
  /** Labels for categorisation. */
  tags?: Array<string> | null | undefined;
  /** What it connects to, as RiverGen names it: its docs name postgresql, mysql, csv; any other type RiverGen supports may be given, and one it does not know is refused on this field. */
  type: string;
  /** Connect through an SSH tunnel. */
  useSshTunnel?: boolean | null | undefined;
  /** Workspace to put it in; the organisation itself when left out. */
  workspaceId?: number | null | undefined;
};

/** Narrows `dataSources`. Every part is optional; given parts must all match. */
export type DataSourceFilter = {
  /** Database pattern, case-insensitive, read as `name` is (`*` for any run of characters); a data source with no database never matches. */
  database?: string | null | undefined;
  /** Host pattern, case-insensitive, read as `name` is (`*` for any run of characters); a data source with no host never matches. */
  host?: string | null | undefined;
  /** Name pattern, case-insensitive: `orders` matches exactly, `prod-*` by prefix, `*-eu` by suffix, `*pay*` anywhere. At most 255 characters, the longest name any provider allows. */
  name?: string | null | undefined;
  /** Only these providers. */
  providers?: Array<Provider> | null | undefined;
  /** Only data sources in this status. Prequel keeps no status, so with `status` its import sources and destinations are never listed (and Prequel is not asked). */
  status?: DataSourceStatus | null | undefined;
  /** Only data sources that last changed strictly after this instant; those with no update time (every PDC one) never match. */
  updatedAfter?: string | null | undefined;
  /** Only data sources that last changed strictly before this instant; those with no update time never match. Not earlier than `updatedAfter`. */
  updatedBefore?: string | null | undefined;
  /** Only these vendors. */
  vendors?: Array<Vendor> | null | undefined;
};

/** Where a data source stands, in one vocabulary across providers (OTHER when unknown here; `rawStatus` has the upstream’s own spelling). */
export type DataSourceStatus =
  /** In use. */
  | 'ACTIVE'
  /** Its last connection test failed. */
  | 'FAILED'
  /** Switched off. */
  | 'INACTIVE'
  /** Taken out of use for upkeep. */
  | 'MAINTENANCE'
  /** A status this gateway does not know; `rawStatus` has it. */
  | 'OTHER'
  /** Being tried out. */
  | 'TESTING';

/** The upstream system that holds a data source. */
export type Provider =
  /** Data sources registered in Pentaho Data Catalog. */
  | 'PDC'
  /** Destinations that Prequel exports data to. */
  | 'PREQUEL_EXPORT'
  /** Import sources managed through the Prequel Import API. */
  | 'PREQUEL_IMPORT'
  /** Data sources of a RiverGen organisation (the caller's, or the service user's). */
  | 'RIVERGEN';

/** Credentials to store with it; never returned. */
export type RiverGenCredentialsInput = {
  /** API key. (write-only: never shown again) */
  apiKey?: string | null | undefined;
  /** OAuth token. (write-only: never shown again) */
  oauthToken?: string | null | undefined;
  /** Password. (write-only: never shown again) */
  password?: string | null | undefined;
  /** Role to assume after connecting. */
  role?: string | null | undefined;
  /** Passphrase of that key. (write-only: never shown again) */
  sshPassphrase?: string | null | undefined;
  /** Private key for the SSH tunnel. (write-only: never shown again) */
  sshPrivateKey?: string | null | undefined;
  /** User name. */
  username?: string | null | undefined;
  /** Warehouse to use (Snowflake and the like). */
  warehouse?: string | null | undefined;
};

/** Which way a list is sorted. */
export type SortOrder =
  /** Oldest or smallest first. */
  | 'ASC'
  /** Newest or largest first. */
  | 'DESC';

/** Where a transfer to a destination stands (OTHER when Prequel sends a status unknown here). */
export type TransferStatus =
  /** Stopped by a user. */
  | 'CANCELLED'
  /** Finished: the transfer failed. */
  | 'ERROR'
  /** Never started in time. */
  | 'EXPIRED'
  /** A status this gateway does not know; `rawStatus` has it as Prequel sent it. */
  | 'OTHER'
  /** Finished: some models failed. */
  | 'PARTIAL_FAILURE'
  /** Queued, waiting to run. */
  | 'PENDING'
  /** Under way. */
  | 'RUNNING'
  /** Finished: every model was sent. */
  | 'SUCCESS';

/** Changes to a catalog data source: only the fields given change; lists replace; PDC clears nothing with null. */
export type UpdateCatalogDataSourceInput = {
  /** Access key id, for object stores. (leave it out to keep it) */
  accessId?: string | null | undefined;
  /** Azure storage account name. (leave it out to keep it) */
  accountName?: string | null | undefined;
  /** Worker group that must process this data source. (leave it out to keep it) */
  affinityId?: string | null | undefined;
  /** It takes part in data mastering. (leave it out to keep it) */
  availableForDataMastering?: boolean | null | undefined;
  /** It may be a migration target. (leave it out to keep it) */
  availableForMigration?: boolean | null | undefined;
  /** The catalog may write into it. (leave it out to keep it) */
  availableForWriting?: boolean | null | undefined;
  /** Azure storage account shared key. (write-only: never shown again; leave it out to keep it) */
  azureSharedKey?: string | null | undefined;
  /** Azure Active Directory tenant id. (leave it out to keep it) */
  azureTenantId?: string | null | undefined;
  /** Database (or Oracle service) to connect to. (leave it out to keep it) */
  databaseName?: string | null | undefined;
  /** Free text shown in the catalog. (leave it out to keep it) */
  description?: string | null | undefined;
  /** JDBC driver class used to connect. (leave it out to keep it) */
  driverClassName?: string | null | undefined;
  /** Resource patterns the scans skip; [] for none. (replaces the whole list; leave it out to keep it) */
  excludePatterns?: Array<string> | null | undefined;
  /** Host name or IP address of the server. (leave it out to keep it) */
  host?: string | null | undefined;
  /** Resource patterns the scans include (e.g. sales/*); [] for none. (replaces the whole list; leave it out to keep it) */
  includePatterns?: Array<string> | null | undefined;
  /** Scans pick up only what changed since the last one. (leave it out to keep it) */
  incremental?: boolean | null | undefined;
  /** Id of the latest ingest (scan) job. (leave it out to keep it) */
  lastIngestId?: string | null | undefined;
  /** Id of the latest connection test job. (leave it out to keep it) */
  lastTestConnectionId?: string | null | undefined;
  /** A short operator note. (leave it out to keep it) */
  note?: string | null | undefined;
  /** Password of userName. (write-only: never shown again; leave it out to keep it) */
  password?: string | null | undefined;
  /** Bucket or container and prefix scanned, for object stores. (leave it out to keep it) */
  path?: string | null | undefined;
  /** TCP port of the server (PDC stores it as a string of digits). (leave it out to keep it) */
  port?: number | null | undefined;
  /** Cloud region, e.g. us-east-1. (leave it out to keep it) */
  region?: string | null | undefined;
  /** Database or cloud role assumed after connecting. (leave it out to keep it) */
  role?: string | null | undefined;
  /** How far back scans look, as an ISO 8601 duration such as P30D. (leave it out to keep it) */
  scanSinceTimeframe?: string | null | undefined;
  /** Secret access key paired with accessId. (write-only: never shown again; leave it out to keep it) */
  secretKey?: string | null | undefined;
  /** Key of the credentials in an external secret manager. (write-only: never shown again; leave it out to keep it) */
  secretManagerKey?: string | null | undefined;
  /** Storage capacity, in terabytes. (leave it out to keep it) */
  totalCapacity?: number | null | undefined;
  /** Full connection URI (JDBC URL, s3:// or https:// address), used instead of separate fields. (leave it out to keep it) */
  uri?: string | null | undefined;
  /** User the catalog connects as. (leave it out to keep it) */
  userName?: string | null | undefined;
  /** Compute warehouse to use, for systems that have one. (leave it out to keep it) */
  warehouse?: string | null | undefined;
};

/** Changes to a RiverGen data source: only the fields given change; null clears where noted; lists replace. */
export type UpdateRiverGenDataSourceInput = {
  /** Most connections kept open at once. (leave it out to keep it) */
  connectionPoolSize?: number | null | undefined;
  /** A full connection URL used instead of the separate fields. (null clears it) */
  connectionString?: string | null | undefined;
  /** Seconds to wait for a connection to open. (leave it out to keep it) */
  connectionTimeout?: number | null | undefined;
  /** The database to open. (null clears it) */
  databaseName?: string | null | undefined;
  /** What it is for, in prose. (null clears it) */
  description?: string | null | undefined;
  /** Object path in storage, for file-based sources. (documented limit, checked before sending: at most 1000 characters; null clears it) */
  filePath?: string | null | undefined;
  /** Host name or address of the server. (null clears it) */
  host?: string | null | undefined;
  /** How many times a failed connection is tried again. (leave it out to keep it) */
  maxRetries?: number | null | undefined;
  /** Free-form JSON; replaces the stored object whole. (leave it out to keep it) */
  metadata?: unknown;
  /** Its name, unique within the organisation. (documented limit, checked before sending: 1 to 255 characters; leave it out to keep it) */
  name?: string | null | undefined;
  /** TCP port of the server. (null clears it) */
  port?: number | null | undefined;
  /** Seconds a query may run. (leave it out to keep it) */
  queryTimeout?: number | null | undefined;
  /** Read its schema again on a schedule. (leave it out to keep it) */
  schemaAutoRefresh?: boolean | null | undefined;
  /** The schema inside the database. (null clears it) */
  schemaName?: string | null | undefined;
  /** Seconds between automatic schema reads. (leave it out to keep it) */
  schemaRefreshInterval?: number | null | undefined;
  /** The SSH bastion's host. (null clears it) */
  sshHost?: string | null | undefined;
  /** The local port the tunnel listens on. (null clears it) */
  sshLocalPort?: number | null | undefined;
  /** The SSH bastion's port. (null clears it) */
  sshPort?: number | null | undefined;
  /** The user the tunnel logs in as. (null clears it) */
  sshUsername?: string | null | undefined;
  /** Labels for categorisation. (replaces the whole list; leave it out to keep it) */
  tags?: Array<string> | null | undefined;
  /** Connect through an SSH tunnel. (leave it out to keep it) */
  useSshTunnel?: boolean | null | undefined;
};

/** Why a mutation did not happen. */
export type UserErrorCode =
  /** It clashes with something that exists, such as a name already in use. */
  | 'CONFLICT'
  /** The caller may not do this. */
  | 'FORBIDDEN'
  /** An input field is missing, out of range or refused by the upstream. */
  | 'INVALID_INPUT'
  /** The thing to change does not exist (or is not visible to the caller). */
  | 'NOT_FOUND';

/** The kind of system a connection reaches, the same across every provider. */
export type Vendor =
  /** Amazon Athena */
  | 'ATHENA'
  /** Amazon Aurora MySQL */
  | 'AURORA_MYSQL'
  /** Amazon Aurora PostgreSQL */
  | 'AURORA_POSTGRES'
  /** Azure Blob Storage */
  | 'AZURE_BLOB_STORAGE'
  /** Google BigQuery */
  | 'BIGQUERY'
  /** ClickHouse */
  | 'CLICKHOUSE'
  /** CSV files */
  | 'CSV'
  /** Databricks */
  | 'DATABRICKS'
  /** Delta Lake tables in object storage */
  | 'DELTA_LAKE'
  /** Google Cloud Storage */
  | 'GCS'
  /** Google Sheets */
  | 'GOOGLE_SHEETS'
  /** Apache Iceberg tables */
  | 'ICEBERG'
  /** JSON files */
  | 'JSON'
  /** Apache Kafka */
  | 'KAFKA'
  /** MariaDB */
  | 'MARIADB'
  /** MongoDB */
  | 'MONGODB'
  /** MotherDuck */
  | 'MOTHERDUCK'
  /** MySQL */
  | 'MYSQL'
  /** Oracle Database */
  | 'ORACLE'
  /** A vendor this gateway does not know yet; see `rawVendor` */
  | 'OTHER'
  /** Parquet files */
  | 'PARQUET'
  /** PlanetScale (MySQL-compatible) */
  | 'PLANETSCALE'
  /** PostgreSQL */
  | 'POSTGRES'
  /** Amazon Redshift (provisioned) */
  | 'REDSHIFT'
  /** Amazon Redshift Serverless */
  | 'REDSHIFT_SERVERLESS'
  /** Amazon S3 */
  | 'S3'
  /** S3-compatible object storage */
  | 'S3_COMPATIBLE'
  /** SFTP server */
  | 'SFTP'
  /** SingleStore */
  | 'SINGLESTORE'
  /** Snowflake */
  | 'SNOWFLAKE'
  /** Microsoft SQL Server */
  | 'SQL_SERVER';

export type PatchPortMutationVariables = Exact<{ [key: string]: never; }>;


export type PatchPortMutation = { updateRiverGenDataSource:
    | { __typename: 'ConflictError', code: UserErrorCode | null, field: Array<string> | null, message: string | null }
    | { __typename: 'ForbiddenError', code: UserErrorCode | null, field: Array<string> | null, message: string | null }
    | { __typename: 'InvalidInputError', code: UserErrorCode | null, field: Array<string> | null, message: string | null }
    | { __typename: 'NotFoundError', code: UserErrorCode | null, field: Array<string> | null, message: string | null }
    | { __typename: 'UpdateRiverGenDataSourceSuccess', riverGenDataSource: { name: string | null, port: number | null, description: string | null } }
   | null };

export type PostgresEverywhereQueryVariables = Exact<{ [key: string]: never; }>;


export type PostgresEverywhereQuery = { dataSources: { totalCount: number | null, edges: Array<{ node:
        | { id: string, provider: Provider | null, name: string | null, host: string | null, port: number | null, database: string | null }
        | { id: string, provider: Provider | null, name: string | null, host: string | null, port: number | null, database: string | null }
        | { id: string, provider: Provider | null, name: string | null, host: string | null, port: number | null, database: string | null }
        | { id: string, provider: Provider | null, name: string | null, host: string | null, port: number | null, database: string | null }
       | null } | null> | null, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type ProdCatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type ProdCatalogQuery = { dataSources: { edges: Array<{ node:
        | { status: DataSourceStatus | null, includePatterns: Array<string> | null, name: string | null, vendor: Vendor | null, costPerTb: { price: number | null, currency: string | null, frequency: string | null } | null }
        | { name: string | null, vendor: Vendor | null }
        | { name: string | null, vendor: Vendor | null }
        | { name: string | null, vendor: Vendor | null }
       | null } | null> | null } | null };

export type QueueTransferMutationVariables = Exact<{ [key: string]: never; }>;


export type QueueTransferMutation = { queueDestinationTransfer:
    | { __typename: 'ConflictError', code: UserErrorCode | null, message: string | null }
    | { __typename: 'ForbiddenError', code: UserErrorCode | null, message: string | null }
    | { __typename: 'InvalidInputError', code: UserErrorCode | null, message: string | null }
    | { __typename: 'NotFoundError', code: UserErrorCode | null, message: string | null }
    | { __typename: 'QueueDestinationTransferSuccess', queued: { transferId: string | null } }
   | null };

export type ReopenQueryVariables = Exact<{
  ids: Array<string> | string;
}>;


export type ReopenQuery = { nodes: Array<
    | { name: string | null, provider: Provider | null, vendor: Vendor | null, updatedAt: string | null, id: string }
    | { name: string | null, provider: Provider | null, vendor: Vendor | null, updatedAt: string | null, id: string }
    | { name: string | null, provider: Provider | null, vendor: Vendor | null, updatedAt: string | null, id: string }
    | { name: string | null, provider: Provider | null, vendor: Vendor | null, updatedAt: string | null, id: string }
   | null> };

export type StreamedListQueryVariables = Exact<{ [key: string]: never; }>;


export type StreamedListQuery = { dataSources: { edges: Array<{ node:
        | { provider: Provider | null, name: string | null }
        | { provider: Provider | null, name: string | null }
        | { provider: Provider | null, name: string | null }
        | { provider: Provider | null, name: string | null }
       | null } | null> | null } & ({ totalCount: number | null } | { totalCount?: never }) | null };

export type WatchTransferSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WatchTransferSubscription = { destinationTransfer: { id: string | null, status: TransferStatus | null, startedAt: string | null, endedAt: string | null, rowsTransferred: number | null } | null };

export type PageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: DataSourceFilter | null | undefined;
}>;


export type PageQuery = { dataSources: { totalCount: number | null, edges: Array<{ cursor: string, node:
        | { id: string, provider: Provider | null, name: string | null, vendor: Vendor | null }
        | { id: string, provider: Provider | null, name: string | null, vendor: Vendor | null }
        | { id: string, provider: Provider | null, name: string | null, vendor: Vendor | null }
        | { id: string, provider: Provider | null, name: string | null, vendor: Vendor | null }
       | null } | null> | null, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } | null };

export type FederationIdsQueryVariables = Exact<{
  provider: Provider;
  count?: number | null | undefined;
}>;


export type FederationIdsQuery = { dataSources: { edges: Array<{ node:
        | { __typename: 'CatalogDataSource', id: string }
        | { __typename: 'Destination', id: string }
        | { __typename: 'ImportSource', id: string }
        | { __typename: 'RiverGenDataSource', id: string }
       | null } | null> | null } | null };

export type IsolationQueryVariables = Exact<{
  first: number;
  order: SortOrder;
  ids: Array<string> | string;
}>;


export type IsolationQuery = { riverGenDataSources: { totalCount: number | null, edges: Array<{ node: { id: string, organizationId: number | null } | null } | null> | null } | null, dataSources: { totalCount: number | null, edges: Array<{ node:
        | { id: string, provider: Provider | null }
        | { id: string, provider: Provider | null }
        | { id: string, provider: Provider | null }
        | { organizationId: number | null, id: string, provider: Provider | null }
       | null } | null> | null } | null, nodes: Array<
    | { id: string }
    | { id: string }
    | { id: string }
    | { organizationId: number | null, id: string }
   | null> };

export type EveryDataSourceIdQueryVariables = Exact<{ [key: string]: never; }>;


export type EveryDataSourceIdQuery = { dataSources: { edges: Array<{ node:
        | { __typename: 'CatalogDataSource', id: string }
        | { __typename: 'Destination', id: string }
        | { __typename: 'ImportSource', id: string }
        | { __typename: 'RiverGenDataSource', id: string }
       | null } | null> | null } | null };

export type NodeByIdQueryVariables = Exact<{
  id: string;
}>;


export type NodeByIdQuery = { node:
    | { __typename: 'CatalogDataSource', id: string }
    | { __typename: 'Destination', id: string }
    | { __typename: 'ImportSource', id: string }
    | { __typename: 'RiverGenDataSource', id: string }
   | null };

export type DataSourceByIdQueryVariables = Exact<{
  id: string;
}>;


export type DataSourceByIdQuery = { dataSource:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type NodesByIdsQueryVariables = Exact<{
  ids: Array<string> | string;
}>;


export type NodesByIdsQuery = { nodes: Array<
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null> };

export type MineQueryVariables = Exact<{
  ids: Array<string> | string;
  first: number;
}>;


export type MineQuery = { nodes: Array<
    | { name: string | null, id: string }
    | { name: string | null, id: string }
    | { name: string | null, id: string }
    | { name: string | null, id: string }
   | null>, catalogDataSources: { totalCount: number | null, edges: Array<{ node: { id: string, name: string | null } | null } | null> | null } | null };

export type RenameMutationVariables = Exact<{
  id: string;
  input: UpdateCatalogDataSourceInput;
}>;


export type RenameMutation = { updateCatalogDataSource:
    | { __typename: 'ConflictError' }
    | { __typename: 'ForbiddenError' }
    | { __typename: 'InvalidInputError' }
    | { __typename: 'NotFoundError' }
    | { __typename: 'UpdateCatalogDataSourceSuccess', catalogDataSource: { id: string, description: string | null } }
   | null };

export type UpdateRiverGenDataSourceMutationVariables = Exact<{
  id: string;
  input: UpdateRiverGenDataSourceInput;
}>;


export type UpdateRiverGenDataSourceMutation = { updateRiverGenDataSource:
    | { __typename: 'ConflictError', message: string | null, code: UserErrorCode | null, field: Array<string> | null }
    | { __typename: 'ForbiddenError', message: string | null, code: UserErrorCode | null, field: Array<string> | null }
    | { __typename: 'InvalidInputError', message: string | null, code: UserErrorCode | null, field: Array<string> | null, issues: Array<{ field: Array<string> | null, message: string | null }> | null }
    | { __typename: 'NotFoundError', message: string | null, code: UserErrorCode | null, field: Array<string> | null }
    | { __typename: 'UpdateRiverGenDataSourceSuccess', riverGenDataSource: { id: string, name: string | null, description: string | null, tags: Array<string> | null, port: number | null } }
   | null };

export type CreateRiverGenDataSourceMutationVariables = Exact<{
  input: CreateRiverGenDataSourceInput;
}>;


export type CreateRiverGenDataSourceMutation = { createRiverGenDataSource:
    | { __typename: 'ConflictError', message: string | null, code: UserErrorCode | null, field: Array<string> | null }
    | { __typename: 'CreateRiverGenDataSourceSuccess', riverGenDataSource: { id: string, name: string | null, description: string | null, tags: Array<string> | null, port: number | null } }
    | { __typename: 'ForbiddenError', message: string | null, code: UserErrorCode | null, field: Array<string> | null }
    | { __typename: 'InvalidInputError', message: string | null, code: UserErrorCode | null, field: Array<string> | null, issues: Array<{ field: Array<string> | null, message: string | null }> | null }
    | { __typename: 'NotFoundError', message: string | null, code: UserErrorCode | null, field: Array<string> | null }
   | null };

export type OwnRiverGenIdsQueryVariables = Exact<{ [key: string]: never; }>;


export type OwnRiverGenIdsQuery = { riverGenDataSources: { edges: Array<{ node: { id: string } | null } | null> | null } | null };

export type NameOfNodeQueryVariables = Exact<{
  id: string;
}>;


export type NameOfNodeQuery = { node:
    | { name: string | null }
    | { name: string | null }
    | { name: string | null }
    | { name: string | null }
   | null };

export type RenameThenChangeAgainMutationVariables = Exact<{
  id: string;
}>;


export type RenameThenChangeAgainMutation = { renamed:
    | { __typename: 'ConflictError' }
    | { __typename: 'ForbiddenError' }
    | { __typename: 'InvalidInputError' }
    | { __typename: 'NotFoundError' }
    | { __typename: 'UpdateRiverGenDataSourceSuccess' }
   | null, after:
    | { riverGenDataSource: { name: string | null, description: string | null } }
    | Record<PropertyKey, never>
   | null };

export type StoreRiverGenPasswordMutationVariables = Exact<{
  id: string;
}>;


export type StoreRiverGenPasswordMutation = { updateRiverGenCredentials:
    | { __typename: 'ConflictError' }
    | { __typename: 'ForbiddenError' }
    | { __typename: 'InvalidInputError' }
    | { __typename: 'NotFoundError' }
    | { __typename: 'UpdateRiverGenCredentialsSuccess' }
   | null };

export type TestRiverGenConnectionMutationVariables = Exact<{
  id: string;
}>;


export type TestRiverGenConnectionMutation = { testRiverGenDataSource:
    | { __typename: 'ConflictError' }
    | { __typename: 'ForbiddenError' }
    | { __typename: 'InvalidInputError' }
    | { __typename: 'NotFoundError' }
    | { __typename: 'TestRiverGenDataSourceSuccess', result: { connectionSuccessful: boolean | null, errorCode: string | null } }
   | null };

export type DeleteRiverGenSoftlyMutationVariables = Exact<{
  id: string;
}>;


export type DeleteRiverGenSoftlyMutation = { deleteRiverGenDataSource:
    | { __typename: 'ConflictError' }
    | { __typename: 'DeleteRiverGenDataSourceSuccess', deleted: { permanent: boolean | null } }
    | { __typename: 'ForbiddenError' }
    | { __typename: 'InvalidInputError' }
    | { __typename: 'NotFoundError' }
   | null };

export type DeleteRiverGenForGoodMutationVariables = Exact<{
  id: string;
}>;


export type DeleteRiverGenForGoodMutation = { deleteRiverGenDataSource:
    | { __typename: 'ConflictError' }
    | { __typename: 'DeleteRiverGenDataSourceSuccess' }
    | { __typename: 'ForbiddenError' }
    | { __typename: 'InvalidInputError' }
    | { __typename: 'NotFoundError' }
   | null };

export type StitchingIdsQueryVariables = Exact<{
  provider: Provider;
  count?: number | null | undefined;
}>;


export type StitchingIdsQuery = { dataSources: { edges: Array<{ node:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       | null } | null> | null } | null };


export const PatchPortDocument = {"__meta__":{"hash":"sha256:74d5af899d8e396bfabcfa5470d12aef66028b9e2db2036d2847dc3db3153823"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PatchPort"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateRiverGenDataSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"Uml2ZXJHZW5EYXRhU291cmNlOjE","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"port"},"value":{"kind":"IntValue","value":"6543"}},{"kind":"ObjectField","name":{"kind":"Name","value":"description"},"value":{"kind":"NullValue"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateRiverGenDataSourceSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riverGenDataSource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PatchPortMutation, PatchPortMutationVariables>;
export const PostgresEverywhereDocument = {"__meta__":{"hash":"sha256:c29798a6f21676d08ea0300188b53549d78305a4aceeba002804b8d8dc4ffb58"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PostgresEverywhere"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"vendors"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"POSTGRES"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"database"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<PostgresEverywhereQuery, PostgresEverywhereQueryVariables>;
export const ProdCatalogDocument = {"__meta__":{"hash":"sha256:4163ce4cc820b328da8670895fc94dea9226e3f4fb5faa2990dfc690dba7b361"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProdCatalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"providers"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"PDC"}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"*-prod*","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CatalogDataSource"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"includePatterns"}},{"kind":"Field","name":{"kind":"Name","value":"costPerTb"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"frequency"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProdCatalogQuery, ProdCatalogQueryVariables>;
export const QueueTransferDocument = {"__meta__":{"hash":"sha256:1feeb6ec57245c95dfac79e40d23d877da390d544ef2448a1b7da5c1bec25776"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"QueueTransfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queueDestinationTransfer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"RGVzdGluYXRpb246YjRkZDcxZDktYTg5OC00ZDM1LWJjMDItMTMzNDY5N2I2MWI3","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueueDestinationTransferSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queued"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transferId"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<QueueTransferMutation, QueueTransferMutationVariables>;
export const ReopenDocument = {"__meta__":{"hash":"sha256:b39a1faac21a35c49610b2d1dc0fb18a3ec8238f7c4bba28e8c77b8670a5cfa8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Reopen"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DataSource"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]} as unknown as DocumentNode<ReopenQuery, ReopenQueryVariables>;
export const StreamedListDocument = {"__meta__":{"hash":"sha256:f0604be49a24b38937fd4d1ce6886061e48fe9763aff1caa23e0e6556d3cc4ef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StreamedList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"stream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"initialCount"},"value":{"kind":"IntValue","value":"0"}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]} as unknown as DocumentNode<StreamedListQuery, StreamedListQueryVariables>;
export const WatchTransferDocument = {"__meta__":{"hash":"sha256:1f37e14d963f9f6cb18852435425f09d3de6a943c0607b0a051255cffa09a676"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WatchTransfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"destinationTransfer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"destinationId"},"value":{"kind":"StringValue","value":"RGVzdGluYXRpb246YjRkZDcxZDktYTg5OC00ZDM1LWJjMDItMTMzNDY5N2I2MWI3","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowsTransferred"}}]}}]}}]} as unknown as DocumentNode<WatchTransferSubscription, WatchTransferSubscriptionVariables>;
export const PageDocument = {"__meta__":{"hash":"sha256:168ce687523c37b677d7cadd94401d8e7dca9b7f3e1281a0fa68c7fad5b32363"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Page"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DataSourceFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<PageQuery, PageQueryVariables>;
export const FederationIdsDocument = {"__meta__":{"hash":"sha256:31a6ceef2af20412091ea0f0415f38e8e425c5c794f33fdb8dfafff2714cbc52"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FederationIds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"count"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"count"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"providers"},"value":{"kind":"ListValue","values":[{"kind":"Variable","name":{"kind":"Name","value":"provider"}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FederationIdsQuery, FederationIdsQueryVariables>;
export const IsolationDocument = {"__meta__":{"hash":"sha256:2ebba042e7551843c32e7f90a68705c26d24f00f37accaa037f381c3f2e9e0fc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Isolation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"order"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SortOrder"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riverGenDataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"sortBy"},"value":{"kind":"EnumValue","value":"NAME"}},{"kind":"Argument","name":{"kind":"Name","value":"sortOrder"},"value":{"kind":"Variable","name":{"kind":"Name","value":"order"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"providers"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"RIVERGEN"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RiverGenDataSource"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RiverGenDataSource"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}}]}}]}}]}}]} as unknown as DocumentNode<IsolationQuery, IsolationQueryVariables>;
export const EveryDataSourceIdDocument = {"__meta__":{"hash":"sha256:99999ccabbf3ae0dd6adb913d2bdb741e46b5bfb2f9ebed2b41d4e71a4e41794"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EveryDataSourceId"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EveryDataSourceIdQuery, EveryDataSourceIdQueryVariables>;
export const NodeByIdDocument = {"__meta__":{"hash":"sha256:4b874610b09419d48602f9c9eb24aec0269442f809541448b555d4ba5e1331f9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<NodeByIdQuery, NodeByIdQueryVariables>;
export const DataSourceByIdDocument = {"__meta__":{"hash":"sha256:5d0bfcb9a1dbd9b09ce8bb6d46010defb87753ee7cdc85082886d1bafcf2d461"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DataSourceById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DataSourceByIdQuery, DataSourceByIdQueryVariables>;
export const NodesByIdsDocument = {"__meta__":{"hash":"sha256:a641c84bde98adac47b2f859f94a5818527ad37afff25fcbc256d0bb4760e276"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodesByIds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<NodesByIdsQuery, NodesByIdsQueryVariables>;
export const MineDocument = {"__meta__":{"hash":"sha256:a6fe06afa50740e1ae0f7dd6f167a924e3441968dd8968dd99e40513ef754176"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Mine"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DataSource"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"catalogDataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MineQuery, MineQueryVariables>;
export const RenameDocument = {"__meta__":{"hash":"sha256:0fbc491cee8c7d14ca6c206a38cd098a1218b52d92f0dafde8513e607b09839d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Rename"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCatalogDataSourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCatalogDataSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCatalogDataSourceSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalogDataSource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RenameMutation, RenameMutationVariables>;
export const UpdateRiverGenDataSourceDocument = {"__meta__":{"hash":"sha256:181f916184305ed5649738b8b8d971b1a7c455410b60d9d40117bceb245faa31"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateRiverGenDataSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateRiverGenDataSourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateRiverGenDataSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateRiverGenDataSourceSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riverGenDataSource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdateRiverGenDataSourceMutation, UpdateRiverGenDataSourceMutationVariables>;
export const CreateRiverGenDataSourceDocument = {"__meta__":{"hash":"sha256:075da08984aa5f1263a5ca24f8f997951f9f12a49e8633a5e86084390b2da6b0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateRiverGenDataSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateRiverGenDataSourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRiverGenDataSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateRiverGenDataSourceSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riverGenDataSource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateRiverGenDataSourceMutation, CreateRiverGenDataSourceMutationVariables>;
export const OwnRiverGenIdsDocument = {"__meta__":{"hash":"sha256:26ffe9082be6957a3a5811c2739377f42d76ae92c4fcdd76d5dfad95398dd78a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OwnRiverGenIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riverGenDataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"sortBy"},"value":{"kind":"EnumValue","value":"ID"}},{"kind":"Argument","name":{"kind":"Name","value":"sortOrder"},"value":{"kind":"EnumValue","value":"ASC"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OwnRiverGenIdsQuery, OwnRiverGenIdsQueryVariables>;
export const NameOfNodeDocument = {"__meta__":{"hash":"sha256:34d033b4e445b5b2c8eedb9f8f260dae3b4e1193fb73ee28cc530e79c58ea087"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NameOfNode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DataSource"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<NameOfNodeQuery, NameOfNodeQueryVariables>;
export const RenameThenChangeAgainDocument = {"__meta__":{"hash":"sha256:467a67f0bc5a7eb0283016ef30480286e9f5babc2b4ebeacf2f286bed63db418"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenameThenChangeAgain"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"renamed"},"name":{"kind":"Name","value":"updateRiverGenDataSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"Renamed in place","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"after"},"name":{"kind":"Name","value":"updateRiverGenDataSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"description"},"value":{"kind":"StringValue","value":"Changed after the rename","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateRiverGenDataSourceSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riverGenDataSource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RenameThenChangeAgainMutation, RenameThenChangeAgainMutationVariables>;
export const StoreRiverGenPasswordDocument = {"__meta__":{"hash":"sha256:00c73ffaf3be6204cc1d9c86634a9fa5b58d2d03a274128b4b7f1f8877791dc4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StoreRiverGenPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateRiverGenCredentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"password"},"value":{"kind":"StringValue","value":"pw-never-shown-2","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"apiKey"},"value":{"kind":"NullValue"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<StoreRiverGenPasswordMutation, StoreRiverGenPasswordMutationVariables>;
export const TestRiverGenConnectionDocument = {"__meta__":{"hash":"sha256:0480ba2d222aa3a124e869694e82529c7bfce7ac26f7329a4e581d8c156a14ad"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestRiverGenConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testRiverGenDataSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TestRiverGenDataSourceSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionSuccessful"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TestRiverGenConnectionMutation, TestRiverGenConnectionMutationVariables>;
export const DeleteRiverGenSoftlyDocument = {"__meta__":{"hash":"sha256:cd9c5b60c735ea1418c12d89b4a97854bb511fd72241b8a6f8f68f066d343456"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteRiverGenSoftly"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteRiverGenDataSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteRiverGenDataSourceSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"permanent"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DeleteRiverGenSoftlyMutation, DeleteRiverGenSoftlyMutationVariables>;
export const DeleteRiverGenForGoodDocument = {"__meta__":{"hash":"sha256:08989de48ef1f33a93da75bf6b42b7275cdfa59156d858435f3f34c9352d2812"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteRiverGenForGood"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteRiverGenDataSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"force"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<DeleteRiverGenForGoodMutation, DeleteRiverGenForGoodMutationVariables>;
export const StitchingIdsDocument = {"__meta__":{"hash":"sha256:1ce5156bfe953da313d0856e81db604190eb6faa7a50ef14d50b26c68312a4b1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StitchingIds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"count"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"count"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"providers"},"value":{"kind":"ListValue","values":[{"kind":"Variable","name":{"kind":"Name","value":"provider"}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<StitchingIdsQuery, StitchingIdsQueryVariables>;