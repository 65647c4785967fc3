import type { components, operations } from '../../providers/rivergen/openapi.gen.js';

type Schemas = components['schemas'];
/** A data source as the simulator keeps it: every field present, its type one the simulator knows. */
export type DataSource = Omit<Required<Schemas['DataSource']>, 'type'> & { type: Schemas['DataSourceType'] };
export type DataSourceSummary = Omit<Required<Schemas['DataSourceSummary']>, 'type'> & {
  type: Schemas['DataSourceType'];
};
export type DataSourceCreate = Schemas['DataSourceCreate'];
export type DataSourcePatch = Schemas['DataSourcePatch'];
export type Credentials = Schemas['Credentials'];
export type CredentialsUpdate = Schemas['CredentialsUpdate'];
type RawListQuery = NonNullable<operations['listDataSources']['parameters']['query']>;
type Defaulted = 'page' | 'page_size' | 'sort_by' | 'sort_order';
/** The list query as the simulator sees it: the document's defaults already filled in. */
export type ListQuery = Omit<RawListQuery, Defaulted> & Required<Pick<RawListQuery, Defaulted>>;

/** What the store keeps besides the visible object: secrets and deletion. */
interface Row {
  source: DataSource;
  secrets: Credentials;
  credentialsUpdatedAt: string | null;
  /** Set by a soft delete: the row is kept but no endpoint sees it any more. */
  deletedAt: string | null;
  /** How many keys the credentials were encrypted under so far (rotation bumps it). */
  keyVersion: number;
}

/** A refusal with the status, the field at fault and why. */
export interface Refusal {
  status: 400 | 409;
  field: string;
  reason: string;
}

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; refusal: Refusal }
  | { ok: false; notFound: true };

const DEFAULTS = {
  workspace_id: null,
  description: null,
  host: null,
  port: null,
  database_name: null,
  schema_name: null,
  connection_string: null,
  file_path: null,
  use_ssh_tunnel: false,
  ssh_host: null,
  ssh_port: null,
  ssh_username: null,
  ssh_local_port: null,
  connection_pool_size: 5,
  connection_timeout: 30,
  query_timeout: 300,
  max_retries: 3,
  schema_auto_refresh: false,
  schema_refresh_interval: 86_400,
  metadata: {},
  tags: [],
} satisfies Partial<DataSource>;

/** Every organisation's data sources in memory, with integer ids given in creation order. */
export class RiverGenStore {
  private readonly rows = new Map<number, Row>();
  private nextId = 1;

  /** `workspaces`: organisation id to the ids of its workspaces. */
  constructor(private readonly workspaces: ReadonlyMap<number, readonly number[]>) {}

  /** Adds a complete record (seeding) under the next id. */
  insert(fields: Omit<DataSource, 'id'>, secrets: Credentials): DataSource {
    const source: DataSource = { id: this.nextId++, ...structuredClone(fields) };
    this.rows.set(source.id, {
      source,
      secrets: { ...secrets },
      credentialsUpdatedAt: Object.keys(secrets).length > 0 ? source.created_at : null,
      deletedAt: null,
      keyVersion: 1,
    });
    return structuredClone(source);
  }

  create(organizationId: number, userId: number, input: DataSourceCreate, now: Date): Outcome<DataSource> {
    const { credentials, ...fields } = input;
    const workspaceRefusal = this.checkWorkspace(organizationId, fields.workspace_id);
    if (workspaceRefusal) return { ok: false, refusal: workspaceRefusal };
    if (this.nameTaken(organizationId, fields.name)) return { ok: false, refusal: duplicate(fields.name) };
    const at = now.toISOString();
    const created = this.insert(
      {
        ...DEFAULTS,
        ...fields,
        organization_id: organizationId,
        status: 'active',
        last_tested_at: null,
        last_successful_connection_at: null,
        last_failed_connection_at: null,
        failure_count: 0,
        failure_reason: null,
        schema_discovered_at: null,
        created_by_user_id: userId,
        created_at: at,
        updated_at: at,
        updated_by_user_id: null,
      },
      definedOnly(credentials ?? {}),
    );
    return { ok: true, value: created };
  }

  get(organizationId: number, id: number): DataSource | undefined {
    const row = this.visible(organizationId, id);
    return row && structuredClone(row.source);
  }

  /** Overwrites the fields sent (null included, lists and objects whole); an empty patch changes nothing. */
  update(
    organizationId: number,
    userId: number,
    id: number,
    patch: DataSourcePatch,
    now: Date,
  ): Outcome<DataSource> {
    const row = this.visible(organizationId, id);
    if (!row) return { ok: false, notFound: true };
    if (
      patch.name !== undefined &&
      patch.name !== row.source.name &&
      this.nameTaken(organizationId, patch.name)
    ) {
      return { ok: false, refusal: duplicate(patch.name) };
    }
    if (Object.keys(patch).length > 0) {
      Object.assign(row.source, structuredClone(patch), {
        updated_at: now.toISOString(),
        updated_by_user_id: userId,
      });
    }
    return { ok: true, value: structuredClone(row.source) };
  }

  /** Soft delete (kept, invisible) or, with `force`, removal; undefined when there is nothing to delete. */
  delete(organizationId: number, id: number, force: boolean, now: Date): string | undefined {
    const row = this.visible(organizationId, id);
    if (!row) return undefined;
    const at = now.toISOString();
    if (force) this.rows.delete(id);
    else row.deletedAt = at;
    return at;
  }

  /** Stores the credentials sent (null removes one); undefined when the data source is not visible. */
  updateCredentials(
    organizationId: number,
    id: number,
    update: CredentialsUpdate,
    now: Date,
  ): string | undefined {
    const row = this.visible(organizationId, id);
    if (!row) return undefined;
    const { rotate_credentials: rotate, ...fields } = update;
    for (const [key, value] of Object.entries(fields)) {
      const name = key as keyof typeof fields;
      if (value === null) delete row.secrets[name];
      else if (value !== undefined) row.secrets[name] = value;
    }
    if (rotate) row.keyVersion += 1;
    row.credentialsUpdatedAt = now.toISOString();
    return row.credentialsUpdatedAt;
  }

  /** Applies a change that is not an edit (a connection test's outcome) without touching `updated_at`. */
  record(organizationId: number, id: number, change: Partial<DataSource>): DataSource | undefined {
    const row = this.visible(organizationId, id);
    if (!row) return undefined;
    Object.assign(row.source, change);
    return structuredClone(row.source);
  }

  /** One page of an organisation's visible data sources that match the query, sorted with `id` as tie-break. */
  list(organizationId: number, query: ListQuery): { items: DataSourceSummary[]; total: number } {
    const needle = query.search?.toLowerCase();
    const matches = [...this.rows.values()]
      .filter(({ source, deletedAt }) => {
        if (deletedAt !== null || source.organization_id !== organizationId) return false;
        if (query.workspace_id !== undefined && source.workspace_id !== query.workspace_id) return false;
        if (query.type !== undefined && source.type !== query.type) return false;
        if (query.status_filter !== undefined && source.status !== query.status_filter) return false;
        if (needle === undefined) return true;
        return (
          source.name.toLowerCase().includes(needle) ||
          (source.description ?? '').toLowerCase().includes(needle)
        );
      })
      .map((row) => row.source);
    const direction = query.sort_order === 'asc' ? 1 : -1;
    const key = query.sort_by;
    matches.sort((a, b) => direction * (compare(a[key], b[key]) || a.id - b.id));
    const start = (query.page - 1) * query.page_size;
    return { items: matches.slice(start, start + query.page_size).map(summarize), total: matches.length };
  }

  /** Every visible data source of one organisation (or all), in id order: for tests and the demo. */
  dataSources(organizationId?: number): DataSource[] {
    return [...this.rows.values()]
      .filter((row) => row.deletedAt === null)
      .filter((row) => organizationId === undefined || row.source.organization_id === organizationId)
      .map((row) => structuredClone(row.source))
      .sort((a, b) => a.id - b.id);
  }

  /** What is stored for a data source's credentials, so tests can see secrets were kept, not echoed. */
  secretsOf(id: number): (Credentials & { keyVersion: number; updatedAt: string | null }) | undefined {
    const row = this.rows.get(id);
    return row && { ...row.secrets, keyVersion: row.keyVersion, updatedAt: row.credentialsUpdatedAt };
  }

  /** True while the row exists at all, soft-deleted or not. */
  exists(id: number): boolean {
    return this.rows.has(id);
  }

  private visible(organizationId: number, id: number): Row | undefined {
    const row = this.rows.get(id);
    return row && row.deletedAt === null && row.source.organization_id === organizationId ? row : undefined;
  }

  private nameTaken(organizationId: number, name: string): boolean {
    for (const { source, deletedAt } of this.rows.values()) {
      if (deletedAt === null && source.organization_id === organizationId && source.name === name)
        return true;
    }
    return false;
  }

  private checkWorkspace(
    organizationId: number,
    workspaceId: number | null | undefined,
  ): Refusal | undefined {
    if (workspaceId === null || workspaceId === undefined) return undefined;
    if (this.workspaces.get(organizationId)?.includes(workspaceId)) return undefined;
    return {
      status: 400,
      field: 'workspace_id',
      reason: `workspace ${workspaceId} is not a workspace of your organization`,
    };
  }
}

export function summarize(source: DataSource): DataSourceSummary {
  const { id, organization_id, workspace_id, name, type, description, host, port, database_name } = source;
  const { status, tags, last_tested_at, created_at, updated_at } = source;
  return {
    id,
    organization_id,
    workspace_id,
    name,
    type,
    description,
    host,
    port,
    database_name,
    status,
    tags: [...tags],
    last_tested_at,
    created_at,
    updated_at,
  };
}

function duplicate(name: string): Refusal {
  return {
    status: 409,
    field: 'name',
    reason: `a data source named "${name}" already exists in your organization`,
  };
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function definedOnly(credentials: Credentials): Credentials {
  return Object.fromEntries(Object.entries(credentials).filter(([, value]) => value !== undefined));
}
