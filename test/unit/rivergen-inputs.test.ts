import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { FieldTable } from '../../src/gateway/vendor-config.js';
import {
  riverGenCreateFields,
  riverGenCredentialUpdateFields,
  riverGenPatchFields,
} from '../../src/providers/rivergen/inputs.js';

/** The keys a table sends, and those of a group in it. */
const keys = (table: FieldTable) =>
  Object.values(table)
    .map((spec) => spec.inputKey)
    .sort();

describe('the RiverGen input tables', () => {
  const schemas = parse(readFileSync('src/providers/rivergen/openapi.yaml', 'utf8')).components.schemas;
  const documented = (name: string) => Object.keys(schemas[name].properties).sort();

  it("take exactly the fields of RiverGen's create, patch and credentials bodies", () => {
    expect(keys(riverGenPatchFields)).toEqual(documented('DataSourcePatch'));
    expect(keys(riverGenCreateFields)).toEqual(documented('DataSourceCreate'));
    expect(keys(riverGenCredentialUpdateFields)).toEqual(documented('CredentialsUpdate'));
    const credentials = riverGenCreateFields.credentials;
    expect(credentials?.kind === 'group' ? keys(credentials.fields) : []).toEqual(documented('Credentials'));
  });
});
