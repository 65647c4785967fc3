import { type DocumentNode, getOperationAST } from 'graphql';
import { observeParts } from '../streamed-results.js';

/** What a GraphQL request ran, as metrics and traces name it. */
export interface OperationInfo {
  /** The operation's own name from the document; `anonymous` when it has none or none was found. */
  name: string;
  /** query, mutation or subscription; `unknown` when the document never reached execution. */
  type: string;
}

export const UNKNOWN_OPERATION: OperationInfo = { name: 'anonymous', type: 'unknown' };

/** Longest operation name kept in a label or span name; a longer one is cut. */
const MAX_NAME = 64;

/** The operation a document runs, named only from the document itself, never from free request text. */
export function describeOperation(document: DocumentNode, operationName?: string | null): OperationInfo {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return UNKNOWN_OPERATION;
  return { name: operation.name?.value.slice(0, MAX_NAME) ?? 'anonymous', type: operation.operation };
}

interface ResultLike {
  errors?: readonly { extensions?: Readonly<Record<string, unknown>> }[];
  /** A later part of an answer in parts carries its errors per deferred fragment or streamed run. */
  incremental?: readonly ResultLike[];
}

/** A code that can go into a label: upper-case words, or `UNKNOWN` for anything else. */
function safeCode(code: unknown): string {
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'UNKNOWN';
}

/**
 * The distinct `extensions.code`s of a result (of each result of a batch, or of one part of an
 * answer in parts), in order of appearance.
 */
export function errorCodes(result: unknown): string[] {
  const codes = new Set<string>();
  if (Array.isArray(result)) for (const each of result) collectCodes(each, codes);
  else collectCodes(result, codes);
  return [...codes];
}

/** An answer in parts as it is, with `end` told the distinct codes of all its parts once the last is sent. */
export function observeErrorCodes<T>(result: T, end: (codes: string[]) => void): T {
  const codes = new Set<string>();
  return observeParts(
    result,
    (part) => collectCodes(part, codes),
    () => end([...codes]),
  );
}

function collectCodes(result: unknown, codes: Set<string>): void {
  if (typeof result !== 'object' || result === null) return;
  const { errors, incremental } = result as ResultLike;
  if (errors) for (const error of errors) codes.add(safeCode(error.extensions?.code));
  if (incremental) for (const later of incremental) collectCodes(later, codes);
}
