import { inject } from 'vitest';

/**
 * Runs after Stryker's own setup file and before the test file's imports. With a list of test files,
 * Stryker 9.6 turns a mutant on in a `beforeAll`, after the modules under test ran their top-level
 * code: a mutant in a value built when a module loads (a regular expression, a constant table) was
 * never active, and survived whatever the tests said (stryker-js issue 6144). Turned on here, before
 * the imports, it is: each mutant's run imports the modules again, and a mutant inside a function
 * behaves the same whichever moment it was turned on.
 */
const provided = inject as unknown as (key: string) => unknown;
if (provided('mode') === 'mutant') {
  const name = provided('globalNamespace') as string;
  const scope = globalThis as unknown as Record<string, { activeMutant?: unknown } | undefined>;
  const namespace = scope[name] ?? {};
  scope[name] = namespace;
  namespace.activeMutant = provided('activeMutant');
}
