import {
  type ASTNode,
  type ASTVisitor,
  type GraphQLError,
  getNamedType,
  isInputObjectType,
  Kind,
  type ValidationContext,
  type ValidationRule,
  ValuesOfCorrectTypeRule,
} from 'graphql';
import { inputError, leafExpected, objectProblems, type PathKey, type Problem } from './input-problems.js';

type Ancestor = ASTNode | readonly ASTNode[];

/**
 * graphql-js's ValuesOfCorrectTypeRule, each error it reports rewritten to name the argument and the
 * path inside it instead of printing the literal it found (a password written in a mutation, say).
 * The rule's visitor is wrapped so that a report knows where in the document it was made.
 */
export const valueFreeValuesRule: ValidationRule = (context: ValidationContext): ASTVisitor => {
  let where: { node: ASTNode; chain: readonly Ancestor[]; keys: readonly PathKey[] } | undefined;
  const objectsSeen = new WeakSet<ASTNode>();
  const reporting: ValidationContext = Object.create(context);
  reporting.reportError = (error) => {
    for (const rewritten of where ? literalErrors(context, error, where, objectsSeen) : [error])
      context.reportError(rewritten);
  };
  const visitor = ValuesOfCorrectTypeRule(reporting) as Record<string, (...args: unknown[]) => unknown>;
  return Object.fromEntries(
    Object.entries(visitor).map(([kind, visit]) => [
      kind,
      (
        node: ASTNode,
        key: unknown,
        parent: Ancestor | undefined,
        path: readonly PathKey[],
        ancestors: readonly Ancestor[],
      ) => {
        where = { node, chain: parent === undefined ? ancestors : [...ancestors, parent], keys: path };
        return visit(node, key, parent, path, ancestors);
      },
    ]),
  ) as ASTVisitor;
};

function literalErrors(
  context: ValidationContext,
  error: GraphQLError,
  where: { node: ASTNode; chain: readonly Ancestor[]; keys: readonly PathKey[] },
  objectsSeen: WeakSet<ASTNode>,
): GraphQLError[] {
  const { node } = where;
  const { subject, root, path } = literalPosition(where);
  const report = (problem: Problem) => inputError(subject, root, problem, [node]);
  const type = context.getInputType();
  const named = type && getNamedType(type);
  if (node.kind === Kind.OBJECT_FIELD)
    return [report({ path, what: `is not a field of ${getNamedType(context.getParentInputType())}` })];
  if (node.kind === Kind.OBJECT && isInputObjectType(named)) {
    // The rule reports each missing field of an object apart: the object is looked at once.
    if (objectsSeen.has(node)) return [];
    objectsSeen.add(node);
    // Unknown fields are reported where they are written (the OBJECT_FIELD case above).
    const fields = named.getFields();
    const given = new Map(
      node.fields
        .filter((field) => fields[field.name.value])
        .map((field) => [field.name.value, { isNull: field.value.kind === Kind.NULL }]),
    );
    return objectProblems(named, path, given).map(report);
  }
  if (node.kind === Kind.NULL) return [report({ path, what: 'must not be null' })];
  if (isInputObjectType(named)) return [report({ path, what: `${named} expected, as an object` })];
  if (!named) return [report({ path, what: 'is not valid here' })];
  return [report({ path, what: leafExpected(named, error) })];
}

/** The argument (or variable default) a literal belongs to, and the path to the literal inside it. */
function literalPosition(where: { node: ASTNode; chain: readonly Ancestor[]; keys: readonly PathKey[] }): {
  subject: string;
  root: string;
  path: PathKey[];
} {
  // `chain[i][keys[i]]` is `chain[i + 1]`, and the last key leads to the node itself.
  const nodes = [...where.chain, where.node];
  let start = nodes.length;
  let subject = 'A value';
  let root = '';
  while (--start >= 0) {
    const at = nodes[start];
    if (!at || Array.isArray(at)) continue;
    const node = at as ASTNode;
    if (node.kind === Kind.ARGUMENT) {
      root = node.name.value;
      subject = `Argument "${root}"`;
      break;
    }
    if (node.kind === Kind.VARIABLE_DEFINITION) {
      root = node.variable.name.value;
      subject = `The default value of variable "$${root}"`;
      break;
    }
  }
  const path: PathKey[] = [];
  for (let i = start + 1; i < nodes.length; i++) {
    const at = nodes[i];
    if (!at || Array.isArray(at)) continue;
    const node = at as ASTNode;
    if (node.kind === Kind.OBJECT_FIELD) path.push(node.name.value);
    else if (node.kind === Kind.LIST) {
      // Two keys on from a list is the index of the item the path goes on into; a list refused whole
      // (the last node) has no such key.
      const index = where.keys[i + 1];
      if (typeof index === 'number') path.push(index);
    }
  }
  return { subject, root, path };
}
