import type { Reporter, TestModule } from 'vitest/node';

/** Ends a run with the plain `N passed, N failed` line that CI reads, after why each skipped test was skipped. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
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
    console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  }
}
