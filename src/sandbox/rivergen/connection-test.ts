import type { components } from '../../providers/rivergen/openapi.gen.js';
import { DATABASE_TYPES, FILE_TYPES, SERVER_VERSIONS, SQL_TYPES } from './kinds.js';
import type { DataSource } from './store.js';

type Schemas = components['schemas'];
type TestRequest = Schemas['ConnectionTestRequest'];
type TestResult = Schemas['ConnectionTestResult'];

const READ_ONLY = /^\s*(select|with|show|describe|explain)\b/i;

type FailureCode = 'HOST_UNREACHABLE' | 'SSH_TUNNEL_FAILED' | 'CONFIGURATION_INCOMPLETE' | 'QUERY_REJECTED';

/** Failures that happen before a connection is made answer sooner than a connection would. */
const EARLY_FAILURE_MS: Partial<Record<FailureCode, number>> = {
  HOST_UNREACHABLE: 40,
  SSH_TUNNEL_FAILED: 25,
  CONFIGURATION_INCOMPLETE: 1,
};

/** Why a connection to this data source fails, decided by its fields alone; undefined when it works. */
function failureOf(
  source: DataSource,
  request: TestRequest,
): { code: FailureCode; message: string } | undefined {
  const unresolvable = [source.host, source.ssh_host].find((h) => h?.toLowerCase().endsWith('.invalid'));
  if (unresolvable) {
    return { code: 'HOST_UNREACHABLE', message: `could not resolve host "${unresolvable}"` };
  }
  if (source.use_ssh_tunnel && !source.ssh_host) {
    return { code: 'SSH_TUNNEL_FAILED', message: 'SSH tunnel is enabled but no SSH host is configured' };
  }
  if (DATABASE_TYPES.has(source.type) && !source.host && !source.connection_string) {
    return { code: 'CONFIGURATION_INCOMPLETE', message: 'no host or connection string is configured' };
  }
  if (FILE_TYPES.has(source.type) && !source.file_path && !source.connection_string) {
    return { code: 'CONFIGURATION_INCOMPLETE', message: 'no file path or connection string is configured' };
  }
  if (request.test_query !== undefined && SQL_TYPES.has(source.type) && !READ_ONLY.test(request.test_query)) {
    return { code: 'QUERY_REJECTED', message: 'only read-only queries may be run in a connection test' };
  }
  return undefined;
}

/**
 * Runs a simulated connection test: the outcome and a response time that depend only on the data
 * source, so tests can rely on them, plus the fields the test updates on the data source.
 */
export function runConnectionTest(
  source: DataSource,
  request: TestRequest,
  now: Date,
): { result: TestResult; change: Partial<DataSource> } {
  const at = now.toISOString();
  const failure = failureOf(source, request);
  // Connecting takes a time fixed by the data source, so answers are the same on every run.
  const connectMs = 12 + ((source.id * 7919 + source.failure_count * 31) % 230);
  const result: TestResult = {
    connection_successful: failure === undefined,
    response_time_ms: (failure && EARLY_FAILURE_MS[failure.code]) ?? connectMs,
    error_message: failure?.message ?? null,
    error_code: failure?.code ?? null,
    database_version: failure ? null : SERVER_VERSIONS[source.type],
    tested_at: at,
  };
  if (failure) {
    return {
      result,
      change: {
        last_tested_at: at,
        last_failed_connection_at: at,
        failure_count: source.failure_count + 1,
        failure_reason: failure.message,
        status: source.status === 'active' || source.status === 'testing' ? 'failed' : source.status,
      },
    };
  }
  return {
    result,
    change: {
      last_tested_at: at,
      last_successful_connection_at: at,
      failure_count: 0,
      failure_reason: null,
      status: source.status === 'failed' || source.status === 'testing' ? 'active' : source.status,
    },
  };
}
