import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { request } from 'undici';
import { judge } from './calls.js';
import { type Launcher, launched, waitForPort } from './children.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
/** Inside node_modules, where nothing is committed or formatted. */
export const buildDir = fileURLToPath(
  new URL('../../node_modules/.cache/datasource-gateway-bench', import.meta.url),
);

/** `dist`: the bundled gateway as the container runs it; `tsx`: straight from src/ (no build). */
export type GatewayMode = 'dist' | 'tsx';

/**
 * Bundles src/ with `npm run build`'s script, into a private directory (dist/ may be someone else's), with
 * the code cache the container's image ships: written under the container's Node options, as the
 * Dockerfile's build stage writes it.
 */
export async function buildGateway(): Promise<void> {
  const codeCache = `--code-cache=${containerNodeArgs().join(' ')}`;
  const { NODE_OPTIONS: _, ...env } = process.env;
  const nodeOptions = containerNodeOptions();
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/build.ts', buildDir, codeCache], {
    cwd: root,
    env: { ...env, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) },
  });
}

/** The NODE_OPTIONS the container sets (`ENV NODE_OPTIONS=…` in the Dockerfile), if any. */
export function containerNodeOptions(
  dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8'),
): string | undefined {
  return /^ENV NODE_OPTIONS=(.+)$/m.exec(dockerfile)?.[1]?.trim();
}

/**
 * The pass-through's share of the container's environment: the same NODE_OPTIONS (its heap limit),
 * not the gateway's own command-line tuning.
 */
export function passthroughNodeOptions(): { NODE_OPTIONS?: string } {
  const options = containerNodeOptions();
  return options ? { NODE_OPTIONS: options } : {};
}

/**
 * The options the container's command gives node before the entry point (`CMD ["node", …,
 * "dist/index.js"]` in the Dockerfile): V8 takes some only there, not from NODE_OPTIONS.
 */
export function containerNodeArgs(
  dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8'),
): string[] {
  const command = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
  return command.slice(1, -1);
}

export interface GatewayProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Spawn to the first successful answer to the probe, in ms. */
  coldStartMs: number;
  /** Lines written to stdout so far, when started with `countLogs`. */
  logLines(): number;
}

export interface GatewayStart {
  mode: GatewayMode;
  /** The simulators' demo environment plus any overrides. */
  env: Record<string, string>;
  /** A GraphQL request body that must come back with data (it should reach an upstream). */
  probe: string;
  /** Write a .cpuprofile into this directory when the process exits. */
  profileDir?: string;
  /** Count the log lines instead of printing them (the fault run logs every upstream failure). */
  countLogs?: boolean;
  /** Another build than the bench's own (`dist` mode): another commit's, say. */
  buildDir?: string;
  /** A command that runs Node (valgrind, say), and how long the start may then take. */
  launcher?: Launcher;
}

/** Spawns the gateway's real entry point on 127.0.0.1 port 0 and waits for its first good answer. */
export async function startGateway(start: GatewayStart): Promise<GatewayProcess> {
  const profile = start.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${start.profileDir}`] : [];
  const entry =
    start.mode === 'dist' ? [`${start.buildDir ?? buildDir}/index.js`] : ['--import', 'tsx', 'src/index.ts'];
  const nodeOptions = containerNodeOptions();
  const began = performance.now();
  const { program, before } = launched(start.launcher);
  const child = spawn(program, [...before, ...containerNodeArgs(), ...profile, ...entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      GATEWAY_AUTH: 'none',
      LOG_LEVEL: 'warn',
      // One process unless a scenario asks for more: the load generator shares the machine's cores.
      WORKERS: '1',
      // Heap settings as the container runs the gateway: they decide its peak RSS.
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
      ...start.env,
    },
    stdio: ['ignore', start.countLogs ? 'pipe' : 'inherit', 'inherit'],
  });
  let lines = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 10) lines += 1;
  });
  try {
    const port = await waitForPort(child, start.launcher?.readyTimeoutMs);
    const origin = `http://127.0.0.1:${port}`;
    await firstAnswer(origin, start.probe, start.launcher?.readyTimeoutMs);
    return { child, origin, coldStartMs: performance.now() - began, logLines: () => lines };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

async function firstAnswer(origin: string, body: string, timeoutMs = 30_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  let last = '';
  while (performance.now() < until) {
    try {
      const response = await request(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await response.body.text();
      if (judge({ expect: 'graphql' }, response.statusCode, text) === 'ok') return;
      last = `${response.statusCode} ${text.slice(0, 300)}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(2);
  }
  throw new Error(`the gateway gave no good answer within ${timeoutMs} ms; last: ${last}`);
}
