import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

/**
 * The suite as `npm run mutation` runs it: the `extended` project alone (the `documented` one
 * would run the same tests a second time for each mutant), without the CI summary line.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  ...base,
  root,
  // Stryker's copy of the project may find node_modules only in a parent folder: graphql is the
  // copy Node resolves from here, and vite's cache stays out of a node_modules of its own.
  resolve: { alias: { graphql: createRequire(import.meta.url).resolve('graphql') } },
  cacheDir: '.stryker-tmp/vite',
  test: {
    ...base.test,
    projects: undefined,
    reporters: ['default'],
    include: ['test/**/*.test.ts'],
    env: { SANDBOX_SHAPE: 'extended' },
    // Static mutants (values built when a module loads) are turned on before the test file's imports.
    setupFiles: ['test/mutation/activate-before-imports.ts'],
  },
});
