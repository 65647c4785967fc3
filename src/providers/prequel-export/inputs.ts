import {
  type InputMode,
  type InputValue,
  inputPathOf,
  tableInput,
  vendorBody,
  vendorConfigInput,
  vendorInputKey,
} from '../../gateway/inputs.js';
import { type FieldIssue, refuseIfAny } from '../../gateway/user-errors.js';
import { type FieldTable, field } from '../../gateway/vendor-config.js';
import { type DestinationCreate, type DestinationPatch, PREQUEL_EXPORT_PROVIDER } from './client.js';
import { destinationVendors } from './vendors.js';

/** Prequel's lists take at most this many distinct names. */
const MAX_ENABLED_MODELS = 200;
const MAX_PRODUCTS = 50;

/** A destination's own settings outside its vendor block, each with Prequel's limits. */
export const destinationFields: FieldTable = {
  name: field.string('name', 'A label for the destination, unique in the organisation.', {
    required: true,
    minLength: 1,
    maxLength: 255,
  }),
  recipientId: field.string(
    'recipient_id',
    'Id of the recipient (the provider’s customer) it belongs to; give this or idInProviderSystem.',
    { minLength: 1, maxLength: 64 },
  ),
  idInProviderSystem: field.string(
    'id_in_provider_system',
    "The recipient's id in the provider's own system, instead of recipientId (a new one is created).",
    { minLength: 1, maxLength: 255 },
  ),
  frequencyMinutes: field.int(
    'frequency_minutes',
    'Minutes between scheduled transfers; 0 means only when queued by hand (1440 when left out).',
    { allowed: [0, 15, 60, 360, 720, 1440] },
  ),
  enabledModels: field.string(
    'enabled_models',
    `Models it receives, at most ${MAX_ENABLED_MODELS} distinct names; \`*\` alone means every model of its products.`,
    { list: true, minLength: 1, maxLength: 255 },
  ),
  products: field.string(
    'products',
    `Products (named groups of models) it receives, at most ${MAX_PRODUCTS} distinct names.`,
    { list: true, minLength: 1, maxLength: 255 },
  ),
  isEnabled: field.boolean(
    'is_enabled',
    'False pauses scheduled transfers and refuses transfers queued by hand.',
  ),
  maxConcurrentTransfers: field.int(
    'max_concurrent_transfers',
    'Most transfers to it that may run at once.',
    { min: 1, max: 10 },
  ),
  maxConcurrentQueriesPerTransfer: field.int(
    'max_concurrent_queries_per_transfer',
    'Most queries one transfer may run against it at once.',
    { min: 1, max: 32 },
  ),
};

/** How many names each list field may hold. */
const listLimits: Readonly<Record<string, number>> = {
  enabledModels: MAX_ENABLED_MODELS,
  products: MAX_PRODUCTS,
};

/** What Prequel lets a caller change after creation: a subset of the table above. */
export const destinationPatchFields: FieldTable = Object.fromEntries(
  (
    [
      'name',
      'frequencyMinutes',
      'enabledModels',
      'maxConcurrentTransfers',
      'maxConcurrentQueriesPerTransfer',
      'isEnabled',
    ] as const
  ).flatMap((key) => {
    const spec = destinationFields[key];
    return spec ? [[key, spec]] : [];
  }),
);

const configInput = (mode: InputMode) =>
  vendorConfigInput(
    mode === 'create' ? 'DestinationConfigInput' : 'DestinationConfigPatchInput',
    mode === 'create'
      ? "A destination's vendor and its settings: exactly one vendor key."
      : "Changes to the destination's own vendor settings (its vendor key only); fields merge one by one.",
    destinationVendors,
    mode,
  );

export const CreateDestinationInput = tableInput(
  'CreateDestinationInput',
  'A new Prequel destination: its recipient (recipientId or idInProviderSystem), schedule, models and vendor settings.',
  destinationFields,
  'create',
  {
    config: {
      type: configInput('create'),
      required: true,
      description: 'The vendor and its settings; secrets are write-only.',
    },
  },
);

export const UpdateDestinationInput = tableInput(
  'UpdateDestinationInput',
  'Changes to a Prequel destination: only the fields given change; lists replace; Prequel takes no null.',
  destinationPatchFields,
  'patch',
  {
    config: {
      type: configInput('patch'),
      required: false,
      description: "Changes to its vendor settings, under its own vendor's key.",
    },
  },
);

/** Count and repeats of the list fields, which a field table does not describe. */
function listIssues(input: InputValue): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [key, max] of Object.entries(listLimits)) {
    const value = input[key];
    if (!Array.isArray(value)) continue;
    if (value.length > max) issues.push({ field: ['input', key], message: `must hold at most ${max} names` });
    else if (new Set(value).size !== value.length)
      issues.push({ field: ['input', key], message: 'must not name the same one twice' });
  }
  return issues;
}

/** Drops nulls at any depth: on create a null means "not given", and Prequel never takes one. */

/**
 * The create (or unsaved test) body, after every check: the table, the vendor's settings, list
 * sizes and the recipient (exactly one of its two ids; a test may name none).
 */
export function createBody(input: InputValue, purpose: 'create' | 'test'): DestinationCreate {
  const { issues, body } = vendorBody(destinationFields, destinationVendors, input, 'create');
  issues.push(...listIssues(input));
  const recipients = [input.recipientId, input.idInProviderSystem].filter((v) => v != null).length;
  if (recipients > 1 || (recipients === 0 && purpose === 'create')) {
    issues.push({ field: ['input'], message: 'must give exactly one of recipientId and idInProviderSystem' });
  }
  refuseIfAny(issues, PREQUEL_EXPORT_PROVIDER);
  // The checks above are the contract's own limits, so the body has DestinationCreate's shape.
  return body as unknown as DestinationCreate;
}

/** The PATCH body, after every check; any null is refused since Prequel cannot clear a field. */
export function patchBody(input: InputValue): DestinationPatch {
  const { issues, body } = vendorBody(destinationPatchFields, destinationVendors, input, 'patch');
  issues.push(...listIssues(input));
  refuseIfAny(issues, PREQUEL_EXPORT_PROVIDER);
  // Checked against the patch table and the vendor's fields: DestinationPatch's shape.
  return body as unknown as DestinationPatch;
}

/**
 * Where a field Prequel blames sits in the input: `destination.frequency_minutes` →
 * `input.frequencyMinutes`, `destination.postgres.port` → `input.config.postgres.port`.
 */
export function inputPathOfUpstream(upstream: string | undefined): string[] {
  if (!upstream) return ['input'];
  const parts = upstream.replaceAll(/\[(\d+)\]/g, '.$1').split('.');
  const [first, ...rest] = parts[0] === 'destination' ? parts.slice(1) : parts;
  if (first === undefined) return ['input'];
  if (first === 'vendor') return ['input', 'config'];
  const vendor = destinationVendors.find((spec) => spec.key === first);
  if (vendor) return ['input', 'config', vendorInputKey(vendor), ...inputPathOf(vendor.fields, rest)];
  return ['input', ...inputPathOf(destinationFields, [first, ...rest])];
}
