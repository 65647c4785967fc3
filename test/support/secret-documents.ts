import {
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import type { SecretRequest } from './secret-inputs.js';

/** The requests of secret-inputs.ts as GraphQL documents, with their arguments as variables or as literals. */

/** An enum value, printed bare in a literal and sent as its name in variables. */
export class EnumName {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}

/** A GraphQL literal for `value`, enum names bare. */
export function literal(value: unknown): string {
  if (value instanceof EnumName) return value.name;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([key, v]) => `${key}: ${literal(v)}`)
      .join(', ')} }`;
  return JSON.stringify(value);
}

/** The request as a document with variables, or with every argument written in the document. */
export function asRequest(
  schema: GraphQLSchema,
  request: SecretRequest,
  form: 'variables' | 'literals',
): { query: string; variables?: Record<string, unknown> } {
  const field = schema.getMutationType()?.getFields()[request.mutation];
  if (!field) throw new Error(`no mutation ${request.mutation}`);
  // A request GraphQL refuses is answered before its selection matters; one that runs reads back everything.
  const selection = request.way === 'valid' ? selectEverything(schema, field.type, 0) : '{ __typename }';
  const names = Object.keys(request.args);
  if (form === 'literals') {
    const args = names.map((name) => `${name}: ${literal(request.args[name])}`).join(', ');
    return { query: `mutation { ${field.name}(${args}) ${selection} }` };
  }
  const declared = names.map((name) => `$${name}: ${field.args.find((a) => a.name === name)?.type}`);
  const passed = names.map((name) => `${name}: $${name}`);
  return {
    query: `mutation(${declared.join(', ')}) { ${field.name}(${passed.join(', ')}) ${selection} }`,
    variables: JSON.parse(JSON.stringify(request.args)) as Record<string, unknown>,
  };
}

/** Every leaf of a result, a few levels down: whatever the answer holds is read back and scanned. */
function selectEverything(schema: GraphQLSchema, type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const types = isAbstractType(named) ? schema.getPossibleTypes(named) : isObjectType(named) ? [named] : [];
  const parts = types.map((object) => {
    const fields = Object.values(object.getFields())
      .filter((f) => f.args.every((a) => !isNonNullType(a.type)))
      .flatMap((f) => {
        if (isLeafType(getNamedType(f.type))) return [f.name];
        if (depth >= 2) return [];
        const inner = selectEverything(schema, f.type, depth + 1);
        return inner ? [`${f.name} ${inner}`] : [];
      });
    return `... on ${object.name} { __typename ${fields.join(' ')} }`;
  });
  return `{ __typename ${parts.join(' ')} }`;
}
