import type { Vendor } from '../../gateway/vendor.js';
import type { VendorSpec } from '../../gateway/vendor-config.js';
import { databaseVendors } from './vendors-databases.js';
import { fileVendors } from './vendors-files.js';
import { lakeVendors } from './vendors-lakes.js';
import { warehouseVendors } from './vendors-warehouses.js';

/** Every destination vendor, in the upstream's alphabetical order of keys. */
export const destinationVendors: readonly VendorSpec[] = [
  ...databaseVendors,
  ...warehouseVendors,
  ...lakeVendors,
  ...fileVendors,
].sort((a, b) => (a.key < b.key ? -1 : 1));

/** Prequel's `vendor` values and the unified vendor each one is. */
export const prequelExportVendors: Readonly<Record<string, Vendor>> = Object.fromEntries(
  destinationVendors.map((spec) => [spec.key, spec.vendor]),
);
