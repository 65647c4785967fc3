import {
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isInputObjectType,
  isObjectType,
  type OperationTypeNode,
  type ValueNode,
} from 'graphql';
import { encodeGlobalId } from './ids.js';
import type { ProviderDefinition } from './provider.js';

/**
 * The providers one root field of an operation may call. `read` gives an argument's value (literal
 * or variable) when the arguments narrow it down.
 */
export type ProviderReach = (
  operation: OperationTypeNode,
  field: FieldNode,
  read: (node: ValueNode) => unknown,
) => readonly string[];

/**
 * Which providers each root field may call, from the schema: the providers owning an object type its
 * return type reaches (a field reaching none, whose answer names no provider's type, may call any).
 * Worked out once per field. A field whose return type is abstract (`node`, `nodes`, `dataSource`,
 * `_entities`, `dataSources`) is narrowed by what its arguments say: the types of the global ids or
 * entity representations it is given, or a `filter.providers` list.
 */
export function providerReach(
  schema: GraphQLSchema,
  providers: readonly ProviderDefinition[],
): ProviderReach {
  const owners = new Map<string, string>();
  for (const provider of providers) for (const type of provider.typenames) owners.set(type, provider.id);
  const everyone = providers.map((provider) => provider.id);
  const byEnumValue = new Map(providers.map((provider) => [provider.enumValue, provider.id]));
  // A global id is base64url of `Type:nativeId`: ids of one type begin with the same characters,
  // as many as the whole 3-byte groups of `Type:` make.
  const idPrefixes = [...owners].map(([type, id]) => {
    const bytes = type.length + 1;
    return [encodeGlobalId(type, '').slice(0, Math.floor(bytes / 3) * 4), id] as const;
  });
  const reached = new Map<OperationTypeNode, Map<string, readonly string[]>>();

  const ofField = (operation: OperationTypeNode, name: string): readonly string[] => {
    let byName = reached.get(operation);
    if (!byName) {
      byName = new Map();
      reached.set(operation, byName);
    }
    let ids = byName.get(name);
    if (!ids) {
      const field = schema.getRootType(operation)?.getFields()[name];
      const found = field ? reachable(getNamedType(field.type), schema, owners) : new Set<string>();
      ids = found.size > 0 ? everyone.filter((id) => found.has(id)) : everyone;
      byName.set(name, ids);
    }
    return ids;
  };

  // When no prefix begins another, an id has at most one: a run of ids of one type (the usual
  // `nodes`) is checked against the prefix the id before it had, not against every prefix.
  const oneEach = idPrefixes.every(([a], i) => idPrefixes.every(([b], j) => i === j || !a.startsWith(b)));

  const fromIds = (value: unknown, into: Set<string>) => {
    const ids = Array.isArray(value) ? value : [value];
    let last: string | undefined;
    for (const item of ids) {
      if (typeof item !== 'string' || (last !== undefined && item.startsWith(last))) continue;
      for (const [prefix, id] of idPrefixes)
        if (item.startsWith(prefix)) {
          into.add(id);
          if (oneEach) last = prefix;
        }
    }
  };

  return (operation, field, read) => {
    const all = ofField(operation, field.name.value);
    if (all.length < 2 || !field.arguments?.length) return all;
    const narrowed = new Set<string>();
    let narrows = false;
    for (const argument of field.arguments) {
      const name = argument.name.value;
      if (name !== 'id' && name !== 'ids' && name !== 'representations' && name !== 'filter') continue;
      const value = read(argument.value);
      if (name === 'id' || name === 'ids') {
        narrows = true;
        fromIds(value, narrowed);
      } else if (name === 'representations') {
        narrows = true;
        // One representation given where the list is expected is a list of one, as GraphQL reads it.
        for (const item of [value].flat()) {
          const type = (item as { __typename?: unknown } | null)?.__typename;
          const owner = typeof type === 'string' ? owners.get(type) : undefined;
          if (owner) narrowed.add(owner);
        }
      } else if (name === 'filter') {
        const listed = (value as { providers?: unknown } | null | undefined)?.providers;
        if (listed === undefined || listed === null) continue;
        narrows = true;
        for (const item of [listed].flat()) {
          const owner = typeof item === 'string' ? byEnumValue.get(item) : undefined;
          if (owner) narrowed.add(owner);
        }
      }
    }
    return narrows ? all.filter((id) => narrowed.has(id)) : all;
  };
}

/** The providers owning an object type reachable from `root` through fields and possible types. */
function reachable(
  root: GraphQLNamedType,
  schema: GraphQLSchema,
  owners: ReadonlyMap<string, string>,
): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (type: GraphQLNamedType): void => {
    if (seen.has(type.name) || isInputObjectType(type)) return;
    seen.add(type.name);
    const owner = owners.get(type.name);
    if (owner) found.add(owner);
    if (isAbstractType(type)) for (const possible of schema.getPossibleTypes(type)) visit(possible);
    else if (isObjectType(type))
      for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
  };
  visit(root);
  return found;
}
