import { statusOf } from '../../gateway/enums.js';
import { type DataSourceRecord, toPort } from '../../gateway/records.js';
import { vendorFrom } from '../../gateway/vendor.js';
import type { PdcDataSource } from './client.js';
import { pdcVendors } from './vendors.js';

export const CATALOG_DATA_SOURCE = 'CatalogDataSource';

/** A PDC data source with the fields every data source shares worked out once. */
export interface CatalogDataSourceRecord extends DataSourceRecord {
  readonly raw: PdcDataSource;
}

export function toCatalogRecord(raw: PdcDataSource): CatalogDataSourceRecord {
  return {
    typename: CATALOG_DATA_SOURCE,
    provider: 'pdc',
    nativeId: raw._id,
    name: raw.resourceName,
    vendor: vendorFrom(pdcVendors, raw.databaseType),
    rawVendor: raw.databaseType,
    host: raw.host ?? null,
    port: toPort(raw.port),
    database: raw.databaseName ?? null,
    schema: null,
    createdAt: raw.date ?? null,
    updatedAt: null,
    status: statusOf(raw.status),
    raw,
  };
}

/** PDC ids are MongoDB ObjectIds; anything else makes the real service fail with a 500. */
export function isObjectId(id: string): boolean {
  return /^[0-9a-f]{24}$/i.test(id);
}
