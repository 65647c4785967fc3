import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from './context.js';

/**
 * Adds the errors providers reported while still answering (a provider down during
 * `dataSources`) to the response, next to the data that did arrive.
 */
export function usePartialErrors(): Plugin<GatewayContext> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        const reported = (args.contextValue as Partial<GatewayContext>).partialErrors;
        if (!reported?.length || Symbol.asyncIterator in result) return;
        setResult({ ...result, errors: [...(result.errors ?? []), ...reported] });
      },
    }),
  };
}
