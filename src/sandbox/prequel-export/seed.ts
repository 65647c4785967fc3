import { createRandom, type OpenApiDocument } from '../kit/index.js';
import { createCatalog } from './catalog.js';
import { SECRET_FIELDS } from './run-errors.js';
import type { Company } from './seed-credentials.js';
import { type BrokenConnection, iso, transferHistory } from './seed-transfers.js';
import { vendorLabels, vendorSettings, vendors } from './seed-vendors.js';
import { isJsonObject, type JsonObject } from './settings.js';
import { ExportStore, type StoredDestination, type Transfer } from './store.js';

export const SEEDED_DESTINATIONS = 80;

const COMPANIES = [
  'Acme Logistics',
  'Northwind Traders',
  'Globex Energy',
  'Initech Software',
  'Umbrella Health',
  'Stark Freight',
  'Wayne Analytics',
  'Hooli Cloud',
  'Vandelay Imports',
  'Soylent Foods',
  'Cyberdyne Robotics',
  'Tyrell Biotech',
  'Wonka Confectionery',
  'Oceanic Airlines',
  'Massive Dynamic',
  'Aperture Labs',
  'Duff Brewing',
  'Monarch Insurance',
  'Blue Sun Retail',
  'Nakatomi Trading',
  'Dunder Mifflin Paper',
  'Sterling Cooper Media',
  'Bluth Homes',
  'Gekko Capital',
  'Pied Piper Storage',
  'Rekall Travel',
  'Vehement Capital',
  'Kramerica Industries',
];
const SUFFIXES = ['', ' (prod)', ' (staging)', ' (EU)', ' (US)', ' backup', ' reporting'];
const FREQUENCIES = [0, 15, 60, 60, 360, 720, 1440, 1440, 1440] as const;
const CREATED_FROM = new Date('2024-01-01T00:00:00Z');
const CREATED_TO = new Date('2026-06-30T00:00:00Z');
/** The demo clock: billing totals are for October 2026 (current) and September 2026 (last). */
const CURRENT_PERIOD = '2026-10';
const LAST_PERIOD = '2026-09';

const company = (name: string): Company => {
  const slug = name.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-');
  return { name, slug, domain: `${slug.split('-')[0]}.example.com` };
};

/**
 * Breaks a destination's connection the way connection tests detect it: an unresolvable host,
 * or else a refused secret. Returns what its recent transfers report, or undefined if neither fits.
 */
function breakConnection(settings: JsonObject, hex: string): BrokenConnection | undefined {
  if (typeof settings.host === 'string') {
    const host = `${settings.host.replace(/^https?:\/\//, '').split(/[/.]/)[0]}-old.${hex}.invalid`;
    settings.host = host;
    return { code: 'HOST_UNREACHABLE', detail: host };
  }
  const visit = (value: JsonObject): string | undefined => {
    for (const [key, child] of Object.entries(value)) {
      if (SECRET_FIELDS.has(key) && typeof child === 'string') {
        value[key] = `wrong-${hex}`;
        return key;
      }
      if (isJsonObject(child)) {
        const found = visit(child);
        if (found) return found;
      }
    }
    return undefined;
  };
  const key = visit(settings);
  return key ? { code: 'AUTHENTICATION_FAILED', detail: `the ${key.replaceAll('_', ' ')} sent` } : undefined;
}

function billing(transfers: Transfer[]): StoredDestination['billing'] {
  const totals = { last: 0, lastDelta: 0, current: 0 };
  for (const t of transfers) {
    if (t.ended_at?.startsWith(CURRENT_PERIOD)) totals.current += t.rows_transferred;
    if (t.ended_at?.startsWith(LAST_PERIOD)) {
      totals.last += t.rows_transferred;
      totals.lastDelta += t.delta_rows_transferred;
    }
  }
  return totals;
}

/**
 * The demo organisation: 80 destinations covering every vendor at least once, each with a
 * transfer history; about one in eight has a broken connection. The same seed gives the same data.
 */
export function seedStore(document: OpenApiDocument, seed = 1): ExportStore {
  const r = createRandom(seed);
  const catalog = createCatalog(r);
  const store = new ExportStore(document, catalog, createRandom(seed + 1_000_003));
  const companies = COMPANIES.map(company);
  const recipients = new Map(
    companies.map((c) => [c.slug, { id: r.uuid(), idInProviderSystem: `org_${r.hex(12)}` }] as const),
  );
  for (const recipient of recipients.values()) store.addRecipient(recipient);
  const sourceIds = Array.from({ length: 4 }, () => r.uuid());
  const names = new Set<string>();

  for (let i = 0; i < SEEDED_DESTINATIONS; i++) {
    const vendor = i < vendors.length ? (vendors[i] ?? 'postgres') : r.pick(vendors);
    const owner = r.pick(companies);
    const recipient = recipients.get(owner.slug) ?? store.recipientByExternalId(owner.slug);
    let name = `${owner.name} ${vendorLabels[vendor]}`;
    for (const suffix of SUFFIXES) {
      name = `${owner.name} ${vendorLabels[vendor]}${suffix}`;
      if (!names.has(name)) break;
    }
    if (names.has(name)) name = `${name} ${i}`;
    names.add(name);

    const settings = vendorSettings[vendor](r, owner);
    if (vendor === 'abs') settings.csv = { delimiter: ',' };
    const broken = i % 8 === 5 ? breakConnection(settings, r.hex(4)) : undefined;
    const created = r.date(CREATED_FROM, CREATED_TO);
    const updated = r.date(created, new Date(CREATED_TO.getTime() + 60 * 86_400_000));
    const products = r.some(catalog.products, 1, 3);
    const productModels = catalog.models.filter((m) => products.includes(m.product)).map((m) => m.name);
    const enabled = r.chance(0.5) ? ['*'] : r.some(productModels, 1, productModels.length);
    const isEnabled = r.chance(0.9);
    const id = r.uuid();
    const transfers = transferHistory(r, {
      destinationId: id,
      models: catalog.expand(enabled, products),
      sourceIds: r.some(sourceIds, 1, 2),
      createdAt: created,
      isEnabled,
      broken,
    });
    store.insert(
      {
        id,
        vendor,
        name,
        recipient,
        created_at: iso(created.getTime()),
        updated_at: iso(updated.getTime()),
        frequency_minutes: r.pick(FREQUENCIES),
        products,
        enabled_models: enabled,
        max_concurrent_transfers: r.int(1, 3),
        max_concurrent_queries_per_transfer: r.int(2, 8),
        is_enabled: isEnabled,
        settings,
        billing: billing(transfers),
      },
      transfers,
    );
  }
  return store;
}
