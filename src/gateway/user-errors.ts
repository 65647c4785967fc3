import { builder } from './builder.js';
import { providerLabel, refusal } from './errors.js';
import { readGlobalId } from './ids.js';
import { isUpstreamError, type UpstreamError } from './upstream/index.js';
import { fieldsNamedIn, inputPathText, sentenceStart, UNNAMED_INPUT_FIELD, withArticle } from './wording.js';

/** Why a mutation did not happen, in terms a form can act on. */
export type UserErrorCode = 'INVALID_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT';

/** One problem with one input field. */
export interface FieldIssue {
  /** Path of the field in the mutation's arguments, e.g. `["input", "config", "postgres", "port"]`. */
  field: string[];
  message: string;
}

/** An expected failure of a mutation: returned as data, never as a top-level error. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: UserErrorCode,
    readonly field: string[] | null = null,
    readonly provider: string | null = null,
  ) {
    super(message);
  }
}

/** The input was refused, by the gateway's own checks or by the upstream; every problem is listed. */
export class InvalidInputError extends UserError {
  constructor(
    readonly issues: FieldIssue[],
    provider: string | null = null,
  ) {
    super(
      issues.length === 1
        ? `${inputPathText(issues[0]?.field ?? [])}: ${issues[0]?.message}`
        : `${issues.length} fields are invalid`,
      'INVALID_INPUT',
      issues[0]?.field ?? null,
      provider,
    );
  }
}

export class NotFoundError extends UserError {}
export class ForbiddenError extends UserError {}
export class ConflictError extends UserError {}

const UserErrorCodeEnum = builder.enumType('UserErrorCode', {
  description: 'Why a mutation did not happen.',
  values: {
    INVALID_INPUT: { description: 'An input field is missing, out of range or refused by the upstream.' },
    NOT_FOUND: { description: 'The thing to change does not exist (or is not visible to the caller).' },
    FORBIDDEN: { description: 'The caller may not do this.' },
    CONFLICT: { description: 'It clashes with something that exists, such as a name already in use.' },
  } as const,
});

const UserErrorInterface = builder.interfaceRef<UserError>('UserError').implement({
  description: 'An expected failure of a mutation, with what a form needs to show it.',
  fields: (t) => ({
    message: t.exposeString('message', {
      description: 'What went wrong, for a person; never contains a secret.',
    }),
    code: t.field({
      type: UserErrorCodeEnum,
      description: 'Why it did not happen, as a value a client can branch on.',
      resolve: (error) => error.code,
    }),
    field: t.exposeStringList('field', {
      nullable: true,
      description: 'Path of the input field at fault, when one is.',
    }),
    provider: t.field({
      type: 'String',
      nullable: true,
      description: 'Provider id that refused the change, when the upstream did.',
      resolve: (error) => error.provider,
    }),
  }),
});

const FieldIssueType = builder.objectRef<FieldIssue>('FieldIssue').implement({
  description: 'One problem with one input field.',
  fields: (t) => ({
    field: t.exposeStringList('field', { description: 'Path of the field in the arguments.' }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  description: 'The input was refused; `issues` lists every field at fault.',
  interfaces: [UserErrorInterface],
  isTypeOf: (value) => value instanceof InvalidInputError,
  fields: (t) => ({
    issues: t.field({
      type: [FieldIssueType],
      description: 'Every field at fault, one entry each, with what is wrong with it.',
      resolve: (error) => error.issues,
    }),
  }),
});
for (const [type, name, description] of [
  [NotFoundError, 'NotFoundError', 'Nothing with that id exists for the caller.'],
  [ForbiddenError, 'ForbiddenError', 'The caller may not do this.'],
  [ConflictError, 'ConflictError', 'It clashes with what exists, e.g. a name already in use.'],
] as const) {
  builder.objectType(type, {
    name,
    description,
    interfaces: [UserErrorInterface],
    isTypeOf: (value) => value instanceof type,
  });
}

/** Refuses an input with every problem found, before anything is sent upstream. */
export function refuseIfAny(issues: readonly FieldIssue[], provider: string): void {
  if (issues.length > 0) throw new InvalidInputError([...issues], provider);
}

/** The error types every mutation may answer with. */
export const userErrorTypes = [InvalidInputError, NotFoundError, ForbiddenError, ConflictError];

/**
 * A mutation's `errors` option: the user errors it may answer with, and its success type's one
 * field, `dataField`, holding `holds` (a phrase such as "the import source as Prequel saved it").
 */
export function mutationErrors(dataField: string, holds: string) {
  return {
    types: userErrorTypes,
    result: { description: `The mutation did what was asked: \`${dataField}\` holds ${holds}.` },
    dataField: { name: dataField, description: `${sentenceStart(holds)}.` },
  };
}

/** Where an upstream's field sits in the mutation's arguments; `undefined` is the input as a whole. */
export type FieldPath = (upstreamField: string | undefined) => string[];

/**
 * Turns an upstream's refusal into the matching user error; anything else is rethrown and becomes a
 * top-level error with a code. The message is the gateway's own: the kind of refusal (by its status),
 * the provider, and the input paths of the fields it blamed. The upstream's text may quote any value
 * it was sent (a name, a host, a secret), so it is read only for the fields it names, which
 * `fieldPath` maps onto the mutation's input; it is never repeated. A conflict that names no field is
 * on `conflictOn`, where the provider has one thing that can clash (a name), else on none.
 */
export function asUserError(error: unknown, fieldPath: FieldPath, conflictOn?: string[]): never {
  if (!isUpstreamError(error) || error.kind !== 'http') throw error;
  const label = providerLabel(error.provider);
  switch (error.status) {
    case 400:
    case 422:
      throw new InvalidInputError(upstreamIssues(error, fieldPath, label), error.provider);
    case 403:
      throw new ForbiddenError(refusal(label, 403), 'FORBIDDEN', null, error.provider);
    case 404:
      throw new NotFoundError(refusal(label, 404), 'NOT_FOUND', null, error.provider);
    case 409: {
      const blamed = blamedFields(error, fieldPath).find((field) => field !== undefined);
      const field = blamed === undefined ? (conflictOn ?? null) : fieldPath(blamed);
      const message = field
        ? `${inputPathText(field)}: clashes with what ${label} already holds`
        : refusal(label, 409);
      throw new ConflictError(message, 'CONFLICT', field, error.provider);
    }
    default:
      throw error;
  }
}

/**
 * One issue per input field the upstream blamed, in the order it named them, each saying that the
 * upstream refused it. A problem it names no field for is on the input as a whole.
 */
function upstreamIssues(error: UpstreamError, fieldPath: FieldPath, label: string): FieldIssue[] {
  const named = blamedFields(error, fieldPath);
  const issues = new Map<string, FieldIssue>();
  for (const upstream of named.length > 0 ? named : [undefined]) {
    const field = fieldPath(upstream);
    const message =
      upstream === undefined || placedField(upstream, fieldPath)
        ? `was refused by ${label} as invalid`
        : `holds ${UNNAMED_INPUT_FIELD}, which ${label} refused as invalid`;
    const key = field.join('.');
    if (!issues.has(key)) issues.set(key, { field, message });
  }
  return [...issues.values()];
}

/**
 * The fields an upstream's refusal blames, by its names for them: those its problem list names (a
 * problem it names none for is `undefined` there, in its place), or the one it names beside its
 * message, or else the first its sentence names that the input has a place for.
 */
function blamedFields(error: UpstreamError, fieldPath: FieldPath): (string | undefined)[] {
  const problems = error.problems ?? [];
  if (problems.some((problem) => problem.field !== undefined))
    return problems.map((problem) => problem.field);
  if (error.field !== undefined) return [error.field];
  if (error.upstreamMessage === undefined) return [];
  // The first only: a sentence may name other fields beside the one at fault ("… when x is not given").
  return fieldsNamedIn(
    error.upstreamMessage,
    (upstream) => placedField(upstream, fieldPath) !== undefined,
  ).slice(0, 1);
}

/**
 * The input path of an upstream field, when `fieldPath` places the whole of it: a field that maps no
 * further than its enclosing one (its last name is unknown here) has no place of its own.
 */
export function placedField(upstream: string, fieldPath: FieldPath): string[] | undefined {
  const path = fieldPath(upstream);
  const enclosing = upstream.replace(/(?:\.[^.[\]]+|\[\d+\])$/, '');
  const outer = fieldPath(enclosing === upstream ? undefined : enclosing || undefined);
  return path.length > outer.length || path.some((name, i) => name !== outer[i]) ? path : undefined;
}

/**
 * The native id inside a global id that must name one type; anything else is an input error
 * on `field`, returned as data.
 */
export function nativeIdFor(globalId: string, typename: string, field: string[]): string {
  const decoded = readGlobalId(globalId, new Set([typename]));
  if (!decoded)
    throw new InvalidInputError([{ field, message: `is not the id of ${withArticle(typename)}` }]);
  return decoded.id;
}
