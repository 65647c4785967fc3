import { statusOf } from '../../gateway/enums.js';
import { type DataSourceRecord, toPort } from '../../gateway/records.js';
import { vendorFrom } from '../../gateway/vendor.js';
import type { RiverGenDataSource, RiverGenDataSourceSummary } from './client.js';
import { riverGenVendors } from './vendors.js';

export const RIVERGEN_DATA_SOURCE = 'RiverGenDataSource';

/** A RiverGen data source: complete from a GET, or the summary a list returns. */
export type RiverGenRecord = DataSourceRecord &
  (
    | { readonly complete: true; readonly raw: RiverGenDataSource }
    | { readonly complete: false; readonly raw: RiverGenDataSourceSummary }
  );

export function toRiverGenRecord(
  raw: RiverGenDataSource | RiverGenDataSourceSummary,
  complete: boolean,
): RiverGenRecord {
  const full = raw as Partial<RiverGenDataSource>;
  const shared = {
    typename: RIVERGEN_DATA_SOURCE,
    provider: 'rivergen',
    nativeId: String(raw.id),
    name: raw.name,
    vendor: vendorFrom(riverGenVendors, raw.type),
    rawVendor: raw.type,
    host: raw.host ?? null,
    port: toPort(raw.port),
    database: raw.database_name ?? null,
    schema: full.schema_name ?? null,
    createdAt: raw.created_at ?? null,
    updatedAt: raw.updated_at ?? null,
    status: statusOf(raw.status),
  };
  // The spread comes last. On Node 20 (V8 11.3), a literal that opens with a spread and then adds
  // properties gets a hidden class of its own per object, which outlives young-generation GC:
  // every record of a list was promoted to the old generation.
  return complete
    ? { complete: true, raw: raw as RiverGenDataSource, ...shared }
    : { complete: false, raw: raw as RiverGenDataSourceSummary, ...shared };
}

/** RiverGen ids are positive integers. */
export function riverGenId(id: string): number | undefined {
  return /^[1-9]\d{0,15}$/.test(id) ? Number(id) : undefined;
}
