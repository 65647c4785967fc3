import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from './context.js';
import { badInput } from './errors.js';
import { encodeGlobalId, notAnId, readGlobalId } from './ids.js';
import { loadNode, loadNodes } from './node-loaders.js';
import { pagingDescriptions } from './paging-descriptions.js';
import { sentenceStart } from './wording.js';

/** GraphQL type names that carry global ids; provider schemas add theirs as they define them. */
export const nodeTypenames = new Set<string>();

/** The `id` of every node type (the Node interface's, and each type's own: data-source-node.ts). */
export const nodeIdDescription =
  'Global id, unique across every type and provider of this API: what `node`, `nodes` and the mutations take. Opaque: read nothing into it.';

/** The one schema builder. It holds plugins and the context type; types live in their own files. */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    ID: { Input: string; Output: string | number };
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  plugins: [ErrorsPlugin, RelayPlugin],
  errors: {
    // One union description fits every mutation; each success type has its own (`mutationErrors`).
    defaultResultOptions: {
      name: ({ fieldName }) => `${sentenceStart(fieldName)}Success`,
      description: 'What a mutation answers when it did what was asked.',
    },
    defaultUnionOptions: {
      name: ({ fieldName }) => `${sentenceStart(fieldName)}Result`,
      description:
        'What a mutation answers: its `…Success` type when it did what was asked, or a `UserError` type (InvalidInputError, NotFoundError, ForbiddenError, ConflictError) saying why not. Ask for `__typename` to tell them apart.',
    },
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: (typename, id) => encodeGlobalId(typename, id),
    // Never throws: an id that is not ours fails its own lookup (`loadNode`), not the whole field.
    decodeGlobalID: (globalId) => readGlobalId(globalId, nodeTypenames) ?? notAnId,
    idFieldOptions: { description: nodeIdDescription },
    // `node` and `nodes` load through the request's own loaders (node-loaders.ts), not Pothos's
    // per-request caches, which are module-level WeakMaps keyed by context (see `requestLocal`).
    nodeQueryOptions: {
      description: 'Fetches any data source (or other node) by its global id.',
      nullable: true,
      args: { id: { description: 'The global `id` of any node.' } },
      resolve: (_root, args, context) => loadNode(context, args.id, 'id'),
    },
    nodesQueryOptions: {
      description:
        'Fetches several nodes by global id, batched per provider: the answer has one entry per id, in the order asked, null where there is none. An id that is not an id of this API is null, with an error at its entry.',
      args: {
        ids: {
          description:
            "Global `id`s of any nodes, of any types and providers; at most the gateway's MAX_NODES setting.",
        },
      },
      resolve: (_root, args, context) => {
        if (args.ids.length > context.limits.maxNodes) {
          throw badInput(
            `\`nodes\` takes at most ${context.limits.maxNodes} ids, got ${args.ids.length}`,
            'ids',
          );
        }
        return loadNodes(context, args.ids);
      },
    },
    nodeTypeOptions: { description: 'An object with a global id that `node` and `nodes` can fetch again.' },
    pageInfoTypeOptions: {
      description: 'Where a page sits in a connection, for fetching the next or previous one.',
    },
    ...pagingDescriptions,
  },
});
