import type { Random } from '../kit/index.js';
import { runError } from './run-errors.js';
import { iso } from './seed-transfers.js';
import type { Transfer } from './store.js';

/** How transfers queued through the API move on: PENDING, then RUNNING, then `outcome`. */
export interface TransferSteps {
  /** One step every this many reads of the destination's transfers; 0 leaves them PENDING. */
  everyReads: number;
  /** The status a transfer ends in. */
  outcome: 'SUCCESS' | 'PARTIAL_FAILURE' | 'ERROR' | 'CANCELLED';
}

/** [ours] Each read of its destination's transfers is a tick: a transfer queued and never read never runs. */
export const DEFAULT_TRANSFER_STEPS: TransferSteps = { everyReads: 2, outcome: 'SUCCESS' };

/**
 * Moves the transfers queued through the API along as their destination's list is read, so a client
 * polling it sees each one run and end, in the documented shape: counted reads rather than time, so
 * that tests know when each step comes.
 */
export class TransferProgress {
  steps: TransferSteps = DEFAULT_TRANSFER_STEPS;
  /** The transfers still moving, and how many reads each has seen. */
  private readonly moving = new Map<Transfer, number>();

  constructor(private readonly random: Random) {}

  track(transfer: Transfer): void {
    this.moving.set(transfer, 0);
  }

  /** One read of a destination's transfers: those still moving take a step every `everyReads` reads. */
  read(transfers: readonly Transfer[]): void {
    if (this.steps.everyReads <= 0) return;
    for (const transfer of transfers) {
      const reads = this.moving.get(transfer);
      if (reads === undefined) continue;
      if ((reads + 1) % this.steps.everyReads !== 0) this.moving.set(transfer, reads + 1);
      else if (transfer.status === 'PENDING') this.start(transfer, reads + 1);
      else this.finish(transfer);
    }
  }

  private start(transfer: Transfer, reads: number): void {
    this.moving.set(transfer, reads);
    const now = iso(Date.now());
    transfer.status = 'RUNNING';
    transfer.started_at = now;
    transfer.log += `\n${now} INFO transfer started`;
  }

  private finish(transfer: Transfer): void {
    this.moving.delete(transfer);
    const now = iso(Date.now());
    const { outcome } = this.steps;
    const failed = (index: number) => outcome === 'ERROR' || (outcome === 'PARTIAL_FAILURE' && index === 0);
    transfer.model_metrics =
      outcome === 'CANCELLED'
        ? []
        : transfer.models_snapshot.map((model, index) => {
            const error = failed(index) ? runError('WORKER_LOST', model.model_name, this.random) : undefined;
            const rows = error ? 0 : this.random.int(0, 50_000);
            return {
              model_id: model.model_id,
              model_name: model.model_name,
              rows_transferred: rows,
              delta_rows_transferred: transfer.is_full_refresh ? rows : this.random.int(0, rows),
              volume_transferred_in_mb: Math.round(rows * 0.9) / 100,
              start_transfer_window_at: transfer.start_transfer_window_at,
              end_transfer_window_at: transfer.end_transfer_window_at ?? transfer.submitted_at,
              most_recent_last_updated_at: rows > 0 ? transfer.submitted_at : null,
              ...(error ? { error } : {}),
            };
          });
    const sum = (read: (m: Transfer['model_metrics'][number]) => number) =>
      transfer.model_metrics.reduce((total, m) => total + read(m), 0);
    transfer.rows_transferred = sum((m) => m.rows_transferred);
    transfer.delta_rows_transferred = sum((m) => m.delta_rows_transferred);
    transfer.volume_transferred_in_mb = Math.round(sum((m) => m.volume_transferred_in_mb) * 100) / 100;
    transfer.status = outcome;
    transfer.ended_at = now;
    transfer.log += `\n${now} INFO transfer finished with status ${outcome}`;
  }
}
