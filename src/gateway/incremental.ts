import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import {
  BREAK,
  DirectiveLocation,
  type DocumentNode,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLString,
  visit,
} from 'graphql';

/** `@defer`, as the incremental-delivery draft and Yoga's defer/stream plugin define it. */
export const DeferDirective = new GraphQLDirective({
  name: 'defer',
  description:
    'Sends this fragment in a later part of the answer (multipart/mixed or text/event-stream), so the rest arrives without waiting for it.',
  locations: [DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
  args: {
    if: {
      type: new GraphQLNonNull(GraphQLBoolean),
      defaultValue: true,
      description: 'Deferred when true (the default); false sends the fragment with the rest.',
    },
    label: { type: GraphQLString, description: 'Names the later part that carries this fragment.' },
  },
});

/** `@stream`, as the incremental-delivery draft and Yoga's defer/stream plugin define it. */
export const StreamDirective = new GraphQLDirective({
  name: 'stream',
  description:
    'Sends the items of this list after the first `initialCount`, in later parts of the answer (multipart/mixed or text/event-stream).',
  locations: [DirectiveLocation.FIELD],
  args: {
    if: {
      type: new GraphQLNonNull(GraphQLBoolean),
      defaultValue: true,
      description: 'Streamed when true (the default); false sends the whole list with the rest.',
    },
    label: { type: GraphQLString, description: 'Names the later parts that carry these items.' },
    initialCount: {
      type: GraphQLInt,
      defaultValue: 0,
      description: 'How many items the first part holds.',
    },
  },
});

const incremental = new WeakMap<DocumentNode, boolean>();

/** True when the document asks for incremental delivery anywhere (graphql-jit cannot deliver it); kept per parsed document. */
export function usesIncrementalDelivery(document: DocumentNode): boolean {
  let found = incremental.get(document);
  if (found !== undefined) return found;
  found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === DeferDirective.name || node.name.value === StreamDirective.name) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  incremental.set(document, found);
  return found;
}

/**
 * Yoga's defer/stream plugin, its validation rules applied only to documents that use the
 * directives: it rebuilds the list of rules on every validation, which the others need not pay.
 */
export function useIncrementalDelivery(): ReturnType<typeof useDeferStream> {
  const plugin = useDeferStream();
  return {
    ...plugin,
    onValidate: (payload) => {
      if (usesIncrementalDelivery(payload.params.documentAST)) return plugin.onValidate?.(payload);
      return undefined;
    },
  };
}
