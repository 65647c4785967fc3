import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { builder } from './builder.js';

builder.scalarType('DateTime', {
  description: 'An instant in time as an ISO-8601 string in UTC, e.g. `2025-03-01T12:00:00.000Z`.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (node) => parseDateTime(node.kind === Kind.STRING ? node.value : undefined),
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(
      'DateTime must be an ISO-8601 string with a date and a time, e.g. 2025-03-01T12:00:00Z',
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  return date;
}

/**
 * The deepest a JSON input may nest: more than any real metadata needs, and shallow enough that
 * nothing that walks it afterwards (the upstream request's serialization, say) runs out of stack.
 */
export const MAX_JSON_DEPTH = 64;

builder.scalarType('JSON', {
  description: `Any JSON value, passed through as the upstream holds it (free-form metadata, tags); as an input, nested at most ${MAX_JSON_DEPTH} levels deep.`,
  serialize: (value) => value,
  parseValue: (value) => {
    assertShallow(value);
    return value;
  },
  parseLiteral: (node) => literalValue(node, 0),
});

function tooDeep(): GraphQLError {
  return new GraphQLError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep: flatten it`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** Refuses a value nested deeper than MAX_JSON_DEPTH; it walks with a stack of its own, not the call stack. */
function assertShallow(value: unknown): void {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= MAX_JSON_DEPTH) throw tooDeep();
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, depth + 1]);
  }
}

function literalValue(node: ValueNode, depth: number): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      if (depth >= MAX_JSON_DEPTH) throw tooDeep();
      return node.values.map((value) => literalValue(value, depth + 1));
    case Kind.OBJECT:
      if (depth >= MAX_JSON_DEPTH) throw tooDeep();
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, literalValue(field.value, depth + 1)]),
      );
    case Kind.VARIABLE:
      throw new GraphQLError('JSON literals cannot contain variables', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
  }
}
