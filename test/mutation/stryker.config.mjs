// `npm run mutation` (scripts/mutation.ts) sets these per run: which file, which tests, where its reports go.
const name = process.env.MUTATION_NAME ?? 'all';
const testFiles = process.env.MUTATION_TEST_FILES?.split(',').filter(Boolean) ?? [];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: {
    configFile: 'test/mutation/vitest.config.ts',
    // With no list of tests for the file, vitest finds those that import it.
    related: testFiles.length === 0,
  },
  testFiles,
  // The tests' Node is the gateway's; type-checking every mutant would double the run.
  checkers: [],
  coverageAnalysis: 'perTest',
  mutate: [
    'src/gateway/**/*.ts',
    'src/providers/*/records.ts',
    'src/providers/*/inputs.ts',
    'src/providers/*/describe-error.ts',
  ],
  ignorePatterns: ['reports', 'dist', 'bench/results', 'coverage', '.vitest', '.dist-test-*'],
  concurrency: 1,
  // A mutant that loops forever (a backoff without a cap, a page loop without an end) is cut off;
  // each test file runs in a worker of its own, so timers a mutant leaves behind end with it.
  timeoutMS: 10_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 15,
  reporters: ['html', 'clear-text', 'json', 'progress'],
  htmlReporter: { fileName: `reports/mutation/${name}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${name}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  incrementalFile: `reports/mutation/${name}/incremental.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
