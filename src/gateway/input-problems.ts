import {
  GraphQLError,
  type GraphQLInputObjectType,
  type GraphQLNamedType,
  isEnumType,
  isNonNullType,
} from 'graphql';

/**
 * The words of an input error, shared by variables (input-errors.ts) and literals (literal-errors.ts):
 * what is wrong and where, from the schema's types and the value's shape, never from the value.
 */
export type PathKey = string | number;

export interface Problem {
  /** Where inside the argument or variable, e.g. `['config', 'postgres', 'port']`. */
  path: readonly PathKey[];
  what: string;
}

export const hasCode = (error: GraphQLError) => error.extensions?.code !== undefined;

/** `input.config.postgres.port`, `inputs[1].secretKey`. */
export function printPath(root: string, path: readonly PathKey[]): string {
  let out = root;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${key}`;
  return out;
}

/**
 * Marks an error as a request error in the GraphQL-over-HTTP sense (the request did not run): Yoga
 * answers it 400 to `accept: application/graphql-response+json` and 200 to `application/json`.
 */
export function requestErrorHttp(): { spec: true; status: 400 } {
  return { spec: true, status: 400 };
}

/** One input error: `<subject> has an invalid value at "<root.path>": <what>.`; `field` is `<root.path>`. */
export function inputError(subject: string, root: string, problem: Problem, nodes?: GraphQLError['nodes']) {
  const at = printPath(root, problem.path);
  const where = problem.path.length > 0 ? ` at "${at}"` : '';
  const what = problem.what.endsWith('.') ? problem.what : `${problem.what}.`;
  return new GraphQLError(`${subject} has an invalid value${where}: ${what}`, {
    nodes,
    extensions: { code: 'BAD_USER_INPUT', field: at, http: requestErrorHttp() },
  });
}

/** What a scalar or enum expected; the gateway's own scalars' refusals (they carry a code) name no value. */
export function leafExpected(type: GraphQLNamedType, error: GraphQLError): string {
  if (hasCode(error)) return error.message;
  return isEnumType(type) ? `one of the ${type} values expected` : `${type} expected`;
}

/** A key the caller sent that is a GraphQL name: naming it cannot echo a value. */
const nameLike = (key: string) => /^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(key);

/**
 * What is wrong with an object given for `type`, from the keys it has (`given`: each key and whether
 * its value is null): required fields left out, keys the type does not define, and a `@oneOf`
 * input without exactly one non-null field.
 */
export function objectProblems(
  type: GraphQLInputObjectType,
  path: readonly PathKey[],
  given: ReadonlyMap<string, { isNull: boolean }>,
): Problem[] {
  const problems: Problem[] = [];
  const fields = type.getFields();
  for (const [name, field] of Object.entries(fields)) {
    if (isNonNullType(field.type) && field.defaultValue === undefined && !given.has(name))
      problems.push({ path: [...path, name], what: `is required (${field.type}) and was not given` });
  }
  for (const key of given.keys()) {
    if (fields[key]) continue;
    problems.push(
      nameLike(key)
        ? { path: [...path, key], what: `is not a field of ${type}` }
        : { path, what: `has a field that ${type} does not define` },
    );
  }
  if (type.isOneOf) {
    const set = [...given.keys()].filter((key) => fields[key]);
    if (set.length !== 1)
      problems.push({
        path,
        what: `must set exactly one field of ${type} (it is a @oneOf input), not ${set.length}`,
      });
    else if (given.get(set[0] as string)?.isNull)
      problems.push({ path: [...path, set[0] as string], what: 'must not be null' });
  }
  return problems;
}

/** Problems without repeats: graphql-js reports some problems of one object once per field. */
export function distinct(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${JSON.stringify(problem.path)} ${problem.what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
