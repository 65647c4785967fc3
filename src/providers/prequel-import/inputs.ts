import {
  fieldSegments,
  type InputValue,
  inputPathOf,
  tableInput,
  vendorBody,
  vendorConfigInput,
  vendorInputKey,
} from '../../gateway/inputs.js';
import { refuseIfAny } from '../../gateway/user-errors.js';
import { type FieldTable, field } from '../../gateway/vendor-config.js';
import { type ImportSourceCreate, type ImportSourcePatch, PREQUEL_IMPORT_PROVIDER } from './client.js';
import { importVendors } from './vendors.js';

/** What Prequel lets a caller change on a source besides its vendor settings. */
export const importSourcePatchFields: FieldTable = {
  name: field.string('name', 'Its name, unique within its provider.', { required: true }),
};

/** Creating also fixes the provider the source belongs to. */
export const importSourceCreateFields: FieldTable = {
  ...importSourcePatchFields,
  providerId: field.string('provider_id', 'Id of the provider (your customer) the source belongs to.', {
    required: true,
  }),
};

const ConfigInput = vendorConfigInput(
  'ImportSourceConfigInput',
  "A new import source's settings: exactly one vendor, with its credentials.",
  importVendors,
  'create',
);
const ConfigPatchInput = vendorConfigInput(
  'ImportSourceConfigPatchInput',
  "Changes to an import source's settings: only its own vendor's key; fields merge one by one.",
  importVendors,
  'patch',
);

export const CreateImportSourceInput = tableInput(
  'CreateImportSourceInput',
  'A new Prequel import source (also what `testImportSource` tests without saving).',
  importSourceCreateFields,
  'create',
  { config: { type: ConfigInput, required: true, description: 'Its vendor and that vendor’s settings.' } },
);

export const UpdateImportSourceInput = tableInput(
  'UpdateImportSourceInput',
  'Changes to a Prequel import source: only the fields given are sent; null is refused (Prequel clears nothing).',
  importSourcePatchFields,
  'patch',
  {
    config: {
      type: ConfigPatchInput,
      required: false,
      description: 'Changes to its settings, under its own vendor’s key (leave it out to keep them).',
    },
  },
);

/** A create input checked (required fields, vendor), as its request body; a null is the same as left out. */
export function createBody(input: InputValue): ImportSourceCreate {
  const { issues, body } = vendorBody(importSourceCreateFields, importVendors, input, 'create');
  refuseIfAny(issues, PREQUEL_IMPORT_PROVIDER);
  return body as ImportSourceCreate;
}

/**
 * A patch input checked (no null anywhere), as its body. Settings under another vendor's key than
 * the source's are sent too: Prequel decides, and its refusal lands on that key.
 */
export function patchBody(input: InputValue): ImportSourcePatch {
  const { issues, body } = vendorBody(importSourcePatchFields, importVendors, input, 'patch');
  refuseIfAny(issues, PREQUEL_IMPORT_PROVIDER);
  return body as ImportSourcePatch;
}

/** Where a field Prequel names (`source.postgres.port`, `source.name`) sits in the mutation's input. */
export function inputFieldOf(upstream: string | undefined): string[] {
  const [root, head, ...rest] = fieldSegments(upstream ?? '');
  if (root === 'id' && head === undefined) return ['id'];
  if (root !== 'source' || head === undefined) return ['input'];
  if (head === 'vendor') return ['input', 'config'];
  const vendor = importVendors.find((spec) => spec.key === head);
  if (vendor) return ['input', 'config', vendorInputKey(vendor), ...inputPathOf(vendor.fields, rest)];
  return ['input', ...inputPathOf(importSourceCreateFields, [head, ...rest])];
}
