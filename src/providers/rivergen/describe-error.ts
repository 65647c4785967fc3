import { fieldProblems } from '../../gateway/field-problems.js';
import {
  clipped,
  ERROR_BODY_BOUNDS,
  namedField,
  type UpstreamErrorDetail,
  type UpstreamProblem,
} from '../../gateway/upstream/index.js';

/**
 * Reads a RiverGen error body into a code, a message and the blamed field. Accepts the documented
 * `{success: false, error: {code, message, details: {field, reason}}}`, the same without the
 * `success` wrapper, a bare `{code, message}`, and FastAPI's `{detail: string | [{loc, msg}]}`.
 * Either code family (BAD_REQUEST or VALIDATION_ERROR, NOT_FOUND or RESOURCE_NOT_FOUND, …) passes
 * through unchanged: mapping codes to meaning is the gateway's job, by status first.
 */
export function describeRiverGenError(_status: number, body: unknown): UpstreamErrorDetail {
  if (typeof body === 'string') return body.trim() ? { message: oneLine(clipped(body)) } : {};
  if (!isRecord(body)) return {};
  const inner = isRecord(body.error) ? body.error : body;
  const out: UpstreamErrorDetail = {};
  const code = stringOf(inner.code) ?? stringOf(inner.error_code);
  if (code !== undefined) out.code = code;
  const message =
    stringOf(inner.message) ??
    stringOf(typeof body.error === 'string' ? body.error : undefined) ??
    stringOf(body.message);
  const details = inner.details ?? inner.detail ?? body.detail;
  const items = itemsOf(details).map(detailOf);
  const fromDetails = Array.isArray(details) ? joined(items) : (items[0] ?? {});
  const text = message ?? fromDetails.message;
  if (text !== undefined) out.message = oneLine(text);
  if (fromDetails.field !== undefined) out.field = fromDetails.field;
  const problems = problemsOf(items, out.message);
  if (problems.length > 0) out.problems = problems;
  return out;
}

/** What one item of `details` names and says. */
interface Detail {
  field?: string;
  message?: string;
}

/**
 * Each field at fault: those `details` names (one object, or a list of them), then any other the
 * message lists as `<field>: <reason>` (it may name several where `details` holds only the first).
 */
function problemsOf(items: readonly Detail[], message: string | undefined): UpstreamProblem[] {
  const named = items.flatMap((d) =>
    d.field !== undefined ? [{ field: d.field, message: d.message ?? 'is invalid' }] : [],
  );
  if (message === undefined) return named;
  const listed = fieldProblems(message).filter((p) => p.field !== undefined);
  const seen = new Set<string | undefined>(named.map((p) => p.field));
  return [...named, ...listed.filter((p) => !seen.has(p.field))];
}

/** `details` as one object or string, or a list of them: the first few items (a list in it says nothing). */
function itemsOf(details: unknown): unknown[] {
  return Array.isArray(details) ? details.slice(0, ERROR_BODY_BOUNDS.values) : [details];
}

/** What a list of details says: the first field any of its items names, and their messages joined. */
function joined(parts: readonly Detail[]): Detail {
  const field = parts.find((p) => p.field !== undefined)?.field;
  const message = parts
    .map((p) => (p.field && p.message ? `${p.field}: ${p.message}` : p.message))
    .filter((m): m is string => m !== undefined)
    .join('; ');
  return { ...(field === undefined ? {} : { field }), ...(message ? { message: clipped(message) } : {}) };
}

/** The first name of FastAPI's `loc`, which says where in the request the field was. */
const REQUEST_PLACES = ['body', 'query', 'path', 'header'];

function detailOf(detail: unknown): Detail {
  if (typeof detail === 'string') return { message: clipped(detail) };
  if (!isRecord(detail)) return {};
  const field = namedField(detail.field ?? detail.loc ?? detail.param ?? detail.path, REQUEST_PLACES);
  const message = stringOf(detail.reason) ?? stringOf(detail.msg) ?? stringOf(detail.message);
  return { ...(field === undefined ? {} : { field }), ...(message === undefined ? {} : { message }) };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? clipped(value) : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
