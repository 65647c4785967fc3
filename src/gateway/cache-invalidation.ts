import type { CacheEntityRecord } from '@envelop/response-cache';
import {
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isAbstractType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { encodeGlobalId, readGlobalId } from './ids.js';

/**
 * The lists (connection types) a query selects, by type name, kept per parsed document: an answer is
 * tagged with them even when they hold no record yet, so that a create can drop it.
 */
export function selectedLists(
  schema: GraphQLSchema,
): (document: DocumentNode) => readonly CacheEntityRecord[] {
  const lists = new Set([...listTypesByRecord(schema).values()].flatMap((holding) => [...holding]));
  const known = new WeakMap<DocumentNode, readonly CacheEntityRecord[]>();
  return (document) => {
    let found = known.get(document);
    if (found) return found;
    const names = new Set<string>();
    const types = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(types, {
        Field() {
          const type = types.getType();
          const named = type && getNamedType(type);
          if (named && lists.has(named.name)) names.add(named.name);
        },
      }),
    );
    found = [...names].map((typename) => ({ typename }));
    known.set(document, found);
    return found;
  };
}

/**
 * What a mutation may have changed, whatever its client asked back: the records its `id` arguments
 * name, the record types its result can hold (a create's new record, a queued transfer), and every
 * cached list that can hold a record of those types, since a create, a delete or a rename changes
 * what a list shows even where it did not show the record before. Read from the schema once.
 */
export function mutationInvalidation(schema: GraphQLSchema): (args: ExecutionArgs) => CacheEntityRecord[] {
  const listsHolding = listTypesByRecord(schema);
  const records = new Set(listsHolding.keys());
  const resultRecords = new Map<string, string[]>();
  // A result holds its records directly (`destination`) or one object down (`queued { transfer }`).
  const recordsIn = (type: ReturnType<typeof getNamedType>, depth: number, found: Set<string>) => {
    for (const object of objectTypes(schema, type))
      for (const held of Object.values(object.getFields())) {
        const named = getNamedType(held.type);
        if (records.has(named.name)) found.add(named.name);
        else if (depth > 0) recordsIn(named, depth - 1, found);
      }
    return found;
  };
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {}))
    resultRecords.set(field.name, [...recordsIn(getNamedType(field.type), 1, new Set())]);
  const mutation = schema.getMutationType();

  return ({ document, operationName, variableValues }) => {
    const operation = getOperationAST(document, operationName);
    if (!operation || !mutation) return [];
    const touched: CacheEntityRecord[] = [];
    const types = new Set<string>();
    for (const field of rootFields(operation.selectionSet, document)) {
      const definition = mutation.getFields()[field.name.value];
      if (!definition) continue;
      for (const type of resultRecords.get(definition.name) ?? []) types.add(type);
      for (const argument of field.arguments ?? []) {
        const declared = definition.args.find((a) => a.name === argument.name.value);
        if (getNamedType(declared?.type)?.name !== 'ID') continue;
        const value =
          argument.value.kind === Kind.VARIABLE
            ? variableValues?.[argument.value.name.value]
            : argument.value.kind === Kind.STRING
              ? argument.value.value
              : undefined;
        if (typeof value !== 'string') continue;
        const id = readGlobalId(value, records);
        if (!id) continue;
        // Kept answers are tagged with the id as the gateway sends it, not as this argument spells it (padded, say).
        touched.push({ typename: id.typename, id: encodeGlobalId(id.typename, id.id) });
        types.add(id.typename);
      }
    }
    for (const type of types)
      for (const list of listsHolding.get(type) ?? []) touched.push({ typename: list });
    return touched;
  };
}

/** For each record type, the connection types (`edges { node }`) whose nodes can be one. */
function listTypesByRecord(schema: GraphQLSchema): Map<string, Set<string>> {
  const lists = new Map<string, Set<string>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const edge = type.getFields().edges && getNamedType(type.getFields().edges?.type);
    const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
    if (!node) continue;
    for (const record of objectTypes(schema, getNamedType(node.type))) {
      const holding = lists.get(record.name) ?? new Set<string>();
      holding.add(type.name);
      lists.set(record.name, holding);
    }
  }
  return lists;
}

function objectTypes(
  schema: GraphQLSchema,
  type: ReturnType<typeof getNamedType>,
): readonly GraphQLObjectType[] {
  if (isAbstractType(type)) return schema.getPossibleTypes(type);
  return isObjectType(type) ? [type] : [];
}

/** The root fields an operation selects, fragments spread in place (a skipped one counts: over-invalidating is safe). */
function rootFields(set: SelectionSetNode, document: DocumentNode) {
  const fields = [];
  const pending = [set];
  const seen = new Set<string>();
  for (let next = pending.pop(); next; next = pending.pop())
    for (const selection of next.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) pending.push(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = document.definitions.find(
          (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
        );
        if (fragment?.kind === Kind.FRAGMENT_DEFINITION) pending.push(fragment.selectionSet);
      }
    }
  return fields;
}
