import { useGraphQlJit } from '@envelop/graphql-jit';
import { type DocumentNode, getOperationAST, Kind } from 'graphql';
import { usesIncrementalDelivery } from './incremental.js';

/**
 * Runs queries through graphql-jit: each document is compiled once (kept as long as Yoga keeps its
 * parsed form) into plain functions, which spares the generic executor's per-field work.
 * Mutations keep graphql-js, whose input coercion enforces `@oneOf` (the JIT's does not), and so do
 * documents with `@defer` or `@stream`, which the JIT cannot deliver in parts. So do documents of
 * several operations: the plugin keeps one compiled form per document, that of the operation it
 * was first asked for, and would run it whichever operation a later request names.
 */
export function useCompiledQueries(): ReturnType<typeof useGraphQlJit> {
  // Decided once per parsed document and operation, beside the compiled form Yoga's document keeps.
  const decided = new WeakMap<DocumentNode, { operationName: string | null | undefined; compile: boolean }>();
  return useGraphQlJit(
    {},
    {
      enableIf: ({ document, operationName }) => {
        const known = decided.get(document);
        if (known && known.operationName === operationName) return known.compile;
        const compile =
          operationCount(document) === 1 &&
          getOperationAST(document, operationName)?.operation === 'query' &&
          !usesIncrementalDelivery(document);
        decided.set(document, { operationName, compile });
        return compile;
      },
      // A document the compiler refuses is answered with the compiler's errors; they are the answer.
      onError: () => undefined,
    },
  );
}

function operationCount(document: DocumentNode): number {
  let count = 0;
  for (const definition of document.definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION) count += 1;
  return count;
}
