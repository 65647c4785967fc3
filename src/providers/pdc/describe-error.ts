import { UPSTREAM_FIELD_PATH } from '../../gateway/field-problems.js';
import {
  clipped,
  ERROR_BODY_BOUNDS,
  namedField,
  partsOfErrorBody,
  someEntries,
  type UpstreamErrorDetail,
} from '../../gateway/upstream/index.js';

/** "<field>: <problem>", where the field is a dotted path that may start or go on with `[i]`. */
const FIELD_PREFIX = new RegExp(String.raw`^(${UPSTREAM_FIELD_PATH}):\s+(.+)$`, 's');

/**
 * Reads a catalog error body, `{status, message}`, into a message and the blamed field. `message` may be
 * a string, an array (of strings or `{field, message}`-like objects) or an object from field to reason.
 */
export function describePdcError(_status: number, body: unknown): UpstreamErrorDetail {
  if (typeof body === 'string') return fromParts([fromText(body)]);
  if (!isRecord(body)) return {};
  const code = typeof body.code === 'string' ? body.code : undefined;
  const raw = body.message ?? body.errors ?? body.error;
  const detail = fromParts(partsOf(raw));
  return code === undefined ? detail : { code, ...detail };
}

/** One problem in a catalog error: the field it names, if any, and what is wrong. */
export interface PdcMessagePart {
  field?: string;
  text: string;
}

/** Where one "<field>: <problem>" part ends and the next begins in a message fromParts joined. */
const PART_BOUNDARY = new RegExp(String.raw`; (?=${UPSTREAM_FIELD_PATH}:\s)`);

/** The parts of a message describePdcError made (or of one CreateFailure message), each with its field. */
export function pdcMessageParts(message: string): PdcMessagePart[] {
  return clipped(message).split(PART_BOUNDARY).map(fromText);
}

/** The parts of a message, error or errors value, read within the bounds every error body is read in. */
function partsOf(raw: unknown): PdcMessagePart[] {
  return partsOfErrorBody<PdcMessagePart>(raw, (value) => {
    if (value === undefined || value === null) return {};
    if (typeof value === 'string') return { parts: [fromText(value)] };
    if (Array.isArray(value)) return { nested: value };
    if (!isRecord(value)) return { parts: [{ text: String(value) }] };
    const text = value.message ?? value.msg ?? value.detail;
    if (typeof text === 'string') {
      const field = namedField(value.field ?? value.property ?? value.path ?? value.param);
      return { parts: [field ? { field, text: clipped(text) } : fromText(text)] };
    }
    // An object from field name to reason (or reasons).
    return {
      parts: someEntries(value).map(([field, reason]) => ({
        field: clipped(field),
        text: reasonText(reason),
      })),
    };
  });
}

function fromText(raw: string): PdcMessagePart {
  const text = clipped(raw).trim();
  const match = FIELD_PREFIX.exec(text);
  return match?.[1] && match[2] ? { field: match[1], text: match[2] } : { text };
}

/** A reason as text: a string, or the strings of a list; anything else only says the field is invalid. */
function reasonText(reason: unknown): string {
  if (typeof reason === 'string') return clipped(reason);
  const texts = Array.isArray(reason)
    ? reason.slice(0, ERROR_BODY_BOUNDS.values).filter((r): r is string => typeof r === 'string')
    : [];
  return texts.length > 0 ? clipped(texts.join(', ')) : 'is invalid';
}

function fromParts(parts: PdcMessagePart[]): UpstreamErrorDetail {
  if (parts.length === 0) return {};
  const message = clipped(parts.map((p) => (p.field ? `${p.field}: ${p.text}` : p.text)).join('; '));
  const field = parts.find((p) => p.field)?.field;
  if (field === undefined) return { message };
  const problems = parts.map((p) => (p.field ? { field: p.field, message: p.text } : { message: p.text }));
  return { message, field, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
