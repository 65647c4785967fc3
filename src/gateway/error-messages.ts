import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * The last look at every error before an answer is written, whatever raised it (parsing, validation,
 * execution, the request parser): a syntax error's message quotes the token it stopped at, which
 * can be part of a secret; a body that is not JSON comes back with the parser's own message, which
 * quotes the body; and "Did you mean …" would tell the schema that introspection is hiding.
 * Answers without errors pay one property check.
 */
export function useErrorMessageScrub({ hideSuggestions }: { hideSuggestions: boolean }): Plugin {
  return {
    onResultProcess: ({ result }) => {
      if (Symbol.asyncIterator in result) return;
      for (const one of Array.isArray(result) ? result : [result]) {
        for (const error of one.errors ?? []) scrub(error as GraphQLError, hideSuggestions);
      }
    },
  };
}

function scrub(error: GraphQLError, hideSuggestions: boolean): void {
  if (error.message.startsWith('Syntax Error:')) error.message = withoutQuotedText(error.message);
  // graphql-js's suggestions quote names only, so a suggestion ends at the first `?`.
  if (hideSuggestions && error.message.includes('Did you mean'))
    error.message = error.message.replace(/\s*Did you mean [^?]*\?/g, '');
  // Yoga copies the JSON parser's error, body excerpt included, into the answer; its name is enough
  // (and its presence is what keeps such an answer a 400).
  const original = error.extensions?.originalError as { name?: unknown; message?: unknown } | undefined;
  if (original?.message !== undefined) error.extensions.originalError = { name: original.name };
}

/** `Syntax Error: Expected Name, found String "…".` without the string: the location says where. */
function withoutQuotedText(message: string): string {
  const quote = message.indexOf('"');
  if (quote < 0) return message;
  return `${message.slice(0, quote).replace(/[\s:,]+$/, '')}.`;
}
