import { builder } from '../../gateway/builder.js';
import {
  fieldSegments,
  type InputValue,
  inputPathOf,
  tableInput,
  toUpstream,
  validateInput,
} from '../../gateway/inputs.js';
import { forgetLoaded, replaceLoaded } from '../../gateway/node-loaders.js';
import { toDate } from '../../gateway/records.js';
import {
  asUserError,
  InvalidInputError,
  mutationErrors,
  nativeIdFor,
  refuseIfAny,
} from '../../gateway/user-errors.js';
import type { FieldTable } from '../../gateway/vendor-config.js';
import type { RiverGenConnectionTestResult } from './client.js';
import { riverGenProvider } from './definition.js';
import { riverGenCreateFields, riverGenCredentialUpdateFields, riverGenPatchFields } from './inputs.js';
import { RIVERGEN_DATA_SOURCE, riverGenId, toRiverGenRecord } from './records.js';
import { RiverGenDataSource } from './schema.js';

const CreateInput = tableInput(
  'CreateRiverGenDataSourceInput',
  'A new RiverGen data source. host, port and databaseName are required for database types.',
  riverGenCreateFields,
  'create',
);
const UpdateInput = tableInput(
  'UpdateRiverGenDataSourceInput',
  'Changes to a RiverGen data source: only the fields given change; null clears where noted; lists replace.',
  riverGenPatchFields,
  'patch',
);
const CredentialsInput = tableInput(
  'UpdateRiverGenCredentialsInput',
  'New credentials for a RiverGen data source: only the fields given change; null removes one.',
  riverGenCredentialUpdateFields,
  'patch',
);

/** The integer id inside a RiverGenDataSource global id, or an input error on `id`. */
function idOf(globalId: string): number {
  const id = riverGenId(nativeIdFor(globalId, RIVERGEN_DATA_SOURCE, ['id']));
  if (id === undefined)
    throw new InvalidInputError([{ field: ['id'], message: 'is not a RiverGen data source id' }]);
  return id;
}

/** Checks an input against its table; every problem is returned at once, before any call. */
function checked(table: FieldTable, input: InputValue, mode: 'create' | 'patch'): Record<string, unknown> {
  refuseIfAny(validateInput(table, input, ['input'], mode), 'rivergen');
  return toUpstream(table, input, mode);
}

/** Where an upstream field sits in the mutation's input. */
const inputField = (table: FieldTable) => (upstream: string | undefined) =>
  upstream ? ['input', ...inputPathOf(table, fieldSegments(upstream))] : ['input'];

const ConnectionTest = builder.objectRef<RiverGenConnectionTestResult>('RiverGenConnectionTest').implement({
  description: 'The outcome of a RiverGen connection test; a failed connection is an outcome, not an error.',
  fields: (t) => ({
    connectionSuccessful: t.exposeBoolean('connection_successful', {
      description: 'Whether it could connect.',
    }),
    responseTimeMs: t.exposeInt('response_time_ms', {
      nullable: true,
      description: 'How long the test took, in milliseconds.',
    }),
    errorMessage: t.exposeString('error_message', { nullable: true, description: 'Why it failed.' }),
    errorCode: t.exposeString('error_code', {
      nullable: true,
      description: "RiverGen's code for the failure.",
    }),
    databaseVersion: t.exposeString('database_version', {
      nullable: true,
      description: 'Server version, when connected.',
    }),
    testedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When RiverGen ran the test; null only if its answer held no readable time.',
      resolve: (r) => toDate(r.tested_at),
    }),
  }),
});

const Deleted = builder
  .objectRef<{ id: string; deletedAt: Date | null; force: boolean }>('DeletedRiverGenDataSource')
  .implement({
    description: 'A RiverGen data source that was deleted.',
    fields: (t) => ({
      deletedId: t.exposeID('id', { description: 'The global id it had.' }),
      deletedAt: t.expose('deletedAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When RiverGen deleted it; null only if its answer held no readable time.',
      }),
      permanent: t.exposeBoolean('force', {
        description: 'False for a soft delete (RiverGen can restore it).',
      }),
    }),
  });

const CredentialsUpdated = builder
  .objectRef<{ id: string; updatedAt: Date | null }>('RiverGenCredentialsUpdated')
  .implement({
    description: 'Credentials were stored; they are never shown.',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The data source whose credentials changed.' }),
      credentialsUpdatedAt: t.expose('updatedAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When RiverGen stored them; null only if its answer held no readable time.',
      }),
    }),
  });

builder.mutationFields((t) => ({
  createRiverGenDataSource: t.field({
    type: RiverGenDataSource,
    description: "Creates a data source in the caller's RiverGen organisation.",
    errors: mutationErrors('riverGenDataSource', 'the data source as RiverGen saved it'),
    args: {
      input: t.arg({
        type: CreateInput,
        required: true,
        description: 'The data source to create: its name, type, connection settings and credentials.',
      }),
    },
    resolve: async (_root, args, context) => {
      const body = checked(riverGenCreateFields, args.input, 'create');
      const session = context.session(riverGenProvider);
      const created = await session.client
        .createDataSource(body as never)
        .catch((error: unknown) => asUserError(error, inputField(riverGenCreateFields)));
      const record = toRiverGenRecord(created, true);
      replaceLoaded(context, record);
      return record;
    },
  }),
  updateRiverGenDataSource: t.field({
    type: RiverGenDataSource,
    description:
      'Changes a RiverGen data source. Fields left out are not sent; null clears where RiverGen allows.',
    errors: mutationErrors('riverGenDataSource', 'the data source as it stands after the change'),
    args: {
      id: t.arg.id({ required: true, description: 'Its global id.' }),
      input: t.arg({
        type: UpdateInput,
        required: true,
        description: 'What to change; every field left out stays as it is.',
      }),
    },
    resolve: async (_root, args, context) => {
      const id = idOf(String(args.id));
      const body = checked(riverGenPatchFields, args.input, 'patch');
      const updated = await context
        .session(riverGenProvider)
        .client.updateDataSource(id, body as never)
        .catch((error: unknown) => asUserError(error, inputField(riverGenPatchFields)));
      const record = toRiverGenRecord(updated, true);
      replaceLoaded(context, record);
      return record;
    },
  }),
  updateRiverGenCredentials: t.field({
    type: CredentialsUpdated,
    description: 'Stores new credentials for a RiverGen data source; they are never returned.',
    errors: mutationErrors('credentials', 'which data source got new credentials, and when'),
    args: {
      id: t.arg.id({ required: true, description: 'Its global id.' }),
      input: t.arg({
        type: CredentialsInput,
        required: true,
        description: 'The credentials to change; every field left out stays as it is.',
      }),
    },
    resolve: async (_root, args, context) => {
      const id = idOf(String(args.id));
      const body = checked(riverGenCredentialUpdateFields, args.input, 'patch');
      const answer = await context
        .session(riverGenProvider)
        .client.updateDataSourceCredentials(id, body as never)
        .catch((error: unknown) => asUserError(error, inputField(riverGenCredentialUpdateFields)));
      return { id: String(args.id), updatedAt: toDate(answer.credentials_updated_at) };
    },
  }),
  deleteRiverGenDataSource: t.field({
    type: Deleted,
    description:
      'Deletes a RiverGen data source: soft by default (RiverGen can restore it), for good with `force`.',
    errors: mutationErrors('deleted', 'which data source was deleted, when, and whether for good'),
    args: {
      id: t.arg.id({ required: true, description: 'Its global id.' }),
      force: t.arg.boolean({ required: false, defaultValue: false, description: 'Delete for good.' }),
    },
    resolve: async (_root, args, context) => {
      const id = idOf(String(args.id));
      const force = args.force ?? false;
      const answer = await context
        .session(riverGenProvider)
        .client.deleteDataSource(id, { force })
        .catch((error: unknown) => asUserError(error, () => ['id']));
      forgetLoaded(context, RIVERGEN_DATA_SOURCE, String(id));
      return { id: String(args.id), deletedAt: toDate(answer.deleted_at), force };
    },
  }),
  testRiverGenDataSource: t.field({
    type: ConnectionTest,
    description:
      'Tests the connection of a RiverGen data source; a failed connection is a result, not an error.',
    errors: mutationErrors('result', 'how the connection test went'),
    args: {
      id: t.arg.id({ required: true, description: 'Its global id.' }),
      testQuery: t.arg.string({ required: false, description: 'A read-only query to run.' }),
      timeoutSeconds: t.arg.int({ required: false, description: 'How long to wait, in seconds.' }),
    },
    resolve: async (_root, args, context) => {
      const id = idOf(String(args.id));
      const options = {
        ...(args.testQuery != null ? { test_query: args.testQuery } : {}),
        ...(args.timeoutSeconds != null ? { timeout_seconds: args.timeoutSeconds } : {}),
      };
      return context
        .session(riverGenProvider)
        .client.testDataSourceConnection(id, Object.keys(options).length > 0 ? options : undefined)
        .catch((error: unknown) =>
          asUserError(error, (field) => [
            field === 'test_query' ? 'testQuery' : field === 'timeout_seconds' ? 'timeoutSeconds' : 'id',
          ]),
        );
    },
  }),
}));
