import type { Vendor } from '../../gateway/vendor.js';

/** PDC's `databaseType` values and the vendor each one is. `AWS` covers S3 and S3-compatible stores. */
export const pdcVendors: Readonly<Record<string, Vendor>> = {
  AWS: 'S3',
  POSTGRES: 'POSTGRES',
  MYSQL: 'MYSQL',
  MSSQL: 'SQL_SERVER',
  ORACLE: 'ORACLE',
  AZURE_BLOB_STORAGE: 'AZURE_BLOB_STORAGE',
};

/** The `databaseType` values that are one of these vendors; OTHER cannot be asked of PDC directly. */
export function databaseTypesFor(vendors: readonly Vendor[]): string[] {
  return Object.entries(pdcVendors)
    .filter(([, vendor]) => vendors.includes(vendor))
    .map(([databaseType]) => databaseType);
}
