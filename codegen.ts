import type { CodegenConfig } from '@graphql-codegen/cli';
import { preset as clientPreset } from '@graphql-codegen/client-preset';
import type { Types } from '@graphql-codegen/plugin-helpers';

/**
 * Typed documents for the operations in examples/ and the tests, from the printed schema.
 * `npm run codegen` writes them and the manifest of their persisted documents;
 * test/unit/codegen.test.ts fails when they are stale.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/*.graphql', 'test/**/*.ts', '!test/generated/**'],
  ignoreNoDocuments: false,
  generates: {
    'test/generated/': {
      // The preset itself, not its name: under ESM a name loads the CLI's own older copy. The two
      // builds type their plugin helpers from different majors, which differ only in the profiler.
      preset: clientPreset as unknown as Types.OutputPreset,
      presetConfig: {
        fragmentMasking: false,
        // Also writes persisted-documents.json, a trusted-documents manifest (SHA-256 → document)
        // the gateway loads with PERSISTED_OPERATIONS_MANIFEST; each typed document carries its hash.
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      config: {
        // ESM with `.js` suffixes and `import type`, as the rest of the code.
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumType: 'string-literal',
        defaultScalarType: 'unknown',
        scalars: { ID: 'string', DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
