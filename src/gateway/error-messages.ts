import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * The last look at every error before an answer is written, whatever raised it (parsing, validation,
 * execution, the request parser): a syntax error's message quotes the token it stopped at, which
 * can be part of a secret, and a body that is not JSON comes back with the parser's own message,
 * which quotes the body. Answers without errors pay one property check.
 */
export function useErrorMessageScrub(): Plugin {
  return {
    onResultProcess: ({ result }) => {
      if (Symbol.asyncIterator in result) return;
      for (const one of Array.isArray(result) ? result : [result]) {
        for (const error of one.errors ?? []) scrub(error as GraphQLError);
      }
    },
  };
}

function scrub(error: GraphQLError): void {
  if (error.message.startsWith('Syntax Error:')) error.message = withoutQuotedText(error.message);
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
