import { describe, expect, it } from 'vitest';
import { settleWithLimit } from '../../src/gateway/concurrency.js';

describe('settleWithLimit', () => {
  it('never runs more than the limit at once and keeps results and errors in place', async () => {
    let running = 0;
    let most = 0;
    const results = await settleWithLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await Promise.resolve();
      await Promise.resolve();
      running -= 1;
      if (n === 4) throw new Error('four');
      return n * 10;
    });
    expect(most).toBe(3);
    expect(results.map((r) => (r instanceof Error ? r.message : r))).toEqual([
      10,
      20,
      30,
      'four',
      50,
      60,
      70,
    ]);
  });
});
