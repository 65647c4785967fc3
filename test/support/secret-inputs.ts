import {
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';
import { EnumName } from './secret-documents.js';

/**
 * Requests that carry secrets through every mutation input that takes one, each in every way the
 * gateway must refuse (and once in a way it accepts), found from the schema rather than listed: a
 * secret field added to any input is covered without touching the test.
 */

/** A field is a secret when the schema says it is write-only or its name says so. */
const secretName = /password|passphrase|secret|token|api_?key|private_?key|shared_?key|access_?key$/i;

export function isSecretField(field: GraphQLInputField): boolean {
  if (getNamedType(field.type).name !== 'String') return false;
  return /write-only/.test(field.description ?? '') || secretName.test(field.name);
}

/** How a request carries its secrets; every way but `valid` must be refused before any upstream call. */
export type Way =
  | 'valid'
  | 'unknown key beside it'
  | 'missing required field'
  | 'two @oneOf keys'
  | 'wrong type beside it'
  | 'null for non-null beside it'
  | 'an object where the secret goes'
  | 'the secret where another type goes';

export interface SecretRequest {
  mutation: string;
  /** The argument and input fields down to the secret, e.g. `input.config.postgres.passwordAuth.password`. */
  path: string;
  way: Way;
  /** The mutation's arguments, as values (sent as variables or printed as literals). */
  args: Record<string, unknown>;
  /** Every secret the arguments hold. */
  secrets: string[];
}

type Path = readonly string[];

/** Every path from a mutation's arguments to a secret field. */
function secretPaths(field: GraphQLField<unknown, unknown>): Path[] {
  const found: Path[] = [];
  const walk = (type: GraphQLInputType, path: Path) => {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || path.length > 12) return;
    for (const child of Object.values(named.getFields())) {
      if (isSecretField(child)) found.push([...path, child.name]);
      else walk(child.type, [...path, child.name]);
    }
  };
  for (const arg of field.args) walk(arg.type, [arg.name]);
  return found;
}

/** Values the gateway's own checks accept for common field names; anything else gets `sample`. */
function sampleString(name: string, unique: () => string): string {
  if (/host/i.test(name)) return 'db.example.com';
  if (/url|uri|endpoint/i.test(name)) return 'https://storage.example.com';
  if (/region/i.test(name)) return 'us-east-1';
  if (/bucket/i.test(name)) return 'example-bucket';
  if (/^name$|resourceName/.test(name)) return `secrets-${unique()}`;
  if (/email/i.test(name)) return 'owner@example.com';
  if (/arn/i.test(name)) return 'arn:aws:iam::123456789012:role/example';
  if (/type$/i.test(name)) return 'postgresql';
  return 'sample';
}

/** Existing records the requests point at: an `id` per mutation, and values for fields by name (`recipientId`). */
export interface Existing {
  ids: Readonly<Record<string, string>>;
  fields: Readonly<Record<string, unknown>>;
}

class Builder {
  private counter = 0;
  constructor(
    private readonly existing: Existing,
    private readonly mutation: string,
    private readonly newSecret: (label: string) => string,
  ) {}

  unique = () => `${Date.now().toString(36)}-${this.counter++}`;

  /** A value of `type` with only its required fields (and the ones `toward` leads through), the secret at the end. */
  value(type: GraphQLInputType, name: string, toward: Path, secret: string): unknown {
    if (isNonNullType(type)) return this.value(type.ofType, name, toward, secret);
    if (isListType(type)) return [this.value(type.ofType, name, toward, secret)];
    if (toward.length === 0 && getNamedType(type).name === 'String' && secret) return secret;
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      const out: Record<string, unknown> = {};
      const chosen = type.isOneOf ? [fields.find((f) => f.name === toward[0]) ?? fields[0]] : fields;
      for (const field of chosen) {
        if (!field) continue;
        const onPath = field.name === toward[0];
        if (!onPath && !type.isOneOf && field.name in this.existing.fields)
          out[field.name] = this.existing.fields[field.name];
        else if (onPath || type.isOneOf || isNonNullType(field.type))
          out[field.name] = this.value(
            field.type,
            field.name,
            onPath ? toward.slice(1) : [],
            onPath ? secret : '',
          );
      }
      return out;
    }
    return this.leaf(getNamedType(type), name);
  }

  leaf(type: GraphQLNamedType, name: string): unknown {
    if (isEnumType(type)) return new EnumName(type.getValues()[0]?.name ?? '');
    switch (type.name) {
      case 'ID':
        return this.existing.ids[this.mutation] ?? 'unknown-id';
      case 'Int':
      case 'Float':
        return /port/i.test(name) ? 5432 : 1;
      case 'Boolean':
        return false;
      case 'JSON':
        return { note: 'sample' };
      default:
        return sampleString(name, this.unique);
    }
  }

  args(field: GraphQLField<unknown, unknown>, path: Path, secret: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const arg of field.args) {
      const onPath = arg.name === path[0];
      if (onPath || isNonNullType(arg.type))
        out[arg.name] = this.value(arg.type, arg.name, onPath ? path.slice(1) : [], onPath ? secret : '');
    }
    return out;
  }

  /** Every request for one secret path: valid, then each way of getting it wrong that the path allows. */
  requests(field: GraphQLField<unknown, unknown>, path: Path): SecretRequest[] {
    const label = `${field.name}.${path.join('.')}`;
    const out: SecretRequest[] = [];
    const add = (way: Way, change?: (objects: Located[], secrets: string[]) => boolean) => {
      const secret = this.newSecret(label);
      const args = this.args(field, path, secret);
      const secrets = [secret];
      if (change && !change(locate(field, args, path), secrets)) return;
      out.push({ mutation: field.name, path: path.join('.'), way, args, secrets });
    };
    add('valid');
    add('unknown key beside it', (objects, secrets) => {
      const parent = objects.at(-1);
      if (!parent) return false;
      const extra = this.newSecret(`${label}-unknown`);
      secrets.push(extra);
      parent.value.notAField = extra;
      return true;
    });
    add('missing required field', (objects) => {
      for (const at of [...objects].reverse()) {
        const required = Object.values(at.type.getFields()).find(
          (f) => isNonNullType(f.type) && f.defaultValue === undefined && f.name !== at.next,
        );
        if (required) {
          delete at.value[required.name];
          return true;
        }
      }
      return false;
    });
    add('two @oneOf keys', (objects) => {
      const at = [...objects].reverse().find((o) => o.type.isOneOf);
      const other = at && Object.values(at.type.getFields()).find((f) => f.name !== at.next);
      if (!at || !other) return false;
      at.value[other.name] = this.value(other.type, other.name, [], '');
      return true;
    });
    add('wrong type beside it', (objects) => {
      for (const at of [...objects].reverse()) {
        const sibling = Object.values(at.type.getFields()).find(
          (f) =>
            f.name !== at.next && isLeafType(getNamedType(f.type)) && getNamedType(f.type).name !== 'JSON',
        );
        if (sibling) {
          at.value[sibling.name] = getNamedType(sibling.type).name === 'String' ? 12345 : 'not-this-type';
          return true;
        }
      }
      return false;
    });
    add('null for non-null beside it', (objects) => {
      for (const at of [...objects].reverse()) {
        const required = Object.values(at.type.getFields()).find(
          (f) => isNonNullType(f.type) && f.name !== at.next,
        );
        if (required) {
          at.value[required.name] = null;
          return true;
        }
      }
      return false;
    });
    add('an object where the secret goes', (objects, secrets) => {
      const parent = objects.at(-1);
      if (!parent?.next) return false;
      parent.value[parent.next] = { value: secrets[0] };
      return true;
    });
    add('the secret where another type goes', (objects, secrets) => {
      for (const at of [...objects].reverse()) {
        const other = Object.values(at.type.getFields()).find((f) => {
          const named = getNamedType(f.type);
          return f.name !== at.next && isLeafType(named) && !['String', 'ID', 'JSON'].includes(named.name);
        });
        if (other) {
          at.value[other.name] = secrets[0];
          return true;
        }
      }
      return false;
    });
    return out;
  }
}

/** An input object on the way to the secret: its type, its value, and the key that leads on. */
interface Located {
  type: GraphQLInputObjectType;
  value: Record<string, unknown>;
  next: string | undefined;
}

function locate(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, path: Path): Located[] {
  const arg = field.args.find((a) => a.name === path[0]);
  const out: Located[] = [];
  let type: GraphQLNamedType | undefined = arg && getNamedType(arg.type);
  let value: unknown = args[path[0] ?? ''];
  for (let i = 1; i < path.length && isInputObjectType(type); i++) {
    const object = (Array.isArray(value) ? value[0] : value) as Record<string, unknown>;
    out.push({ type, value: object, next: path[i] });
    value = object[path[i] ?? ''];
    type = getNamedType(type.getFields()[path[i] ?? '']?.type);
  }
  return out;
}

/** Every secret-carrying request for every mutation of `schema`, pointing at `existing` records. */
export function secretRequests(
  schema: GraphQLSchema,
  existing: Existing,
  newSecret: (label: string) => string,
): Map<string, SecretRequest[]> {
  const byMutation = new Map<string, SecretRequest[]>();
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const builder = new Builder(existing, field.name, newSecret);
    const requests = secretPaths(field).flatMap((path) => builder.requests(field, path));
    if (requests.length > 0) byMutation.set(field.name, requests);
  }
  return byMutation;
}

/** The mutations of `schema` that take a secret somewhere in their arguments. */
export function mutationsTakingSecrets(schema: GraphQLSchema): string[] {
  return Object.values(schema.getMutationType()?.getFields() ?? {})
    .filter((field) => secretPaths(field).length > 0)
    .map((field) => field.name);
}
