import { type DataSourceRecord, toDate, toPort } from '../../gateway/records.js';
import type { VendorBlock } from '../../gateway/vendor-schema.js';
import type { ImportSource } from './client.js';
import { importVendors } from './vendors.js';

export const IMPORT_SOURCE = 'ImportSource';

export interface ImportSourceRecord extends DataSourceRecord {
  readonly raw: ImportSource;
  /** The settings block of the source's vendor. */
  readonly block: VendorBlock;
}

const byKey = new Map(importVendors.map((spec) => [spec.key, spec]));

export function toImportSourceRecord(raw: ImportSource): ImportSourceRecord {
  const block = ((raw as unknown as Record<string, unknown>)[raw.vendor] ?? {}) as VendorBlock;
  const text = (key: string) => (typeof block[key] === 'string' ? (block[key] as string) : null);
  return {
    typename: IMPORT_SOURCE,
    provider: 'prequel-import',
    nativeId: raw.id,
    name: raw.name,
    vendor: byKey.get(raw.vendor)?.vendor ?? 'OTHER',
    rawVendor: raw.vendor,
    host: text('host'),
    port: toPort(block.port as number | undefined),
    database: text('database') ?? text('project_id'),
    schema: text('schema'),
    createdAt: toDate(raw.created_at),
    updatedAt: toDate(raw.updated_at),
    raw,
    block,
  };
}
