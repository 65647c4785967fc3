import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const flagsModule = fileURLToPath(new URL('../../src/v8-flags.ts', import.meta.url));

/**
 * Runs a Node process with the container's heap limit, optionally loading the flags module, forces
 * two full GCs and returns the growing factor V8 applied to the old generation's next limit.
 */
async function appliedGrowingFactor(options: { load: boolean; nodeFlags?: string[] }): Promise<number> {
  const script = `${options.load ? `await import(${JSON.stringify(flagsModule)});` : ''} gc(); gc();`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      ...(options.nodeFlags ?? []),
      '--max-old-space-size=512',
      '--import',
      'tsx',
      '--expose-gc',
      '--trace-gc-verbose',
      '--input-type=module',
      '-e',
      script,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  // "[HeapController] Limit: old size: 16971 KB, new limit: 50050 KB (2.0)", once per full GC.
  const factors = [...stdout.matchAll(/\[HeapController\] Limit: .*\((\d+\.\d+)\)$/gm)].map((m) =>
    Number(m[1]),
  );
  const last = factors.at(-1);
  if (last === undefined) throw new Error(`no heap limit in the GC trace:\n${stdout.slice(0, 2000)}`);
  return last;
}

describe('V8 flags set by the entry point', () => {
  it('lets the old generation grow to 1.5 times its live size under the container heap limit', async () => {
    expect(await appliedGrowingFactor({ load: false })).toBeLessThanOrEqual(1.4);
    expect(await appliedGrowingFactor({ load: true })).toBe(1.5);
  }, 30_000);

  it('keeps a growing factor given on the command line', async () => {
    expect(await appliedGrowingFactor({ load: true, nodeFlags: ['--heap-growing-percent=30'] })).toBe(1.3);
    expect(await appliedGrowingFactor({ load: true, nodeFlags: ['--heap_growing_percent=100'] })).toBe(2);
  }, 30_000);
});
