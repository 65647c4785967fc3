import DataLoader from 'dataloader';
import { type GatewayContext, requestLocal } from './context.js';
import { asError, badInput } from './errors.js';
import { type GlobalId, notAnId, notAnIdMessage } from './ids.js';
import type { DataSourceRecord } from './records.js';

/** How one node type is read by id: a batch load, and which listed records may stand in for it. */
export interface NodeLoading<R extends DataSourceRecord> {
  /** Loads records by native id, one entry per id in order: a record, null (none) or an Error. */
  load: (ids: string[], context: GatewayContext) => Promise<(R | Error | null)[]>;
  /** Whether a listed record is complete enough to stand in for a loaded one. */
  isComplete: (record: R) => boolean;
  /** Whether a native id has the shape this type's ids have; others are refused without a call. */
  isNativeId?: (id: string) => boolean;
}

interface NodeLoader {
  loader(context: GatewayContext): DataLoader<string, DataSourceRecord | Error | null>;
  isComplete(record: DataSourceRecord): boolean;
  isNativeId?: (id: string) => boolean;
}

const loaders = new Map<string, NodeLoader>();

/**
 * Registers how a node type loads; returns its per-request loader, which batches and caches the
 * lookups of one request.
 */
export function registerNodeLoader<R extends DataSourceRecord>(
  typename: string,
  loading: NodeLoading<R>,
): (context: GatewayContext) => DataLoader<string, R | Error | null> {
  const loader = requestLocal(
    (context) => new DataLoader<string, R | Error | null>((ids) => loading.load([...ids], context)),
    (done) => done.clearAll(),
  );
  loaders.set(typename, {
    loader,
    isComplete: (record) => loading.isComplete(record as R),
    isNativeId: loading.isNativeId,
  });
  return loader;
}

/**
 * Nodes by decoded global id, in the order asked: a record, null (none, or a type that cannot be
 * loaded) or an Error, the provider's or a BAD_USER_INPUT naming the entry of `argument` that is not
 * an id of this API. Ids of one type share one batch; a repeated id is loaded once per request.
 */
export function loadNodes(
  context: GatewayContext,
  ids: readonly (GlobalId | null | undefined)[],
  argument = 'ids',
): Promise<(DataSourceRecord | Error | null)[]> {
  return Promise.all(ids.map((global, index) => loadNode(context, global, argument, index)));
}

/** One node by decoded global id; `argument` and `index` name the input in an error. */
export function loadNode(
  context: GatewayContext,
  global: GlobalId | null | undefined,
  argument: string,
  index?: number,
): Promise<DataSourceRecord | Error | null> | Error | null {
  if (!global) return null;
  const node = loaders.get(global.typename);
  if (global === notAnId || node?.isNativeId?.(global.id) === false)
    return badInput(notAnIdMessage(argument, index), argument);
  if (!node) return null;
  return node.loader(context).load(global.id).catch(asError);
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
