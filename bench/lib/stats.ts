import type { Latency } from './protocol.js';

/** Latency samples in milliseconds, kept whole so percentiles are exact rather than bucketed. */
export class Samples {
  private values = new Float64Array(4096);
  private size = 0;

  add(ms: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = ms;
  }

  get count(): number {
    return this.size;
  }

  toArray(): number[] {
    return Array.from(this.values.subarray(0, this.size));
  }

  summary(): Latency {
    return summarise(this.values.subarray(0, this.size));
  }
}

/** Nearest-rank percentiles; zeros when there is no sample. */
export function summarise(samples: ArrayLike<number>): Latency {
  const sorted = Float64Array.from(samples).sort();
  if (sorted.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  let total = 0;
  for (const value of sorted) total += value;
  return {
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(total / sorted.length),
  };
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

export function median(values: readonly number[]): number {
  return percentile(Float64Array.from(values).sort(), 50);
}

/** Three decimals: microseconds are the finest difference worth printing. */
export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
