import { fieldSegments, inputPathOf } from '../../gateway/inputs.js';
import type { FieldTable } from '../../gateway/vendor-config.js';
import { pdcCreateFields, pdcPatchFields } from './inputs.js';

/** The input path of PDC's field names inside one input object (`body` is what it calls the object itself). */
function withinInput(table: FieldTable, names: readonly string[]): string[] {
  return names[0] === 'body' ? [] : inputPathOf(table, names);
}

/** Where a field PDC blamed sits in `updateCatalogDataSource(input:)`. */
export function patchPath(field: string | undefined): string[] {
  return ['input', ...(field ? withinInput(pdcPatchFields, fieldSegments(field)) : [])];
}

/** Where a field of item `index` of `createCatalogDataSources(inputs:)` sits. */
export function itemPath(index: number, field: string | undefined): string[] {
  return ['inputs', String(index), ...(field ? withinInput(pdcCreateFields, fieldSegments(field)) : [])];
}

/**
 * Where a field PDC blamed in a create sits: an array answer names items as `[i].field`; the answer
 * to one object sent names only the field, which is then item 0.
 */
export function createPath(field: string | undefined): string[] {
  if (!field) return ['inputs'];
  const [head, ...rest] = fieldSegments(field);
  if (head !== undefined && /^\d+$/.test(head)) return itemPath(Number(head), rest.join('.'));
  return itemPath(0, field);
}
