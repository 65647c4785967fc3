import type { components } from '../../providers/prequel-import/openapi.gen.js';
import { present, type StoredSource } from './present.js';
import {
  type AnySettings,
  addressOf,
  checkSettings,
  hasCredential,
  mergeSettings,
  SourceError,
  type SourcePatch,
  VENDORS,
  type Vendor,
  withDefaults,
} from './rules.js';

type Schemas = components['schemas'];
export type ImportSource = Schemas['ImportSource'];
export type SourceCreate = Schemas['SourceCreate'];
export type TestResult = Schemas['TestResult'];
export type Order = 'asc' | 'desc';
export type { StoredSource } from './present.js';

export interface PageRequest {
  pageSize: number;
  order: Order;
  cursor?: string;
}

export interface Page {
  sources: ImportSource[];
  /** Where the next page starts, when there is one. */
  nextCursor?: string;
}

/** The import sources in memory, with the rules that create, change, test and page them. */
export class ImportStore {
  private readonly byId = new Map<string, StoredSource>();
  /** Addresses no connection reaches (besides anything under `.invalid`). */
  private readonly unreachable = new Set<string>();

  constructor(private readonly newId: () => string) {}

  get size(): number {
    return this.byId.size;
  }

  /** The stored record, secrets included (for seeding checks and tests), or undefined. */
  raw(id: string): StoredSource | undefined {
    const found = this.byId.get(id);
    return found && structuredClone(found);
  }

  /** Every stored record, in no promised order. */
  all(): StoredSource[] {
    return [...this.byId.values()].map((s) => structuredClone(s));
  }

  /** Makes every connection to this address fail from now on. */
  markUnreachable(address: string): void {
    this.unreachable.add(address.toLowerCase());
  }

  /** Adds a record as is (seeding); its name must be free within its provider. */
  insert(record: Omit<StoredSource, 'is_reachable'>): void {
    this.assertNameFree(record.provider_id, record.name);
    this.byId.set(record.id, { ...structuredClone(record), is_reachable: this.reaches(record.settings) });
  }

  get(id: string): ImportSource {
    return present(this.find(id));
  }

  create(input: SourceCreate, now: Date): ImportSource {
    const settings = this.createSettings(input);
    this.assertNameFree(input.provider_id, input.name);
    const at = now.toISOString();
    const record: StoredSource = {
      id: this.newId(),
      provider_id: input.provider_id,
      name: input.name,
      vendor: input.vendor,
      is_reachable: this.reaches(settings),
      created_at: at,
      updated_at: at,
      settings,
    };
    this.byId.set(record.id, record);
    return present(record);
  }

  update(id: string, patch: SourcePatch, now: Date): ImportSource {
    const stored = this.find(id);
    const next = this.applied(stored, patch);
    if (next.name !== stored.name) this.assertNameFree(next.provider_id, next.name);
    next.updated_at = now.toISOString();
    this.byId.set(id, next);
    return present(next);
  }

  /** Tests settings that are not stored: those of a create body. */
  testNew(input: SourceCreate): TestResult {
    return this.test(input.vendor, this.createSettings(input));
  }

  /** Tests a stored source, with an optional patch applied to a copy that is never saved. */
  testSaved(id: string, preview: SourcePatch | undefined): TestResult {
    const stored = this.find(id);
    const tried = preview ? this.applied(stored, preview) : stored;
    return this.test(tried.vendor, tried.settings);
  }

  list({ pageSize, order, cursor }: PageRequest): Page {
    const sorted = [...this.byId.values()].sort((a, b) => compare(a, b) * (order === 'asc' ? 1 : -1));
    let start = 0;
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, order);
      const key = `${after.createdAt}|${after.id}`;
      start = sorted.findIndex((s) => (order === 'asc' ? sortKey(s) > key : sortKey(s) < key));
      if (start === -1) start = sorted.length;
    }
    const page = sorted.slice(start, start + pageSize);
    const last = page.at(-1);
    const more = start + pageSize < sorted.length;
    return {
      sources: page.map(present),
      nextCursor: more && last ? encodeCursor(order, last) : undefined,
    };
  }

  private find(id: string): StoredSource {
    const found = this.byId.get(id);
    if (!found) throw new SourceError(404, `import source ${id} not found`);
    return found;
  }

  /** Checks a create body and returns the settings it stores. */
  private createSettings(input: SourceCreate): AnySettings {
    const problems: string[] = [];
    for (const vendor of VENDORS) {
      if (vendor !== input.vendor && input[vendor] !== undefined) {
        problems.push(
          `source.${vendor}: does not fit a ${input.vendor} source; send only source.${input.vendor}`,
        );
      }
    }
    const block = input[input.vendor];
    if (block === undefined)
      problems.push(`source.${input.vendor}: is required for a ${input.vendor} source`);
    if (problems.length > 0 || block === undefined) throw new SourceError(400, problems.join('; '));
    const settings = withDefaults(input.vendor, block);
    checkSettings(input.vendor, settings);
    return settings;
  }

  /** A copy of a stored source with a patch merged in, checked but not saved. */
  private applied(stored: StoredSource, patch: SourcePatch): StoredSource {
    const problems = VENDORS.filter((v) => v !== stored.vendor && patch[v] !== undefined).map(
      (v) => `source.${v}: does not fit a ${stored.vendor} source; send only source.${stored.vendor}`,
    );
    if (problems.length > 0) throw new SourceError(400, problems.join('; '));
    const block = patch[stored.vendor];
    const next = structuredClone(stored);
    if (block !== undefined) {
      const merged = withDefaults(stored.vendor, mergeSettings(stored.settings, block));
      checkSettings(stored.vendor, merged);
      next.settings = merged;
      next.is_reachable = this.reaches(merged);
    }
    if (patch.name !== undefined) next.name = patch.name;
    return next;
  }

  private reaches(settings: AnySettings): boolean {
    const address = addressOf(settings).toLowerCase();
    return !address.endsWith('.invalid') && !this.unreachable.has(address);
  }

  private test(vendor: Vendor, settings: AnySettings): TestResult {
    const address = addressOf(settings);
    if (!this.reaches(settings)) {
      return {
        code: 'connection_failed',
        message: `Could not connect to ${address}: the connection timed out`,
      };
    }
    if (!hasCredential(vendor, settings)) {
      return {
        code: 'authentication_failed',
        message: `Reached ${address}, but no credential is configured for this ${vendor} source`,
      };
    }
    return { code: 'success', message: `Connected to ${address}` };
  }

  private assertNameFree(providerId: string, name: string): void {
    for (const s of this.byId.values()) {
      if (s.provider_id === providerId && s.name === name) {
        throw new SourceError(409, `provider ${providerId} already has an import source named "${name}"`);
      }
    }
  }
}

function sortKey(s: StoredSource): string {
  return `${s.created_at}|${s.id}`;
}

function compare(a: StoredSource, b: StoredSource): number {
  const x = sortKey(a);
  const y = sortKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A cursor names the last source of a page and the order it was issued for. */
function encodeCursor(order: Order, last: StoredSource): string {
  return Buffer.from(JSON.stringify([order, last.created_at, last.id])).toString('base64url');
}

function decodeCursor(cursor: string, order: Order): { createdAt: string; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !parsed.every((part) => typeof part === 'string') ||
    (parsed[0] !== 'asc' && parsed[0] !== 'desc')
  ) {
    throw new SourceError(400, 'cursor: is not a cursor this API issued');
  }
  const [issuedFor, createdAt, id] = parsed as [Order, string, string];
  if (issuedFor !== order) {
    throw new SourceError(400, `cursor: was issued for order=${issuedFor}; send the same order to go on`);
  }
  return { createdAt, id };
}
