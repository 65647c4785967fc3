import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { buildDir, root } from './gateway.js';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A stretch of the monotonic clock in microseconds (`process.hrtime`, which V8's profiler also uses on Linux). */
export interface Window {
  fromUs: number;
  toUs: number;
}

export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export interface ProfileSummary {
  scenario: string;
  /** The process profiled; the gateway unless said. */
  server?: 'gateway' | 'passthrough';
  file: string;
  /** Sampled time, idle excluded. */
  totalMs: number;
  /** Whether only the load window was counted (start-up left out), or the whole process. */
  span: 'load' | 'whole process';
  functions: { name: string; where: string; share: number }[];
  packages: { name: string; share: number }[];
}

/** Where a script lives, in the words of this repository: a package, a folder of src/, or Node itself. */
export function placeOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const built = path.startsWith(buildDir) ? relative(buildDir, path) : undefined;
  if (built !== undefined)
    return `src/${built
      .split('/')
      .slice(0, built.startsWith('providers/') ? 2 : 1)
      .join('/')}`;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path.split('node_modules/.cache/')[0] ?? path);
  if (inModules?.[1]) return inModules[1];
  const local = relative(root, path);
  return local.startsWith('src/')
    ? local
        .split('/')
        .slice(0, local.startsWith('src/providers/') ? 3 : 2)
        .join('/')
    : local;
}

function shortPath(url: string): string {
  if (url.startsWith('node:')) return url;
  const path = url.replace(/^file:\/\//, '');
  if (path.startsWith(buildDir)) return `src/${relative(buildDir, path)}`;
  return relative(root, path);
}

/** Self time per function and per package, as shares of the sampled (non-idle) time. */
export async function summariseProfile(
  file: string,
  scenario: string,
  window?: Window,
  top = 15,
): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const stamps: number[] = [];
  let at = profile.startTime;
  for (const delta of profile.timeDeltas) {
    at += delta;
    stamps.push(at);
  }
  const inWindow = (i: number) =>
    !window || ((stamps[i] ?? 0) >= window.fromUs && (stamps[i] ?? 0) <= window.toUs);
  // A clock that does not line up would leave nothing; then the whole process is better than nothing.
  const windowed = window !== undefined && profile.samples.some((_, i) => inWindow(i));
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const packages = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    if (!frame || frame.functionName === '(idle)' || (windowed && !inWindow(i))) return;
    total += us;
    const where = frame.url ? `${shortPath(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = frame.functionName || '(anonymous)';
    const key = `${name} ${where}`;
    const entry = functions.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const place = placeOf(frame.url, frame.functionName);
    packages.set(place, (packages.get(place) ?? 0) + us);
  });
  const share = (us: number) => Math.round((us / Math.max(1, total)) * 1000) / 10;
  return {
    scenario,
    file: relative(root, file),
    totalMs: total / 1000,
    span: windowed ? 'load' : 'whole process',
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, share: share(f.us) })),
    packages: [...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, share: share(us) })),
  };
}
