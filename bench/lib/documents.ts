import type { HttpCall } from './protocol.js';

/** The GraphQL documents every scenario sends; the gateway and the pass-through get the very same text. */
export const NODE_DOCUMENT =
  'query Node($id: ID!) { node(id: $id) { id ... on DataSource { name vendor host port } } }';
export const NODES_DOCUMENT =
  'query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on DataSource { name vendor host port } } }';
export const LIST_DOCUMENT =
  'query Postgres { dataSources(first: 100, filter: { vendors: [POSTGRES] }) { edges { node { id name vendor host port } } pageInfo { hasNextPage endCursor } } }';
/**
 * A page that spans providers, its edges streamed as each provider answers and its pageInfo, which
 * needs the whole page, deferred; STREAMED_LIST_PLAIN is the same query without the directives.
 */
export const STREAMED_LIST_DOCUMENT =
  'query PostgresStreamed { dataSources(first: 100, filter: { vendors: [POSTGRES] }) { edges @stream { node { id name vendor host port } } ... @defer { pageInfo { hasNextPage endCursor } } } }';
export const STREAMED_LIST_PLAIN = STREAMED_LIST_DOCUMENT.replace(/ @stream| @defer/g, '');
export const PATCH_DOCUMENT =
  'mutation Patch($id: ID!) { updateRiverGenDataSource(id: $id, input: { port: 6543 }) { __typename ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { id name port } } } }';

/** A POST /graphql as a browser client sends it. */
export function graphqlCall(origin: string, query: string, variables?: Record<string, unknown>): HttpCall {
  return {
    origin,
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(variables ? { query, variables } : { query }),
    expect: 'graphql',
  };
}

/** The same POST from a client that takes an answer in parts, over multipart/mixed. */
export function streamedCall(origin: string, query: string): HttpCall {
  const call = graphqlCall(origin, query);
  return { ...call, headers: { ...call.headers, accept: 'multipart/mixed' }, expect: 'stream' };
}
