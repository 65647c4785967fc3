import { useGraphQlJit } from '@envelop/graphql-jit';
import { type DocumentNode, Kind, type OperationDefinitionNode } from 'graphql';
import { usesIncrementalDelivery } from './incremental.js';

/**
 * Runs queries through graphql-jit: each document is compiled once (kept as long as Yoga keeps its
 * parsed form) into plain functions, which spares the generic executor's per-field work.
 * Mutations keep graphql-js, whose input coercion enforces `@oneOf` (the JIT's does not), and so do
 * documents with `@defer` or `@stream`, which the JIT cannot deliver in parts. So do documents of
 * several operations: the plugin keeps one compiled form per document, that of the operation it
 * was first asked for, and would run it whichever operation a later request names. And so do
 * operations with a non-null variable that has a default: the JIT refuses such a variable left out,
 * which GraphQL gives its default.
 */
export function useCompiledQueries(): ReturnType<typeof useGraphQlJit> {
  // Decided once per parsed document, beside the compiled form Yoga's document keeps. A document of
  // one operation runs that one whatever `operationName` says: Yoga refuses a name it does not hold.
  const decided = new WeakMap<DocumentNode, boolean>();
  return useGraphQlJit(
    {},
    {
      enableIf: ({ document }) => {
        let compile = decided.get(document);
        if (compile === undefined) {
          const operation = onlyOperation(document);
          compile =
            operation?.operation === 'query' &&
            !usesIncrementalDelivery(document) &&
            !operation.variableDefinitions?.some(
              (variable) => variable.type.kind === Kind.NON_NULL_TYPE && variable.defaultValue !== undefined,
            );
          decided.set(document, compile);
        }
        return compile;
      },
      // A document the compiler refuses is answered with the compiler's errors; they are the answer.
      onError: () => undefined,
    },
  );
}

/** The document's operation, when it holds exactly one. */
function onlyOperation(document: DocumentNode): OperationDefinitionNode | undefined {
  let found: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (found) return undefined;
    found = definition;
  }
  return found;
}
