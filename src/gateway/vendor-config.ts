import type { Vendor } from './vendor.js';

/**
 * The one description of a vendor's settings. From it come the GraphQL output type, the create
 * and patch input types, the mapping of inputs to the upstream's request body, and input checks.
 */
export type ScalarType = 'String' | 'Int' | 'Float' | 'Boolean' | 'JSON';

interface FieldBase {
  /** The upstream's key for this field inside the vendor block, e.g. `connection_timeout_in_seconds`. */
  upstream: string;
  /** The key the upstream expects in requests, where it differs from the one it answers with. */
  inputKey: string;
  description: string;
  /** Shown in output types (false for secrets and write-only settings). */
  output: boolean;
  /** Accepted in create and patch inputs (false for read-only state such as `is_valid`). */
  input: boolean;
  /** Must be given when creating. */
  requiredOnCreate: boolean;
  /** An explicit null in a patch clears it upstream; otherwise null is refused as input. */
  clearable: boolean;
}

export interface ScalarField extends FieldBase {
  kind: 'scalar';
  type: ScalarType;
  list: boolean;
  /** Never shown, never logged, never echoed in errors. */
  secret: boolean;
  /** Length bounds for strings: a least length only with a greatest. */
  minLength?: number;
  maxLength?: number;
  /** The only values the upstream accepts. */
  allowed?: readonly (string | number)[];
}

export interface GroupField extends FieldBase {
  kind: 'group';
  /** GraphQL type name of the nested object, e.g. `SshTunnel`; inputs add `Input`. */
  typeName: string;
  fields: FieldTable;
}

export type ConfigField = ScalarField | GroupField;
export type FieldTable = Readonly<Record<string, ConfigField>>;

export interface VendorSpec {
  /** The upstream's vendor key, which is also the key of its settings block, e.g. `postgres`. */
  key: string;
  vendor: Vendor;
  /** GraphQL type name of its settings, e.g. `PostgresImportConfig`. */
  typeName: string;
  description: string;
  fields: FieldTable;
}

interface FieldOptions {
  /** The upstream clears it when sent null in a patch. */
  clearable?: boolean;
  /** The request key, where the upstream spells it differently from its answers. */
  inputKey?: string;
  /** Output only (state the upstream reports). */
  readOnly?: boolean;
  /** Input only (settings the upstream does not echo). */
  writeOnly?: boolean;
  required?: boolean;
}

/**
 * Limits are the upstream's documented ones only (a string's length, at most or within bounds, and
 * a set of allowed values), checked before sending and stated in the field's description; an input
 * the docs do not limit goes to the upstream, whose refusal maps back onto it.
 */
type ScalarOptions = FieldOptions & {
  list?: boolean;
  allowed?: readonly (string | number)[];
} & ({ minLength?: undefined; maxLength?: number } | { minLength: number; maxLength: number });

function scalar(
  type: ScalarType,
  upstream: string,
  description: string,
  options: ScalarOptions = {},
): ScalarField {
  return {
    kind: 'scalar',
    type,
    upstream,
    inputKey: options.inputKey ?? upstream,
    description,
    output: options.writeOnly !== true,
    input: options.readOnly !== true,
    requiredOnCreate: options.required === true,
    clearable: options.clearable === true,
    list: options.list === true,
    secret: false,
    minLength: options.minLength,
    maxLength: options.maxLength,
    allowed: options.allowed,
  };
}

/** Builders for vendor field tables; every field is output and input unless told otherwise. */
export const field = {
  string: (upstream: string, description: string, options?: ScalarOptions) =>
    scalar('String', upstream, description, options),
  int: (upstream: string, description: string, options?: ScalarOptions) =>
    scalar('Int', upstream, description, options),
  float: (upstream: string, description: string, options?: ScalarOptions) =>
    scalar('Float', upstream, description, options),
  boolean: (upstream: string, description: string, options?: ScalarOptions) =>
    scalar('Boolean', upstream, description, options),
  json: (upstream: string, description: string, options?: ScalarOptions) =>
    scalar('JSON', upstream, description, options),
  /** A TCP port; the upstream judges its range (none of them documents one). */
  port: (upstream: string, description: string, options?: ScalarOptions) =>
    scalar('Int', upstream, description, options),
  /** A credential: accepted on input, never output, never logged. */
  secret: (
    upstream: string,
    description: string,
    options?: Omit<FieldOptions, 'readOnly' | 'writeOnly'>,
  ): ScalarField => ({
    ...scalar('String', upstream, description, { ...options, writeOnly: true }),
    secret: true,
  }),
  group: (
    upstream: string,
    typeName: string,
    description: string,
    fields: FieldTable,
    options: FieldOptions = {},
  ): GroupField => ({
    kind: 'group',
    upstream,
    inputKey: options.inputKey ?? upstream,
    typeName,
    description,
    fields,
    output: options.writeOnly !== true && Object.values(fields).some((f) => f.output),
    input: options.readOnly !== true && Object.values(fields).some((f) => f.input),
    requiredOnCreate: options.required === true,
    clearable: options.clearable === true,
  }),
};
