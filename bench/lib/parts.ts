/**
 * Reads an answer delivered in parts (multipart/mixed or text/event-stream, as Yoga writes them) chunk
 * by chunk, so that a load generator can tell when each part arrived, not only when the answer ended.
 */

/** One part of an incremental answer, as far as the bench reads it. */
export interface Part {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
  incremental?: { items?: unknown[]; data?: Record<string, unknown>; path?: unknown[]; errors?: unknown[] }[];
  hasNext?: boolean;
}

const HEADERS_END = Buffer.from('\r\n\r\n');
const EVENT_END = Buffer.from('\n\n');

/** Whether a content type is one of the two in which the gateway sends answers in parts. */
export function streamKind(contentType: string | undefined): 'multipart' | 'sse' | undefined {
  if (contentType?.startsWith('multipart/mixed')) return 'multipart';
  if (contentType?.startsWith('text/event-stream')) return 'sse';
  return undefined;
}

/** Cuts the bytes it is given into the JSON parts they carry, whatever the chunks' boundaries. */
export class PartReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly kind: 'multipart' | 'sse') {}

  /** The parts completed by this chunk, in order. */
  push(chunk: Buffer): Part[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const parts: Part[] = [];
    for (;;) {
      const json = this.kind === 'multipart' ? this.nextMultipart() : this.nextEvent();
      if (json === undefined) return parts;
      if (json !== '') parts.push(JSON.parse(json) as Part);
    }
  }

  /** A part's headers, a blank line, then Content-Length bytes of JSON; boundaries are skipped. */
  private nextMultipart(): string | undefined {
    const headersEnd = this.pending.indexOf(HEADERS_END);
    if (headersEnd < 0) return undefined;
    const length = /content-length: *(\d+)/i.exec(this.pending.toString('latin1', 0, headersEnd))?.[1];
    if (length === undefined) throw new Error('a part of a multipart answer has no Content-Length');
    const start = headersEnd + HEADERS_END.length;
    const end = start + Number(length);
    if (this.pending.length < end) return undefined;
    const json = this.pending.toString('utf8', start, end);
    this.pending = this.pending.subarray(end);
    return json;
  }

  /** An `event: next` block's `data:` lines; pings and `complete` carry no part (''). */
  private nextEvent(): string | undefined {
    const end = this.pending.indexOf(EVENT_END);
    if (end < 0) return undefined;
    const lines = this.pending.toString('utf8', 0, end).split('\n');
    this.pending = this.pending.subarray(end + EVENT_END.length);
    if (!lines.includes('event: next')) return '';
    return lines
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
  }
}

/** Whether a part brings list items: streamed ones, or a first part whose data already holds some edges. */
export function carriesEdges(part: Part): boolean {
  if (part.incremental?.some((item) => (item.items?.length ?? 0) > 0)) return true;
  return part.data ? hasEdges(part.data, 0) : false;
}

function hasEdges(value: unknown, depth: number): boolean {
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'edges' && Array.isArray(child) && child.length > 0) return true;
    if (!Array.isArray(child) && hasEdges(child, depth + 1)) return true;
  }
  return false;
}

/** Every error of every part, top-level and incremental. */
export function partErrors(parts: readonly Part[]): unknown[] {
  return parts.flatMap((part) => [
    ...(part.errors ?? []),
    ...(part.incremental ?? []).flatMap((item) => item.errors ?? []),
  ]);
}
