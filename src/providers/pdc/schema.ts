import { builder } from '../../gateway/builder.js';
import { countedConnection, pageOne } from '../../gateway/connections.js';
import { dataSourceNode } from '../../gateway/data-source-node.js';
import { DataSourceStatus, rawStatusOf, statusOf } from '../../gateway/enums.js';
import { primeLoaders } from '../../gateway/node-loaders.js';
import type { PdcDataSource } from './client.js';
import { pdcProvider } from './definition.js';
import { CATALOG_DATA_SOURCE, type CatalogDataSourceRecord, isObjectId } from './records.js';
import { EVERY_DATA_SOURCE } from './runtime.js';

type Cost = NonNullable<PdcDataSource['costPerTb']>;
type Location = NonNullable<PdcDataSource['location']>;

const CostPerTb = builder.objectRef<Cost>('CatalogCostPerTb').implement({
  description: 'What one terabyte stored in a catalog data source costs.',
  fields: (t) => ({
    price: t.exposeFloat('price', { description: 'Price of one terabyte for one period, in `currency`.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code, e.g. USD.' }),
    frequency: t.exposeString('frequency', {
      description: 'The period the price is for: month, day, week or year.',
    }),
  }),
});

const Location = builder.objectRef<Location>('CatalogLocation').implement({
  description: 'Where the data of a catalog data source physically lives.',
  fields: (t) => ({
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 country code.' }),
    city: t.exposeString('city', { description: 'City or metro area of the data centre.' }),
    latitude: t.exposeFloat('latitude', { nullable: true, description: 'Latitude in decimal degrees.' }),
    longitude: t.exposeFloat('longitude', { nullable: true, description: 'Longitude in decimal degrees.' }),
  }),
});

export const CatalogDataSource = dataSourceNode<CatalogDataSourceRecord>(CATALOG_DATA_SOURCE, {
  description:
    'A data source registered in Pentaho Data Catalog. `name` is its resourceName, `rawVendor` its databaseType.',
  load: (ids, context) => context.session(pdcProvider).loadByIds(ids),
  isNativeId: isObjectId,
});

builder.objectFields(CatalogDataSource, (t) => {
  const optional = (key: keyof PdcDataSource & string, description: string) =>
    t.string({ nullable: true, description, resolve: (r) => (r.raw[key] as string | undefined) ?? null });
  // The docs promise none of these: one PDC leaves out is null (a list, empty), not a failed field.
  const flag = (
    key: 'incremental' | 'availableForMigration' | 'availableForWriting' | 'availableForDataMastering',
    description: string,
  ) =>
    t.boolean({
      nullable: true,
      description: `${description} Null when PDC does not say.`,
      resolve: (r) => (typeof r.raw[key] === 'boolean' ? r.raw[key] : null),
    });
  const patterns = (key: 'includePatterns' | 'excludePatterns', description: string) =>
    t.stringList({
      description,
      resolve: (r) => (Array.isArray(r.raw[key]) ? r.raw[key].filter((p) => typeof p === 'string') : []),
    });
  return {
    description: optional('description', 'Free text shown in the catalog.'),
    note: optional('note', 'A short operator note.'),
    status: t.field({
      type: DataSourceStatus,
      nullable: true,
      description:
        'Lifecycle state in the catalog, e.g. ACTIVE or INACTIVE (OTHER for a state unknown here); null when PDC does not say.',
      resolve: (r) => statusOf(r.raw.status),
    }),
    rawStatus: t.string({
      nullable: true,
      description: 'Lifecycle state as PDC spelt it (e.g. `ACTIVE`); null when PDC does not say.',
      resolve: (r) => rawStatusOf(r.raw.status),
    }),
    portText: t.string({
      nullable: true,
      description:
        'The port as PDC keeps it, a string: also when it is not a port number, where `port` is null.',
      resolve: (r) =>
        typeof r.raw.port === 'string' || typeof r.raw.port === 'number' ? String(r.raw.port) : null,
    }),
    uri: optional(
      'uri',
      'Full connection URI, when the data source is described by one (`configMethod` uri).',
    ),
    warehouse: optional('warehouse', 'Compute warehouse to use, for systems that have one.'),
    driverClassName: optional('driverClassName', 'JDBC driver class used to connect.'),
    path: optional('path', 'Bucket or container and prefix scanned, for object stores.'),
    region: optional('region', 'Cloud region, e.g. us-east-1.'),
    affinityId: optional('affinityId', 'Worker group that must process this data source.'),
    configMethod: optional(
      'configMethod',
      'How the connection is described: `credentials` (separate fields) or `uri`.',
    ),
    userName: optional('userName', 'User the catalog connects as.'),
    accessId: optional('accessId', 'Access key id for object stores; the secret key is write-only.'),
    accountName: optional('accountName', 'Azure storage account name.'),
    azureTenantId: optional('azureTenantId', 'Azure Active Directory tenant id.'),
    role: optional('role', 'Database or cloud role assumed after connecting.'),
    includePatterns: patterns('includePatterns', 'Resource patterns the scans include.'),
    excludePatterns: patterns('excludePatterns', 'Resource patterns the scans skip.'),
    scanSinceTimeframe: optional(
      'scanSinceTimeframe',
      'How far back scans look, as an ISO 8601 duration such as P30D.',
    ),
    incremental: flag('incremental', 'Whether scans only pick up what changed since the last one.'),
    availableForMigration: flag('availableForMigration', 'Whether it may be a migration target.'),
    availableForWriting: flag('availableForWriting', 'Whether the catalog may write into it.'),
    availableForDataMastering: flag('availableForDataMastering', 'Whether it takes part in data mastering.'),
    totalCapacity: t.float({
      nullable: true,
      description: 'Storage capacity, in terabytes.',
      resolve: (r) => r.raw.totalCapacity ?? null,
    }),
    costPerTb: t.field({
      type: CostPerTb,
      nullable: true,
      description: 'Storage cost.',
      resolve: (r) => r.raw.costPerTb ?? null,
    }),
    location: t.field({
      type: Location,
      nullable: true,
      description: 'Where the data lives.',
      resolve: (r) => r.raw.location ?? null,
    }),
    lastTestConnectionId: optional('lastTestConnectionId', 'Id of the latest connection test job.'),
    lastIngestId: optional('lastIngestId', 'Id of the latest ingest (scan) job.'),
  };
});

const CatalogDataSourceConnection = countedConnection('CatalogDataSourceConnection', CatalogDataSource, {
  description: 'A page of Pentaho Data Catalog data sources.',
  item: 'catalog data source',
  items: 'Pentaho Data Catalog data sources',
});

builder.queryFields((t) => ({
  catalogDataSources: t.field({
    type: CatalogDataSourceConnection,
    description:
      "Pentaho Data Catalog's own listing, with its own filters (all given ones must match). Without a filter it lists everything.",
    args: {
      ...t.arg.connectionArgs(),
      ids: t.arg.stringList({
        required: false,
        description:
          'Only these native ids: 24-hex ObjectIds, checked before sending (PDC answers any other with a 500).',
      }),
      resourceNames: t.arg.stringList({
        required: false,
        description: 'Names, case-sensitive, with `*` wildcards as PDC reads them: `x`, `x*`, `*x`, `*x*`.',
      }),
      databaseTypes: t.arg.stringList({
        required: false,
        description:
          'Database types (AWS, POSTGRES, MYSQL, MSSQL, ORACLE, AZURE_BLOB_STORAGE), with the same wildcards.',
      }),
    },
    resolve: async (_root, args, context, info) => {
      const session = context.session(pdcProvider);
      const given = {
        ...(args.ids ? { ids: args.ids } : {}),
        ...(args.resourceNames ? { resourceNames: args.resourceNames } : {}),
        ...(args.databaseTypes ? { databaseTypes: args.databaseTypes } : {}),
      };
      // PDC needs at least one filter: none given means every data source.
      const filters = Object.keys(given).length > 0 ? given : EVERY_DATA_SOURCE;
      const page = await pageOne(
        {
          key: 'pdc',
          list: (window) => session.filterPage(filters, window),
          count: () => session.filterCount(filters),
        },
        args,
        context,
        info,
        'catalogDataSources',
        filters,
      );
      primeLoaders(
        context,
        page.edges.map((edge) => edge.node),
      );
      return page;
    },
  }),
}));
