import { ensureDebianProgram } from './debian.js';

/** Where Debian's `chromium` package puts the browser that the browser tests drive. */
const chromium = '/usr/bin/chromium';

/** The path of Chromium, installed first when it is missing (see ensureDebianProgram). */
export function ensureChromium(): Promise<{ path: string } | { missing: string }> {
  return ensureDebianProgram(chromium, 'chromium');
}
