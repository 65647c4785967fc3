import { builder } from '../../gateway/builder.js';
import { forgetLoaded, replaceLoaded } from '../../gateway/node-loaders.js';
import { asUserError, mutationErrors, nativeIdFor } from '../../gateway/user-errors.js';
import type { ConnectionTestOutcome } from './connection-test.js';
import { prequelExportProvider } from './definition.js';
import {
  CreateDestinationInput,
  createBody,
  inputPathOfUpstream,
  patchBody,
  UpdateDestinationInput,
} from './inputs.js';
import { DESTINATION, toDestinationRecord } from './records.js';
import { Destination } from './schema.js';
import { TransferRunError } from './transfer-types.js';

/**
 * The Prequel id inside a Destination global id, or an input error on `id`. Prequel documents its
 * ids only as strings: any one is asked for, and one it does not know is a NotFoundError.
 */
export const idOf = (globalId: string): string => nativeIdFor(globalId, DESTINATION, ['id']);

/** Prequel names no field of a path: what it refuses there is the id. */
const onId = () => ['id'];
/** Prequel's refusals of a destination's settings as user errors; its one conflict is a name in use. */
const refused = (error: unknown): never => asUserError(error, inputPathOfUpstream, ['input', 'name']);

const ConnectionTest = builder.objectRef<ConnectionTestOutcome>('DestinationConnectionTest').implement({
  description:
    'The outcome of a destination connection test; a failed connection is an outcome, not an error.',
  fields: (t) => ({
    succeeded: t.exposeBoolean('succeeded', {
      description: 'Whether Prequel could connect: true when it reported no error.',
    }),
    message: t.exposeString('message', { description: 'One line describing the outcome.' }),
    error: t.field({
      type: TransferRunError,
      nullable: true,
      description: 'What went wrong, and whose side it is on; null when it succeeded.',
      resolve: (r) => r.error,
    }),
  }),
});

const Deleted = builder.objectRef<{ id: string }>('DeletedDestination').implement({
  description: 'A Prequel destination that was deleted, with its transfer history.',
  fields: (t) => ({ deletedId: t.exposeID('id', { description: 'The global id it had.' }) }),
});

builder.mutationFields((t) => ({
  createDestination: t.field({
    type: Destination,
    description: 'Creates a Prequel destination for a recipient.',
    errors: mutationErrors('destination', 'the destination as Prequel saved it'),
    args: {
      input: t.arg({
        type: CreateDestinationInput,
        required: true,
        description:
          'The destination to create: its recipient, schedule, models, vendor settings and credentials.',
      }),
    },
    resolve: async (_root, args, context) => {
      const body = createBody(args.input, 'create');
      const created = await context
        .session(prequelExportProvider)
        .client.createDestination(body)
        .catch(refused);
      const record = toDestinationRecord(created);
      replaceLoaded(context, record);
      return record;
    },
  }),
  updateDestination: t.field({
    type: Destination,
    description:
      'Changes a Prequel destination. Fields left out are not sent; lists replace; null is refused (Prequel clears nothing).',
    errors: mutationErrors('destination', 'the destination as it stands after the change'),
    args: {
      id: t.arg.id({ required: true, description: 'Its global id.' }),
      input: t.arg({
        type: UpdateDestinationInput,
        required: true,
        description: 'What to change; every field left out stays as it is.',
      }),
    },
    resolve: async (_root, args, context) => {
      const id = idOf(String(args.id));
      const body = patchBody(args.input);
      const updated = await context
        .session(prequelExportProvider)
        .client.updateDestination(id, body)
        .catch(refused);
      const record = toDestinationRecord(updated);
      replaceLoaded(context, record);
      return record;
    },
  }),
  deleteDestination: t.field({
    type: Deleted,
    description: 'Deletes a Prequel destination and its transfer history, for good.',
    errors: mutationErrors('deleted', 'the global id the deleted destination had'),
    args: { id: t.arg.id({ required: true, description: 'Its global id.' }) },
    resolve: async (_root, args, context) => {
      const id = idOf(String(args.id));
      await context
        .session(prequelExportProvider)
        .client.deleteDestination(id)
        .catch((error: unknown) => asUserError(error, onId));
      forgetLoaded(context, DESTINATION, id);
      return { id: String(args.id) };
    },
  }),
  testDestination: t.field({
    type: ConnectionTest,
    description:
      'Tests unsaved destination settings (the recipient may be left out); a failed connection is a result, not an error.',
    errors: mutationErrors('result', 'how the connection test went'),
    args: {
      input: t.arg({
        type: CreateDestinationInput,
        required: true,
        description: 'The settings to test, as for `createDestination`; nothing is saved.',
      }),
    },
    resolve: (_root, args, context) =>
      context
        .session(prequelExportProvider)
        .client.testDestination(createBody(args.input, 'test'))
        .catch((error: unknown) => asUserError(error, inputPathOfUpstream)),
  }),
  testDestinationConnection: t.field({
    type: ConnectionTest,
    description:
      'Tests the stored settings of a Prequel destination; a failed connection is a result, not an error.',
    errors: mutationErrors('result', 'how the connection test went'),
    args: { id: t.arg.id({ required: true, description: 'Its global id.' }) },
    resolve: (_root, args, context) =>
      context
        .session(prequelExportProvider)
        .client.testDestinationConnection(idOf(String(args.id)))
        .catch((error: unknown) => asUserError(error, onId)),
  }),
}));
