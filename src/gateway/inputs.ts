import { builder } from './builder.js';
import type { FieldIssue } from './user-errors.js';
import type { ConfigField, FieldTable, ScalarField, VendorSpec } from './vendor-config.js';

/** Creating needs the required fields; patching takes any subset, and null only where it clears. */
export type InputMode = 'create' | 'patch';

export type InputValue = Readonly<Record<string, unknown>>;
type InputRef = ReturnType<typeof builder.inputRef<InputValue>>;

/**
 * Input types made from tables, kept under their name and table: two different tables given one
 * name make two types of that name, which the schema refuses to build.
 */
const inputTypes = new Map<string, InputRef>();

/** A field a table cannot describe, such as a `@oneOf` vendor settings input; checked by its caller. */
export interface ExtraInputField {
  type: InputRef;
  required: boolean;
  description: string;
}

/** An input object type from a field table (plus any `extra` fields); nested groups become their own input types. */
export function tableInput(
  name: string,
  description: string,
  table: FieldTable,
  mode: InputMode,
  extra: Readonly<Record<string, ExtraInputField>> = {},
): InputRef {
  const key = JSON.stringify([name, table]);
  const known = inputTypes.get(key);
  if (known) return known;
  const ref = builder.inputRef<InputValue>(name);
  inputTypes.set(key, ref);
  ref.implement({
    description,
    fields: (t) => {
      const fields: Record<string, ReturnType<typeof t.field>> = {};
      for (const [key, spec] of Object.entries(table)) {
        if (!spec.input) continue;
        const required = mode === 'create' && spec.requiredOnCreate;
        const description = describe(spec, mode);
        fields[key] =
          spec.kind === 'group'
            ? t.field({
                type: tableInput(inputName(spec.typeName, mode), spec.description, spec.fields, mode),
                required,
                description,
              })
            : t.field({ type: (spec.list ? [spec.type] : spec.type) as 'String', required, description });
      }
      for (const [key, field] of Object.entries(extra)) fields[key] = t.field(field);
      // Fields are built from a table at run time, so their value types are checked by validateInput instead.
      return fields as never;
    },
  });
  return ref;
}

function inputName(typeName: string, mode: InputMode): string {
  return `${typeName}${mode === 'create' ? 'Input' : 'PatchInput'}`;
}

function describe(spec: ConfigField, mode: InputMode): string {
  const notes: string[] = [];
  if (spec.kind === 'scalar') {
    // Some descriptions already say so in their own words; saying it twice reads as a mistake.
    if (spec.secret && !/write-only/i.test(spec.description)) notes.push('write-only: never shown again');
    const limits = limitsOf(spec);
    if (limits.length > 0) notes.push(`documented limit, checked before sending: ${limits.join(', ')}`);
    if (spec.list && mode === 'patch') notes.push('replaces the whole list');
  }
  if (mode === 'patch') notes.push(spec.clearable ? 'null clears it' : 'leave it out to keep it');
  return notes.length > 0 ? `${spec.description} (${notes.join('; ')})` : spec.description;
}

/** A field's limits in words, e.g. `1 to 255 characters`. */
function limitsOf(spec: ScalarField): string[] {
  const limits: string[] = [];
  if (spec.maxLength !== undefined)
    limits.push(
      spec.minLength === undefined
        ? `at most ${spec.maxLength} characters`
        : `${spec.minLength} to ${spec.maxLength} characters`,
    );
  if (spec.allowed) limits.push(`one of ${spec.allowed.join(', ')}`);
  return limits;
}

/** The GraphQL name of a vendor in a `@oneOf` input: the upstream key in camelCase. */
export function vendorInputKey(spec: VendorSpec): string {
  return spec.key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A `@oneOf` input over vendors: exactly one vendor key, holding that vendor's settings. */
export function vendorConfigInput(
  name: string,
  description: string,
  specs: readonly VendorSpec[],
  mode: InputMode,
): InputRef {
  const ref = builder.inputRef<InputValue>(name);
  ref.implement({
    description,
    isOneOf: true,
    fields: (t) =>
      Object.fromEntries(
        specs.map((spec) => [
          vendorInputKey(spec),
          t.field({
            type: tableInput(inputName(spec.typeName, mode), spec.description, spec.fields, mode),
            required: false,
            description: spec.description,
          }),
        ]),
      ) as never,
  });
  return ref;
}

/** Which vendor a `@oneOf` vendor input names, with its settings. */
export function chosenVendor(
  specs: readonly VendorSpec[],
  input: InputValue,
): { spec: VendorSpec; settings: InputValue } {
  for (const spec of specs) {
    const settings = input[vendorInputKey(spec)];
    if (settings !== undefined && settings !== null) return { spec, settings: settings as InputValue };
  }
  // GraphQL's @oneOf validation guarantees one key; this is a guard for direct calls.
  throw new Error('a vendor settings input must name exactly one vendor');
}

/**
 * Checks an input against its table before anything is sent: required fields, null where it
 * cannot clear, and the limits the upstream documents (the only ones a table holds). Messages
 * never repeat the value.
 */
export function validateInput(
  table: FieldTable,
  input: InputValue,
  path: readonly string[],
  mode: InputMode,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [key, spec] of Object.entries(table)) {
    if (!spec.input) continue;
    const field = [...path, key];
    const value = input[key];
    if (value === undefined || (value === null && mode === 'create')) {
      if (mode === 'create' && spec.requiredOnCreate) issues.push({ field, message: 'is required' });
      continue;
    }
    if (value === null) {
      if (!spec.clearable)
        issues.push({ field, message: 'cannot be cleared with null: leave it out to keep it' });
      continue;
    }
    if (spec.kind === 'group') {
      issues.push(...validateInput(spec.fields, value as InputValue, field, mode));
    } else {
      const values = spec.list && Array.isArray(value) ? value : [value];
      for (const one of values) {
        const problem = checkScalar(spec, one);
        if (problem) {
          issues.push({ field, message: problem });
          break;
        }
      }
    }
  }
  return issues;
}

function checkScalar(spec: ScalarField, value: unknown): string | undefined {
  if (spec.maxLength !== undefined && typeof value === 'string') {
    const length = [...value].length;
    const least = spec.minLength ?? 0;
    if (length < least || length > spec.maxLength)
      return `must be ${least} to ${spec.maxLength} characters (got ${length})`;
  }
  if (spec.allowed && !spec.allowed.includes(value as string | number)) {
    return `must be one of ${spec.allowed.join(', ')}`;
  }
  return undefined;
}

/**
 * The upstream's request body for an input, in its keys: absent fields left out; a null is sent
 * in a patch (validateInput has already refused it where it cannot clear) and, when creating,
 * means the same as leaving the field out.
 */
export function toUpstream(table: FieldTable, input: InputValue, mode: InputMode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(table)) {
    const value = input[key];
    if (!spec.input || value === undefined || (value === null && mode === 'create')) continue;
    out[spec.inputKey] =
      spec.kind === 'group' && value !== null ? toUpstream(spec.fields, value as InputValue, mode) : value;
  }
  return out;
}

const NOT_CLEARABLE = 'cannot be cleared with null: leave it out to keep it';

/**
 * An input of common fields plus `config`, a `@oneOf` of vendor settings, checked and turned into
 * the body shape both Prequel APIs take: the common fields, `vendor` (on create) and the settings
 * under the vendor's key. The caller adds its own checks to `issues` before refusing.
 */
export function vendorBody(
  table: FieldTable,
  vendors: readonly VendorSpec[],
  input: InputValue,
  mode: InputMode,
): { issues: FieldIssue[]; body: Record<string, unknown>; spec: VendorSpec | undefined } {
  const issues = validateInput(table, input, ['input'], mode);
  const body = toUpstream(table, input, mode);
  if (input.config === null && mode === 'patch')
    issues.push({ field: ['input', 'config'], message: NOT_CLEARABLE });
  if (input.config === null || input.config === undefined) return { issues, body, spec: undefined };
  const { spec, settings } = chosenVendor(vendors, input.config as InputValue);
  issues.push(...validateInput(spec.fields, settings, ['input', 'config', vendorInputKey(spec)], mode));
  if (mode === 'create') body.vendor = spec.key;
  body[spec.key] = toUpstream(spec.fields, settings, mode);
  return { issues, body, spec };
}

/** The names in an upstream's dotted field, list indices as names: `models[1].name` → `models`, `1`, `name`. */
export function fieldSegments(field: string): string[] {
  return field.split(/[.[\]]/).filter((segment) => segment !== '');
}

/**
 * The input path of an upstream field name, through a table (`password_auth.password` →
 * `passwordAuth.password`; a list item keeps its index). It stops at the first name the table does
 * not know: an upstream spelling never becomes part of a GraphQL path.
 */
export function inputPathOf(table: FieldTable, upstreamPath: readonly string[]): string[] {
  const [head, ...rest] = upstreamPath;
  if (head === undefined) return [];
  for (const [key, spec] of Object.entries(table)) {
    if (spec.inputKey !== head && spec.upstream !== head) continue;
    if (spec.kind === 'group') return [key, ...inputPathOf(spec.fields, rest)];
    return spec.list && rest[0] !== undefined && /^\d+$/.test(rest[0]) ? [key, rest[0]] : [key];
  }
  return [];
}
