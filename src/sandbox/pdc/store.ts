import type { components } from '../../providers/pdc/openapi.gen.js';
import { wildcardMatch } from '../../wildcard.js';
import type { Random } from '../kit/index.js';

export type DataSource = components['schemas']['DataSource'];
export type DataSourceCreate = components['schemas']['DataSourceCreate'];
export type DataSourcePatch = components['schemas']['DataSourcePatch'];
export type DataSourceFilters = components['schemas']['DataSourceFilterRequest']['filters'];

/** The write-only fields: accepted and stored, never part of an answer. */
export interface Secrets {
  password?: string;
  secretKey?: string;
  azureSharedKey?: string;
  secretManagerKey?: string;
}

/** An id that is not an ObjectId, which the real service reports as a Mongoose cast failure. */
export class CastError extends Error {
  constructor(readonly value: string) {
    super(`Cast to ObjectId failed for value "${value}" (type string) at path "_id" for model "DataSource"`);
  }
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;

export function assertObjectId(id: string): string {
  if (!OBJECT_ID.test(id)) throw new CastError(id);
  return id.toLowerCase();
}

/** ObjectIds as MongoDB makes them: creation second, a per-process value, then a counter. */
export function createObjectIds(random: Random): (at: Date) => string {
  const processPart = random.hex(10);
  let counter = random.int(0, 0xffff);
  return (at) => {
    counter = (counter + 1) % 0x1000000;
    const seconds = Math.floor(at.getTime() / 1000);
    return `${seconds.toString(16).padStart(8, '0')}${processPart}${counter.toString(16).padStart(6, '0')}`;
  };
}

interface Stored {
  doc: DataSource;
  secrets: Secrets;
}

export type CreateOutcome = { ok: true; dataSource: DataSource } | { ok: false; message: string };

/** The catalog's data sources in memory, kept in `_id` order like a MongoDB index scan. */
export class PdcStore {
  private readonly byId = new Map<string, Stored>();
  private readonly names = new Set<string>();
  private ordered: Stored[] | undefined;

  constructor(private readonly newId: (at: Date) => string) {}

  get size(): number {
    return this.byId.size;
  }

  /** Adds a complete record (seeding); the name must be free. */
  insert(doc: DataSource, secrets: Secrets): DataSource {
    if (this.names.has(doc.resourceName)) throw new Error(`duplicate seed name ${doc.resourceName}`);
    this.byId.set(doc._id, { doc, secrets });
    this.names.add(doc.resourceName);
    this.ordered = undefined;
    return structuredClone(doc);
  }

  create(input: DataSourceCreate, now: Date): CreateOutcome {
    if (this.names.has(input.resourceName)) {
      return {
        ok: false,
        message: `resourceName: a data source named "${input.resourceName}" already exists`,
      };
    }
    const { password, secretKey, azureSharedKey, secretManagerKey, ...fields } = input;
    const doc: DataSource = {
      _id: this.newId(now),
      status: 'ACTIVE',
      includePatterns: [],
      excludePatterns: [],
      incremental: false,
      availableForMigration: false,
      availableForWriting: false,
      availableForDataMastering: false,
      ...fields,
      date: now.toISOString(),
    };
    const dataSource = this.insert(
      doc,
      definedOnly({ password, secretKey, azureSharedKey, secretManagerKey }),
    );
    return { ok: true, dataSource };
  }

  get(id: string): DataSource | undefined {
    const found = this.byId.get(assertObjectId(id));
    return found && structuredClone(found.doc);
  }

  /** Overwrites the fields sent (arrays included, whole); undefined when the id names nothing. */
  patch(id: string, patch: DataSourcePatch): DataSource | undefined {
    const found = this.byId.get(assertObjectId(id));
    if (!found) return undefined;
    const { password, secretKey, azureSharedKey, secretManagerKey, ...fields } = patch;
    Object.assign(found.doc, structuredClone(fields));
    Object.assign(found.secrets, definedOnly({ password, secretKey, azureSharedKey, secretManagerKey }));
    return structuredClone(found.doc);
  }

  /** The data sources among `ids`, in `_id` order, unknown ones left out. */
  byIds(ids: readonly string[]): DataSource[] {
    const wanted = new Set(ids.map(assertObjectId));
    return this.all()
      .filter((s) => wanted.has(s.doc._id))
      .map((s) => structuredClone(s.doc));
  }

  /** One page of the data sources matching every filter given, in `_id` order. */
  filter(
    filters: DataSourceFilters,
    skip: number,
    limit: number,
  ): { page: DataSource[]; totalCount: number } {
    const ids = filters.ids && new Set(filters.ids.map(assertObjectId));
    // `*` matches any run of characters; everything else is literal and case-sensitive.
    const names = filters.resourceNames;
    const types = filters.databaseTypes;
    const matches = this.all().filter(
      ({ doc }) =>
        (!ids || ids.has(doc._id)) &&
        (!names || names.some((name) => wildcardMatch(name, doc.resourceName))) &&
        (!types || types.some((type) => wildcardMatch(type, doc.databaseType))),
    );
    return {
      page: matches.slice(skip, skip + limit).map((s) => structuredClone(s.doc)),
      totalCount: matches.length,
    };
  }

  /** Every data source in `_id` order (for tests and the demo). */
  list(): DataSource[] {
    return this.all().map((s) => structuredClone(s.doc));
  }

  /** What was stored for the write-only fields, so tests can see secrets were kept, not echoed. */
  secretsOf(id: string): Secrets | undefined {
    const found = this.byId.get(assertObjectId(id));
    return found && { ...found.secrets };
  }

  private all(): Stored[] {
    this.ordered ??= [...this.byId.values()].sort((a, b) =>
      a.doc._id < b.doc._id ? -1 : a.doc._id > b.doc._id ? 1 : 0,
    );
    return this.ordered;
  }
}

function definedOnly(secrets: Secrets): Secrets {
  return Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== undefined));
}
