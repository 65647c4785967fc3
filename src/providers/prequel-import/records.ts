import { type DataSourceRecord, toPort } from '../../gateway/records.js';
import type { VendorBlock } from '../../gateway/vendor-schema.js';
import type { ImportSource } from './client.js';
import { importVendors } from './vendors.js';

export const IMPORT_SOURCE = 'ImportSource';

export interface ImportSourceRecord extends DataSourceRecord {
  readonly raw: ImportSource;
  /** The key of the source's settings block, e.g. `postgres`; empty when it has none. */
  readonly vendorKey: string;
  /** The settings block of the source's vendor. */
  readonly block: VendorBlock;
}

const byKey = new Map(importVendors.map((spec) => [spec.key, spec]));
/** Fields every source has: any other object-valued field is a settings block. */
const COMMON = new Set(['id', 'provider_id', 'name', 'vendor', 'is_reachable', 'created_at', 'updated_at']);

export function toImportSourceRecord(raw: ImportSource): ImportSourceRecord {
  const fields = raw as unknown as Readonly<Record<string, unknown>>;
  const vendorKey = vendorKeyOf(fields);
  const found = fields[vendorKey];
  const block = isBlock(found) ? found : {};
  const text = (key: string) => (typeof block[key] === 'string' ? (block[key] as string) : null);
  return {
    typename: IMPORT_SOURCE,
    provider: 'prequel-import',
    nativeId: raw.id,
    name: raw.name,
    vendor: byKey.get(vendorKey)?.vendor ?? 'OTHER',
    rawVendor: typeof raw.vendor === 'string' ? raw.vendor : vendorKey,
    host: text('host'),
    port: toPort(typeof block.port === 'number' || typeof block.port === 'string' ? block.port : null),
    database: text('database') ?? text('project_id'),
    schema: text('schema'),
    createdAt: raw.created_at ?? null,
    updatedAt: raw.updated_at ?? null,
    status: null,
    raw,
    vendorKey,
    block,
  };
}

/**
 * The key of the source's settings block. The documented source names its vendor only by that
 * block; a `vendor` field, where an upstream sends one, names it too (in any case).
 */
function vendorKeyOf(fields: Readonly<Record<string, unknown>>): string {
  const blocks = blockKeys(fields);
  if (typeof fields.vendor === 'string') {
    const lower = fields.vendor.toLowerCase();
    const named = byKey.has(lower) ? lower : fields.vendor;
    if (blocks.length === 0 || blocks.includes(named)) return named;
  }
  // A known vendor's block first, in the docs' order; else the first block of a vendor unknown here.
  return importVendors.find((spec) => blocks.includes(spec.key))?.key ?? blocks[0] ?? '';
}

function blockKeys(fields: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(fields).filter((key) => !COMMON.has(key) && isBlock(fields[key]));
}

function isBlock(value: unknown): value is VendorBlock {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
