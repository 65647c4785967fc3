import { inputPathOf } from '../../gateway/inputs.js';
import { isUpstreamError } from '../../gateway/upstream/index.js';
import { asUserError, type FieldIssue, InvalidInputError } from '../../gateway/user-errors.js';
import type { FieldTable } from '../../gateway/vendor-config.js';
import { pdcMessageParts } from './describe-error.js';
import { pdcCreateFields, pdcPatchFields } from './inputs.js';

/** Segments of a field PDC names: `[2].costPerTb.currency` → `2`, `costPerTb`, `currency`. */
function segments(field: string): string[] {
  return field.split(/[.[\]]/).filter((s) => s !== '');
}

/** The input path of PDC's field names inside one input object (`body` is what it calls the object itself). */
function withinInput(table: FieldTable, names: readonly string[]): string[] {
  return names[0] === 'body' ? [] : inputPathOf(table, names);
}

/** Where a field PDC blamed sits in `updateCatalogDataSource(input:)`. */
export function patchPath(field: string | undefined): string[] {
  return ['input', ...(field ? withinInput(pdcPatchFields, segments(field)) : [])];
}

/** Where a field of item `index` of `createCatalogDataSources(inputs:)` sits. */
export function itemPath(index: number, field: string | undefined): string[] {
  return ['inputs', String(index), ...(field ? withinInput(pdcCreateFields, segments(field)) : [])];
}

/**
 * Where a field PDC blamed in a create sits: an array answer names items as `[i].field`; the answer
 * to one object sent names only the field, which is then item 0.
 */
export function createPath(field: string | undefined): string[] {
  if (!field) return ['inputs'];
  const [head, ...rest] = segments(field);
  if (head !== undefined && /^\d+$/.test(head)) return itemPath(Number(head), rest.join('.'));
  return itemPath(0, field);
}

/**
 * PDC's refusal as a user error. A 400 lists its problems (a string, an array or an object from
 * field to reason): each becomes one issue on its input path. Other statuses go to asUserError.
 */
export function refused(error: unknown, path: (field: string | undefined) => string[]): never {
  if (isUpstreamError(error) && error.kind === 'http' && error.status === 400 && error.upstreamMessage) {
    const issues: FieldIssue[] = pdcMessageParts(error.upstreamMessage).map((part) => ({
      field: path(part.field),
      message: part.text,
    }));
    throw new InvalidInputError(issues, error.provider);
  }
  return asUserError(error, path);
}
