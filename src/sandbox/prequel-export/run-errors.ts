import type { components } from '../../providers/prequel-export/openapi.gen.js';
import type { Random } from '../kit/index.js';

type RunError = components['schemas']['RunError'];

/** Field names whose values are secrets: accepted on write, never returned, checked by connection tests. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'password',
  'secret_key',
  'client_secret',
  'shared_access_signature_token',
  'storage_account_access_key',
  'secret',
  'service_account_key',
  'wallet',
]);

interface ErrorKind {
  title: string;
  blame: RunError['blame'];
  message: (detail: string) => string;
}

/** The failures transfers and connection tests report, keyed by their stable code. */
const KINDS = {
  HOST_UNREACHABLE: {
    title: 'Could not reach the destination',
    blame: 'third_party',
    message: (d) => `dial tcp: lookup ${d}: no such host`,
  },
  AUTHENTICATION_FAILED: {
    title: 'The destination refused the credentials',
    blame: 'third_party',
    message: (d) => `authentication failed for ${d}: check the user and its secret`,
  },
  PERMISSION_DENIED: {
    title: 'Missing privileges on the destination',
    blame: 'third_party',
    message: (d) => `permission denied to create table in ${d}`,
  },
  BUCKET_NOT_FOUND: {
    title: 'Staging bucket not found',
    blame: 'third_party',
    message: (d) => `NoSuchBucket: the bucket ${d} does not exist or is not visible to these credentials`,
  },
  SOURCE_QUERY_TIMEOUT: {
    title: 'Reading the source timed out',
    blame: 'first_party',
    message: (d) => `canceling statement due to statement timeout while reading model ${d}`,
  },
  SCHEMA_MISMATCH: {
    title: 'Column type changed in the source',
    blame: 'first_party',
    message: (d) => `column "amount" of model ${d} changed from numeric to text; run a full refresh`,
  },
  WORKER_LOST: {
    title: 'Transfer worker stopped unexpectedly',
    blame: 'prequel',
    message: (d) => `worker for transfer of ${d} exited before reporting; the next run will retry`,
  },
  DISK_FULL: {
    title: 'The transfer host ran out of disk',
    blame: 'host',
    message: (d) => `no space left on device while staging ${d}`,
  },
  UNKNOWN: {
    title: 'Transfer failed',
    blame: 'empty',
    message: (d) => `unexpected end of stream while writing ${d}`,
  },
} satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof KINDS;
export const transferErrorCodes = Object.keys(KINDS) as ErrorCode[];

/** A run error as Prequel reports it; `trace` is drawn from `random` so seeded data stays deterministic. */
export function runError(code: ErrorCode, detail: string, random: Random): RunError {
  const kind: ErrorKind = KINDS[code];
  const message = kind.message(detail);
  return {
    error: message,
    error_code: code,
    title: kind.title,
    blame: kind.blame,
    documentation_url: `https://docs.prequel.co/docs/errors#${code.toLowerCase().replaceAll('_', '-')}`,
    trace: `trace-${random.hex(16)}`,
    message,
  };
}

/**
 * [ours] Why a connection test fails, decided by the settings alone so tests can predict it: a
 * setting that ends in `.invalid` cannot be resolved, a secret that starts with `wrong-` is refused.
 */
export function connectionProblem(settings: unknown, random: Random): RunError | undefined {
  let found: RunError | undefined;
  const visit = (value: unknown, key: string): void => {
    if (found) return;
    if (typeof value === 'string') {
      if (value.endsWith('.invalid')) found = runError('HOST_UNREACHABLE', value, random);
      else if (SECRET_FIELDS.has(key) && value.startsWith('wrong-'))
        found = runError('AUTHENTICATION_FAILED', `the ${key.replaceAll('_', ' ')} sent`, random);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(settings, '');
  return found;
}
