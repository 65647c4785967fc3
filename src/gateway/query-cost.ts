import {
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { gatewayError } from './errors.js';

const SCALAR_COST = 1;
const OBJECT_COST = 2;
/** Each level of nesting weighs this much more than the one above it. */
const DEPTH_FACTOR = 1.5;
/** Arguments whose value says how many objects the selection is repeated for. */
const PAGE_ARGUMENTS = new Set(['first', 'last']);
const LIST_ARGUMENTS = new Set(['ids', 'representations']);

type Variables = Readonly<Record<string, unknown>>;

/**
 * The cost of running one operation with its variables: each field costs 1, each object 2, each
 * level nested weighs 1.5× more, and a selection is multiplied by its page size (`first`/`last`)
 * or by the number of ids it asks for. Fragments are type conditions: they add no level.
 * Variables count at the value sent, so `first: $n` costs what a literal would.
 */
export function operationCost(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Variables,
): number {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const defaults = new Map(
    (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.defaultValue]),
  );
  const argumentValue = (node: ValueNode): unknown => {
    if (node.kind !== Kind.VARIABLE) return literal(node);
    const name = node.name.value;
    if (variables[name] !== undefined) return variables[name];
    const fallback = defaults.get(name);
    return fallback ? literal(fallback) : undefined;
  };

  const multiplier = (args: readonly ArgumentNode[] | undefined): number => {
    let times = 1;
    for (const arg of args ?? []) {
      const value = argumentValue(arg.value);
      if (PAGE_ARGUMENTS.has(arg.name.value) && typeof value === 'number') times = Math.max(times, value);
      if (LIST_ARGUMENTS.has(arg.name.value) && Array.isArray(value)) times = Math.max(times, value.length);
    }
    return times;
  };

  // Selections of one level: fields weigh the depth factor, fragments are spread in place.
  const selectionCost = (set: SelectionSetNode, seen: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) cost += fieldCost(selection, seen);
      else if (selection.kind === Kind.INLINE_FRAGMENT) cost += selectionCost(selection.selectionSet, seen);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value))
          cost += selectionCost(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
    return cost;
  };
  const fieldCost = (
    field: { name: { value: string }; arguments?: readonly ArgumentNode[]; selectionSet?: SelectionSetNode },
    seen: ReadonlySet<string>,
  ): number => {
    if (field.name.value === '__schema' || field.name.value === '__type') return 0;
    if (!field.selectionSet) return SCALAR_COST;
    const nested = DEPTH_FACTOR * selectionCost(field.selectionSet, seen);
    return (OBJECT_COST + nested) * multiplier(field.arguments);
  };

  return selectionCost(operation.selectionSet, new Set());
}

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    case Kind.LIST:
      return node.values;
    default:
      return undefined;
  }
}

/**
 * Refuses, before anything runs, an operation whose cost with its variables is over `maxCost`:
 * BAD_USER_INPUT with `extensions.limit: 'cost'`, and no upstream is called.
 */
export function useQueryCost(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Variables;
      const cost = Math.round(operationCost(args.document, args.operationName, variables));
      if (cost <= maxCost) return;
      setResultAndStopExecution({
        errors: [
          gatewayError(
            `Query Cost limit of ${maxCost} exceeded, found ${cost}: ask for smaller pages, fewer ids or fewer fields.`,
            { code: 'BAD_USER_INPUT', limit: 'cost', max: maxCost },
          ),
        ],
      });
    },
  };
}
