import { readFile } from 'node:fs/promises';
import { round } from './stats.js';

/**
 * CPU time of the whole machine from the first line of /proc/stat, in clock ticks: what the
 * hypervisor gave to other guests while this one had work ("steal"), and everything.
 */
export interface CpuTicks {
  steal: number;
  /** Idle and waiting on I/O. */
  idle: number;
  total: number;
}

/** Undefined where there is no /proc/stat (not Linux) or it reads oddly: steal is then not measured. */
export async function readCpuTicks(): Promise<CpuTicks | undefined> {
  try {
    return parseCpuTicks(await readFile('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

export function parseCpuTicks(stat: string): CpuTicks | undefined {
  const line = stat.split('\n', 1)[0] ?? '';
  if (!line.startsWith('cpu ')) return undefined;
  // user nice system idle iowait irq softirq steal [guest guest_nice]; guest time is already in user.
  const fields = line.slice(4).trim().split(/\s+/).slice(0, 8).map(Number);
  if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return undefined;
  return {
    steal: fields[7] as number,
    idle: (fields[3] as number) + (fields[4] as number),
    total: fields.reduce((sum, n) => sum + n, 0),
  };
}

/** The share of the machine's CPU time between two readings that the hypervisor took, in %. */
export function stealPercent(before: CpuTicks | undefined, after: CpuTicks | undefined): number | undefined {
  if (!before || !after) return undefined;
  const total = after.total - before.total;
  if (total <= 0) return 0;
  return round((100 * (after.steal - before.steal)) / total, 1);
}

/**
 * Cores this machine kept busy between two readings `seconds` apart, every process on it together
 * (neither idle nor stolen); USER_HZ is 100 ticks a second.
 */
export function busyCores(
  before: CpuTicks | undefined,
  after: CpuTicks | undefined,
  seconds: number,
): number | undefined {
  if (!before || !after || seconds <= 0) return undefined;
  const busy = after.total - before.total - (after.idle - before.idle) - (after.steal - before.steal);
  return round(busy / 100 / seconds, 2);
}
