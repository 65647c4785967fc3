import { builder } from '../../gateway/builder.js';
import { toDate } from '../../gateway/records.js';
import type { RunError, Transfer, TransferStatus } from './client.js';

type ModelMetrics = Transfer['model_metrics'][number];
type ModelSnapshot = Transfer['models_snapshot'][number];

const statuses: Record<TransferStatus | 'OTHER', string> = {
  PENDING: 'Queued, waiting to run.',
  RUNNING: 'Under way.',
  SUCCESS: 'Finished: every model was sent.',
  PARTIAL_FAILURE: 'Finished: some models failed.',
  ERROR: 'Finished: the transfer failed.',
  CANCELLED: 'Stopped by a user.',
  EXPIRED: 'Never started in time.',
  OTHER: 'A status this gateway does not know; `rawStatus` has it as Prequel sent it.',
};

const TransferStatusEnum = builder.enumType('TransferStatus', {
  description: 'Where a transfer to a destination stands (OTHER when Prequel sends a status unknown here).',
  values: Object.fromEntries(
    Object.entries(statuses).map(([value, description]) => [value, { value, description }]),
  ) as Record<TransferStatus | 'OTHER', { value: TransferStatus | 'OTHER'; description: string }>,
});

/** The statuses Prequel documents, to filter by: OTHER names none of them, so it is not one of these. */
export const TransferStatusFilter = builder.enumType('TransferStatusFilter', {
  description: 'A transfer status Prequel documents, to list only the transfers in it.',
  values: Object.fromEntries(
    Object.entries(statuses)
      .filter(([value]) => value !== 'OTHER')
      .map(([value, description]) => [value, { value, description }]),
  ) as Record<TransferStatus, { value: TransferStatus; description: string }>,
});

const blames = {
  FIRST_PARTY: { value: 'first_party', description: 'The provider that exports the data.' },
  THIRD_PARTY: { value: 'third_party', description: 'The recipient, or its destination.' },
  PREQUEL: { value: 'prequel', description: 'Prequel itself.' },
  HOST: { value: 'host', description: 'The machine running the transfer.' },
  EMPTY: { value: 'empty', description: 'Nobody in particular.' },
  OTHER: { value: 'OTHER', description: 'A party this gateway does not know; `rawBlame` has it.' },
} as const;

const RunErrorBlame = builder.enumType('RunErrorBlame', {
  description: 'Who must act to fix a failure.',
  values: blames,
});

const actorTypes = {
  SCHEDULER: { value: 'scheduler', description: "The destination's schedule." },
  API_KEY: { value: 'api_key', description: 'A program using an API key.' },
  USER: { value: 'user', description: 'A person.' },
  OTHER: { value: 'OTHER', description: 'A kind this gateway does not know; `rawActorType` has it.' },
} as const;

const TransferActorType = builder.enumType('TransferActorType', {
  description: 'What kind of actor queued a transfer.',
  values: actorTypes,
});

/**
 * The enum value an upstream string stands for, whatever its case; OTHER for one unknown here.
 * The docs give these fields as free strings, so an unknown one must not fail its field.
 */
function known<V extends string>(values: Readonly<Record<string, { value: V }>>) {
  const byRaw = new Map(Object.values(values).map(({ value }) => [value.toLowerCase(), value]));
  return (raw: unknown): V | 'OTHER' =>
    (typeof raw === 'string' ? byRaw.get(raw.toLowerCase()) : undefined) ?? 'OTHER';
}

const statusOf = known<string>(
  Object.fromEntries(Object.keys(statuses).map((value) => [value, { value }])),
) as (raw: unknown) => TransferStatus | 'OTHER';
const blameOf = known(blames);
const actorTypeOf = known(actorTypes);

/** The upstream's own string, beside the enum that reads it. */
const rawText = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));

export const TransferRunError = builder.objectRef<RunError>('TransferRunError').implement({
  description: 'Why a model, a transfer or a connection test failed, and whose side it is on.',
  fields: (t) => ({
    errorCode: t.exposeString('error_code', {
      description: 'A stable code for the kind of failure, e.g. `AUTHENTICATION_FAILED`.',
    }),
    title: t.exposeString('title', { description: 'A short human-readable summary.' }),
    blame: t.field({ type: RunErrorBlame, description: 'Who must act.', resolve: (e) => blameOf(e.blame) }),
    rawBlame: t.string({
      description: 'Who must act, as Prequel spelt it (e.g. `third_party`).',
      resolve: (e) => rawText(e.blame),
    }),
    documentationUrl: t.exposeString('documentation_url', {
      description: 'A page explaining the failure and how to fix it.',
    }),
    trace: t.exposeString('trace', { description: 'An identifier to quote to support for this occurrence.' }),
    message: t.exposeString('message', { description: 'What happened, in one or two sentences.' }),
    error: t.string({
      nullable: true,
      description: 'The underlying error as the failing system phrased it, when known.',
      resolve: (e) => e.error ?? null,
    }),
  }),
});

const windowStart = 'Start of the window rows were read over (updated at or after); null for a full refresh.';

const ModelMetricsType = builder.objectRef<ModelMetrics>('TransferModelMetrics').implement({
  description: 'What happened to one model within a transfer.',
  fields: (t) => ({
    modelId: t.exposeString('model_id', { description: "The model's id." }),
    modelName: t.exposeString('model_name', { description: "The model's name." }),
    rowsTransferred: rows(t, (x) => x.rows_transferred, 'Rows of this model written.'),
    deltaRowsTransferred: rows(
      t,
      (x) => x.delta_rows_transferred,
      'Of those, rows new or changed since the previous transfer.',
    ),
    volumeTransferredInMb: t.exposeFloat('volume_transferred_in_mb', {
      description: 'Data of this model written, in megabytes.',
    }),
    startTransferWindowAt: instant(t, (x) => x.start_transfer_window_at, windowStart),
    endTransferWindowAt: instant(
      t,
      (x) => x.end_transfer_window_at,
      'End of the window this model was read over.',
    ),
    mostRecentLastUpdatedAt: instant(
      t,
      (x) => x.most_recent_last_updated_at,
      'The newest `updated_at` among the rows sent; null when none were.',
    ),
    error: t.field({
      type: TransferRunError,
      nullable: true,
      description: 'Why this model failed; null when it did not.',
      resolve: (m) => m.error ?? null,
    }),
  }),
});

const ModelSnapshotType = builder.objectRef<ModelSnapshot>('TransferModelSnapshot').implement({
  description: 'Which revision of a model definition a transfer used.',
  fields: (t) => ({
    modelId: t.exposeString('model_id', { description: "The model's id." }),
    modelName: t.exposeString('model_name', { description: "The model's name." }),
    revisionId: t.exposeString('revision_id', { description: "Id of the model definition's revision." }),
  }),
});

const TransferTag = builder.objectRef<[string, string]>('TransferTag').implement({
  description: 'A free-form label attached to a transfer.',
  fields: (t) => ({
    name: t.string({ description: "The tag's name.", resolve: ([name]) => name }),
    value: t.string({ description: "The tag's value.", resolve: ([, value]) => value }),
  }),
});

export const DestinationTransfer = builder.objectRef<Transfer>('DestinationTransfer').implement({
  description: "One run that sends models' rows to a destination.",
  fields: (t) => ({
    id: t.exposeString('id', { description: "The transfer's id in Prequel." }),
    status: t.field({
      type: TransferStatusEnum,
      description: 'Where it stands.',
      resolve: (x) => statusOf(x.status),
    }),
    rawStatus: t.string({
      description: 'Where it stands, as Prequel spelt it (e.g. `SUCCESS`).',
      resolve: (x) => rawText(x.status),
    }),
    isFullRefresh: t.exposeBoolean('is_full_refresh', {
      description: 'True when every row was sent again, not only changes.',
    }),
    models: t.exposeStringList('models', { description: 'Names of the models it sends.' }),
    log: t.exposeString('log', { description: 'Its log, one event per line; empty before it starts.' }),
    submittedAt: instant(t, (x) => x.submitted_at, 'When it was queued.'),
    startTransferWindowAt: instant(t, (x) => x.start_transfer_window_at, windowStart),
    endTransferWindowAt: instant(
      t,
      (x) => x.end_transfer_window_at,
      'Rows updated before this instant are sent; null while the window is open-ended.',
    ),
    rowsTransferred: rows(t, (x) => x.rows_transferred, 'Rows written to the destination.'),
    deltaRowsTransferred: rows(
      t,
      (x) => x.delta_rows_transferred,
      'Of those, rows that were new or changed since the previous transfer.',
    ),
    volumeTransferredInMb: t.exposeFloat('volume_transferred_in_mb', {
      description: 'Data written, in megabytes.',
    }),
    isDebugMode: t.exposeBoolean('is_debug_mode', { description: 'True when verbose logs were kept.' }),
    actorId: t.exposeString('actor_id', {
      description: 'Who queued it: `scheduler`, an API key id, or a user id.',
    }),
    actorType: t.field({
      type: TransferActorType,
      description: 'What kind of actor queued it.',
      resolve: (x) => actorTypeOf(x.actor_type),
    }),
    rawActorType: t.string({
      description: 'What kind of actor queued it, as Prequel spelt it (e.g. `scheduler`).',
      resolve: (x) => rawText(x.actor_type),
    }),
    sourceIds: t.exposeStringList('source_ids', {
      description: "Ids of the provider's sources the rows were read from.",
    }),
    destinationId: t.exposeString('destination_id', {
      description: "Native id of the destination written to (the Destination's `nativeId`).",
    }),
    modelMetrics: t.field({
      type: [ModelMetricsType],
      description: 'What happened to each model; empty until the transfer has run.',
      resolve: (x) => x.model_metrics,
    }),
    modelsSnapshot: t.field({
      type: [ModelSnapshotType],
      description: 'The revision of each model definition it used.',
      resolve: (x) => x.models_snapshot,
    }),
    startedAt: instant(
      t,
      (x) => x.started_at,
      'When it started running; null while pending or if it never ran.',
    ),
    endedAt: instant(t, (x) => x.ended_at, 'When it finished; null until then.'),
    tags: t.field({
      type: [TransferTag],
      description: 'Free-form labels attached to it, name to value.',
      resolve: (x) => Object.entries(x.tags ?? {}),
    }),
  }),
});

type FieldBuilder<P> = Parameters<
  Parameters<ReturnType<typeof builder.objectRef<P>>['implement']>[0]['fields'] & object
>[0];

/** Row counts are Float: a busy destination passes the 2^31 limit of GraphQL's Int. */
function rows<P>(t: FieldBuilder<P>, read: (parent: P) => number, description: string) {
  return t.float({ description, resolve: (parent) => read(parent) });
}

function instant<P>(t: FieldBuilder<P>, read: (parent: P) => string | null | undefined, description: string) {
  return t.field({
    type: 'DateTime',
    nullable: true,
    description,
    resolve: (parent) => toDate(read(parent)),
  });
}
