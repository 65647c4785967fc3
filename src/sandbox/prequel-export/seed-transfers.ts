import type { Random } from '../kit/index.js';
import type { Model } from './catalog.js';
import { type ErrorCode, runError } from './run-errors.js';
import type { Transfer } from './store.js';

type Status = Transfer['status'];
type RunError = NonNullable<Transfer['model_metrics'][number]['error']>;

/** The failure every recent transfer of a destination whose connection is broken reports. */
export interface BrokenConnection {
  code: ErrorCode;
  detail: string;
}

export interface TransferHistoryInput {
  destinationId: string;
  models: Model[];
  sourceIds: string[];
  createdAt: Date;
  isEnabled: boolean;
  broken: BrokenConnection | undefined;
}

const END = Date.parse('2026-10-31T23:00:00Z');
const DAY = 86_400_000;
const RECOVERABLE: ErrorCode[] = [
  'PERMISSION_DENIED',
  'BUCKET_NOT_FOUND',
  'WORKER_LOST',
  'DISK_FULL',
  'UNKNOWN',
];
const MODEL_ERRORS: ErrorCode[] = ['SOURCE_QUERY_TIMEOUT', 'SCHEMA_MISMATCH'];

export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function pickStatus(r: Random, newest: boolean, enabled: boolean): Status {
  if (newest && enabled && r.chance(0.15)) return r.pick(['PENDING', 'RUNNING']);
  const roll = r.next();
  if (roll < 0.68) return 'SUCCESS';
  if (roll < 0.78) return 'PARTIAL_FAILURE';
  if (roll < 0.9) return 'ERROR';
  return roll < 0.96 ? 'CANCELLED' : 'EXPIRED';
}

/**
 * A destination's past transfers, oldest first: several runs over the last months, some failed
 * with run errors, each run with per-model metrics, so `last_completed_transfer` has history behind it.
 */
export function transferHistory(r: Random, input: TransferHistoryInput): Transfer[] {
  const count = r.int(3, 8);
  const from = Math.max(input.createdAt.getTime() + DAY, END - 150 * DAY);
  const times = Array.from({ length: count }, () => r.int(from, END)).sort((a, b) => a - b);
  const out: Transfer[] = [];
  let previousWindowEnd: number | undefined;
  times.forEach((submitted, index) => {
    const newest = index === count - 1;
    const brokenNow = input.broken !== undefined && index >= count - 2;
    const status: Status = brokenNow ? 'ERROR' : pickStatus(r, newest, input.isEnabled);
    const fullRefresh = index === 0 || r.chance(0.1);
    const windowStart = fullRefresh ? null : (previousWindowEnd ?? submitted - DAY);
    const ran = status !== 'PENDING' && status !== 'EXPIRED' && !(status === 'CANCELLED' && r.chance(0.5));
    const started = ran ? submitted + r.int(5, 300) * 1000 : null;
    const finished = status !== 'PENDING' && status !== 'RUNNING';
    const ended = finished ? (started ?? submitted) + r.int(30, 3600) * 1000 : null;
    const transferError: RunError | undefined = brokenNow
      ? runError(input.broken?.code ?? 'UNKNOWN', input.broken?.detail ?? '', r)
      : status === 'ERROR'
        ? runError(r.pick(RECOVERABLE), input.models[0]?.name ?? 'the destination', r)
        : undefined;
    const failing =
      status === 'PARTIAL_FAILURE'
        ? new Set(r.some(input.models, 1, 2).map((m) => m.name))
        : new Set<string>();

    const metrics =
      ran && finished
        ? input.models.map((model) => {
            const error =
              transferError ??
              (failing.has(model.name) ? runError(r.pick(MODEL_ERRORS), model.name, r) : undefined);
            const rows = error ? 0 : r.int(0, 250_000);
            const delta = fullRefresh ? rows : r.int(0, rows);
            return {
              model_id: model.id,
              model_name: model.name,
              rows_transferred: rows,
              delta_rows_transferred: delta,
              volume_transferred_in_mb: Math.round((rows * r.int(120, 900)) / 10_000) / 100,
              start_transfer_window_at: windowStart === null ? null : iso(windowStart),
              end_transfer_window_at: iso(submitted),
              most_recent_last_updated_at: rows > 0 ? iso(submitted - r.int(1, 3600) * 1000) : null,
              ...(error ? { error } : {}),
            };
          })
        : [];
    const rows = metrics.reduce((sum, m) => sum + m.rows_transferred, 0);
    const actor = r.next();
    out.push({
      id: r.uuid(),
      status,
      is_full_refresh: fullRefresh,
      models: input.models.map((m) => m.name),
      log: transferLog(submitted, started, ended, status, metrics, transferError),
      submitted_at: iso(submitted),
      start_transfer_window_at: windowStart === null ? null : iso(windowStart),
      end_transfer_window_at: iso(submitted),
      rows_transferred: rows,
      delta_rows_transferred: metrics.reduce((sum, m) => sum + m.delta_rows_transferred, 0),
      volume_transferred_in_mb:
        Math.round(metrics.reduce((sum, m) => sum + m.volume_transferred_in_mb, 0) * 100) / 100,
      is_debug_mode: r.chance(0.05),
      actor_id: actor < 0.8 ? 'scheduler' : actor < 0.92 ? `key_${r.hex(12)}` : `usr_${r.hex(12)}`,
      actor_type: actor < 0.8 ? 'scheduler' : actor < 0.92 ? 'api_key' : 'user',
      source_ids: [...input.sourceIds],
      destination_id: input.destinationId,
      model_metrics: metrics,
      models_snapshot: input.models.map((m) => ({
        model_id: m.id,
        model_name: m.name,
        revision_id: m.revisionId,
      })),
      started_at: started === null ? null : iso(started),
      ended_at: ended === null ? null : iso(ended),
      tags: fullRefresh && index > 0 ? { reason: 'backfill' } : {},
    });
    if (status === 'SUCCESS' || status === 'PARTIAL_FAILURE') previousWindowEnd = submitted;
  });
  return out;
}

function transferLog(
  submitted: number,
  started: number | null,
  ended: number | null,
  status: Status,
  metrics: Transfer['model_metrics'],
  error: RunError | undefined,
): string {
  const lines = [`${iso(submitted)} INFO transfer queued`];
  if (started !== null) lines.push(`${iso(started)} INFO transfer started`);
  for (const m of metrics) {
    lines.push(
      m.error
        ? `${iso(ended ?? submitted)} ERROR model ${m.model_name}: ${m.error.error_code}: ${m.error.message}`
        : `${iso(ended ?? submitted)} INFO model ${m.model_name}: ${m.rows_transferred} rows written`,
    );
  }
  if (error && metrics.length === 0)
    lines.push(`${iso(ended ?? submitted)} ERROR ${error.error_code}: ${error.message}`);
  if (ended !== null) lines.push(`${iso(ended)} INFO transfer finished with status ${status}`);
  return lines.join('\n');
}
