import { type FieldTable, field } from '../../gateway/vendor-config.js';
import { pdcVendors } from './vendors.js';

/** What both creating and patching a catalog data source take, each field described once. */
const settings: FieldTable = {
  description: field.string('description', 'Free text shown in the catalog.'),
  note: field.string('note', 'A short operator note.'),
  host: field.string('host', 'Host name or IP address of the server.'),
  // PDC keeps the port as a string of digits; the input is an Int and is sent as that string (see toPdcBody).
  port: field.port('port', 'TCP port of the server (PDC stores it as a string of digits).'),
  uri: field.string(
    'uri',
    'Full connection URI (JDBC URL, s3:// or https:// address), used instead of separate fields.',
  ),
  databaseName: field.string('databaseName', 'Database (or Oracle service) to connect to.'),
  warehouse: field.string('warehouse', 'Compute warehouse to use, for systems that have one.'),
  driverClassName: field.string('driverClassName', 'JDBC driver class used to connect.'),
  path: field.string('path', 'Bucket or container and prefix scanned, for object stores.'),
  region: field.string('region', 'Cloud region, e.g. us-east-1.'),
  affinityId: field.string('affinityId', 'Worker group that must process this data source.'),
  userName: field.string('userName', 'User the catalog connects as.'),
  password: field.secret('password', 'Password of userName.'),
  accessId: field.string('accessId', 'Access key id, for object stores.'),
  secretKey: field.secret('secretKey', 'Secret access key paired with accessId.'),
  secretManagerKey: field.secret('secretManagerKey', 'Key of the credentials in an external secret manager.'),
  accountName: field.string('accountName', 'Azure storage account name.'),
  azureSharedKey: field.secret('azureSharedKey', 'Azure storage account shared key.'),
  azureTenantId: field.string('azureTenantId', 'Azure Active Directory tenant id.'),
  role: field.string('role', 'Database or cloud role assumed after connecting.'),
  includePatterns: field.string(
    'includePatterns',
    'Resource patterns the scans include (e.g. sales/*); [] for none.',
    { list: true },
  ),
  excludePatterns: field.string('excludePatterns', 'Resource patterns the scans skip; [] for none.', {
    list: true,
  }),
  scanSinceTimeframe: field.string(
    'scanSinceTimeframe',
    'How far back scans look, as an ISO 8601 duration such as P30D.',
  ),
  incremental: field.boolean('incremental', 'Scans pick up only what changed since the last one.'),
  availableForMigration: field.boolean('availableForMigration', 'It may be a migration target.'),
  availableForWriting: field.boolean('availableForWriting', 'The catalog may write into it.'),
  availableForDataMastering: field.boolean('availableForDataMastering', 'It takes part in data mastering.'),
  totalCapacity: field.float('totalCapacity', 'Storage capacity, in terabytes.'),
};

// PDC documents the period's values and configMethod's; no other limit, so PDC judges the rest.
const costPerTb: FieldTable = {
  price: field.float('price', 'Price of one terabyte for one period, in currency.', { required: true }),
  currency: field.string('currency', 'Currency code, e.g. USD.', { required: true }),
  frequency: field.string('frequency', 'The period the price is for.', {
    required: true,
    allowed: ['month', 'day', 'week', 'year'],
  }),
};

const location: FieldTable = {
  country: field.string('country', 'Country code, e.g. DE.', { required: true }),
  city: field.string('city', 'City or metro area of the data centre.', { required: true }),
  latitude: field.float('latitude', 'Latitude in decimal degrees.'),
  longitude: field.float('longitude', 'Longitude in decimal degrees.'),
};

/** A new catalog data source: PDC's DataSourceCreate. Name and type are fixed once created. */
export const pdcCreateFields: FieldTable = {
  resourceName: field.string('resourceName', 'Unique name in the catalog; cannot change later.', {
    required: true,
  }),
  databaseType: field.string(
    'databaseType',
    `The kind of system, e.g. ${Object.keys(pdcVendors).join(', ')}; cannot change later.`,
    { required: true },
  ),
  status: field.string('status', 'Lifecycle state; ACTIVE when not given.'),
  configMethod: field.string(
    'configMethod',
    'How the connection is described: by separate fields or one uri.',
    {
      allowed: ['credentials', 'uri'],
    },
  ),
  ...settings,
  costPerTb: field.group('costPerTb', 'CatalogCostPerTb', 'What one terabyte stored in it costs.', costPerTb),
  location: field.group('location', 'CatalogLocation', 'Where its data physically lives.', location),
};

/**
 * What PDC's PATCH takes (DataSourcePatch). Its docs say scalars overwrite and lists replace but
 * nothing about null, and no field is nullable in its schema, so no field is clearable.
 */
export const pdcPatchFields: FieldTable = {
  ...settings,
  lastTestConnectionId: field.string('lastTestConnectionId', 'Id of the latest connection test job.'),
  lastIngestId: field.string('lastIngestId', 'Id of the latest ingest (scan) job.'),
};

/** PDC's request body from toUpstream's: the port, an Int in the input, goes as the string of digits PDC keeps. */
export function toPdcBody(body: Record<string, unknown>): Record<string, unknown> {
  return typeof body.port === 'number' ? { ...body, port: String(body.port) } : body;
}
