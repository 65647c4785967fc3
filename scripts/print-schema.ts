import { printSchema } from 'graphql';
import { schema } from '../src/schema.js';

export const schemaFile = new URL('../schema.graphql', import.meta.url);

/** The printed schema exactly as `schema.graphql` must hold it. */
export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}
