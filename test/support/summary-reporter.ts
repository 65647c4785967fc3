import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends a run with the plain `N passed, N failed` line that CI reads, after why each skipped test was
 * skipped. An error no test caught (an uncaught exception, which would end a gateway's process) fails
 * the run as vitest does, and the line says so.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown> = []): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const reasons: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed += 1;
        else if (result.state === 'failed') failed += 1;
        else skipped += 1;
        if (result.state === 'skipped' && result.note)
          reasons.push(`skipped: ${test.fullName}: ${result.note}`);
      }
    }
    for (const reason of reasons) console.log(reason);
    const errors = unhandledErrors.length;
    console.log(
      `\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}${errors > 0 ? `, ${errors} errors outside any test` : ''}`,
    );
  }
}
