import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from './context.js';

/** A later part of an answer delivered in parts (`@defer`, `@stream`). */
interface IncrementalPart {
  incremental?: { path?: readonly (string | number)[]; errors?: readonly GraphQLError[] }[];
  errors?: readonly GraphQLError[];
}

/**
 * Adds the errors providers reported while still answering (a provider down during
 * `dataSources`) to the response, next to the data that did arrive. An answer in parts carries
 * each error in the first part sent after it was reported, beside the data of its path.
 */
export function usePartialErrors(): Plugin<GatewayContext> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        const reported = (args.contextValue as Partial<GatewayContext>).partialErrors;
        if (!reported) return;
        if (!(Symbol.asyncIterator in result)) {
          if (reported.length) setResult({ ...result, errors: [...(result.errors ?? []), ...reported] });
          return;
        }
        let sent = 0;
        return {
          onNext: ({ result: part, setResult: setPart }) => {
            if (reported.length === sent) return;
            const fresh = reported.slice(sent);
            sent = reported.length;
            setPart(withErrors(part as IncrementalPart, fresh) as typeof part);
          },
        };
      },
    }),
  };
}

function withErrors(part: IncrementalPart, fresh: GraphQLError[]): IncrementalPart {
  const items = part.incremental;
  if (!items?.length) return { ...part, errors: [...(part.errors ?? []), ...fresh] };
  const within = (error: GraphQLError, path: readonly (string | number)[] = []) =>
    path.every((key, i) => error.path?.[i] === key);
  return {
    ...part,
    incremental: items.map((item, index) => {
      // Each error goes with the item holding its path, or with the last item when none does.
      const mine = fresh.filter((error) => {
        const holder = items.findIndex((candidate) => within(error, candidate.path));
        return holder === index || (holder < 0 && index === items.length - 1);
      });
      return mine.length ? { ...item, errors: [...(item.errors ?? []), ...mine] } : item;
    }),
  };
}

/**
 * Masks the errors of an answer's later parts as Yoga masks those of its first (`maskedErrors`
 * reads only a part's top-level `errors`, not those inside `incremental`): a field that fails in
 * a deferred fragment or a streamed item is answered as it would be without the directive.
 * It goes after usePartialErrors, so the errors that adds are masked too.
 */
export function useMaskedIncrementalErrors(
  mask: (error: unknown, message: string) => Error,
  message = 'Unexpected error.',
): Plugin {
  const maskPart = (part: IncrementalPart): IncrementalPart | undefined => {
    if (!part.incremental?.some((item) => item.errors?.length)) return undefined;
    return {
      ...part,
      incremental: part.incremental.map((item) =>
        item.errors?.length
          ? { ...item, errors: item.errors.map((error) => mask(error, message) as GraphQLError) }
          : item,
      ),
    };
  };
  // The same hooks for every operation: nothing per request is allocated for the answers that do not stream.
  const onStream = {
    onNext: ({ result: part, setResult }: { result: unknown; setResult: (result: never) => void }) => {
      const masked = maskPart(part as IncrementalPart);
      if (masked) setResult(masked as never);
    },
  };
  const onExecuteDone = ({ result }: { result: object }) =>
    Symbol.asyncIterator in result ? onStream : undefined;
  const hooks = { onExecuteDone };
  return { onExecute: () => hooks };
}
