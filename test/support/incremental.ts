/** One part of an answer delivered in parts, as the incremental-delivery drafts write it. */
export interface Part {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  incremental?: {
    data?: Record<string, unknown>;
    items?: unknown[];
    path: (string | number)[];
    errors?: Part['errors'];
  }[];
  hasNext?: boolean;
}

/** What partsOf reads: a fetch Response, global or undici's. */
interface Streamed {
  headers: { get(name: string): string | null };
  body: {
    getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> };
  } | null;
}

/** The JSON parts of a multipart/mixed or text/event-stream answer, each as soon as it is read. */
export async function* partsOf(response: Streamed): AsyncGenerator<Part> {
  const type = response.headers.get('content-type') ?? '';
  const sse = type.startsWith('text/event-stream');
  if (!sse && !type.startsWith('multipart/mixed')) throw new Error(`not an answer in parts: ${type}`);
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (;;) {
        const parsed = sse ? nextEvent(buffer) : nextMultipart(buffer);
        if (!parsed) break;
        buffer = parsed.rest;
        if (parsed.json !== undefined) yield JSON.parse(parsed.json) as Part;
      }
    }
  } finally {
    // A reader that stops early hangs up.
    await reader.cancel().catch(() => undefined);
  }
}

/** `event: next` / `data: …` blocks; comments and `complete` carry no part. */
function nextEvent(buffer: string): { json?: string; rest: string } | undefined {
  const end = buffer.indexOf('\n\n');
  if (end < 0) return undefined;
  const block = buffer.slice(0, end).split('\n');
  const rest = buffer.slice(end + 2);
  if (!block.includes('event: next')) return { rest };
  const data = block.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
  return { json: data.join('\n'), rest };
}

/** Parts with a Content-Length each, between `---` boundaries. */
function nextMultipart(buffer: string): { json?: string; rest: string } | undefined {
  const headersEnd = buffer.indexOf('\r\n\r\n');
  if (headersEnd < 0) return undefined;
  const length = /content-length: (\d+)/i.exec(buffer.slice(0, headersEnd))?.[1];
  if (length === undefined) return undefined;
  const start = headersEnd + 4;
  const bytes = new TextEncoder().encode(buffer.slice(start));
  if (bytes.length < Number(length)) return undefined;
  const json = new TextDecoder().decode(bytes.slice(0, Number(length)));
  return { json, rest: buffer.slice(start + json.length) };
}

/** The whole answer the parts add up to: deferred data merged at its path, streamed items placed at theirs. */
export function assemble(parts: readonly Part[]): Pick<Part, 'data' | 'errors'> {
  const [first, ...later] = parts;
  const data = structuredClone(first?.data ?? null);
  const errors = [...(first?.errors ?? [])];
  for (const part of later) {
    for (const item of part.incremental ?? []) {
      errors.push(...(item.errors ?? []));
      if (item.items) {
        const list = at(data, item.path.slice(0, -1)) as unknown[];
        list.splice(Number(item.path.at(-1)), item.items.length, ...item.items);
      } else if (item.data) Object.assign(at(data, item.path) as object, item.data);
    }
  }
  return errors.length ? { data, errors } : { data };
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

/** POSTs `query` to the gateway as a client asking for its answer in parts (multipart/mixed) would. */
export function postForParts(
  gateway: { yoga: { fetch(url: string, init: RequestInit): Promise<Response> | Response } },
  query: string,
): Promise<Response> {
  return Promise.resolve(
    gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({ query }),
    }),
  );
}
