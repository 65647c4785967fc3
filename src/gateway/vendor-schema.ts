import { builder } from './builder.js';
import { toDate } from './records.js';
import type { FieldTable, ScalarField, VendorSpec } from './vendor-config.js';

/** A vendor's settings block as the upstream sent it. */
export type VendorBlock = Readonly<Record<string, unknown>>;

/** One value of a vendor config union: which vendor, and its block. */
export interface VendorConfigValue {
  readonly key: string;
  readonly block: VendorBlock;
}

type ObjectRef<T> = ReturnType<typeof builder.objectRef<T>>;

/** Nested setting groups (SSH tunnel, IAM role…) shared by several vendors get one type each. */
const groupTypes = new Map<string, { ref: ObjectRef<VendorBlock>; table: FieldTable }>();

function readScalar(field: ScalarField, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (field.list) return Array.isArray(value) ? value.map((item) => readOne(field, item)) : null;
  return readOne(field, value);
}

function readOne(field: ScalarField, value: unknown): unknown {
  switch (field.type) {
    case 'String':
      return typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : null;
    case 'Int': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isInteger(n) ? n : null;
    }
    case 'Float': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? n : null;
    }
    case 'Boolean':
      return typeof value === 'boolean' ? value : null;
    case 'DateTime':
      return typeof value === 'string' ? toDate(value) : null;
    case 'JSON':
      return value;
  }
}

function asBlock(value: unknown): VendorBlock | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as VendorBlock) : null;
}

function groupType(typeName: string, description: string, table: FieldTable): ObjectRef<VendorBlock> {
  const known = groupTypes.get(typeName);
  if (known) {
    if (JSON.stringify(known.table) !== JSON.stringify(table)) {
      throw new Error(
        `Two different descriptions of the settings group ${typeName}; give one of them another name`,
      );
    }
    return known.ref;
  }
  const ref = builder.objectRef<VendorBlock>(typeName);
  groupTypes.set(typeName, { ref, table });
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
      fields[name] = t.field({
        type: (spec.list ? [spec.type] : spec.type) as 'String',
        nullable: true,
        description: spec.description,
        resolve: (parent) => readScalar(spec, blockOf(parent)[spec.upstream]) as string | null,
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
