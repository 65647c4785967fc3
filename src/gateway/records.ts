import { wildcardMatch } from '../wildcard.js';
import type { DataSourceStatusValue } from './enums.js';
import type { Vendor } from './vendor.js';

/**
 * What every data source has, whatever system holds it. Providers turn their upstream objects
 * into records once, at the edge; the schema resolves the DataSource interface from these fields.
 */
export interface DataSourceRecord {
  /** The concrete GraphQL type, e.g. `CatalogDataSource`. */
  readonly typename: string;
  /** The provider id, e.g. `pdc`. */
  readonly provider: string;
  readonly nativeId: string;
  readonly name: string;
  readonly vendor: Vendor;
  readonly rawVendor: string;
  readonly host: string | null;
  readonly port: number | null;
  readonly database: string | null;
  readonly schema: string | null;
  /**
   * When it was created and last changed, as the upstream wrote them: most queries never ask, so a
   * timestamp is read (`toDate`, `timeOf`) only where one is used.
   */
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  /** Where it stands; null for a provider that keeps no status (Prequel) or a record that has none. */
  readonly status: DataSourceStatusValue | null;
}

/** The cross-provider filter of `dataSources`; every part is optional and they combine with AND. */
export interface DataSourceFilter {
  providers?: readonly string[];
  vendors?: readonly Vendor[];
  /** A name pattern where `*` matches any run of characters; without `*` it is an exact match. */
  name?: string;
  /** A host pattern, read as `name` is; a data source with no host never matches. */
  host?: string;
  /** A database pattern, read as `name` is; a data source with no database never matches. */
  database?: string;
  /** A data source with no status (every one of a provider that keeps none) never matches. */
  status?: DataSourceStatusValue;
  /** Changed strictly after this instant; a data source with no update time never matches. */
  updatedAfter?: Date;
  /** Changed strictly before this instant; a data source with no update time never matches. */
  updatedBefore?: Date;
}

/** One string per distinct filter (without `providers`, which the gateway applies before asking). */
export function filterKey(filter: DataSourceFilter): string {
  return JSON.stringify([
    filter.vendors ?? null,
    filter.name ?? null,
    filter.host ?? null,
    filter.database ?? null,
    filter.status ?? null,
    filter.updatedAfter?.getTime() ?? null,
    filter.updatedBefore?.getTime() ?? null,
  ]);
}

/** True when the filter keeps every record (`providers` aside). */
export function keepsEvery(filter: DataSourceFilter): boolean {
  return (
    filter.vendors === undefined &&
    filter.name === undefined &&
    filter.host === undefined &&
    filter.database === undefined &&
    filter.status === undefined &&
    filter.updatedAfter === undefined &&
    filter.updatedBefore === undefined
  );
}

/** A slice of one provider's filtered list, by position. */
export interface ListWindow {
  offset: number;
  limit: number;
}

export interface ListSlice<T> {
  items: T[];
  /**
   * True when the list goes on after this slice, and only then: paging answers `hasNextPage` from it.
   * A list whose upstream cannot say reads one item past the slice to learn it.
   */
  hasMore: boolean;
}

/** The longest name pattern `dataSources(filter: {name})` takes: the longest name any provider allows. */
export const MAX_NAME_PATTERN_LENGTH = 255;

/** Turns the gateway's `*` pattern into a predicate (case-insensitive, whole-name match). */
export function namePredicate(pattern: string): (name: string) => boolean {
  const lower = pattern.toLowerCase();
  return (name) => wildcardMatch(lower, name.toLowerCase());
}

/** The furthest instant from the epoch a Date holds (ECMAScript's limit), in milliseconds. */
const MAX_TIME = 8.64e15;

/** Parses an upstream timestamp; an absent or unreadable one is null rather than an Invalid Date. */
export function toDate(value: unknown): Date | null {
  const time = timeOf(value);
  return time === null ? null : new Date(time);
}

/**
 * An upstream timestamp in milliseconds since the epoch: text as `new Date` reads it, or a number of
 * milliseconds where an upstream sends one; null when absent or unreadable.
 */
export function timeOf(value: unknown): number | null {
  const time =
    typeof value === 'string' && value !== '' ? Date.parse(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(time) && Math.abs(time) <= MAX_TIME ? time : null;
}

/** A port as an Int, also where the upstream sends a string; anything unreadable is null. */
export function toPort(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const port = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : null;
}

/** The part of the cross-provider filter a provider applies itself after fetching everything. */
export function matchesFilter(filter: DataSourceFilter): (record: DataSourceRecord) => boolean {
  const name = filter.name === undefined ? undefined : namePredicate(filter.name);
  const host = filter.host === undefined ? undefined : namePredicate(filter.host);
  const database = filter.database === undefined ? undefined : namePredicate(filter.database);
  const after = filter.updatedAfter?.getTime();
  const before = filter.updatedBefore?.getTime();
  const byTime = after !== undefined || before !== undefined;
  return (record) => {
    if (filter.vendors && !filter.vendors.includes(record.vendor)) return false;
    if (name && !name(record.name)) return false;
    if (host && (record.host === null || !host(record.host))) return false;
    if (database && (record.database === null || !database(record.database))) return false;
    if (filter.status !== undefined && record.status !== filter.status) return false;
    if (!byTime) return true;
    const updated = timeOf(record.updatedAt);
    return (
      updated !== null &&
      (after === undefined || updated > after) &&
      (before === undefined || updated < before)
    );
  };
}

/** A window cut out of a list that is already in memory. */
export function sliceWindow<T>(items: readonly T[], window: ListWindow): ListSlice<T> {
  return {
    items: items.slice(window.offset, window.offset + window.limit),
    hasMore: window.offset + window.limit < items.length,
  };
}
