import { fieldSegments, inputPathOf } from '../../gateway/inputs.js';
import { placedField } from '../../gateway/user-errors.js';
import type { FieldTable } from '../../gateway/vendor-config.js';
import { inputPathText, UNNAMED_INPUT_FIELD } from '../../gateway/wording.js';
import type { PdcCreateFailure } from './client.js';
import { pdcProvider } from './definition.js';
import { pdcMessageParts } from './describe-error.js';
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
function itemPath(index: number, field: string | undefined): string[] {
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

/** One item of a create batch that PDC did not create, as the gateway tells it. */
export interface CreateFailure {
  index: number;
  resourceName: string;
  message: string;
  field: string[] | null;
}

/**
 * An item PDC did not create, while it created others. PDC's reason may quote what the item holds:
 * it is read only for the field it names, and the message says that PDC refused that field.
 */
export function createFailure(failure: PdcCreateFailure): CreateFailure {
  const named = pdcMessageParts(failure.message).find((part) => part.field)?.field;
  const inItem = (field: string | undefined) => itemPath(failure.index, field);
  const placed = named === undefined ? undefined : placedField(named, inItem);
  const refused = placed ? inputPathText(placed) : UNNAMED_INPUT_FIELD;
  return {
    index: failure.index,
    resourceName: failure.resourceName,
    message: `${pdcProvider.label} did not create it${named === undefined ? '' : `: it refused ${refused}`}`,
    field: named === undefined ? null : inItem(named),
  };
}
