import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface EntryPoint {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Its first log line, parsed: the gateway's URL and, in demo mode, each simulator's. */
  started(): Promise<{ msg: string; url: string; simulators?: Record<string, string> }>;
}

/** Runs the gateway's entry point the way `npm start` does, on a free port, with only the given environment. */
export function startEntryPoint(env: Record<string, string>): EntryPoint {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
  });
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    child,
    output: () => output,
    started: async () => {
      for (let waited = 0; waited < 200 && !output.includes('\n'); waited++)
        await once(child.stdout ?? child, 'data');
      return JSON.parse(output.split('\n')[0] ?? '');
    },
  };
}
