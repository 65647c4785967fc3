import { builder } from '../../gateway/builder.js';
import { fieldSegments } from '../../gateway/inputs.js';
import { asUserError, type FieldIssue, mutationErrors, refuseIfAny } from '../../gateway/user-errors.js';
import { PREQUEL_EXPORT_PROVIDER, type TransferRequest } from './client.js';
import { prequelExportProvider } from './definition.js';
import { idOf } from './mutations.js';
import { Destination } from './schema.js';
import { DestinationTransfer } from './transfer-types.js';

interface TagInput {
  name: string;
  value: string;
}

interface QueueInput {
  fullRefresh?: boolean | null;
  isDebugMode?: boolean | null;
  models?: string[] | null;
  startTransferWindowAt?: Date | null;
  endTransferWindowAt?: Date | null;
  tags?: TagInput[] | null;
}

/** A transfer Prequel queued: its id, and where to read it. */
interface Queued {
  transferId: string;
  destinationId: string;
}

const TransferTagInput = builder.inputRef<TagInput>('TransferTagInput').implement({
  description: 'A free-form label for a transfer.',
  fields: (t) => ({
    name: t.string({ required: true, description: "The tag's name." }),
    value: t.string({ required: true, description: "The tag's value." }),
  }),
});

/** Each input field and the request key Prequel documents for it. */
const REQUEST_KEYS = {
  fullRefresh: 'full_refresh',
  isDebugMode: 'is_debug_mode',
  models: 'models',
  startTransferWindowAt: 'start_transfer_window_at',
  endTransferWindowAt: 'end_transfer_window_at',
  tags: 'tags',
} as const;

const QueueTransferInput = builder.inputRef<QueueInput>('QueueDestinationTransferInput').implement({
  description:
    'How to run a transfer queued by hand. Every field may be left out (or null): Prequel then sends the rows of every enabled model changed since the last transfer.',
  fields: (t) => ({
    fullRefresh: t.boolean({
      required: false,
      description: 'Send every row again, not only rows changed since the last transfer.',
    }),
    isDebugMode: t.boolean({ required: false, description: 'Keep verbose logs of this transfer.' }),
    models: t.stringList({
      required: false,
      description:
        'Names of the models to send (each enabled on the destination); all enabled models when left out.',
    }),
    startTransferWindowAt: t.field({
      type: 'DateTime',
      required: false,
      description: 'Only rows updated at or after this instant.',
    }),
    endTransferWindowAt: t.field({
      type: 'DateTime',
      required: false,
      description: 'Only rows updated before this instant.',
    }),
    tags: t.field({
      type: [TransferTagInput],
      required: false,
      description: 'Free-form labels for the transfer, name to value; each name at most once.',
    }),
  }),
});

/** Prequel's request body; tags are a map, so a name given twice is refused before sending. */
function transferRequest(input: QueueInput): TransferRequest {
  const issues: FieldIssue[] = [];
  const tags = input.tags ?? undefined;
  tags?.forEach((tag, index) => {
    if (tags.findIndex((other) => other.name === tag.name) !== index)
      issues.push({ field: ['input', 'tags', String(index), 'name'], message: 'names a tag given before' });
  });
  refuseIfAny(issues, PREQUEL_EXPORT_PROVIDER);
  return {
    ...(input.fullRefresh != null ? { full_refresh: input.fullRefresh } : {}),
    ...(input.isDebugMode != null ? { is_debug_mode: input.isDebugMode } : {}),
    ...(input.models != null ? { models: input.models } : {}),
    ...(input.startTransferWindowAt != null
      ? { start_transfer_window_at: input.startTransferWindowAt.toISOString() }
      : {}),
    ...(input.endTransferWindowAt != null
      ? { end_transfer_window_at: input.endTransferWindowAt.toISOString() }
      : {}),
    ...(tags ? { tags: Object.fromEntries(tags.map((tag) => [tag.name, tag.value])) } : {}),
  };
}

/**
 * Where a field Prequel blames sits in the input: `models[1]` → `input.models.1`,
 * `end_transfer_window_at` → `input.endTransferWindowAt`, `tags.team` → the value of that tag.
 */
function inputPathOf(input: QueueInput) {
  return (upstream: string | undefined): string[] => {
    const [head, next] = fieldSegments(upstream ?? '');
    const key = Object.entries(REQUEST_KEYS).find(([, requestKey]) => requestKey === head)?.[0];
    if (key === undefined) return ['input'];
    if (key === 'models' && next !== undefined && /^\d+$/.test(next)) return ['input', key, next];
    if (key === 'tags' && next !== undefined) {
      const index = (input.tags ?? []).findIndex((tag) => tag.name === next);
      if (index >= 0) return ['input', key, String(index), 'value'];
    }
    return ['input', key];
  };
}

const QueuedTransfer = builder.objectRef<Queued>('QueuedDestinationTransfer').implement({
  description: 'A transfer Prequel queued; it shows in the destination’s `transfers`.',
  fields: (t) => ({
    transferId: t.exposeString('transferId', { description: "The transfer's id in Prequel." }),
    transfer: t.field({
      type: DestinationTransfer,
      nullable: true,
      description:
        "The transfer as Prequel lists it, read only when asked for (one call, the destination's newest transfers); null when that list does not show it yet.",
      resolve: async (queued, _args, context) =>
        (await context
          .session(prequelExportProvider)
          .recentTransfer(queued.destinationId, queued.transferId)) ?? null,
    }),
    destination: t.field({
      type: Destination,
      nullable: true,
      description: 'The destination it goes to.',
      resolve: async (queued, _args, context) => {
        const destination = await Destination.loader(context).load(queued.destinationId);
        if (destination instanceof Error) throw destination;
        return destination;
      },
    }),
  }),
});

builder.mutationFields((t) => ({
  queueDestinationTransfer: t.field({
    type: QueuedTransfer,
    description:
      'Queues a transfer to a Prequel destination now, outside its schedule. Prequel judges the input: a model not enabled on the destination or a window that ends before it starts comes back as an InvalidInputError on that field, a disabled destination as a ConflictError.',
    errors: mutationErrors('queued', 'the transfer Prequel queued'),
    args: {
      id: t.arg.id({ required: true, description: "The destination's global id." }),
      input: t.arg({
        type: QueueTransferInput,
        required: false,
        description:
          'Which models and time window to send; left out, Prequel sends what changed since the last transfer.',
      }),
    },
    resolve: async (_root, args, context) => {
      const destinationId = idOf(String(args.id));
      const input = args.input ?? {};
      const session = context.session(prequelExportProvider);
      const queued = await session.client
        .createTransfer(destinationId, transferRequest(input))
        .catch((error: unknown) => asUserError(error, inputPathOf(input)));
      session.transferQueued(destinationId);
      return { transferId: queued.transfer_id, destinationId };
    },
  }),
}));
