import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository, so that the built files find node_modules as dist/ does.
const out = mkdtempSync(join(root, '.dist-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the built gateway, started as the container starts it', () => {
  it('runs the Dockerfile’s command: demo mode, /health and a query answered', async () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const command = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
    expect(command).toEqual(['node', 'dist/index.js']);

    const run = promisify(execFile);
    await run('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', out], { cwd: root });
    await run(process.execPath, ['--import', 'tsx', 'scripts/copy-assets.ts', 'src', out], { cwd: root });

    const child = spawn(process.execPath, [join(out, 'index.js')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0' },
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      while (!output.includes('\n')) await once(child.stdout, 'data');
      const first = JSON.parse(output.split('\n')[0] ?? '') as { msg: string; url: string };
      expect(first.msg).toContain('DEMO mode');
      const url = new URL(first.url.replace('localhost', '127.0.0.1'));
      expect((await fetch(new URL('/health', url))).status).toBe(200);
      const answer = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ dataSources(first: 1) { totalCount } }' }),
      }).then((r) => r.json() as Promise<{ data: { dataSources: { totalCount: number } } }>);
      expect(answer.data.dataSources.totalCount).toBe(84 + 80 + 1000 + 180);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }, 60_000);
});
