import type { GatewayContext } from './context.js';
import type { DataSourceRecord } from './records.js';

type Primer = (context: GatewayContext, record: DataSourceRecord) => void;
const primers = new Map<string, Primer>();

/** Each node type says how a listed record of its own enters its loader. */
export function registerPrimer(typename: string, primer: Primer): void {
  primers.set(typename, primer);
}

/** Puts records a list returned into their types' loaders, so a later lookup costs no call. */
export function primeLoaders(context: GatewayContext, records: readonly DataSourceRecord[]): void {
  for (const record of records) primers.get(record.typename)?.(context, record);
}
