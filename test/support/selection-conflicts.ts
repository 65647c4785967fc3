import {
  type GraphQLCompositeType,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';

type Fielded = GraphQLObjectType | GraphQLInterfaceType;

/**
 * Every pair of same-named fields that one selection set may hold together but whose types differ
 * (`String` and an enum, `String` and `String!`, a list and a single value): graphql-js refuses
 * such a document ("fields conflict because they return conflicting types") unless one is aliased.
 * Two types meet where fragments on both may stand side by side: as members or implementations of
 * one abstract type, and then again below any pair of same-named fields that meet, since their
 * selections merge. Each conflict reads `A.f: T <> B.f: U`.
 */
export function selectionConflicts(schema: GraphQLSchema): string[] {
  const meeting = new Set<string>();
  const queue: [Fielded, Fielded][] = [];
  const meet = (a: Fielded, b: Fielded) => {
    const key = [a.name, b.name].sort().join(' ');
    if (meeting.has(key)) return;
    meeting.add(key);
    queue.push([a, b]);
  };
  const together = (type: GraphQLCompositeType): Fielded[] => {
    if (!isAbstractType(type)) return [type];
    const objects = schema.getPossibleTypes(type);
    const interfaces = new Set<Fielded>(isInterfaceType(type) ? [type] : []);
    for (const object of objects)
      for (const implemented of object.getInterfaces()) interfaces.add(implemented);
    return [...objects, ...interfaces];
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isCompositeType(type) || type.name.startsWith('__')) continue;
    const group = together(type);
    for (const a of group) for (const b of group) meet(a, b);
  }
  const conflicts = new Set<string>();
  for (let pair = queue.pop(); pair; pair = queue.pop()) {
    const [a, b] = pair;
    for (const [name, left] of Object.entries(a.getFields())) {
      const right = b.getFields()[name];
      if (!right) continue;
      if (!sameShape(left.type, right.type)) {
        conflicts.add(
          [`${a.name}.${name}: ${left.type}`, `${b.name}.${name}: ${right.type}`].sort().join(' <> '),
        );
      }
      const leftNamed = getNamedType(left.type);
      const rightNamed = getNamedType(right.type);
      if (isCompositeType(leftNamed) && isCompositeType(rightNamed)) {
        for (const x of together(leftNamed)) for (const y of together(rightNamed)) meet(x, y);
      }
    }
  }
  return [...conflicts].sort();
}

/** graphql-js's own rule: the same wrappers, in the same order, around the same leaf type (or any composite). */
function sameShape(a: GraphQLOutputType, b: GraphQLOutputType): boolean {
  if (isNonNullType(a) || isNonNullType(b))
    return isNonNullType(a) && isNonNullType(b) && sameShape(a.ofType, b.ofType);
  if (isListType(a) || isListType(b)) return isListType(a) && isListType(b) && sameShape(a.ofType, b.ofType);
  if (isLeafType(a) || isLeafType(b)) return a === b;
  return true;
}
