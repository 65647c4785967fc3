import type { RunError } from './client.js';

/** What a connection test found, read from what Prequel documents of its answer. */
export interface ConnectionTestOutcome {
  succeeded: boolean;
  /** One line describing the outcome. */
  message: string;
  /** Why it failed, and whose side it is on; null when it succeeded. */
  error: RunError | null;
}

/**
 * Reads a test answer as documented: the envelope says `success` whatever the outcome, the result
 * is in `data`, and a failure is a run error `{error_code, title, blame, …}`, either `data.error` or
 * `data` itself. So the test succeeded exactly when `data` carries no run error; any `status` inside
 * `data` is not documented and is not read.
 */
export function readConnectionTest(
  data: Readonly<Record<string, unknown>>,
  envelopeMessage: unknown,
): ConnectionTestOutcome {
  const error = isObject(data.error) ? data.error : 'error_code' in data ? data : null;
  // An error given as bare text still says the test failed, though it makes no run error.
  const failedWith = textOf(data.error);
  const message =
    textOf(data.message) ??
    textOf(error?.message) ??
    textOf(error?.title) ??
    failedWith ??
    textOf(envelopeMessage) ??
    (error ? 'The connection test failed' : 'The connection test passed');
  return {
    succeeded: error === null && failedWith === undefined,
    message,
    error: error as RunError | null,
  };
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
