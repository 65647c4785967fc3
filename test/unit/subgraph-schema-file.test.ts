import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSubgraphSchema, subgraphSchemaFile } from '../../scripts/print-schema.js';

describe('schema.subgraph.graphql', () => {
  it('is the SDL the subgraph serves (run `npm run schema` after changing types)', () => {
    expect(readFileSync(subgraphSchemaFile, 'utf8')).toBe(printedSubgraphSchema());
  });
});
