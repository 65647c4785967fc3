import { graphqlSync, lexicographicSortSchema, printSchema } from 'graphql';
import { schema, subgraphSchema } from '../src/schema.js';

export const schemaFile = new URL('../schema.graphql', import.meta.url);
export const subgraphSchemaFile = new URL('../schema.subgraph.graphql', import.meta.url);

/** The printed schema exactly as `schema.graphql` must hold it. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** The subgraph SDL exactly as `schema.subgraph.graphql` must hold it: what `_service { sdl }` answers. */
export function printedSubgraphSchema(): string {
  const result = graphqlSync({ schema: subgraphSchema(), source: '{ _service { sdl } }' });
  const sdl = (result.data?._service as { sdl?: unknown } | undefined)?.sdl;
  if (typeof sdl !== 'string') throw new Error(`_service { sdl } failed: ${JSON.stringify(result.errors)}`);
  return `${sdl}\n`;
}
