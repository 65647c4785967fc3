import { builder, nodeIdDescription, nodeTypenames } from './builder.js';
import type { GatewayContext } from './context.js';
import { DataSource } from './data-source.js';
import { encodeGlobalId } from './ids.js';
import { registerNodeLoader } from './node-loaders.js';
import type { DataSourceRecord } from './records.js';

export interface DataSourceNodeOptions<R extends DataSourceRecord> {
  description: string;
  /** Loads records by native id, one entry per id in order: a record, null (none) or an Error. */
  load: (ids: string[], context: GatewayContext) => Promise<(R | Error | null)[]>;
  /** Whether a listed record is complete enough to stand in for a loaded one (default: yes). */
  isComplete?: (record: R) => boolean;
  /** Whether a native id has the shape of this type's ids (default: any); others are not ids of this API. */
  isNativeId?: (id: string) => boolean;
}

/**
 * A provider's DataSource type: a Relay node whose lookups are batched per request. `loader` is
 * the request's loader of this type (`node`, `nodes` and lists share it).
 */
export function dataSourceNode<R extends DataSourceRecord>(
  typename: string,
  options: DataSourceNodeOptions<R>,
) {
  nodeTypenames.add(typename);
  const loader = registerNodeLoader<R>(typename, {
    // Async so that a provider that is off rejects its keys instead of breaking the loader.
    load: async (ids, context) => {
      context.onBatch?.(typename, ids.length);
      return options.load(ids, context);
    },
    isComplete: (record) => !options.isComplete || options.isComplete(record),
    isNativeId: options.isNativeId,
  });
  // Looked up by id through `loadNodes` (node-loaders.ts), never through Pothos. Its `id` is the
  // Node interface's, resolved here as it is read: Pothos's node types resolve it through an async
  // function, a promise per node of every list.
  const ref = builder.objectRef<R>(typename);
  ref.implement({
    description: options.description,
    // The generic record type hides from TypeScript that every R is a DataSourceRecord.
    interfaces: [builder.nodeInterfaceRef(), DataSource] as never,
    isTypeOf: (value) => (value as DataSourceRecord).typename === typename,
    fields: (t) => ({
      id: t.id({
        description: nodeIdDescription,
        nullable: false,
        resolve: (record) => encodeGlobalId(typename, record.nativeId),
      }),
    }),
  });
  return Object.assign(ref, { loader });
}
