import {
  fieldSegments,
  type InputMode,
  type InputValue,
  inputPathOf,
  tableInput,
  vendorBody,
  vendorConfigInput,
  vendorInputKey,
} from '../../gateway/inputs.js';
import { refuseIfAny } from '../../gateway/user-errors.js';
import { type FieldTable, field } from '../../gateway/vendor-config.js';
import { type DestinationCreate, type DestinationPatch, PREQUEL_EXPORT_PROVIDER } from './client.js';
import { destinationVendors } from './vendors.js';

/**
 * A destination's own settings outside its vendor block. Prequel documents one limit on them, the
 * values of `frequency_minutes`, which is checked before sending; it judges everything else itself.
 */
export const destinationFields: FieldTable = {
  name: field.string('name', 'A label for the destination, unique in the organisation.', { required: true }),
  recipientId: field.string(
    'recipient_id',
    'Id of the recipient (the provider’s customer) it belongs to; give this or idInProviderSystem.',
  ),
  idInProviderSystem: field.string(
    'id_in_provider_system',
    "The recipient's id in the provider's own system, instead of recipientId (a new one is created).",
  ),
  frequencyMinutes: field.int(
    'frequency_minutes',
    'Minutes between scheduled transfers; 0 means only when queued by hand (1440 when left out).',
    { allowed: [0, 15, 60, 360, 720, 1440] },
  ),
  enabledModels: field.string(
    'enabled_models',
    'Models it receives; `*` alone means every model of its products.',
    { list: true },
  ),
  products: field.string('products', 'Products (named groups of models) it receives.', { list: true }),
  isEnabled: field.boolean(
    'is_enabled',
    'False pauses scheduled transfers and refuses transfers queued by hand.',
  ),
  maxConcurrentTransfers: field.int('max_concurrent_transfers', 'Most transfers to it that may run at once.'),
  maxConcurrentQueriesPerTransfer: field.int(
    'max_concurrent_queries_per_transfer',
    'Most queries one transfer may run against it at once.',
  ),
};

/** What Prequel lets a caller change after creation (its update page): most of the above, and the machine type. */
export const destinationPatchFields: FieldTable = {
  ...Object.fromEntries(
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
  ),
  machineTypeId: field.string(
    'machine_type_id',
    "Id of the machine type that runs the destination's transfers; Prequel does not show it back.",
    { writeOnly: true },
  ),
};

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

/**
 * The create (or unsaved test) body, after every check: the table, the vendor's settings and, to
 * create, a recipient (the create body names `recipient_id` or `id_in_provider_system`; a test may
 * name none). Whether both may be given is Prequel's to say.
 */
export function createBody(input: InputValue, purpose: 'create' | 'test'): DestinationCreate {
  const { issues, body } = vendorBody(destinationFields, destinationVendors, input, 'create');
  if (purpose === 'create' && input.recipientId == null && input.idInProviderSystem == null) {
    issues.push({ field: ['input'], message: 'must give recipientId or idInProviderSystem' });
  }
  refuseIfAny(issues, PREQUEL_EXPORT_PROVIDER);
  // Checked against the tables, which have DestinationCreate's keys.
  return body as unknown as DestinationCreate;
}

/** The PATCH body, after every check; any null is refused since Prequel cannot clear a field. */
export function patchBody(input: InputValue): DestinationPatch {
  const { issues, body } = vendorBody(destinationPatchFields, destinationVendors, input, 'patch');
  refuseIfAny(issues, PREQUEL_EXPORT_PROVIDER);
  // Checked against the patch table and the vendor's fields: DestinationPatch's shape.
  return body as unknown as DestinationPatch;
}

const everyDestinationField: FieldTable = { ...destinationFields, ...destinationPatchFields };

/**
 * Where a field Prequel blames sits in the input: `destination.frequency_minutes` →
 * `input.frequencyMinutes`, `destination.postgres.port` → `input.config.postgres.port`.
 */
export function inputPathOfUpstream(upstream: string | undefined): string[] {
  if (!upstream) return ['input'];
  const parts = fieldSegments(upstream);
  // The path parameter is the mutation's `id`.
  if (parts[0] === 'destination_id') return ['id'];
  const [first, ...rest] = parts[0] === 'destination' ? parts.slice(1) : parts;
  if (first === undefined) return ['input'];
  if (first === 'vendor') return ['input', 'config'];
  const vendor = destinationVendors.find((spec) => spec.key === first);
  if (vendor) return ['input', 'config', vendorInputKey(vendor), ...inputPathOf(vendor.fields, rest)];
  return ['input', ...inputPathOf(everyDestinationField, [first, ...rest])];
}
