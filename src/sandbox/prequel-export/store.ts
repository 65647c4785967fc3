import type { components } from '../../providers/prequel-export/openapi.gen.js';
import type { OpenApiDocument, Random } from '../kit/index.js';
import type { ModelCatalog } from './catalog.js';
import { createProjector, type JsonObject } from './settings.js';
import { TransferProgress } from './transfer-progress.js';

type Schemas = components['schemas'];
export type Destination = Schemas['Destination'];
export type Transfer = Schemas['Transfer'];
export type Vendor = Schemas['Vendor'];

/** The provider's customer a destination belongs to, known by two ids. */
export interface Recipient {
  id: string;
  idInProviderSystem: string;
}

/** A destination as kept in memory: its wire fields, the full vendor block and billing totals. */
export interface StoredDestination {
  id: string;
  vendor: Vendor;
  name: string;
  recipient: Recipient;
  created_at: string;
  updated_at: string;
  frequency_minutes: Destination['frequency_minutes'];
  products: string[];
  enabled_models: string[];
  max_concurrent_transfers: number;
  max_concurrent_queries_per_transfer: number;
  is_enabled: boolean;
  machine_type_id?: string;
  /** The vendor block as sent, secrets included; only its projection is ever returned. */
  settings: JsonObject;
  billing: { last: number; lastDelta: number; current: number };
}

const FINISHED: ReadonlySet<Transfer['status']> = new Set([
  'SUCCESS',
  'PARTIAL_FAILURE',
  'ERROR',
  'CANCELLED',
  'EXPIRED',
]);

/** Everything the Prequel Export simulator holds: recipients, destinations and their transfers. */
export class ExportStore {
  private readonly destinations = new Map<string, StoredDestination>();
  private readonly transfers = new Map<string, Transfer[]>();
  private readonly recipients = new Map<string, Recipient>();
  private readonly project: (vendor: string, settings: JsonObject) => JsonObject;
  /** How the transfers queued through the API move on. */
  readonly progress: TransferProgress;

  constructor(
    document: OpenApiDocument,
    readonly catalog: ModelCatalog,
    /** Ids and traces of objects made at run time (seeded too, so a run is repeatable). */
    readonly random: Random,
  ) {
    this.project = createProjector(document);
    this.progress = new TransferProgress(random);
  }

  addRecipient(recipient: Recipient): void {
    this.recipients.set(recipient.id, recipient);
  }

  recipientById(id: string): Recipient | undefined {
    return this.recipients.get(id);
  }

  /** [ours] A recipient named by its id in the provider's system is created on first use. */
  recipientByExternalId(idInProviderSystem: string): Recipient {
    for (const recipient of this.recipients.values()) {
      if (recipient.idInProviderSystem === idInProviderSystem) return recipient;
    }
    const recipient = { id: this.random.uuid(), idInProviderSystem };
    this.addRecipient(recipient);
    return recipient;
  }

  allRecipients(): Recipient[] {
    return [...this.recipients.values()];
  }

  insert(destination: StoredDestination, transfers: Transfer[] = []): void {
    this.destinations.set(destination.id, destination);
    this.transfers.set(destination.id, transfers);
  }

  get(id: string): StoredDestination | undefined {
    return this.destinations.get(id);
  }

  all(): StoredDestination[] {
    return [...this.destinations.values()];
  }

  remove(id: string): boolean {
    this.transfers.delete(id);
    return this.destinations.delete(id);
  }

  nameTaken(name: string, exceptId?: string): boolean {
    for (const d of this.destinations.values()) if (d.name === name && d.id !== exceptId) return true;
    return false;
  }

  transfersOf(id: string): Transfer[] {
    return this.transfers.get(id) ?? [];
  }

  addTransfer(destinationId: string, transfer: Transfer): void {
    this.transfers.set(destinationId, [...this.transfersOf(destinationId), transfer]);
  }

  /** The destination as the API returns it: statistics from its transfers, secrets projected away. */
  view(d: StoredDestination): Destination {
    const finished = this.transfersOf(d.id)
      .filter((t) => FINISHED.has(t.status) && t.ended_at !== null)
      .sort((a, b) => String(b.ended_at).localeCompare(String(a.ended_at)));
    const lastSuccess = finished.find((t) => t.status === 'SUCCESS');
    const out: Destination = {
      id: d.id,
      vendor: d.vendor,
      name: d.name,
      recipient_id: d.recipient.id,
      id_in_provider_system: d.recipient.idInProviderSystem,
      created_at: d.created_at,
      updated_at: d.updated_at,
      last_successful_transfer_ended_at: lastSuccess?.ended_at ?? null,
      frequency_minutes: d.frequency_minutes,
      products: [...d.products],
      enabled_models: [...d.enabled_models],
      max_concurrent_transfers: d.max_concurrent_transfers,
      max_concurrent_queries_per_transfer: d.max_concurrent_queries_per_transfer,
      is_enabled: d.is_enabled,
      last_completed_transfer: finished[0] ?? null,
      total_rows_transferred_last_billing_period: d.billing.last,
      total_delta_rows_transferred_last_billing_period: d.billing.lastDelta,
      total_rows_transferred_current_billing_period: d.billing.current,
    };
    return Object.assign(out, { [d.vendor]: this.project(d.vendor, d.settings) });
  }
}
