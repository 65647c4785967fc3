import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { recheckUnrun } from './mutation-recheck.js';

/**
 * `npm run mutation -- <file>...`: Stryker on each file in turn, against the tests that
 * test/mutation/map.json lists for it (a file it does not list: the tests that import it, as
 * vitest finds them), each with its own incremental file and reports under reports/mutation/.
 * With no file, every file the configuration mutates, against the tests that import each one.
 * Extra Stryker options go after the files (`--force` re-runs every mutant). `--recheck-survivors`
 * runs every survivor again by hand against the whole test files (see mutation-recheck.ts): for a
 * file that keeps a value it built on first use.
 */
const args = process.argv.slice(2);
const RECHECK_ALL = '--recheck-survivors';
const recheckAll = args.includes(RECHECK_ALL);
const files = args.filter((arg) => !arg.startsWith('-'));
const options = args.filter((arg) => arg.startsWith('-') && arg !== RECHECK_ALL);
const map = JSON.parse(readFileSync('test/mutation/map.json', 'utf8')) as Record<string, string[]>;

async function stryker(file: string | undefined): Promise<number> {
  const name = file
    ? file
        .replace(/^src\//, '')
        .replace(/\.ts$/, '')
        .replaceAll('/', '.')
    : 'all';
  const tests = file ? (map[file] ?? []) : [];
  const started = Date.now();
  console.log(
    `mutation: ${file ?? 'every file'} against ${tests.length > 0 ? tests.join(', ') : 'the tests that import it'}`,
  );
  const run = spawnSync(
    'npx',
    [
      'stryker',
      'run',
      'test/mutation/stryker.config.mjs',
      '--incremental',
      ...(file ? ['--mutate', file] : []),
      ...options,
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, MUTATION_NAME: name, MUTATION_TEST_FILES: tests.join(',') },
    },
  );
  // Survivors under which no test ran to its end are run again by hand (see mutation-recheck.ts).
  const report = `reports/mutation/${name}/mutation.json`;
  if (run.status === 0 && existsSync(report)) await recheckUnrun(report, tests, recheckAll);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`mutation: ${file ?? 'every file'} took ${seconds} s; report in reports/mutation/${name}/`);
  return run.status ?? 1;
}

let status = 0;
if (files.length === 0) status = await stryker(undefined);
for (const given of files) status = (await stryker(relative(process.cwd(), resolve(given)))) || status;
process.exit(status);
