import type { GraphQLResolveInfo } from 'graphql';
import { builder } from './builder.js';
import type { GatewayContext } from './context.js';
import { type ConnectionArgs, type Page, pageAcross, type Segment } from './paging.js';

type NodeType = Parameters<typeof builder.connectionObject>[0]['type'];

/** A Relay connection type over `nodeRef` with a lazily computed `totalCount`. */
export function countedConnection<Type extends NodeType>(name: string, nodeRef: Type, description: string) {
  return builder.connectionObject({
    type: nodeRef,
    name,
    description,
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many items match, over every page.',
        resolve: (connection) => (connection as unknown as Page<unknown>).totalCount(),
      }),
    }),
  });
}

/**
 * Pages one provider's list. Unlike `dataSources`, a failure here fails the field: there is
 * nothing else to show.
 */
export function pageOne<T>(
  segment: Segment<T>,
  args: ConnectionArgs,
  context: GatewayContext,
  _info: GraphQLResolveInfo,
  scope: string,
): Promise<Page<T>> {
  return pageAcross([segment], args, {
    scope,
    defaultPageSize: 20,
    maxPageSize: context.limits.maxPageSize,
    onSegmentFailure: (_key, error) => {
      throw error;
    },
  });
}

/** Puts loaded rows in the order of the keys asked; keys with no row get `missing(key)`. */
export function inKeyOrder<K, Row, Missing>(
  keys: readonly K[],
  rows: Iterable<Row>,
  keyOf: (row: Row) => K,
  missing: (key: K) => Missing,
): (Row | Missing)[] {
  const byKey = new Map<K, Row>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => (byKey.has(key) ? (byKey.get(key) as Row) : missing(key)));
}
