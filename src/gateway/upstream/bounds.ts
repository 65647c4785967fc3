import { EventEmitter } from 'node:events';
import type { Dispatcher } from 'undici';
import { onAbort } from './on-abort.js';

/**
 * The overall deadline of one try of an upstream call, made when the try starts and dropped by
 * `done()`. It aborts the request, wherever it is (waiting for a socket, connecting, awaiting
 * headers, reading the body), when the deadline passes or the caller's signal aborts. undici takes
 * an EventEmitter as the request's signal: one costs far less per call than an AbortController.
 */
export class CallDeadline extends EventEmitter {
  aborted = false;
  reason: unknown;
  /** Set when the deadline passed, as opposed to the caller giving up. */
  expired = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  /** Takes this try off the caller's signal. */
  private readonly unlisten: (() => void) | undefined;
  private rejectWaiting: ((reason: unknown) => void) | undefined;

  constructor(ms: number, caller: AbortSignal | undefined) {
    super();
    this.timer = setTimeout(() => {
      this.expired = true;
      this.abort(undefined);
    }, ms);
    if (caller?.aborted) this.abort(caller.reason);
    else if (caller) this.unlisten = onAbort(caller, () => this.abort(caller.reason));
  }

  /**
   * `pending`, rejected as soon as the call is aborted: undici keeps an aborted request that waits
   * for a socket in its queue until a socket frees up, which a stuck upstream may never do.
   */
  guard<T>(pending: Promise<T>): Promise<T> {
    if (this.aborted) return Promise.reject(this.reason);
    return new Promise<T>((resolve, reject) => {
      this.rejectWaiting = reject;
      pending.then(resolve, reject);
    });
  }

  /** Ends the try: the timer and the listener on the caller's signal go. */
  done(): void {
    clearTimeout(this.timer);
    this.unlisten?.();
  }

  private abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason ?? new Error('The upstream call was aborted');
    this.emit('abort');
    this.rejectWaiting?.(this.reason);
  }
}

type ResponseBody = Dispatcher.ResponseData['body'];

/**
 * The body as text, or undefined when it is larger than `maxBytes`: refused from its Content-Length
 * when it declares one, else counted as it arrives and dropped (the connection with it) once past the
 * bound.
 */
export async function readBounded(
  body: ResponseBody,
  contentLength: string | string[] | undefined,
  maxBytes: number,
): Promise<string | undefined> {
  if (typeof contentLength === 'string') {
    const declared = Number(contentLength);
    if (declared > maxBytes) {
      drop(body);
      return undefined;
    }
    // undici reads no more than the declared length, so its own `text()` is bounded too, and it
    // collects the chunks without the async iterator's stream machinery (a few µs per call).
    if (Number.isSafeInteger(declared) && declared >= 0) return body.text();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      drop(body);
      return undefined;
    }
    chunks.push(chunk);
  }
  const text =
    chunks.length === 1 ? (chunks[0] as Buffer).toString() : Buffer.concat(chunks, size).toString();
  // A byte-order mark is not JSON; undici's text() drops it too.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Closes a body unread, and its connection with it. undici's body then emits an error (the request
 * was aborted) on the next turn of the event loop: with no listener, that error is an uncaught
 * exception, which ends the process.
 */
function drop(body: ResponseBody): void {
  body.on('error', ignore);
  body.destroy();
}

function ignore(): void {}
