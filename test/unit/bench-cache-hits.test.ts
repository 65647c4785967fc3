import { describe, expect, it } from 'vitest';
import { addedByRedis, type CacheHitReport, cacheHitSection } from '../../bench/lib/cache-hits.js';
import { parseOptions } from '../../bench/lib/options.js';
import { loadResult } from '../support/load-results.js';

function report(): CacheHitReport {
  return {
    query: 'query Postgres { dataSources }',
    rate: 200,
    connections: 10,
    durationSeconds: 3,
    upstreamCalls: 0,
    runs: [
      { store: 'memory', latency: loadResult(200, 1, 3).latency, errors: 0, rounds: [3, 3.5, 2.5] },
      { store: 'redis', latency: loadResult(200, 1.5, 4.25).latency, errors: 0, rounds: [4.25, 5, 4] },
    ],
  };
}

describe('bench cache hits from Redis', () => {
  it('runs with every scenario or alone, paced at 200/s unless told, and refuses a bad rate naming the flag', () => {
    expect(parseOptions([], {}).scenarios).toContain('cache-hit');
    expect(parseOptions(['--scenario', 'cache-hit'], {}).scenarios).toEqual(['cache-hit']);
    expect(parseOptions([], {}).cacheHitRate).toBe(200);
    expect(parseOptions(['--cache-hit-rate', '500'], {}).cacheHitRate).toBe(500);
    expect(parseOptions([], { BENCH_CACHE_HIT_RATE: '50' }).cacheHitRate).toBe(50);
    expect(() => parseOptions(['--cache-hit-rate', '0'], {})).toThrow(/--cache-hit-rate must be a number/);
  });

  it('reports both stores and what Redis adds at p50 and p99', () => {
    expect(addedByRedis(report())).toEqual({ p50: 0.5, p99: 1.25 });
    const section = cacheHitSection(report()).join('\n');
    expect(section).toContain('## Cache hits from Redis');
    expect(section).toContain('| memory | 1.00 | 3.00 | 3.00 / 3.50 / 2.50 | 0 |');
    expect(section).toContain('| redis | 1.50 | 4.25 | 4.25 / 5.00 / 4.00 | 0 |');
    expect(section).toContain('| Redis adds | +0.50 | +1.25 | | |');
    expect(section).toContain('The upstreams received 0 calls');
  });
});
