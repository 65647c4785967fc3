import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface Position {
  line: number;
  column: number;
}
interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  statusReason?: string;
  testsCompleted?: number;
  coveredBy?: string[];
  static?: boolean;
  location: { start: Position; end: Position };
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
  testFiles?: Record<string, { tests: unknown[] }>;
}

/** A mutant's run that hangs this long is cut off, and counts as killed as Stryker counts a hang. */
const RUN_LIMIT_MS = 10 * 60_000;

/** What a copy of the project to run tests in leaves out, as Stryker's own sandbox does. */
const LEFT_OUT = new Set(['node_modules', '.git', 'reports', 'dist', '.stryker-tmp', 'coverage']);

/** A copy of the project beside which the working tree stays as it is, whatever runs in it meanwhile. */
function sandbox(): string {
  const root = process.cwd();
  const copy = mkdtempSync(join(tmpdir(), 'mutation-recheck-'));
  cpSync(root, copy, {
    recursive: true,
    filter: (source) => !LEFT_OUT.has(source.slice(root.length + 1).split('/')[0] ?? ''),
  });
  symlinkSync(resolve(root, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

/** Runs the test files in `cwd`; resolves whether they passed (a run cut off for hanging did not). */
function testsPass(cwd: string, tests: readonly string[]): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn('npx', ['vitest', 'run', '--project', 'extended', ...tests], {
      cwd,
      stdio: 'ignore',
    });
    const limit = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.on('exit', (code) => {
      clearTimeout(limit);
      done(code === 0);
    });
  });
}

/** Where a report's 1-based line and column fall in `source`. */
function offsetOf(source: string, at: Position): number {
  let offset = 0;
  for (let line = 1; line < at.line; line++) offset = source.indexOf('\n', offset) + 1;
  return offset + at.column - 1;
}

/**
 * Stryker's vitest runner counts a mutant as survived when no test ran to its end under it: a
 * mutant that makes a test file's top-level `beforeAll` throw (a gateway that cannot start) leaves
 * every test skipped, and a skipped test fails nothing. So does a survivor under which only some of
 * the tests that reach it ran: one file's `beforeAll` threw while another file's tests passed.
 * Each such mutant is applied to a copy of the project and the test files run whole there: if they
 * fail, the mutant is killed. The report is rewritten with what was found.
 *
 * With `everySurvivor`, every survivor is run so. A value a module builds on first use and keeps (a
 * table folded to lower case, a registry) is reached, in the dry run, by the first test that needs
 * it only: Stryker then runs that one test under a mutant of the code that builds it, though the
 * later tests would fail once it is built wrong. The vitest runner gathers coverage per test
 * whatever `coverageAnalysis` is set to, so Stryker itself cannot be told to run them all.
 */
export async function recheckUnrun(
  reportPath: string,
  tests: readonly string[],
  everySurvivor = false,
): Promise<void> {
  if (tests.length === 0) return;
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
  // A static mutant runs every test of the entry; another, the tests that reached it.
  const everyTest = Object.values(report.testFiles ?? {}).reduce((sum, f) => sum + f.tests.length, 0);
  const reaching = (m: Mutant) => (m.static ? everyTest : (m.coveredBy?.length ?? 0));
  let copy: string | undefined;
  try {
    for (const [file, entry] of Object.entries(report.files)) {
      const unrun = entry.mutants.filter(
        (m) =>
          m.status === 'Survived' &&
          (everySurvivor || (m.testsCompleted ?? 0) === 0 || (m.testsCompleted ?? 0) < reaching(m)) &&
          m.replacement !== undefined,
      );
      if (unrun.length === 0) continue;
      const original = readFileSync(file, 'utf8');
      if (original !== entry.source) {
        console.log(
          `mutation: ${file} changed since the run: its ${unrun.length} unrun survivors are not checked`,
        );
        continue;
      }
      console.log(
        everySurvivor
          ? `mutation: ${file}: its ${unrun.length} survivors run by hand against the whole test files`
          : `mutation: ${file}: ${unrun.length} survivors under which not every test reaching them ran to its end, run by hand`,
      );
      if (!copy) {
        copy = sandbox();
        // A failure under a mutant means something only if the same files pass without it.
        if (!(await testsPass(copy, tests))) {
          console.log(
            'mutation: the test files fail in a copy of the project with no mutant: nothing re-checked',
          );
          break;
        }
      }
      const target = join(copy, file);
      try {
        for (const mutant of unrun) {
          const start = offsetOf(original, mutant.location.start);
          const end = offsetOf(original, mutant.location.end);
          writeFileSync(target, original.slice(0, start) + mutant.replacement + original.slice(end));
          const failed = !(await testsPass(copy, tests));
          if (failed) {
            mutant.status = 'Killed';
            mutant.statusReason = everySurvivor
              ? 'Applied by hand, the whole test files fail under it.'
              : 'No test ran to its end under this mutant in the Stryker run; applied by hand, its test files fail.';
          }
          console.log(
            `  ${failed ? 'killed' : 'survived'}: ${mutant.mutatorName} at line ${mutant.location.start.line}`,
          );
        }
      } finally {
        writeFileSync(target, original);
      }
    }
  } finally {
    if (copy) rmSync(copy, { recursive: true, force: true });
  }
  writeFileSync(reportPath, JSON.stringify(report));
  for (const [file, entry] of Object.entries(report.files)) {
    const count = (status: string) => entry.mutants.filter((m) => m.status === status).length;
    const killed = count('Killed') + count('Timeout');
    const measured = killed + count('Survived') + count('NoCoverage');
    const score = measured === 0 ? 100 : Math.round((1000 * killed) / measured) / 10;
    console.log(
      `mutation: ${file}: ${score}% (${count('Killed')} killed, ${count('Timeout')} hung, ${count('Survived')} survived, ${count('NoCoverage')} not reached), the re-check counted`,
    );
  }
}
