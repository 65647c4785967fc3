import { describe, expect, it } from 'vitest';
import type { ConfigField, FieldTable } from '../../src/gateway/vendor-config.js';
import { destinationVendors, prequelExportVendors } from '../../src/providers/prequel-export/vendors.js';
import { contract } from './prequel-export.harness.js';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

const schemas = (contract.document.components?.schemas ?? {}) as Record<string, Schema>;

/** A schema with its `$ref` followed and its `allOf` parts merged in. */
function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(schemas[schema.$ref.replace('#/components/schemas/', '')]);
  const parts = (schema.allOf ?? []).map(resolve);
  return {
    ...schema,
    properties: Object.assign({}, ...parts.map((p) => p.properties), schema.properties),
    required: [...parts.flatMap((p) => p.required ?? []), ...(schema.required ?? [])],
  };
}

const graphqlType: Record<string, string> = {
  string: 'String',
  integer: 'Int',
  number: 'Float',
  boolean: 'Boolean',
};

/** Every way a field table differs from the request block and the response view it describes. */
function differences(
  table: FieldTable,
  request: Schema | undefined,
  view: Schema | undefined,
  path: string,
): string[] {
  const sent = resolve(request).properties ?? {};
  const shown = resolve(view).properties ?? {};
  const byKey = new Map<string, ConfigField>(Object.values(table).map((f) => [f.upstream, f]));
  const out: string[] = [];
  for (const key of new Set([...Object.keys(sent), ...Object.keys(shown)])) {
    const where = `${path}.${key}`;
    const field = byKey.get(key);
    if (!field) {
      out.push(`${where} is not described`);
      continue;
    }
    if (key in shown !== field.output)
      out.push(`${where}: output is ${field.output}, returned is ${key in shown}`);
    if (key in sent !== field.input)
      out.push(`${where}: input is ${field.input}, accepted is ${key in sent}`);
    if (field.kind === 'group') {
      out.push(...differences(field.fields, sent[key], shown[key], where));
      continue;
    }
    const spec = resolve(sent[key] ?? shown[key]);
    if (field.secret && key in shown) out.push(`${where} is a secret that Prequel returns`);
    if (typeof spec.type === 'string' && graphqlType[spec.type] !== field.type)
      out.push(`${where} is ${field.type}`);
    // The gateway checks only the limits Prequel documents (none here): the contract's own limits
    // stand for Prequel's judgement, so a limit the table states must be the contract's.
    if (field.allowed && JSON.stringify(spec.enum) !== JSON.stringify(field.allowed))
      out.push(`${where} allows ${field.allowed}`);
    if (
      key in sent &&
      (field.minLength !== undefined || field.maxLength !== undefined) &&
      (spec.minLength !== field.minLength || spec.maxLength !== field.maxLength)
    )
      out.push(`${where} lengths ${field.minLength}-${field.maxLength}`);
  }
  for (const field of Object.values(table)) {
    if (!(field.upstream in sent) && !(field.upstream in shown))
      out.push(`${path}.${field.upstream} is not Prequel's`);
  }
  return out;
}

describe('the destination vendor table', () => {
  const vendorKeys = (resolve(schemas.Vendor).enum ?? []) as string[];

  it('describes every vendor of the contract exactly once', () => {
    expect(vendorKeys).toHaveLength(25);
    expect(destinationVendors.map((spec) => spec.key)).toEqual([...vendorKeys].sort());
    expect(Object.values(prequelExportVendors)).not.toContain('OTHER');
    expect(new Set(destinationVendors.map((spec) => spec.typeName)).size).toBe(25);
  });

  it.each(destinationVendors.map((spec) => [spec.key, spec] as const))(
    'matches the contract for %s',
    (key, spec) => {
      const request = resolve(schemas.DestinationCreate).properties?.[key];
      const view = resolve(schemas.Destination).properties?.[key];
      expect(differences(spec.fields, request, view, key)).toEqual([]);
      const required = Object.values(spec.fields)
        .filter((f) => f.requiredOnCreate)
        .map((f) => f.upstream);
      expect(required.sort()).toEqual([...(resolve(request).required ?? [])].sort());
    },
  );
});
