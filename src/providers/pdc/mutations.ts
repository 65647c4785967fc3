import { builder } from '../../gateway/builder.js';
import { type InputValue, tableInput, toUpstream, validateInput } from '../../gateway/inputs.js';
import { replaceLoaded } from '../../gateway/node-loaders.js';
import {
  asUserError,
  InvalidInputError,
  mutationErrors,
  nativeIdFor,
  refuseIfAny,
  userErrorTypes,
} from '../../gateway/user-errors.js';
import type { FieldTable } from '../../gateway/vendor-config.js';
import { pdcProvider } from './definition.js';
import { pdcCreateFields, pdcPatchFields, toPdcBody } from './inputs.js';
import { CATALOG_DATA_SOURCE, type CatalogDataSourceRecord, isObjectId, toCatalogRecord } from './records.js';
import { type CreateFailure, createFailure, createPath, patchPath } from './refusals.js';
import { CatalogDataSource } from './schema.js';

/** Most data sources one `createCatalogDataSources` call takes: PDC documents no most; this gateway's own bound keeps a call small. */
export const MAX_CREATE_BATCH = 100;

const CreateInput = tableInput(
  'CreateCatalogDataSourceInput',
  'A new Pentaho Data Catalog data source. resourceName and databaseType cannot change later; flags left out are false, status ACTIVE.',
  pdcCreateFields,
  'create',
);
const UpdateInput = tableInput(
  'UpdateCatalogDataSourceInput',
  'Changes to a catalog data source: only the fields given change; lists replace; PDC clears nothing with null.',
  pdcPatchFields,
  'patch',
);

interface CreatedBatch {
  created: CatalogDataSourceRecord[];
  failures: CreateFailure[];
}

const CreateFailureType = builder.objectRef<CreateFailure>('CatalogCreateFailure').implement({
  description: 'An item of a create batch that was not created, while others were.',
  fields: (t) => ({
    index: t.exposeInt('index', {
      nullable: false,
      description: 'Position of the item in `inputs`, from 0.',
    }),
    resourceName: t.exposeString('resourceName', {
      nullable: false,
      description: 'The name the item asked for.',
    }),
    message: t.exposeString('message', {
      nullable: false,
      description: 'That PDC did not create it, and the input field it refused when it names one.',
    }),
    field: t.exposeStringList('field', {
      nullable: true,
      description:
        'Path of the input field at fault, e.g. ["inputs", "2", "resourceName"], when PDC names one.',
    }),
  }),
});

const CreatedBatchType = builder.objectRef<CreatedBatch>('CreateCatalogDataSourcesSuccess').implement({
  description:
    'What a create batch did: every data source created and, on a partial success, each item refused.',
  fields: (t) => ({
    created: t.field({
      type: [CatalogDataSource],
      nullable: false,
      description: 'The data sources created, in the order of `inputs`.',
      resolve: (batch) => batch.created,
    }),
    failures: t.field({
      type: [CreateFailureType],
      nullable: false,
      description: 'Items PDC refused while creating the others; empty when all were created.',
      resolve: (batch) => batch.failures,
    }),
  }),
});

/** The ObjectId inside a CatalogDataSource global id, or an input error on `id` before any call. */
function idOf(globalId: string): string {
  const id = nativeIdFor(globalId, CATALOG_DATA_SOURCE, ['id']);
  if (!isObjectId(id))
    throw new InvalidInputError([{ field: ['id'], message: 'is not a catalog data source id' }], 'pdc');
  return id.toLowerCase();
}

/** A create input without its explicit nulls: on create, null means the same as leaving it out. */

/** PDC's body for a checked input. */
function bodyOf(table: FieldTable, input: InputValue, mode: 'create' | 'patch'): Record<string, unknown> {
  return toPdcBody(toUpstream(table, input, mode));
}

builder.mutationFields((t) => ({
  createCatalogDataSources: t.field({
    type: CreatedBatchType,
    description: `Creates 1 to ${MAX_CREATE_BATCH} catalog data sources in one PDC call (PDC takes one or more; ${MAX_CREATE_BATCH} is this gateway's own bound). Every item is checked first; if PDC refuses only some, the others are created and \`failures\` says which and why.`,
    errors: { types: userErrorTypes, directResult: true },
    args: {
      inputs: t.arg({ type: [CreateInput], required: true, description: 'The data sources, in order.' }),
    },
    resolve: async (_root, args, context) => {
      const inputs = args.inputs;
      if (inputs.length < 1 || inputs.length > MAX_CREATE_BATCH) {
        refuseIfAny(
          [{ field: ['inputs'], message: `must hold 1 to ${MAX_CREATE_BATCH} data sources` }],
          'pdc',
        );
      }
      refuseIfAny(
        inputs.flatMap((input, index) =>
          validateInput(pdcCreateFields, input, ['inputs', String(index)], 'create'),
        ),
        'pdc',
      );
      const bodies = inputs.map((input) => bodyOf(pdcCreateFields, input, 'create'));
      // One item goes as one object, so PDC answers (and names fields) as for a single create.
      const answer = await context
        .session(pdcProvider)
        .client.createDataSources((bodies.length === 1 ? bodies[0] : bodies) as never)
        .catch((error: unknown) => asUserError(error, createPath));
      const created = answer.created.map(toCatalogRecord);
      for (const record of created) replaceLoaded(context, record);
      return {
        created,
        failures: answer.failures.map(createFailure),
      };
    },
  }),
  updateCatalogDataSource: t.field({
    type: CatalogDataSource,
    description:
      'Changes a catalog data source through PDC PATCH: fields left out are not sent, lists replace, and null is refused (PDC clears nothing).',
    errors: mutationErrors('catalogDataSource', 'the catalog data source as it stands after the change'),
    args: {
      id: t.arg.id({
        required: true,
        description:
          'Its global id; the native id in it must be a 24-hex ObjectId, checked before sending (PDC answers any other with a 500).',
      }),
      input: t.arg({
        type: UpdateInput,
        required: true,
        description: 'What to change; every field left out stays as it is.',
      }),
    },
    resolve: async (_root, args, context) => {
      const id = idOf(String(args.id));
      refuseIfAny(validateInput(pdcPatchFields, args.input, ['input'], 'patch'), 'pdc');
      const updated = await context
        .session(pdcProvider)
        .client.updateDataSource(id, bodyOf(pdcPatchFields, args.input, 'patch') as never)
        .catch((error: unknown) => asUserError(error, patchPath));
      const record = toCatalogRecord(updated);
      replaceLoaded(context, record);
      return record;
    },
  }),
}));
