import { builder } from '../../gateway/builder.js';
import { countedConnection, pageOne } from '../../gateway/connections.js';
import type { GatewayContext } from '../../gateway/context.js';
import { dataSourceNode } from '../../gateway/data-source-node.js';
import { DataSourceStatus, rawStatusOf, SortOrder, statusOf } from '../../gateway/enums.js';
import { primeLoaders } from '../../gateway/node-loaders.js';
import { toDate } from '../../gateway/records.js';
import type { RiverGenDataSource as RiverGenObject } from './client.js';
import { riverGenProvider } from './definition.js';
import { RIVERGEN_DATA_SOURCE, type RiverGenRecord, riverGenId } from './records.js';
import type { RiverGenListFilter } from './runtime.js';
import { documentedRiverGenTypes } from './vendors.js';

/** What RiverGen's list filters by: the statuses it documents, each spelt as its `status_filter` takes it. */
const RiverGenStatus = builder.enumType('RiverGenStatus', {
  description: 'A status RiverGen documents, to list only the data sources in it.',
  values: {
    ACTIVE: { value: 'active', description: 'In use.' },
    INACTIVE: { value: 'inactive', description: 'Switched off.' },
    TESTING: { value: 'testing', description: 'Being tried out.' },
    FAILED: { value: 'failed', description: 'Its last connection test failed.' },
    MAINTENANCE: { value: 'maintenance', description: 'Taken out of use for upkeep.' },
  } as const,
});

export const RiverGenDataSource = dataSourceNode<RiverGenRecord>(RIVERGEN_DATA_SOURCE, {
  description: "A data source of a RiverGen organisation. `rawVendor` is RiverGen's `type`.",
  load: (ids, context) => context.session(riverGenProvider).loadByIds(ids),
  // A list answers summaries; only complete records may stand in for a lookup.
  isComplete: (record) => record.complete,
  isNativeId: (id) => riverGenId(id) !== undefined,
});

/** The whole object: a list's summary lacks most fields, so those load it (batched, once). */
async function full(record: RiverGenRecord, context: GatewayContext): Promise<RiverGenObject | null> {
  if (record.complete) return record.raw;
  const loaded = await RiverGenDataSource.loader(context).load(record.nativeId);
  return loaded && !(loaded instanceof Error) && loaded.complete ? loaded.raw : null;
}

/** A connection URL as stored, but with any password in it blanked out. */
export function withoutPassword(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):[^@\s/]*@/i, '$1:****@')
    .replace(/([?&;](?:password|pwd)=)[^&;]*/gi, '$1****');
}

builder.objectFields(RiverGenDataSource, (t) => {
  const fromFull =
    <K extends keyof RiverGenObject>(key: K) =>
    async (record: RiverGenRecord, _args: object, context: GatewayContext) =>
      (await full(record, context))?.[key] ?? null;
  const string = (key: keyof RiverGenObject & string, description: string) =>
    t.string({ nullable: true, description, resolve: fromFull(key) as never });
  const int = (key: keyof RiverGenObject & string, description: string) =>
    t.int({ nullable: true, description, resolve: fromFull(key) as never });
  const time = (key: keyof RiverGenObject & string, description: string) =>
    t.field({
      type: 'DateTime',
      nullable: true,
      description,
      resolve: async (record, _args, context) =>
        toDate((await full(record, context))?.[key] as string | null | undefined),
    });
  return {
    organizationId: t.int({
      description: 'The RiverGen organisation that owns it.',
      resolve: (r) => r.raw.organization_id,
    }),
    workspaceId: t.int({
      nullable: true,
      description: 'The workspace it belongs to; null when it belongs to the organisation only.',
      resolve: (r) => r.raw.workspace_id ?? null,
    }),
    description: t.string({
      nullable: true,
      description: 'What it is for, in prose.',
      resolve: (r) => r.raw.description ?? null,
    }),
    status: t.field({
      type: DataSourceStatus,
      nullable: true,
      description:
        'Where it stands: ACTIVE, INACTIVE, TESTING, FAILED or MAINTENANCE (OTHER for a status unknown here); null when RiverGen does not say.',
      resolve: (r) => statusOf(r.raw.status),
    }),
    rawStatus: t.string({
      nullable: true,
      description: 'Where it stands, as RiverGen spelt it (e.g. `active`); null when RiverGen does not say.',
      resolve: (r) => rawStatusOf(r.raw.status),
    }),
    tags: t.stringList({ description: 'Tags for categorising it.', resolve: (r) => r.raw.tags ?? [] }),
    lastTestedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When its connection was last tested.',
      resolve: (r) => toDate(r.raw.last_tested_at),
    }),
    connectionString: t.string({
      nullable: true,
      description:
        'A full connection URL used instead of the separate fields; any password in it is blanked out.',
      resolve: async (record, _args, context) => {
        const value = (await full(record, context))?.connection_string;
        return value ? withoutPassword(value) : null;
      },
    }),
    filePath: string('file_path', 'Object path in storage, for file-based sources.'),
    useSshTunnel: t.boolean({
      nullable: true,
      description: 'Whether connections go through an SSH tunnel.',
      resolve: fromFull('use_ssh_tunnel') as never,
    }),
    sshHost: string('ssh_host', "The SSH bastion's host."),
    sshPort: int('ssh_port', "The SSH bastion's port."),
    sshUsername: string('ssh_username', 'The user the tunnel logs in as on the bastion.'),
    sshLocalPort: int('ssh_local_port', 'The local port the tunnel listens on.'),
    connectionPoolSize: int('connection_pool_size', 'Most connections kept open to the source at once.'),
    connectionTimeout: int('connection_timeout', 'Seconds to wait for a connection to open.'),
    queryTimeout: int('query_timeout', 'Seconds a query may run before it is cancelled.'),
    maxRetries: int('max_retries', 'How many times a failed connection is tried again.'),
    lastSuccessfulConnectionAt: time('last_successful_connection_at', 'When a connection last worked.'),
    lastFailedConnectionAt: time('last_failed_connection_at', 'When a connection last failed.'),
    failureCount: int('failure_count', 'Connection failures in a row since the last success.'),
    failureReason: string('failure_reason', 'Why the last connection failed.'),
    schemaDiscoveredAt: time('schema_discovered_at', "When the source's tables and columns were last read."),
    schemaAutoRefresh: t.boolean({
      nullable: true,
      description: 'Whether its schema is read again every `schemaRefreshInterval` seconds.',
      resolve: fromFull('schema_auto_refresh') as never,
    }),
    schemaRefreshInterval: int('schema_refresh_interval', 'Seconds between automatic schema reads.'),
    metadata: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Free-form JSON the organisation attaches to it.',
      resolve: fromFull('metadata'),
    }),
    createdByUserId: int('created_by_user_id', 'The user who created it.'),
    updatedByUserId: int('updated_by_user_id', 'The user who last changed it.'),
  };
});

const RiverGenDataSourceConnection = countedConnection('RiverGenDataSourceConnection', RiverGenDataSource, {
  description: 'A page of RiverGen data sources.',
  item: 'RiverGen data source',
  items: 'RiverGen data sources',
});

const RiverGenSortField = builder.enumType('RiverGenSortField', {
  description: 'What RiverGen sorts its list by (ties broken by id).',
  values: {
    CREATED_AT: { value: 'created_at', description: 'By creation time (the default).' },
    UPDATED_AT: { value: 'updated_at', description: 'By the time of the last change.' },
    NAME: { value: 'name', description: 'By name, as RiverGen compares names.' },
    ID: { value: 'id', description: "By RiverGen's numeric id (`nativeId`)." },
  } as const,
});

builder.queryFields((t) => ({
  riverGenDataSources: t.field({
    type: RiverGenDataSourceConnection,
    description:
      "RiverGen's own listing of the organisation's data sources, with its own filters and sorting.",
    args: {
      ...t.arg.connectionArgs(),
      workspaceId: t.arg.int({ required: false, description: 'Only this workspace.' }),
      type: t.arg.string({
        required: false,
        description: `Only this RiverGen type, as RiverGen names it (its docs name ${documentedRiverGenTypes.join(', ')}).`,
      }),
      status: t.arg({
        type: RiverGenStatus,
        required: false,
        description: 'Only this status.',
      }),
      search: t.arg.string({
        required: false,
        description: 'Text found in the name or description, case-insensitive.',
      }),
      sortBy: t.arg({
        type: RiverGenSortField,
        required: false,
        description: 'Sort field (default CREATED_AT).',
      }),
      sortOrder: t.arg({ type: SortOrder, required: false, description: 'Sort direction (default DESC).' }),
    },
    resolve: async (_root, args, context, info) => {
      const session = context.session(riverGenProvider);
      const filter: RiverGenListFilter = {
        ...(args.workspaceId != null ? { workspace_id: args.workspaceId } : {}),
        ...(args.type != null ? { type: args.type as RiverGenListFilter['type'] } : {}),
        ...(args.status != null ? { status_filter: args.status } : {}),
        ...(args.search != null ? { search: args.search } : {}),
        sort_by: args.sortBy ?? 'created_at',
        sort_order: args.sortOrder ?? 'desc',
      };
      const page = await pageOne(
        {
          key: 'rivergen',
          list: (window) => session.window(filter, window),
          count: () => session.count(filter),
        },
        args,
        context,
        info,
        'riverGenDataSources',
        filter,
      );
      primeLoaders(
        context,
        page.edges.map((edge) => edge.node),
      );
      return page;
    },
  }),
}));
