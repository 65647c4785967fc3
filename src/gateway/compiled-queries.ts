import { useGraphQlJit } from '@envelop/graphql-jit';
import { getOperationAST } from 'graphql';

/**
 * Runs queries through graphql-jit: each document is compiled once (kept as long as Yoga keeps its
 * parsed form) into plain functions, which spares the generic executor's per-field work.
 * Mutations keep graphql-js, whose input coercion enforces `@oneOf` (the JIT's does not).
 */
export function useCompiledQueries(): ReturnType<typeof useGraphQlJit> {
  return useGraphQlJit(
    {},
    {
      enableIf: (args) => getOperationAST(args.document, args.operationName)?.operation === 'query',
      // A document the compiler refuses is answered with the compiler's errors; they are the answer.
      onError: () => undefined,
    },
  );
}
