import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The path of a program from a Debian package (Chromium, redis-server, valgrind), installed with
 * apt-get first when it is missing and the tests run as root; or, when it cannot be had, why not
 * (for the tests to skip with). The one place they are installed: a local `npm test` and CI's
 * (`.ci/run`, on a fresh clone and image) both come here.
 */
export async function ensureDebianProgram(
  path: string,
  pkg: string,
): Promise<{ path: string } | { missing: string }> {
  if (existsSync(path)) return { path };
  if (process.getuid?.() !== 0) {
    return { missing: `${path} is missing and only root may install it: run \`apt-get install -y ${pkg}\`` };
  }
  // Another run installing it at the same moment holds dpkg's lock: wait for it rather than fail.
  const aptGet = (...args: string[]) =>
    run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      maxBuffer: 64 * 1024 * 1024,
    });
  try {
    // A fresh image has no package lists: read them once the plain install has failed.
    await aptGet('install', '-y', pkg).catch(async () => {
      await aptGet('update');
      await aptGet('install', '-y', pkg);
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { missing: `${path} is missing and \`apt-get install -y ${pkg}\` failed: ${reason}` };
  }
  return existsSync(path)
    ? { path }
    : { missing: `\`apt-get install -y ${pkg}\` ran but ${path} is still missing` };
}
