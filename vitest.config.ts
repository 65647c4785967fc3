import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The e2e files run again against simulators that answer only what the vendors' docs show
 * (SANDBOX_SHAPE=documented): those that read and write data through the four providers, where
 * a field or value of ours could hide a dependency. The others (auth, limits, resilience,
 * observability, start-up, bundling) do not read what the upstreams answer, or only through
 * injected answers, and running them twice would add about a minute for nothing they could catch.
 */
const throughTheProviders = [
  'test/e2e/data-sources.test.ts',
  'test/e2e/data-source-order.test.ts',
  'test/e2e/data-source-resume.test.ts',
  'test/e2e/import-sources.test.ts',
  'test/e2e/destinations.test.ts',
  'test/e2e/pdc.test.ts',
  'test/e2e/rivergen.test.ts',
  'test/e2e/nodes.test.ts',
  'test/e2e/batching.test.ts',
  'test/e2e/prequel-list-reads.test.ts',
  'test/e2e/prequel-import-mutations.test.ts',
  'test/e2e/prequel-export-mutations.test.ts',
  'test/e2e/pdc-mutations.test.ts',
  'test/e2e/rivergen-mutations.test.ts',
  'test/e2e/secrets.test.ts',
];

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for Pothos and Yoga; the tests must load that same copy.
    alias: { graphql: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) },
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'extended', include: ['test/**/*.test.ts'], env: { SANDBOX_SHAPE: 'extended' } },
      },
      {
        extends: true,
        test: { name: 'documented', include: throughTheProviders, env: { SANDBOX_SHAPE: 'documented' } },
      },
    ],
  },
});
