import { wildcardMatch } from '../wildcard.js';
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
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
}

/** The cross-provider filter of `dataSources`; every part is optional and they combine with AND. */
export interface DataSourceFilter {
  providers?: readonly string[];
  vendors?: readonly Vendor[];
  /** A name pattern where `*` matches any run of characters; without `*` it is an exact match. */
  name?: string;
}

/** A slice of one provider's filtered list, by position. */
export interface ListWindow {
  offset: number;
  limit: number;
}

export interface ListSlice<T> {
  items: T[];
  /** True when the list goes on after this slice. */
  hasMore: boolean;
}

/** The longest name pattern `dataSources(filter: {name})` takes: the longest name any provider allows. */
export const MAX_NAME_PATTERN_LENGTH = 255;

/** Turns the gateway's `*` pattern into a predicate (case-insensitive, whole-name match). */
export function namePredicate(pattern: string): (name: string) => boolean {
  const lower = pattern.toLowerCase();
  return (name) => wildcardMatch(lower, name.toLowerCase());
}

/** Parses an upstream timestamp; an absent or unreadable one is null rather than an Invalid Date. */
export function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
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
  return (record) =>
    (!filter.vendors || filter.vendors.includes(record.vendor)) && (!name || name(record.name));
}

/** A window cut out of a list that is already in memory. */
export function sliceWindow<T>(items: readonly T[], window: ListWindow): ListSlice<T> {
  return {
    items: items.slice(window.offset, window.offset + window.limit),
    hasMore: window.offset + window.limit < items.length,
  };
}
