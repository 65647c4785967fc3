import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema, schemaFile } from '../../scripts/print-schema.js';

describe('schema.graphql', () => {
  it('is the printed schema (run `npm run schema` after changing types)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });
});

describe('docs/configuration.md', () => {
  it('lists every environment variable the gateway reads (run `npm run readme`)', async () => {
    const { configurationFile, configurationWithEnvTable } = await import('../../scripts/env-table.js');
    expect(readFileSync(configurationFile, 'utf8')).toBe(configurationWithEnvTable());
  });
});
