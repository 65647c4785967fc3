import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

/** Where Debian's `chromium` package puts the browser that the browser tests drive. */
const chromium = '/usr/bin/chromium';

const run = promisify(execFile);

/**
 * The path of Chromium, installed with apt-get first when it is missing and the tests run as root;
 * or, when it cannot be had, why not (for the tests to skip with). The one place it is installed:
 * a local `npm test` and CI's (`.ci/run`, on a fresh clone and image) both come here.
 */
export async function ensureChromium(): Promise<{ path: string } | { missing: string }> {
  if (existsSync(chromium)) return { path: chromium };
  if (process.getuid?.() !== 0) {
    return {
      missing: `${chromium} is missing and only root may install it: run \`apt-get install -y chromium\``,
    };
  }
  // Another run installing it at the same moment holds dpkg's lock: wait for it rather than fail.
  const aptGet = (...args: string[]) =>
    run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      maxBuffer: 64 * 1024 * 1024,
    });
  try {
    // A fresh image has no package lists: read them once the plain install has failed.
    await aptGet('install', '-y', 'chromium').catch(async () => {
      await aptGet('update');
      await aptGet('install', '-y', 'chromium');
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { missing: `${chromium} is missing and \`apt-get install -y chromium\` failed: ${reason}` };
  }
  return existsSync(chromium)
    ? { path: chromium }
    : { missing: `\`apt-get install -y chromium\` ran but ${chromium} is still missing` };
}
