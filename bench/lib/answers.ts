import { type Part, PartReader } from './parts.js';

const POSTGRES_SPELLINGS = new Set(['POSTGRES', 'postgres', 'postgresql']);

/** An answer's `data`, when it has no `errors`. */
export function data(body: string): Record<string, unknown> | undefined {
  const parsed = JSON.parse(body) as { data?: Record<string, unknown> | null; errors?: unknown };
  return parsed.errors === undefined && parsed.data ? parsed.data : undefined;
}

export type PostgresPage = { edges: { node: { vendor: string } }[]; pageInfo?: { hasNextPage: boolean } };

/** Why a page of `vendors: [POSTGRES]` is not what the bench asks for, if it is not. */
export function checkPostgresPage(edges: PostgresPage['edges'] | undefined): string | undefined {
  if (edges?.length !== 100) return `expected 100 edges, got ${edges?.length}`;
  const other = edges.find((edge) => !POSTGRES_SPELLINGS.has(edge.node.vendor));
  return other ? `a ${other.node.vendor} data source in a POSTGRES page` : undefined;
}

/** The edges and pageInfo that the parts of a multipart answer to STREAMED_LIST_DOCUMENT bring. */
export function streamedPage(body: string): PostgresPage {
  const parts: Part[] = new PartReader('multipart').push(Buffer.from(body));
  const initial = parts[0]?.data?.dataSources as PostgresPage | undefined;
  const page: PostgresPage = { edges: [...(initial?.edges ?? [])] };
  for (const item of parts.flatMap((part) => part.incremental ?? [])) {
    if (item.items) page.edges.push(...(item.items as PostgresPage['edges']));
    else if (item.data?.pageInfo) page.pageInfo = item.data.pageInfo as PostgresPage['pageInfo'];
  }
  return page;
}
