import { type FieldNode, type GraphQLResolveInfo, getDirectiveValues, Kind } from 'graphql';
import { StreamDirective } from './incremental.js';
import type { Edge, Page } from './paging.js';

/** The `edges` selections of a connection field, kept per field node: most documents have none streamed. */
const streamedEdges = new WeakMap<FieldNode, readonly FieldNode[]>();

/** True when the connection's `edges` is selected with `@stream` (and its `if` is not false). */
export function streamsEdges(info: GraphQLResolveInfo): boolean {
  for (const field of info.fieldNodes) {
    let streamed = streamedEdges.get(field);
    if (!streamed) {
      streamed = (field.selectionSet?.selections ?? []).filter(
        (selection): selection is FieldNode =>
          selection.kind === Kind.FIELD &&
          selection.name.value === 'edges' &&
          (selection.directives ?? []).some((directive) => directive.name.value === StreamDirective.name),
      );
      streamedEdges.set(field, streamed);
    }
    for (const edges of streamed) {
      if (getDirectiveValues(StreamDirective, edges, info.variableValues)?.if !== false) return true;
    }
  }
  return false;
}

/**
 * A connection whose edges are sent as they become certain, for `@stream`: `run` pages with an
 * `onEdges` callback and the edges it is told are yielded at once, in page order, the rest once the
 * page is complete. It answers as the page would when the page completes before any edge is certain
 * (an empty page, or null when every provider failed), so the assembled answer is the page's.
 */
export async function streamedPage<T>(
  run: (onEdges: (edges: readonly Edge<T>[]) => void) => Promise<Page<T> | null>,
): Promise<Page<T> | StreamingPage<T> | null> {
  const ready: Edge<T>[] = [];
  let wake: (() => void) | undefined;
  const page = run((edges) => {
    ready.push(...edges);
    wake?.();
  });
  const settled = page.then(
    () => true,
    () => true,
  );
  const first = await Promise.race([settled, new Promise<false>((resolve) => (wake = () => resolve(false)))]);
  if (first) return page;
  async function* edges(): AsyncGenerator<Edge<T>> {
    let sent = 0;
    for (;;) {
      while (sent < ready.length) yield ready[sent++] as Edge<T>;
      const done = await Promise.race([
        settled,
        new Promise<false>((resolve) => (wake = () => resolve(false))),
      ]);
      if (done) break;
    }
    for (const edge of (await page)?.edges.slice(sent) ?? []) yield edge;
  }
  return {
    edges: edges(),
    // Read only when asked for: a page that fails then rejects no promise nobody awaits.
    get pageInfo() {
      return page.then((complete) => complete?.pageInfo);
    },
    totalCount: async () => (await page)?.totalCount() ?? null,
  };
}

/** A page still being assembled: what the connection's fields read from it, each when it is known. */
export interface StreamingPage<T> {
  edges: AsyncIterable<Edge<T>>;
  pageInfo: Promise<Page<T>['pageInfo'] | undefined>;
  totalCount(): Promise<number | null>;
}
