import { builder } from './builder.js';

/** Ascending or descending, for providers whose lists can be reversed. */
export const SortOrder = builder.enumType('SortOrder', {
  description: 'Which way a list is sorted.',
  values: {
    ASC: { value: 'asc', description: 'Oldest or smallest first.' },
    DESC: { value: 'desc', description: 'Newest or largest first.' },
  } as const,
});

const statuses = ['ACTIVE', 'INACTIVE', 'TESTING', 'FAILED', 'MAINTENANCE'] as const;
export type DataSourceStatusValue = (typeof statuses)[number] | 'OTHER';

/**
 * Where a data source stands, one vocabulary for every provider that keeps a status, so that a
 * selection of `status` across providers has one type; each upstream's own spelling is `rawStatus`.
 */
export const DataSourceStatus = builder.enumType('DataSourceStatus', {
  description:
    'Where a data source stands, in one vocabulary across providers (OTHER when unknown here; `rawStatus` has the upstream’s own spelling).',
  values: {
    ACTIVE: { description: 'In use.' },
    INACTIVE: { description: 'Switched off.' },
    TESTING: { description: 'Being tried out.' },
    FAILED: { description: 'Its last connection test failed.' },
    MAINTENANCE: { description: 'Taken out of use for upkeep.' },
    OTHER: { description: 'A status this gateway does not know; `rawStatus` has it.' },
  } as const,
});

const known = new Set<string>(statuses);
const spellings = new Map<string, DataSourceStatusValue>(
  statuses.flatMap((status) => [
    [status, status],
    [status.toLowerCase(), status],
  ]),
);

/** The status an upstream's value stands for, whatever its case: OTHER for one unknown here, null for none. */
export function statusOf(raw: unknown): DataSourceStatusValue | null {
  if (raw === undefined || raw === null || raw === '') return null;
  // Every record of a list gets its status: the spellings the upstreams use are looked up, not copied.
  const spelt = typeof raw === 'string' ? spellings.get(raw) : undefined;
  if (spelt) return spelt;
  const upper = typeof raw === 'string' ? raw.toUpperCase() : '';
  return known.has(upper) ? (upper as DataSourceStatusValue) : 'OTHER';
}

/** The upstream's own status value as text; null when it sent none. */
export function rawStatusOf(raw: unknown): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  return typeof raw === 'string' ? raw : String(raw);
}
