import {
  getIntrospectionQuery,
  type IntrospectionInputValue,
  type IntrospectionQuery,
  type IntrospectionSchema,
  introspectionTypes,
  specifiedDirectives,
  specifiedScalarTypes,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../support/gateway.js';

/** What graphql-js defines, and describes, itself: the introspection types and the built-in scalars and directives. */
const builtIn = new Set([...introspectionTypes, ...specifiedScalarTypes].map((type) => type.name));
const builtInDirectives = new Set(specifiedDirectives.map((directive) => directive.name));

const described = (description: string | null | undefined) => (description ?? '').trim() !== '';

/**
 * Every schema coordinate without a description, spelled as in the GraphQL spec's schema
 * coordinates: `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `@directive(arg:)`.
 */
function undescribed(schema: IntrospectionSchema): string[] {
  const missing: string[] = [];
  const args = (owner: string, inputs: readonly IntrospectionInputValue[]) => {
    for (const arg of inputs) if (!described(arg.description)) missing.push(`${owner}(${arg.name}:)`);
  };
  for (const type of schema.types) {
    if (builtIn.has(type.name)) continue;
    if (!described(type.description)) missing.push(type.name);
    if (type.kind === 'OBJECT' || type.kind === 'INTERFACE') {
      for (const field of type.fields) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
        args(`${type.name}.${field.name}`, field.args);
      }
    }
    if (type.kind === 'INPUT_OBJECT') {
      for (const field of type.inputFields)
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
    }
    if (type.kind === 'ENUM') {
      for (const value of type.enumValues)
        if (!described(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  for (const directive of schema.directives) {
    if (builtInDirectives.has(directive.name)) continue;
    if (!described(directive.description)) missing.push(`@${directive.name}`);
    args(`@${directive.name}`, directive.args);
  }
  return missing;
}

// Deprecated fields, arguments and enum values are part of the schema a client reads too.
const introspection = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true });

describe.each([
  ['the public schema', {}],
  ['the federation subgraph (FEDERATION=true)', { FEDERATION: 'true' }],
])('%s', (_name, env: Record<string, string>) => {
  it('describes every type, field, argument, input field, enum value and directive it defines', async () => {
    await using gw = await startTestGateway(env);
    const result = await gw.query<IntrospectionQuery>(introspection);
    expect(result.errors).toBeUndefined();
    const schema = (result.data as IntrospectionQuery).__schema;
    expect(schema.types.length).toBeGreaterThan(100);
    expect(undescribed(schema), 'schema coordinates without a description').toEqual([]);
  });
});
