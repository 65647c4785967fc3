import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from './context.js';
import { encodeGlobalId, type GlobalId, notAnId, readGlobalId } from './ids.js';
import { pagingDescriptions } from './paging-descriptions.js';
import { sentenceStart } from './wording.js';

/** GraphQL type names that carry global ids; provider schemas add theirs as they define them. */
export const nodeTypenames = new Set<string>();

/**
 * The type and native id an id argument names; `notAnId` when it is not an id of this API, which its
 * own lookup answers with an error (`loadNode`), so that one bad entry of `nodes` fails alone.
 */
export function readNodeId(id: string | number): GlobalId {
  return readGlobalId(String(id), nodeTypenames) ?? notAnId;
}

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
    decodeGlobalID: readNodeId,
    idFieldOptions: { description: nodeIdDescription },
    // `node` and `nodes` are the gateway's own (data-source.ts): they load through the request's loaders
    // (node-loaders.ts), and read their ids themselves, without the per-id WeakMap entry Pothos's
    // decoding writes.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    nodeTypeOptions: { description: 'An object with a global id that `node` and `nodes` can fetch again.' },
    pageInfoTypeOptions: {
      description: 'Where a page sits in a connection, for fetching the next or previous one.',
    },
    ...pagingDescriptions,
  },
});
