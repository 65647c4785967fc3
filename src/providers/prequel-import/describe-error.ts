import { fieldProblems } from '../../gateway/field-problems.js';
import { clipped, ERROR_BODY_BOUNDS, type UpstreamErrorDetail } from '../../gateway/upstream/index.js';

/** "<field>: <problem>", where the field is a dotted path such as `source.postgres.port`. */
const FIELD_PREFIX = /^([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*|\[\d+\])*):\s+(.+)$/s;

/**
 * Reads a Prequel error body, `{status: "error", message}`, into a message and the blamed field.
 * Tolerant: `message` may also come as `error` or `detail`, as an array of lines, or the body may be
 * a bare string; several problems in one message are separated by `; `.
 */
export function describePrequelImportError(_status: number, body: unknown): UpstreamErrorDetail {
  const raw =
    typeof body === 'string'
      ? body
      : isRecord(body)
        ? (body.message ?? body.error ?? body.detail)
        : undefined;
  const lines = (Array.isArray(raw) ? raw.slice(0, ERROR_BODY_BOUNDS.values) : [raw])
    .filter((line): line is string => typeof line === 'string')
    .flatMap((line) => clipped(line).split(/;\s+/))
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return {};
  const message = clipped(lines.join('; '));
  const detail: UpstreamErrorDetail = { message };
  const problems = fieldProblems(message);
  if (problems.length > 0) detail.problems = problems;
  const code = isRecord(body) && typeof body.code === 'string' ? body.code : undefined;
  if (code !== undefined) detail.code = code;
  for (const line of lines) {
    const field = FIELD_PREFIX.exec(line)?.[1];
    if (field !== undefined) {
      detail.field = field;
      break;
    }
  }
  return detail;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
