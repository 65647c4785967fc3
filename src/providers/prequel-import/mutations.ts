import { builder } from '../../gateway/builder.js';
import { replaceLoaded } from '../../gateway/node-loaders.js';
import { asUserError, mutationErrors, nativeIdFor } from '../../gateway/user-errors.js';
import type { ImportTestResult } from './client.js';
import { prequelImportProvider } from './definition.js';
import {
  CreateImportSourceInput,
  createBody,
  inputFieldOf,
  patchBody,
  UpdateImportSourceInput,
} from './inputs.js';
import { IMPORT_SOURCE, toImportSourceRecord } from './records.js';
import { ImportSource } from './schema.js';

/**
 * The Prequel id inside an ImportSource global id, or an input error on `id`. Prequel documents its
 * ids only as strings: any one is asked for, and one it does not know is a NotFoundError.
 */
const idOf = (globalId: string): string => nativeIdFor(globalId, IMPORT_SOURCE, ['id']);

/** Prequel's refusals as user errors; its one conflict is a name the provider already uses. */
const refused = (error: unknown): never => asUserError(error, inputFieldOf, ['input', 'name']);

const ConnectionTest = builder.objectRef<ImportTestResult>('ImportSourceConnectionTest').implement({
  description:
    'What happened when Prequel tried to connect; a failed connection is an outcome, not an error.',
  fields: (t) => ({
    succeeded: t.boolean({
      nullable: false,
      description: 'Whether Prequel could connect and sign in.',
      resolve: (r) => r.code === 'success',
    }),
    code: t.exposeString('code', {
      nullable: false,
      description: "Prequel's outcome: `success`, `connection_failed` or `authentication_failed`.",
    }),
    message: t.exposeString('message', { nullable: false, description: 'One line describing the outcome.' }),
  }),
});

builder.mutationFields((t) => ({
  createImportSource: t.field({
    type: ImportSource,
    description: 'Creates a Prequel import source for a provider, with its vendor settings and credentials.',
    errors: mutationErrors('importSource', 'the import source as Prequel saved it'),
    args: {
      input: t.arg({
        type: CreateImportSourceInput,
        required: true,
        description: 'The import source to create: its provider, name, vendor settings and credentials.',
      }),
    },
    resolve: async (_root, args, context) => {
      const body = createBody(args.input);
      const created = await context.session(prequelImportProvider).client.createSource(body).catch(refused);
      const record = toImportSourceRecord(created);
      replaceLoaded(context, record);
      return record;
    },
  }),
  updateImportSource: t.field({
    type: ImportSource,
    description:
      'Changes a Prequel import source. Fields left out are not sent; settings merge field by field; null is refused (Prequel clears nothing).',
    errors: mutationErrors('importSource', 'the import source as it stands after the change'),
    args: {
      id: t.arg.id({ required: true, description: 'Its global id.' }),
      input: t.arg({
        type: UpdateImportSourceInput,
        required: true,
        description: 'What to change; every field left out stays as it is.',
      }),
    },
    resolve: async (_root, args, context) => {
      const id = idOf(String(args.id));
      const body = patchBody(args.input);
      const updated = await context
        .session(prequelImportProvider)
        .client.updateSource(id, body)
        .catch(refused);
      const record = toImportSourceRecord(updated);
      replaceLoaded(context, record);
      return record;
    },
  }),
  testImportSource: t.field({
    type: ConnectionTest,
    description:
      'Tests the settings of an import source without saving anything; a failed connection is a result, not an error.',
    errors: mutationErrors('result', 'how the connection test went'),
    args: {
      input: t.arg({
        type: CreateImportSourceInput,
        required: true,
        description: 'The settings to test, as for `createImportSource`; nothing is saved.',
      }),
    },
    resolve: (_root, args, context) =>
      context.session(prequelImportProvider).client.testSource(createBody(args.input)).catch(refused),
  }),
  testSavedImportSource: t.field({
    type: ConnectionTest,
    description:
      'Tests a saved import source, optionally with changes applied for the test only (never saved); a failed connection is a result, not an error.',
    errors: mutationErrors('result', 'how the connection test went'),
    args: {
      id: t.arg.id({ required: true, description: 'Its global id.' }),
      input: t.arg({
        type: UpdateImportSourceInput,
        required: false,
        description: 'Changes to try out; the stored source stays as it is.',
      }),
    },
    resolve: async (_root, args, context) => {
      const id = idOf(String(args.id));
      const body = args.input ? patchBody(args.input) : {};
      // An empty preview is no preview: Prequel then tests the stored settings as they are.
      const preview = Object.keys(body).length > 0 ? body : undefined;
      return context.session(prequelImportProvider).client.testSavedSource(id, preview).catch(refused);
    },
  }),
}));
