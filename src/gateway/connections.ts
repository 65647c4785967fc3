import type { GraphQLResolveInfo } from 'graphql';
import { builder } from './builder.js';
import type { GatewayContext } from './context.js';
import { type ConnectionArgs, DEFAULT_PAGE_SIZE, type Page, pageAcross, type Segment } from './paging.js';
import { signatureOf } from './paging-cursors.js';

type NodeType = Parameters<typeof builder.connectionObject>[0]['type'];

/** How a connection speaks of what it lists; every connection and edge is described from it. */
export interface ConnectionWords {
  /** The connection type's own description, e.g. "A page of Prequel Export destinations.". */
  description: string;
  /** One item, e.g. "destination". */
  item: string;
  /** The items of the list, e.g. "Prequel Export destinations". */
  items: string;
}

/** A Relay connection type over `nodeRef`, with its edge type and a lazily computed `totalCount`. */
export function countedConnection<Type extends NodeType>(
  name: string,
  nodeRef: Type,
  words: ConnectionWords,
) {
  const { description, item, items } = words;
  return builder.connectionObject(
    {
      type: nodeRef,
      name,
      description,
      edgesField: { description: `The ${items} on this page, in the list's order, each with its cursor.` },
      fields: (t) => ({
        totalCount: t.int({
          description: `How many ${items} match, over every page; counted only when asked for. An upstream that cannot count adds an error, and it is null when none could.`,
          resolve: (connection) => (connection as unknown as Page<unknown>).totalCount(),
        }),
      }),
    },
    {
      description: `An edge in a page of ${items}: one ${item} and its cursor.`,
      nodeField: { description: `The ${item} at this place in the list.` },
    },
  );
}

/**
 * Pages one provider's list. Unlike `dataSources`, a failure here fails the field: there is
 * nothing else to show.
 */
export function pageOne<T extends { nativeId: string }>(
  segment: Segment<T>,
  args: ConnectionArgs,
  context: GatewayContext,
  _info: GraphQLResolveInfo,
  scope: string,
  /** The list's order and filter, as the upstream is asked for it: a cursor of another is refused. */
  asked: unknown,
): Promise<Page<T>> {
  return pageAcross<T>([segment], args, {
    scope,
    defaultPageSize: DEFAULT_PAGE_SIZE,
    maxPageSize: context.limits.maxPageSize,
    onSegmentFailure: (_key, error) => {
      throw error;
    },
    // A cursor names its record: paging on after a record was added or removed skips and repeats none.
    identify: nativeIdOf,
    signature: signatureOf(asked),
  });
}

function nativeIdOf(record: { nativeId: string }): string {
  return record.nativeId;
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
