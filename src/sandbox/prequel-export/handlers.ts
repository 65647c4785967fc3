import type { components } from '../../providers/prequel-export/openapi.gen.js';
import type { SimHandler, SimRequest, SimResponse } from '../kit/index.js';
import { BadCursorError, cutPage, type Page, type PageRequest } from './paging.js';
import { connectionProblem } from './run-errors.js';
import { iso } from './seed-transfers.js';
import { vendors } from './seed-vendors.js';
import { type JsonObject, mergeSettings } from './settings.js';
import type { ExportStore, StoredDestination, Transfer, Vendor } from './store.js';

type Schemas = components['schemas'];
type Req = SimRequest<string>;

/** The API key id the simulator records as the actor of transfers queued through the API. */
const API_ACTOR = 'key_demo_export';

export const success = (data: unknown, message = ''): SimResponse => ({
  status: 200,
  body: { status: 'success', data, message },
});

export const failure = (status: number, message: string): SimResponse => ({
  status,
  body: { status: 'error', message },
});

const notFound = (id: unknown): SimResponse => failure(404, `no destination with id ${JSON.stringify(id)}`);

/** A vendor block other than the destination's own is refused; its own is required when asked. */
function vendorBlockProblem(sent: object, vendor: Vendor, requireOwn: boolean): string | undefined {
  for (const other of vendors) {
    if (other !== vendor && Object.hasOwn(sent, other)) {
      return `destination.${other}: is not allowed on a ${vendor} destination`;
    }
  }
  if (requireOwn && !Object.hasOwn(sent, vendor))
    return `destination.${vendor}: is required for vendor ${vendor}`;
  return undefined;
}

function modelProblem(store: ExportStore, enabled: string[] | undefined, products: string[] | undefined) {
  const badModel = (enabled ?? []).findIndex((name) => name !== '*' && !store.catalog.byName(name));
  if (badModel >= 0) return `destination.enabled_models[${badModel}]: names no model`;
  const badProduct = (products ?? []).findIndex((p) => !store.catalog.products.includes(p));
  if (badProduct >= 0) return `destination.products[${badProduct}]: names no product`;
  return undefined;
}

function settingsOf(sent: object, vendor: Vendor): JsonObject {
  const block: unknown = (sent as Record<string, unknown>)[vendor];
  return block !== null && typeof block === 'object' ? { ...(block as JsonObject) } : {};
}

function pageRequest(req: Req): PageRequest {
  const cursor = req.query.cursor;
  return {
    pageSize: Number(req.query.page_size ?? 10),
    order: req.query.order === 'asc' ? 'asc' : 'desc',
    cursor: typeof cursor === 'string' ? cursor : undefined,
  };
}

/** The list reply: the page, `has_next`, and a `next_url` carrying the same parameters plus the cursor. */
function pageReply<T>(req: Req, key: string, page: Page<T>, filters: Record<string, string>): SimResponse {
  const answer = success({ [key]: page.items });
  const body = answer.body as Record<string, unknown>;
  body.has_next = page.nextCursor !== undefined;
  if (page.nextCursor !== undefined) {
    const { pageSize, order } = pageRequest(req);
    const params = new URLSearchParams({
      page_size: String(pageSize),
      order,
      ...filters,
      cursor: page.nextCursor,
    });
    body.next_url = `http://${req.headers.host ?? '127.0.0.1'}${req.path}?${params}`;
  }
  return answer;
}

function paged(run: () => SimResponse): SimResponse {
  try {
    return run();
  } catch (error) {
    if (error instanceof BadCursorError) return failure(400, `cursor: ${error.message}`);
    throw error;
  }
}

function testResult(store: ExportStore, settings: JsonObject): SimResponse {
  const error = connectionProblem(settings, store.random);
  const data: Schemas['ConnectionTestResult'] = error
    ? { status: 'failure', message: error.title, error }
    : { status: 'success', message: 'Connected and wrote a test table' };
  return success(data, 'connection test finished');
}

export function createHandlers(store: ExportStore): Record<string, SimHandler<string>> {
  const find = (req: Req): StoredDestination | undefined => store.get(String(req.params.destination_id));

  return {
    listDestinations: (req) =>
      paged(() => {
        const page = cutPage(store.all(), (d) => [d.created_at, d.id], pageRequest(req));
        return pageReply(req, 'destinations', { ...page, items: page.items.map((d) => store.view(d)) }, {});
      }),

    createDestination: (req) => {
      const sent = (req.body as Schemas['DestinationCreateRequest']).destination;
      const problem =
        vendorBlockProblem(sent, sent.vendor, true) ??
        modelProblem(store, sent.enabled_models, sent.products);
      if (problem) return failure(400, problem);
      if (sent.recipient_id !== undefined && sent.id_in_provider_system !== undefined) {
        return failure(400, 'destination.id_in_provider_system: cannot be sent together with recipient_id');
      }
      let recipient = store.recipientById(sent.recipient_id ?? '');
      if (sent.id_in_provider_system !== undefined) {
        recipient = store.recipientByExternalId(sent.id_in_provider_system);
      } else if (sent.recipient_id === undefined) {
        return failure(400, 'destination.recipient_id: is required (or id_in_provider_system)');
      } else if (!recipient) {
        return failure(400, 'destination.recipient_id: names no recipient');
      }
      if (store.nameTaken(sent.name))
        return failure(409, `a destination named ${JSON.stringify(sent.name)} exists`);
      const now = iso(Date.now());
      const settings = settingsOf(sent, sent.vendor);
      if (sent.vendor === 'abs') settings.csv = { delimiter: ',' };
      const created: StoredDestination = {
        id: store.random.uuid(),
        vendor: sent.vendor,
        name: sent.name,
        recipient,
        created_at: now,
        updated_at: now,
        frequency_minutes: sent.frequency_minutes ?? 1440,
        products: sent.products ?? [],
        enabled_models: sent.enabled_models ?? ['*'],
        max_concurrent_transfers: sent.max_concurrent_transfers ?? 1,
        max_concurrent_queries_per_transfer: sent.max_concurrent_queries_per_transfer ?? 4,
        is_enabled: sent.is_enabled ?? true,
        settings,
        billing: { last: 0, lastDelta: 0, current: 0 },
      };
      store.insert(created);
      return success({ destination: store.view(created) }, 'destination created');
    },

    getDestination: (req) => {
      const found = find(req);
      return found ? success({ destination: store.view(found) }) : notFound(req.params.destination_id);
    },

    updateDestination: (req) => {
      const found = find(req);
      if (!found) return notFound(req.params.destination_id);
      const patch = (req.body as Schemas['DestinationUpdateRequest']).destination;
      const problem =
        vendorBlockProblem(patch, found.vendor, false) ?? modelProblem(store, patch.enabled_models, []);
      if (problem) return failure(400, problem);
      if (patch.name !== undefined && store.nameTaken(patch.name, found.id)) {
        return failure(409, `a destination named ${JSON.stringify(patch.name)} exists`);
      }
      if (patch.name !== undefined) found.name = patch.name;
      if (patch.frequency_minutes !== undefined) found.frequency_minutes = patch.frequency_minutes;
      if (patch.enabled_models !== undefined) found.enabled_models = [...patch.enabled_models];
      if (patch.max_concurrent_transfers !== undefined)
        found.max_concurrent_transfers = patch.max_concurrent_transfers;
      if (patch.max_concurrent_queries_per_transfer !== undefined) {
        found.max_concurrent_queries_per_transfer = patch.max_concurrent_queries_per_transfer;
      }
      if (patch.is_enabled !== undefined) found.is_enabled = patch.is_enabled;
      if (patch.machine_type_id !== undefined) found.machine_type_id = patch.machine_type_id;
      if (Object.hasOwn(patch, found.vendor)) {
        found.settings = mergeSettings(found.settings, settingsOf(patch, found.vendor));
      }
      found.updated_at = iso(Date.now());
      return success({ destination: store.view(found) }, 'destination updated');
    },

    deleteDestination: (req) => {
      const id = String(req.params.destination_id);
      return store.remove(id) ? success({}, 'destination deleted') : notFound(id);
    },

    testDestination: (req) => {
      const sent = (req.body as Schemas['DestinationCreateRequest']).destination;
      const problem = vendorBlockProblem(sent, sent.vendor, true);
      return problem ? failure(400, problem) : testResult(store, settingsOf(sent, sent.vendor));
    },

    testDestinationConnection: (req) => {
      const found = find(req);
      return found ? testResult(store, found.settings) : notFound(req.params.destination_id);
    },

    createTransfer: (req) => {
      const found = find(req);
      if (!found) return notFound(req.params.destination_id);
      if (!found.is_enabled)
        return failure(409, 'the destination is disabled; enable it before queuing a transfer');
      const body = (req.body ?? {}) as Schemas['TransferRequest'];
      const enabled = store.catalog.expand(found.enabled_models, found.products);
      const wanted = body.models ?? enabled.map((m) => m.name);
      const enabledNames = new Set(enabled.map((m) => m.name));
      const bad = wanted.findIndex((name) => !enabledNames.has(name));
      if (bad >= 0) return failure(400, `models[${bad}]: is not enabled on this destination`);
      const { start_transfer_window_at: start, end_transfer_window_at: end } = body;
      if (start !== undefined && end !== undefined && Date.parse(end) <= Date.parse(start)) {
        return failure(400, 'end_transfer_window_at: must be after start_transfer_window_at');
      }
      const now = iso(Date.now());
      const history = store.transfersOf(found.id);
      const transfer: Transfer = {
        id: store.random.uuid(),
        status: 'PENDING',
        is_full_refresh: body.full_refresh ?? false,
        models: wanted,
        log: `${now} INFO transfer queued`,
        submitted_at: now,
        start_transfer_window_at: start ?? null,
        end_transfer_window_at: end ?? null,
        rows_transferred: 0,
        delta_rows_transferred: 0,
        volume_transferred_in_mb: 0,
        is_debug_mode: body.is_debug_mode ?? false,
        actor_id: API_ACTOR,
        actor_type: 'api_key',
        source_ids: [...(history.at(-1)?.source_ids ?? [])],
        destination_id: found.id,
        model_metrics: [],
        models_snapshot: enabled
          .filter((m) => wanted.includes(m.name))
          .map((m) => ({ model_id: m.id, model_name: m.name, revision_id: m.revisionId })),
        started_at: null,
        ended_at: null,
        tags: { ...body.tags },
      };
      store.addTransfer(found.id, transfer);
      store.progress.track(transfer);
      return success({ transfer_id: transfer.id }, 'transfer queued');
    },

    listTransfers: (req) =>
      paged(() => {
        const found = find(req);
        if (!found) return notFound(req.params.destination_id);
        store.progress.read(store.transfersOf(found.id));
        const filters: Record<string, string> = {};
        for (const name of ['status', 'ended_before', 'ended_after'] as const) {
          const value = req.query[name];
          if (typeof value === 'string') filters[name] = value;
        }
        const before = filters.ended_before === undefined ? undefined : Date.parse(filters.ended_before);
        const after = filters.ended_after === undefined ? undefined : Date.parse(filters.ended_after);
        const matching = store.transfersOf(found.id).filter((t) => {
          if (filters.status !== undefined && t.status !== filters.status) return false;
          if (before === undefined && after === undefined) return true;
          if (t.ended_at === null) return false;
          const ended = Date.parse(t.ended_at);
          return (before === undefined || ended < before) && (after === undefined || ended > after);
        });
        const page = cutPage(matching, (t) => [t.submitted_at, t.id], pageRequest(req));
        return pageReply(req, 'transfers', page, filters);
      }),
  };
}
