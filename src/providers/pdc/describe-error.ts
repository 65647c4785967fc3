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

interface Part {
  field?: string;
  text: string;
}

function partsOf(raw: unknown): Part[] {
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

function fromText(text: string): Part {
  const match = FIELD_PREFIX.exec(text.trim());
  return match?.[1] && match[2] ? { field: match[1], text: match[2] } : { text: text.trim() };
}

function reasonText(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  if (Array.isArray(reason)) return reason.map(reasonText).join(', ');
  return JSON.stringify(reason) ?? String(reason);
}

function fromParts(parts: Part[]): UpstreamErrorDetail {
  if (parts.length === 0) return {};
  const message = parts.map((p) => (p.field ? `${p.field}: ${p.text}` : p.text)).join('; ');
  const field = parts.find((p) => p.field)?.field;
  return field === undefined ? { message } : { message, field };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
