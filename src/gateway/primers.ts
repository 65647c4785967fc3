import type DataLoader from 'dataloader';
import type { GatewayContext } from './context.js';
import type { DataSourceRecord } from './records.js';

interface NodeLoader {
  loader(context: GatewayContext): DataLoader<string, DataSourceRecord | Error | null>;
  /** Whether a listed record is complete enough to stand in for a loaded one. */
  isComplete(record: DataSourceRecord): boolean;
}

const loaders = new Map<string, NodeLoader>();

/** Each node type says where its per-request loader is, so lists and mutations can keep it current. */
export function registerNodeLoader(typename: string, nodeLoader: NodeLoader): void {
  loaders.set(typename, nodeLoader);
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
