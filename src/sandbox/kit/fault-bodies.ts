import type { ServerResponse } from 'node:http';

/** Headers and JSON text of an answer, before a fault decides how its body goes out. */
export interface EncodedAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * Sends the status and headers at once, then the body `bytesPerChunk` bytes every `intervalMs`,
 * until it is all sent or the client goes away.
 */
export function sendTrickling(
  res: ServerResponse,
  answer: EncodedAnswer,
  trickle: { intervalMs: number; bytesPerChunk?: number },
): void {
  const body = Buffer.from(answer.text);
  const step = Math.max(1, trickle.bytesPerChunk ?? 1);
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
  res.flushHeaders();
  if (body.length === 0) {
    res.end();
    return;
  }
  let offset = 0;
  const timer = setInterval(() => {
    const chunk = body.subarray(offset, offset + step);
    offset += chunk.length;
    if (offset < body.length) res.write(chunk);
    else {
      clearInterval(timer);
      res.end(chunk);
    }
  }, trickle.intervalMs);
  res.once('close', () => clearInterval(timer));
}

const PADDING_CHUNK = 64 * 1024;

/**
 * Sends the answer padded to about `bytes` bytes and still valid JSON: an object gains a long
 * `padding` string as its last key, anything else trailing spaces. The padding is written a chunk
 * at a time as the socket drains, so hundreds of megabytes cost the simulator one chunk of memory.
 */
export async function sendOversized(
  res: ServerResponse,
  answer: EncodedAnswer,
  bytes: number,
  declared: boolean,
): Promise<void> {
  const isObject = answer.text.startsWith('{') && answer.text.endsWith('}');
  const open = answer.text.slice(0, -1);
  const head = isObject ? `${open}${open.trim() === '{' ? '' : ','}"padding":"` : answer.text;
  const tail = isObject ? '"}' : '';
  const padding = Math.max(0, bytes - Buffer.byteLength(head) - Buffer.byteLength(tail));
  const headers = { ...answer.headers };
  delete headers['content-length'];
  if (declared)
    headers['content-length'] = String(Buffer.byteLength(head) + padding + Buffer.byteLength(tail));
  res.writeHead(answer.status, headers);
  res.write(head);
  const chunk = Buffer.alloc(Math.min(PADDING_CHUNK, padding), isObject ? 'x' : ' ');
  for (let left = padding; left > 0; ) {
    if (res.destroyed) return;
    const size = Math.min(left, chunk.length);
    left -= size;
    if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) await drained(res);
  }
  if (!res.destroyed) res.end(tail);
}

/** Resolves when the socket can take more, or when the client has gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
