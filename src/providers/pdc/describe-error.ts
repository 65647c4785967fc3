import type { UpstreamErrorDetail } from '../../gateway/upstream/index.js';

/** "<field>: <problem>", where the field is a dotted path that may start or go on with `[i]`. */
const FIELD_PREFIX = /^((?:[A-Za-z_$][\w$]*|\[\d+\])(?:\.[A-Za-z_$][\w$]*|\[\d+\])*):\s+(.+)$/s;

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
const PART_BOUNDARY = /; (?=(?:[A-Za-z_$][\w$]*|\[\d+\])(?:\.[A-Za-z_$][\w$]*|\[\d+\])*:\s)/;

/** The parts of a message describePdcError made (or of one CreateFailure message), each with its field. */
export function pdcMessageParts(message: string): PdcMessagePart[] {
  return message.split(PART_BOUNDARY).map(fromText);
}

function partsOf(raw: unknown): PdcMessagePart[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw === 'string') return [fromText(raw)];
  if (Array.isArray(raw)) return raw.flatMap(partsOf);
  if (!isRecord(raw)) return [{ text: String(raw) }];
  const text = raw.message ?? raw.msg ?? raw.detail;
  if (typeof text === 'string') {
    const named = raw.field ?? raw.property ?? raw.path ?? raw.param;
    const field = typeof named === 'string' ? named : Array.isArray(named) ? named.join('.') : undefined;
    return [field ? { field, text } : fromText(text)];
  }
  // An object from field name to reason (or reasons).
  return Object.entries(raw).map(([field, reason]) => ({ field, text: reasonText(reason) }));
}

function fromText(text: string): PdcMessagePart {
  const match = FIELD_PREFIX.exec(text.trim());
  return match?.[1] && match[2] ? { field: match[1], text: match[2] } : { text: text.trim() };
}

function reasonText(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  if (Array.isArray(reason)) return reason.map(reasonText).join(', ');
  return JSON.stringify(reason) ?? String(reason);
}

function fromParts(parts: PdcMessagePart[]): UpstreamErrorDetail {
  if (parts.length === 0) return {};
  const message = parts.map((p) => (p.field ? `${p.field}: ${p.text}` : p.text)).join('; ');
  const field = parts.find((p) => p.field)?.field;
  if (field === undefined) return { message };
  const problems = parts.map((p) => (p.field ? { field: p.field, message: p.text } : { message: p.text }));
  return { message, field, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
