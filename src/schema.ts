import { type GraphQLSchema, specifiedDirectives } from 'graphql';
import { builder } from './gateway/builder.js';
import { defineDataSourceSchema } from './gateway/data-source.js';
import { toSubgraphSchema } from './gateway/federation.js';
import { DeferDirective, StreamDirective } from './gateway/incremental.js';
import './gateway/user-errors.js';
import { providers } from './providers/registry.js';

defineDataSourceSchema(providers);
builder.queryType({ description: 'Reads across every configured provider.' });
builder.mutationType({
  description: "Changes, each mapped onto its upstream's own create, PATCH and delete.",
});
builder.subscriptionType({
  description:
    'Live updates over text/event-stream: each field says what it sends, and when its stream ends.',
});

/**
 * The whole schema, its types and fields in the order defined (a stable order): sorting them would
 * build every type a second time at each start. schema.graphql prints it sorted.
 */
export const schema = builder.toSchema({
  directives: [...specifiedDirectives, DeferDirective, StreamDirective],
  sortSchema: false,
});

let subgraph: GraphQLSchema | undefined;

/** The same schema served as an Apollo Federation v2 subgraph (FEDERATION=true), built on first use. */
export function subgraphSchema(): GraphQLSchema {
  subgraph ??= toSubgraphSchema(schema);
  return subgraph;
}
