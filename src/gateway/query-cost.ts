import {
  type ArgumentNode,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AdmissionGate } from './admission.js';
import { chargeBatch } from './batching.js';
import type { Cancellation } from './cancellation.js';
import { gatewayError } from './errors.js';
import { DEFAULT_PAGE_SIZE } from './paging.js';
import type { ProviderReach } from './provider-reach.js';

const SCALAR_COST = 1;
const OBJECT_COST = 2;
/** Each level of nesting weighs this much more than the one above it. */
const DEPTH_FACTOR = 1.5;
/** Arguments whose value says how many objects the selection is repeated for. */
const PAGE_ARGUMENTS = new Set(['first', 'last']);
const LIST_ARGUMENTS = new Set(['ids', 'representations']);

type Variables = Readonly<Record<string, unknown>>;

/**
 * The names of the fields of `schema` that page (take `first`): one asked without a page size, or
 * with a null one, answers DEFAULT_PAGE_SIZE items and weighs as many.
 */
export function pagedFieldNames(schema: GraphQLSchema): ReadonlySet<string> {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap()))
    if (isObjectType(type) && !type.name.startsWith('__'))
      for (const field of Object.values(type.getFields()))
        if (field.args.some((arg) => arg.name === 'first')) names.add(field.name);
  return names;
}

/** What running one operation weighs. */
export interface OperationWeight {
  /**
   * Each field costs 1, each object 2, each level nested weighs 1.5× more, and a selection is
   * multiplied by its page size (`first`/`last`) or by the number of ids it asks for.
   */
  cost: number;
  /**
   * How many records it may hold at once: page sizes and id counts multiplied through nesting
   * (an object without either is one record), summed over the top-level fields.
   */
  records: number;
  /** Among `records`, those of the top-level fields that may call each provider, by provider id. */
  providers: ReadonlyMap<string, number>;
  /** True when a variable's value went into any of these (`first: $n`): another request may weigh more. */
  variable: boolean;
}

type Weight = Pick<OperationWeight, 'cost' | 'records'>;
/** A nested level's cost, and the records of its largest object (what its field holds per item). */
type LevelWeight = Pick<Weight, 'cost'> & { largest: number };

const NO_PROVIDERS: ReadonlyMap<string, number> = new Map();

/**
 * The cost and the records of one operation with its variables. Fragments are type conditions:
 * they add no level. Variables count at the value sent, so `first: $n` weighs what a literal would.
 * With `reach`, the records of each top-level field are also counted against the providers it may call.
 */
export function operationWeight(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Variables,
  reach?: ProviderReach,
  /** Fields that page (see `pagedFieldNames`): without a page size they weigh DEFAULT_PAGE_SIZE items. */
  paged?: ReadonlySet<string>,
): OperationWeight {
  return weightOf(weightPlan(document, operationName, variables, paged), variables, reach);
}

/**
 * What an operation weighs before the providers are counted: its cost and records, and the records of
 * each top-level field, to be counted against the providers that field may call.
 */
interface WeightPlan {
  operation: OperationDefinitionNode | undefined;
  cost: number;
  records: number;
  /** The top-level fields (fragments spread in place) that hold records, and how many. */
  charged: readonly { field: FieldNode; records: number }[];
  /** True when a variable's value went into the cost or the records. */
  variable: boolean;
}

function weightOf(plan: WeightPlan, variables: Variables, reach: ProviderReach | undefined): OperationWeight {
  const { operation, cost, records } = plan;
  if (!reach || !operation || plan.charged.length === 0)
    return { cost, records, providers: NO_PROVIDERS, variable: plan.variable };
  // The arguments that narrow a field's providers (ids, filters) may be variables too.
  let variable = plan.variable;
  const read = valueReader(operation, variables, () => {
    variable = true;
  });
  const providers = new Map<string, number>();
  for (const { field, records: fieldRecords } of plan.charged)
    for (const id of reach(operation.operation, field, read))
      providers.set(id, (providers.get(id) ?? 0) + fieldRecords);
  return { cost, records, providers, variable };
}

/** An argument's value as sent: literals as written, variables as given or by their default. */
function valueReader(
  operation: OperationDefinitionNode,
  variables: Variables,
  onVariable: () => void,
): (node: ValueNode) => unknown {
  let defaults: Map<string, ValueNode | undefined> | undefined;
  const read = (node: ValueNode): unknown => {
    switch (node.kind) {
      case Kind.VARIABLE: {
        onVariable();
        const name = node.name.value;
        if (variables[name] !== undefined) return variables[name];
        defaults ??= new Map(
          (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.defaultValue]),
        );
        const fallback = defaults.get(name);
        return fallback ? read(fallback) : undefined;
      }
      case Kind.INT:
        return Number.parseInt(node.value, 10);
      case Kind.STRING:
      case Kind.ENUM:
        return node.value;
      case Kind.LIST:
        return node.values.map(read);
      case Kind.OBJECT:
        return Object.fromEntries(node.fields.map((field) => [field.name.value, read(field.value)]));
      default:
        return undefined;
    }
  };
  return read;
}

function weightPlan(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Variables,
  paged: ReadonlySet<string> | undefined,
): WeightPlan {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return { operation, cost: 0, records: 0, charged: [], variable: false };
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  let variable = false;
  const argumentValue = valueReader(operation, variables, () => {
    variable = true;
  });
  const multiplier = (name: string, args: readonly ArgumentNode[] | undefined): number => {
    let times = 1;
    // A page asked with no size (none given, null, or a variable left out) holds the default number of items.
    let sized = false;
    for (const arg of args ?? []) {
      const page = PAGE_ARGUMENTS.has(arg.name.value);
      if (!page && !LIST_ARGUMENTS.has(arg.name.value)) continue;
      const value = argumentValue(arg.value);
      if (page && typeof value === 'number') {
        times = Math.max(times, value);
        sized = true;
      }
      if (!page && Array.isArray(value)) times = Math.max(times, value.length);
    }
    return sized || !paged?.has(name) ? times : Math.max(times, DEFAULT_PAGE_SIZE);
  };

  // Selections of one level below the top: fields weigh the depth factor, fragments are spread in
  // place. Of the records, only the largest object's count (a field holds its largest child's
  // records once per item: a connection's edges and pageInfo are not two); the top level sums them.
  const selectionWeight = (set: SelectionSetNode, seen: ReadonlySet<string>): LevelWeight => {
    const level = { cost: 0, largest: 0 };
    const add = (part: LevelWeight) => {
      level.cost += part.cost;
      level.largest = Math.max(level.largest, part.largest);
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fieldWeight(selection, seen);
        add({ cost: field.cost, largest: field.records });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) add(selectionWeight(selection.selectionSet, seen));
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value))
          add(selectionWeight(fragment.selectionSet, new Set([...seen, fragment.name.value])));
      }
    }
    return level;
  };
  const fieldWeight = (
    field: { name: { value: string }; arguments?: readonly ArgumentNode[]; selectionSet?: SelectionSetNode },
    seen: ReadonlySet<string>,
  ): Weight => {
    if (field.name.value === '__schema' || field.name.value === '__type') return { cost: 0, records: 0 };
    if (!field.selectionSet) return { cost: SCALAR_COST, records: 0 };
    const times = multiplier(field.name.value, field.arguments);
    const nested = selectionWeight(field.selectionSet, seen);
    return {
      cost: (OBJECT_COST + DEPTH_FACTOR * nested.cost) * times,
      records: Math.max(1, nested.largest) * times,
    };
  };

  // The top level, fragments spread in place: its fields' records add up, each counted against the
  // providers that field may call.
  let cost = 0;
  let records = 0;
  const charged: { field: FieldNode; records: number }[] = [];
  const topLevel = (set: SelectionSetNode, seen: ReadonlySet<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fieldWeight(selection, seen);
        cost += field.cost;
        records += field.records;
        if (field.records > 0) charged.push({ field: selection, records: field.records });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) topLevel(selection.selectionSet, seen);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value))
          topLevel(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
  };
  topLevel(operation.selectionSet, new Set());
  return { operation, cost, records, charged, variable };
}

/** What runs an operation beside its cost check: the admission gate, and what tells it which providers a field may call. */
export interface OperationAdmission {
  gate?: AdmissionGate;
  reach?: ProviderReach;
}

/**
 * Refuses an operation whose cost is over `maxCost` with BAD_USER_INPUT (`extensions.limit: 'cost'`)
 * before anything runs, so no upstream is called; otherwise holds the operation's records in `gate`
 * while it runs, within the time limit of the request's Cancellation (see context.ts). It goes last
 * among the plugins, so that it wraps whichever executor the others chose (graphql-jit compiles a
 * document only when it first runs, never for a refused one).
 */
export function useQueryCost(
  maxCost: number,
  { gate, reach }: OperationAdmission = {},
  paged?: ReadonlySet<string>,
): Plugin {
  const weigh = weigher(gate && reach, paged);
  return {
    // A subscription holds no records between events (its polls are shared): only its cost is checked.
    onSubscribe({ args, setResultAndStopExecution }) {
      const weight = weigh(args.document, args.operationName, (args.variableValues ?? {}) as Variables);
      const cost = Math.round(weight.cost);
      if (cost > maxCost) setResultAndStopExecution({ errors: [overCost(maxCost, cost)] });
    },
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const weight = weigh(args.document, args.operationName, (args.variableValues ?? {}) as Variables);
      const cost = Math.round(weight.cost);
      if (cost > maxCost) {
        setResultAndStopExecution({ errors: [overCost(maxCost, cost)] });
        return;
      }
      const context = args.contextValue as { request?: Request; cancellation?: Cancellation };
      if (!chargeBatch(context.request, cost, maxCost)) {
        setResultAndStopExecution({
          errors: [
            gatewayError(
              `Query Cost limit of ${maxCost} exceeded by this batch: its operations' costs add up. Send this operation in another request, or ask for less.`,
              { code: 'BAD_USER_INPUT', limit: 'cost', max: maxCost },
            ),
          ],
        });
        return;
      }
      const { cancellation } = context;
      if (!gate && !cancellation) return;
      type Execution = Parameters<typeof executeFn>[0];
      const run = (execution: Execution, release?: () => void) =>
        cancellation
          ? cancellation.run(
              () => executeFn(execution),
              () => timedOut(cancellation.timeoutMs),
              release,
            )
          : executeFn(execution);
      setExecuteFn((execution) =>
        gate
          ? gate.run(
              weight,
              (release) => run(execution, release),
              () => context.request?.signal,
            )
          : run(execution),
      );
    },
  };
}

function overCost(maxCost: number, cost: number) {
  return gatewayError(
    `Query Cost limit of ${maxCost} exceeded, found ${cost}: ask for smaller pages, fewer ids or fewer fields.`,
    { code: 'BAD_USER_INPUT', limit: 'cost', max: maxCost },
  );
}

/** The answer to an operation that did not wind down once its time limit ran out. */
function timedOut(timeoutMs: number): ExecutionResult {
  return {
    data: null,
    errors: [
      gatewayError(
        `This operation did not finish within its time limit of ${timeoutMs} ms: ask for less at once, or try again later.`,
        { code: 'GATEWAY_TIMEOUT' },
      ),
    ],
  };
}

/**
 * operationWeight, its plan kept per parsed document (Yoga reuses the parsed form of a document it
 * has seen) for operations whose page sizes and id counts are written in the document rather than
 * sent as variables: those weigh the same every time. Where only the providers depend on a variable
 * (the id of a `node` lookup), they are counted again for each request; otherwise the whole weight
 * is kept.
 */
function weigher(reach: ProviderReach | undefined, paged: ReadonlySet<string> | undefined) {
  const fixed = new WeakMap<DocumentNode, Map<string, { plan: WeightPlan; weight?: OperationWeight }>>();
  return (document: DocumentNode, operationName: string | null | undefined, variables: Variables) => {
    const name = operationName ?? '';
    const known = fixed.get(document)?.get(name);
    if (known) return known.weight ?? weightOf(known.plan, variables, reach);
    const plan = weightPlan(document, operationName, variables, paged);
    const weight = weightOf(plan, variables, reach);
    if (!plan.variable) {
      let byName = fixed.get(document);
      if (!byName) {
        byName = new Map();
        fixed.set(document, byName);
      }
      byName.set(name, weight.variable ? { plan } : { plan, weight });
    }
    return weight;
  };
}
