import DataLoader from 'dataloader';
import { type GatewayContext, requestLocal } from './context.js';
import { asError } from './errors.js';
import type { DataSourceRecord } from './records.js';

/** How one node type is read by id: a batch load, and which listed records may stand in for it. */
export interface NodeLoading<R extends DataSourceRecord> {
  /** Loads records by native id, one entry per id in order: a record, null (none) or an Error. */
  load: (ids: string[], context: GatewayContext) => Promise<(R | Error | null)[]>;
  /** Whether a listed record is complete enough to stand in for a loaded one. */
  isComplete: (record: R) => boolean;
}

interface NodeLoader {
  loader(context: GatewayContext): DataLoader<string, DataSourceRecord | Error | null>;
  isComplete(record: DataSourceRecord): boolean;
}

const loaders = new Map<string, NodeLoader>();

/**
 * Registers how a node type loads; returns its per-request loader, which batches and caches the
 * lookups of one request. A typed id of the wrong shape is the provider's to refuse (as an Error).
 */
export function registerNodeLoader<R extends DataSourceRecord>(
  typename: string,
  loading: NodeLoading<R>,
): (context: GatewayContext) => DataLoader<string, R | Error | null> {
  const loader = requestLocal(
    (context) => new DataLoader<string, R | Error | null>((ids) => loading.load([...ids], context)),
  );
  loaders.set(typename, {
    loader,
    isComplete: (record) => loading.isComplete(record as R),
  });
  return loader;
}

/**
 * Nodes by decoded global id, in the order asked: a record, null (none, or a type that cannot be
 * loaded) or the Error its provider gave. Ids of one type share one batch; a repeated id is loaded
 * once per request.
 */
export function loadNodes(
  context: GatewayContext,
  ids: readonly ({ id: string; typename: string } | null | undefined)[],
): Promise<(DataSourceRecord | Error | null)[]> {
  return Promise.all(
    ids.map((global) => {
      const node = global && loaders.get(global.typename);
      if (!global || !node) return null;
      return node.loader(context).load(global.id).catch(asError);
    }),
  );
}

/** Puts records a list returned into their types' loaders, so a later lookup costs no call. */
export function primeLoaders(context: GatewayContext, records: readonly DataSourceRecord[]): void {
  for (const record of records) {
    const node = loaders.get(record.typename);
    if (node?.isComplete(record)) node.loader(context).prime(record.nativeId, record);
  }
}

/** After a mutation: later reads in the same request see the upstream's new state. */
export function replaceLoaded(context: GatewayContext, record: DataSourceRecord): void {
  loaders.get(record.typename)?.loader(context).clear(record.nativeId).prime(record.nativeId, record);
}

/** After a delete: later reads in the same request find nothing. */
export function forgetLoaded(context: GatewayContext, typename: string, nativeId: string): void {
  loaders.get(typename)?.loader(context).clear(nativeId).prime(nativeId, null);
}
