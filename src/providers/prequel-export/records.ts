import { type DataSourceRecord, toPort } from '../../gateway/records.js';
import { vendorFrom } from '../../gateway/vendor.js';
import type { VendorBlock } from '../../gateway/vendor-schema.js';
import { type Destination, PREQUEL_EXPORT_PROVIDER } from './client.js';
import { destinationVendors, prequelExportVendors } from './vendors.js';

export const DESTINATION = 'Destination';

/** A Prequel destination with the fields every data source shares worked out once. */
export interface DestinationRecord extends DataSourceRecord {
  readonly raw: Destination;
  /** The key of its vendor's settings block, e.g. `postgres`, in Prequel's spelling. */
  readonly vendorKey: string;
  /** That settings block, or an empty one. */
  readonly block: VendorBlock;
}

const keys = new Map(destinationVendors.map((spec) => [spec.key.toLowerCase(), spec.key]));

/**
 * The key of the destination's settings block: its `vendor`, matched to a known vendor whatever its
 * case; without a `vendor`, the block of a known vendor that is present.
 */
function vendorKeyOf(raw: Destination): string {
  const fields = raw as Readonly<Record<string, unknown>>;
  if (typeof fields.vendor === 'string') return keys.get(fields.vendor.toLowerCase()) ?? fields.vendor;
  return destinationVendors.find((spec) => isBlock(fields[spec.key]))?.key ?? '';
}

export function toDestinationRecord(raw: Destination): DestinationRecord {
  const vendorKey = vendorKeyOf(raw);
  const found: unknown = (raw as Readonly<Record<string, unknown>>)[vendorKey];
  const block = isBlock(found) ? found : {};
  const where = connectionBlock(vendorKey, block);
  return {
    typename: DESTINATION,
    provider: PREQUEL_EXPORT_PROVIDER,
    nativeId: raw.id,
    name: raw.name,
    vendor: vendorFrom(prequelExportVendors, vendorKey),
    rawVendor: typeof raw.vendor === 'string' ? raw.vendor : vendorKey,
    host: hostOf(text(where.host)),
    port: toPort(typeof where.port === 'number' || typeof where.port === 'string' ? where.port : null),
    // Tables land in `write_database`; the database connected to is the fallback.
    database:
      text(where.write_database) ??
      text(where.database) ??
      text(where.connection_database) ??
      text(where.catalog) ??
      text(where.project_id),
    schema: text(where.schema) ?? text(where.dataset) ?? text(where.namespace),
    createdAt: raw.created_at ?? null,
    updatedAt: raw.updated_at ?? null,
    status: null,
    raw,
    vendorKey,
    block,
  };
}

/** Iceberg keeps its database and schema inside whichever catalog block is set. */
function connectionBlock(vendor: string, block: VendorBlock): VendorBlock {
  if (vendor !== 'iceberg') return block;
  const catalog = Object.entries(block).find(([key, value]) => key.startsWith('catalog_') && isBlock(value));
  return catalog ? (catalog[1] as VendorBlock) : {};
}

/** Google Sheets sends the spreadsheet's URL as its host; the DataSource host is the host name. */
function hostOf(value: string | null): string | null {
  if (value === null || !value.includes('://')) return value;
  try {
    return new URL(value).hostname;
  } catch {
    return value;
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function isBlock(value: unknown): value is VendorBlock {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
