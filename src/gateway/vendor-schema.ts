import { builder } from './builder.js';
import type { FieldTable, ScalarField, VendorSpec } from './vendor-config.js';

/** A vendor's settings block as the upstream sent it. */
export type VendorBlock = Readonly<Record<string, unknown>>;

/** One value of a vendor config union: which vendor, and its block. */
export interface VendorConfigValue {
  readonly key: string;
  readonly block: VendorBlock;
}

type ObjectRef<T> = ReturnType<typeof builder.objectRef<T>>;

/**
 * Nested setting groups (SSH tunnel, IAM role…) shared by several vendors get one type each, kept
 * under their name and description: two different groups given one name make two types of that
 * name, which the schema refuses to build.
 */
const groupTypes = new Map<string, ObjectRef<VendorBlock>>();

/**
 * A setting as its type reads it: Prequel documents each setting as a string, an integer or a
 * boolean (the only types a settings table gives). A value of another type is read where it means
 * one plainly (a number or boolean as text, a string of digits as a number), else as null.
 */
function readSetting(field: ScalarField, value: unknown): unknown {
  switch (field.type) {
    case 'String':
      return typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : null;
    case 'Int': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return Number.isInteger(n) ? n : null;
    }
    case 'Boolean':
      return typeof value === 'boolean' ? value : null;
  }
}

function asBlock(value: unknown): VendorBlock | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as VendorBlock) : null;
}

function groupType(typeName: string, description: string, table: FieldTable): ObjectRef<VendorBlock> {
  const key = JSON.stringify([typeName, table]);
  const known = groupTypes.get(key);
  if (known) return known;
  const ref = builder.objectRef<VendorBlock>(typeName);
  groupTypes.set(key, ref);
  ref.implement({ description, fields: (t) => outputFields(t, table, (block) => block) });
  return ref;
}

type FieldBuilder<Parent> = Parameters<Parameters<ObjectRef<Parent>['implement']>[0]['fields'] & object>[0];

function outputFields<Parent>(
  t: FieldBuilder<Parent>,
  table: FieldTable,
  blockOf: (parent: Parent) => VendorBlock,
) {
  const fields: Record<string, ReturnType<typeof t.field>> = {};
  for (const [name, spec] of Object.entries(table)) {
    if (!spec.output) continue;
    if (spec.kind === 'group') {
      const ref = groupType(spec.typeName, spec.description, spec.fields);
      fields[name] = t.field({
        type: ref,
        nullable: true,
        description: spec.description,
        resolve: (parent) => asBlock(blockOf(parent)[spec.upstream]),
      });
    } else {
      // Refused as the schema is built rather than read as null at every request.
      if (spec.type !== 'String' && spec.type !== 'Int' && spec.type !== 'Boolean')
        throw new Error(`The setting ${name} is of type ${spec.type}, which readSetting does not read`);
      fields[name] = t.field({
        type: spec.type,
        nullable: true,
        description: spec.description,
        resolve: (parent) => readSetting(spec, blockOf(parent)[spec.upstream]) as string | null,
      });
    }
  }
  return fields;
}

/** The output type of one vendor's settings. */
export function vendorConfigType(spec: VendorSpec): ObjectRef<VendorConfigValue> {
  const ref = builder.objectRef<VendorConfigValue>(spec.typeName);
  ref.implement({
    description: spec.description,
    fields: (t) => outputFields(t, spec.fields, (value) => value.block),
  });
  return ref;
}

/** A union over several vendors' settings types, resolved by the vendor key. */
export function vendorConfigUnion(name: string, description: string, specs: readonly VendorSpec[]) {
  const members = specs.map((spec) => ({ spec, ref: vendorConfigType(spec) }));
  return builder.unionType(name, {
    description,
    types: members.map((m) => m.ref),
    resolveType: (value) => members.find((m) => m.spec.key === value.key)?.spec.typeName ?? null,
  });
}
