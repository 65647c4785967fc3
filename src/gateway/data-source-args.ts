import { builder } from './builder.js';
import { DataSourceStatus, type DataSourceStatusValue, SortOrder } from './enums.js';
import { badInput } from './errors.js';
import { signatureOf } from './paging-cursors.js';
import type { ProviderDefinition } from './provider.js';
import { type DataSourceFilter, filterKey, keepsEvery, MAX_NAME_PATTERN_LENGTH } from './records.js';
import type { DataSourceOrder, SortField } from './sorted-merge.js';
import { type Vendor, vendors } from './vendor.js';

export const VendorEnum = builder.enumType('Vendor', {
  description: 'The kind of system a connection reaches, the same across every provider.',
  values: Object.fromEntries(
    Object.entries(vendors).map(([value, description]) => [value, { value: value as Vendor, description }]),
  ) as Record<Vendor, { value: Vendor; description: string }>,
});

const SortFieldEnum = builder.enumType('DataSourceSortField', {
  description: 'What `dataSources` can be sorted by.',
  values: {
    NAME: { value: 'NAME', description: 'The name, ignoring case.' },
    UPDATED_AT: {
      value: 'UPDATED_AT',
      description: 'When it last changed; data sources with no update time (every PDC one) come last.',
    },
    VENDOR: { value: 'VENDOR', description: 'The `vendor` value, alphabetically.' },
    PROVIDER: { value: 'PROVIDER', description: 'The provider, in the order of the `Provider` enum.' },
  } as const satisfies Record<SortField, { value: SortField; description: string }>,
});

const DataSourceOrderInput = builder.inputType('DataSourceOrder', {
  description:
    'How `dataSources` is sorted across providers. Ties go by provider (in `Provider` order), then by native id (shorter first, then by text), in the same direction; data sources with no value for the field come last either way.',
  fields: (t) => ({
    field: t.field({ type: SortFieldEnum, required: true, description: 'What to sort by.' }),
    direction: t.field({
      type: SortOrder,
      required: false,
      defaultValue: 'asc',
      description: 'Which way; ASC when left out.',
    }),
  }),
});

const pattern = (what: string) =>
  `${what} pattern, case-insensitive, read as \`name\` is (\`*\` for any run of characters); a data source with no ${what.toLowerCase()} never matches.`;

/** The Provider enum (from the registry) and the `filter` and `orderBy` input types of `dataSources`. */
export function dataSourceArgTypes(definitions: readonly ProviderDefinition[]) {
  const ProviderEnum = builder.enumType('Provider', {
    description: 'The upstream system that holds a data source.',
    // In the order `orderBy: PROVIDER` sorts by (by name), whichever order the registry lists them in.
    values: Object.fromEntries(
      [...definitions]
        .sort((a, b) => (a.enumValue < b.enumValue ? -1 : a.enumValue > b.enumValue ? 1 : 0))
        .map((definition) => [
          definition.enumValue,
          { value: definition.id, description: definition.description },
        ]),
    ),
  });
  const DataSourceFilterInput = builder.inputType('DataSourceFilter', {
    description: 'Narrows `dataSources`. Every part is optional; given parts must all match.',
    fields: (t) => ({
      providers: t.field({ type: [ProviderEnum], required: false, description: 'Only these providers.' }),
      vendors: t.field({ type: [VendorEnum], required: false, description: 'Only these vendors.' }),
      name: t.string({
        required: false,
        description: `Name pattern, case-insensitive: \`orders\` matches exactly, \`prod-*\` by prefix, \`*-eu\` by suffix, \`*pay*\` anywhere. At most ${MAX_NAME_PATTERN_LENGTH} characters, the longest name any provider allows.`,
      }),
      host: t.string({ required: false, description: pattern('Host') }),
      database: t.string({ required: false, description: pattern('Database') }),
      status: t.field({
        type: DataSourceStatus,
        required: false,
        description:
          'Only data sources in this status. Prequel keeps no status, so with `status` its import sources and destinations are never listed (and Prequel is not asked).',
      }),
      updatedAfter: t.field({
        type: 'DateTime',
        required: false,
        description:
          'Only data sources that last changed strictly after this instant; those with no update time (every PDC one) never match.',
      }),
      updatedBefore: t.field({
        type: 'DateTime',
        required: false,
        description:
          'Only data sources that last changed strictly before this instant; those with no update time never match. Not earlier than `updatedAfter`.',
      }),
    }),
  });
  return { ProviderEnum, DataSourceFilterInput, DataSourceOrderInput };
}

/** The filter as `dataSources` was given it, as providers take it. */
export interface FilterArg {
  providers?: readonly string[] | null;
  vendors?: readonly Vendor[] | null;
  name?: string | null;
  host?: string | null;
  database?: string | null;
  status?: DataSourceStatusValue | null;
  updatedAfter?: Date | null;
  updatedBefore?: Date | null;
}

/** The filter's parts that are patterns, bounded as names are. */
const PATTERNS = ['name', 'host', 'database'] as const;

/** Checks the filter (errors name its part, never its value) and turns it into the providers' filter. */
export function readFilter(arg: FilterArg | null | undefined): DataSourceFilter {
  for (const part of PATTERNS) {
    const text = arg?.[part];
    // Characters as the upstreams count them; a string twice as long in UTF-16 units is too long anyway.
    if (text && (text.length > 2 * MAX_NAME_PATTERN_LENGTH || [...text].length > MAX_NAME_PATTERN_LENGTH)) {
      throw badInput(
        `\`filter.${part}\` is longer than ${MAX_NAME_PATTERN_LENGTH} characters, the longest name any provider allows: send a shorter pattern`,
        `filter.${part}`,
      );
    }
  }
  if (arg?.updatedAfter && arg.updatedBefore && arg.updatedAfter > arg.updatedBefore) {
    throw badInput(
      '`filter.updatedAfter` is later than `filter.updatedBefore`: no data source changed in between',
      'filter.updatedAfter',
    );
  }
  return {
    providers: arg?.providers ?? undefined,
    vendors: arg?.vendors ?? undefined,
    name: arg?.name ?? undefined,
    host: arg?.host ?? undefined,
    database: arg?.database ?? undefined,
    status: arg?.status ?? undefined,
    updatedAfter: arg?.updatedAfter ?? undefined,
    updatedBefore: arg?.updatedBefore ?? undefined,
  };
}

/**
 * What a cursor belongs to: the order and filter of the page it was issued on, short and opaque.
 * Empty for the default order with no filter, the common case, which hashes nothing.
 */
export function cursorSignature(filter: DataSourceFilter, order: DataSourceOrder | undefined): string {
  const filtered = !keepsEvery(filter) || filter.providers !== undefined;
  const what = filtered ? signatureOf([filterKey(filter), [...(filter.providers ?? [])].sort()]) : '';
  return order ? `${order.field}:${order.direction}:${what}` : what;
}
