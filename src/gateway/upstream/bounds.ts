import type { Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import { offAbort, onAbort } from './on-abort.js';

/** What one try of an upstream call got: `text` is undefined when the body was larger than the bound. */
export interface ExchangeAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string | undefined;
}

/**
 * One try of an upstream call, from the request to the whole body as text, bounded in time and in
 * size. It aborts the request, wherever it is (waiting for a socket, connecting, awaiting headers,
 * reading the body), when the deadline passes or the caller's signal aborts; a body larger than
 * `maxBytes` is refused from its Content-Length when it declares one, else counted as it arrives,
 * and dropped with its connection once past the bound.
 *
 * It is the dispatch handler undici calls as the exchange goes: undici's `request` would wrap the
 * same exchange in an async resource, a listener on an abort signal, a readable stream of the body
 * and its consumer, per call, for a body the gateway only ever reads whole.
 */
export class UpstreamExchange implements Dispatcher.DispatchHandler {
  aborted = false;
  reason: unknown;
  /** Set when the deadline passed, as opposed to the caller giving up. */
  expired = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  /** The caller's signal, whose abort ends this try, while the try waits on it. */
  private caller: AbortSignal | undefined;
  private controller: Dispatcher.DispatchController | undefined;
  private resolve: (() => void) | undefined;
  private reject: ((reason: unknown) => void) | undefined;
  private status = 0;
  private headers: IncomingHttpHeaders = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private tooLarge = false;
  /** What `send` settled with, until `take` hands it over. */
  private answer: ExchangeAnswer | undefined;

  constructor(
    private readonly maxBytes: number,
    deadlineMs: number,
    caller: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.expired = true;
      this.abort(undefined);
    }, deadlineMs);
    if (caller?.aborted) this.abort(caller.reason);
    else if (caller) {
      this.caller = caller;
      onAbort(caller, this);
    }
  }

  /** The caller gave up. */
  signalAborted(): void {
    this.abort(this.caller?.reason);
  }

  /**
   * Sends the request and settles once the answer is in (`take` hands it over), or rejects as soon
   * as the try is aborted: undici keeps an aborted request that waits for a socket in its queue until
   * a socket frees up, which a stuck upstream may never do. `done()` must follow, however it settles.
   *
   * The promise settles with nothing: a try waits long enough for it and its promise to reach the old
   * generation, and an answer held by an old object outlives every young collection until a full one,
   * long after the try is over. `take` lets go of it.
   */
  send(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.aborted) {
        reject(this.reason);
        return;
      }
      this.resolve = resolve;
      this.reject = reject;
      dispatcher.dispatch(options, this);
    });
  }

  /** The answer `send` settled for, handed over once: the try keeps nothing of it. */
  take(): ExchangeAnswer {
    const { answer } = this;
    if (!answer) throw new Error('The upstream call has no answer to take');
    this.answer = undefined;
    this.chunks.length = 0;
    return answer;
  }

  /** Ends the try: the timer and the listener on the caller's signal go. */
  done(): void {
    clearTimeout(this.timer);
    if (this.caller) offAbort(this.caller, this);
    this.caller = undefined;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Aborted while it waited for a socket: it is not sent.
    if (this.aborted) controller.abort(this.reason as Error);
    else this.controller = controller;
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    // An interim answer (100 Continue, 103 Early Hints): the real one follows.
    if (statusCode < 200) return;
    this.status = statusCode;
    this.headers = headers;
    const declared = headers['content-length'];
    if (typeof declared === 'string' && Number(declared) > this.maxBytes) this.overBound(controller);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) this.overBound(controller);
    else this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const { chunks } = this;
    const text =
      chunks.length === 0
        ? ''
        : chunks.length === 1
          ? (chunks[0] as Buffer).toString()
          : Buffer.concat(chunks, this.size).toString();
    // A byte-order mark is not JSON.
    this.settle({
      status: this.status,
      headers: this.headers,
      text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.tooLarge) this.settle({ status: this.status, headers: this.headers, text: undefined });
    else this.reject?.(error);
  }

  private settle(answer: ExchangeAnswer): void {
    this.answer = answer;
    this.resolve?.();
  }

  /** Past the bound: the rest is not read, and the connection goes with it. */
  private overBound(controller: Dispatcher.DispatchController): void {
    this.tooLarge = true;
    this.chunks.length = 0;
    controller.abort(new Error('The upstream answer is larger than the bound'));
  }

  private abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason ?? new Error('The upstream call was aborted');
    this.controller?.abort(this.reason as Error);
    this.reject?.(this.reason);
  }
}
