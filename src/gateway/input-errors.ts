import {
  type ASTNode,
  coerceInputValue,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  getOperationAST,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  typeFromAST,
  ValuesOfCorrectTypeRule,
  type VariableDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import {
  distinct,
  hasCode,
  inputError,
  leafExpected,
  objectProblems,
  type PathKey,
  type Problem,
  requestErrorHttp,
} from './input-problems.js';
import { valueFreeValuesRule } from './literal-errors.js';

/**
 * Errors about input values that say what is wrong and where, never the value: graphql-js and
 * graphql-jit print the value they refuse (`got invalid value { password: "…" }`), which can be a
 * secret. Variable errors are written anew when a request fails before it runs, so a request that
 * runs pays nothing; errors about literals come from a rewording ValuesOfCorrectTypeRule, whose
 * results Yoga caches with the document.
 */
export function useValueFreeInputErrors(): Plugin {
  // One hooks object for every request: an operation that runs allocates nothing here.
  const done: ExecuteHooks = {
    onExecuteDone: ({ args, result, setResult }) => {
      // Variables that do not coerce are the one failure with errors and no `data` at all.
      if (Symbol.asyncIterator in result || 'data' in result || !result.errors?.length) return;
      if (result.errors.every((error) => hasCode(error) && !fromVariables(error))) return;
      setResult(requestFailure(args, result));
    },
  };
  return {
    onValidate: ({ params }) => {
      const index = params.rules?.indexOf(ValuesOfCorrectTypeRule) ?? -1;
      if (params.rules && index >= 0) params.rules[index] = valueFreeValuesRule;
    },
    onExecute: () => done,
  };
}

/** What an `onExecute` hook may return: the hooks it adds for that execution. */
type ExecuteHooks = Exclude<Awaited<ReturnType<NonNullable<Plugin['onExecute']>>>, void>;

/** The most problems one request is told about (graphql-js stops at 50 too). */
const MAX_PROBLEMS = 50;

/**
 * graphql-js's and graphql-jit's variable errors; one may carry a code, copied from the error of one
 * of our scalars that it wraps.
 */
const fromVariables = (error: GraphQLError) => error.message.startsWith('Variable "$');

function requestFailure(args: ExecutionArgs, result: ExecutionResult): ExecutionResult {
  const errors = result.errors ?? [];
  const variables = errors.filter(fromVariables);
  const coded = errors.filter((error) => hasCode(error) && !fromVariables(error));
  // "Must provide an operation" and the like: about the request, and they print no value.
  const rest = errors
    .filter((error) => !hasCode(error) && !fromVariables(error))
    .map((error) => requestError(error.message, undefined, error.nodes));
  let rewritten: GraphQLError[] = [];
  if (variables.length > 0) {
    rewritten = variableErrors(args);
    // Nothing found again (the two coercions disagree): still say which variable, never how.
    if (rewritten.length === 0)
      rewritten = variables.map((error) => {
        const name = /^Variable "\$(\w+)"/.exec(error.message)?.[1] ?? '';
        return requestError(`Variable "$${name}" has an invalid value.`, name, error.nodes);
      });
  }
  return { errors: [...coded, ...rewritten, ...rest] };
}

function requestError(message: string, field: string | undefined, nodes: GraphQLError['nodes']) {
  const extensions = { code: 'BAD_USER_INPUT', ...(field && { field }), http: requestErrorHttp() };
  return new GraphQLError(message, { nodes, extensions });
}

/** The errors graphql-js raises for the request's variables, told from the types and shapes, not the values. */
function variableErrors(args: ExecutionArgs): GraphQLError[] {
  const operation = getOperationAST(args.document, args.operationName);
  const values = (args.variableValues ?? {}) as Record<string, unknown>;
  const errors: GraphQLError[] = [];
  for (const definition of operation?.variableDefinitions ?? []) {
    if (errors.length >= MAX_PROBLEMS) break;
    const name = definition.variable.name.value;
    const type = typeFromAST(args.schema, definition.type);
    if (!type || !isInputType(type)) continue;
    const value = values[name];
    const nodes: ASTNode[] = [definition];
    if (value === undefined) {
      if (isNonNullType(type) && !definition.defaultValue)
        errors.push(
          requestError(`Variable "$${name}" of required type "${type}" was not provided.`, name, nodes),
        );
    } else if (value === null && isNonNullType(type)) {
      errors.push(
        requestError(`Variable "$${name}" of non-null type "${type}" must not be null.`, name, nodes),
      );
    } else {
      for (const problem of valueProblems(value, type, MAX_PROBLEMS - errors.length))
        errors.push(variableError(definition, problem));
    }
  }
  return errors;
}

function variableError(definition: VariableDefinitionNode, problem: Problem): GraphQLError {
  const name = definition.variable.name.value;
  return inputError(`Variable "$${name}"`, name, problem, [definition]);
}

class EnoughProblems extends Error {}

/** What graphql-js's own coercion refuses in `value`, each problem described from the type at its path. */
function valueProblems(value: unknown, type: GraphQLInputType, max: number): Problem[] {
  const problems: Problem[] = [];
  // graphql-js reports each missing field of an object apart: the object is described once.
  const objectsSeen = new Set<string>();
  const add = (found: readonly Problem[]) => {
    problems.push(...found);
    if (problems.length >= max) throw new EnoughProblems();
  };
  try {
    coerceInputValue(value, type, (path, invalid, error) => {
      const at = typeAt(type, path, invalid);
      const named = getNamedType(at);
      if (invalid === null || invalid === undefined) add([{ path, what: 'must not be null' }]);
      else if (!isInputObjectType(named) || isListType(at)) add([{ path, what: leafExpected(named, error) }]);
      else if (typeof invalid !== 'object' || Array.isArray(invalid))
        add([{ path, what: `${named} expected, as an object` }]);
      else if (!objectsSeen.has(JSON.stringify(path))) {
        objectsSeen.add(JSON.stringify(path));
        const given = Object.entries(invalid as Record<string, unknown>).filter(([, v]) => v !== undefined);
        add(objectProblems(named, path, new Map(given.map(([key, v]) => [key, { isNull: v === null }]))));
      }
    });
  } catch (error) {
    if (!(error instanceof EnoughProblems)) throw error;
  }
  // A null `@oneOf` field is reported both on its own and with its object.
  return distinct(problems).slice(0, max);
}

/** The input type at `path` (nullable), where a value that is not a list stands for a list of one. */
function typeAt(root: GraphQLInputType, path: readonly PathKey[], value: unknown): GraphQLInputType {
  const unwrap = (type: GraphQLInputType) => getNullableType(type) as GraphQLInputType;
  let type = unwrap(root);
  for (const key of path) {
    if (typeof key === 'number' && isListType(type)) {
      type = unwrap(type.ofType);
      continue;
    }
    while (isListType(type)) type = unwrap(type.ofType);
    const field = isInputObjectType(type) ? type.getFields()[key] : undefined;
    if (!field) return type;
    type = unwrap(field.type);
  }
  while (isListType(type) && !Array.isArray(value)) type = unwrap(type.ofType);
  return type;
}
