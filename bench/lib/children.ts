import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildMessage, FaultResult, Job, LoadResult, ParentMessage } from './protocol.js';

const READY_TIMEOUT_MS = 30_000;

/** A command that runs Node (valgrind, say), and how long a start under it may take. */
export interface Launcher {
  command: string[];
  readyTimeoutMs: number;
}

/** The program to start and what goes before Node's own arguments: Node itself, or the launcher running Node. */
export function launched(launcher: Launcher | undefined): { program: string; before: string[] } {
  const [command, ...args] = launcher?.command ?? [];
  return command
    ? { program: command, before: [...args, process.execPath] }
    : { program: process.execPath, before: [] };
}

/**
 * Starts a TypeScript file of bench/ in its own Node process with IPC, and waits for its `ready`.
 * `nodeArgs` go to Node before the script (`--cpu-prof`, which NODE_OPTIONS refuses); a `launcher`
 * (a command and its arguments, valgrind's say) runs Node, in the same process.
 */
export async function forkScript<T>(
  script: URL,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  launcher?: Launcher,
): Promise<{ child: ChildProcess; payload: T }> {
  const { program, before } = launched(launcher);
  const child = fork(script, [], {
    execPath: program,
    execArgv: [...before, '--import', 'tsx', ...nodeArgs],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script.pathname} did not start`)),
      launcher?.readyTimeoutMs ?? READY_TIMEOUT_MS,
    );
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message.payload as T);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script.pathname} exited with ${code} before it was ready`));
    });
  });
  return { child, payload: await ready };
}

/** Sends jobs to the load process and waits for each one's answer. */
export class LoadProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: ChildMessage) => void>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') return;
      this.waiting.get(message.id)?.(message);
      this.waiting.delete(message.id);
    });
    // A load process that dies must fail the job it had, not leave the run waiting forever.
    child.once('exit', (code) => {
      for (const [id, settle] of this.waiting) settle({ type: 'failed', id, message: `exited with ${code}` });
      this.waiting.clear();
    });
  }

  run(job: Job & { kind: 'load' }): Promise<LoadResult>;
  run(job: Job & { kind: 'faults' }): Promise<FaultResult>;
  run(job: Job): Promise<LoadResult | FaultResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (message) => {
        if (message.type === 'result') resolve(message.result);
        else if (message.type === 'failed') reject(new Error(`load process: ${message.message}`));
      });
      const request: ParentMessage = { type: 'job', id, job };
      this.child.send(request);
    });
  }
}

/** Sockets in LISTEN state in the process's network namespace, inode → port, from /proc/<pid>/net/tcp{,6}. */
async function listeningSockets(pid: number): Promise<Map<string, number>> {
  const sockets = new Map<string, number>();
  for (const table of ['tcp', 'tcp6']) {
    const text = await readFile(`/proc/${pid}/net/${table}`, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      const [local, state, inode] = [columns[1], columns[3], columns[9]];
      // State 0A is LISTEN.
      if (state === '0A' && inode && local)
        sockets.set(inode, Number.parseInt(local.split(':')[1] ?? '', 16));
    }
  }
  return sockets;
}

/** The inodes of the sockets a process holds open, from its file descriptors. */
async function socketInodes(pid: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode) inodes.add(inode);
  }
  return inodes;
}

/**
 * Polls until the process listens (it binds port 0 and logs nothing at warn), or fails once it exits
 * or the time is up. A poll reads the namespace's table of listening sockets; only a socket not seen
 * before is looked for among the process's file descriptors. (Reading every descriptor at each poll
 * took ~2.8 ms of CPU every 2 ms, beside a gateway starting on the same two cores.)
 */
export async function waitForPort(child: ChildProcess, timeoutMs = READY_TIMEOUT_MS): Promise<number> {
  const until = performance.now() + timeoutMs;
  const others = new Set<string>();
  while (performance.now() < until) {
    if (child.exitCode !== null || child.pid === undefined) {
      throw new Error(`process exited with ${child.exitCode} before it listened`);
    }
    const fresh = [...(await listeningSockets(child.pid))].filter(([inode]) => !others.has(inode));
    if (fresh.length > 0) {
      const own = await socketInodes(child.pid);
      for (const [inode, port] of fresh) {
        if (own.has(inode)) return port;
        others.add(inode);
      }
    }
    await sleep(2);
  }
  throw new Error(`process ${child.pid} did not listen within ${timeoutMs} ms`);
}

/** Parent pid of a live process, from field 4 of /proc/<pid>/stat; undefined once it is gone. */
async function parentPid(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/**
 * A process and its live descendants (a gateway with WORKERS > 1 is a primary and its workers). Found
 * by the parent pid of every process: /proc/<pid>/task/<tid>/children is not in every kernel.
 */
export async function processTree(pid: number): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const parents = await Promise.all(pids.map(parentPid));
  const tree = [pid];
  for (let i = 0; i < tree.length; i++)
    pids.forEach((child, j) => {
      if (parents[j] === tree[i]) tree.push(child);
    });
  return tree;
}

/**
 * Peak resident memory (VmHWM) of a live process and its descendants, summed, in MB: with workers
 * an upper bound, as each process may have peaked at a different moment.
 */
export async function peakRssMb(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  let kb: number | undefined;
  for (const member of await processTree(pid)) {
    const status = await readFile(`/proc/${member}/status`, 'utf8').catch(() => '');
    const own = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    if (own !== undefined) kb = (kb ?? 0) + Number(own);
  }
  return kb === undefined ? undefined : Math.round(kb / 102.4) / 10;
}

/**
 * CPU time (user + system) a live process and its live descendants have used so far, in
 * microseconds; from /proc/<pid>/stat.
 */
export async function cpuTimeUs(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  let ticks: number | undefined;
  for (const member of await processTree(pid)) {
    const stat = await readFile(`/proc/${member}/stat`, 'utf8').catch(() => '');
    // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime] = [Number(fields[11]), Number(fields[12])];
    if (Number.isFinite(utime) && Number.isFinite(stime)) ticks = (ticks ?? 0) + utime + stime;
  }
  // Linux reports clock ticks of 1/100 s (USER_HZ) on every platform Node supports.
  return ticks === undefined ? undefined : ticks * 10_000;
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
