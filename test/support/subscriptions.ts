import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, fetch } from 'undici';
import { type Part, partsOf } from './incremental.js';

/** One open subscription over text/event-stream: its events as they come, and a way to hang up. */
export interface Subscription {
  /** The events still to come, each as soon as it is read; the iteration ends with the stream. */
  events: AsyncGenerator<Part>;
  /** Reads every event left until the stream ends. */
  rest(): Promise<Part[]>;
  /** Hangs up, closing the connection, as a browser closing its tab does. */
  leave(): void;
}

/** POSTs `query` to `url` asking for text/event-stream, as GraphiQL and graphql-sse clients do. */
export async function subscribe(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Subscription & { status: number }> {
  const controller = new AbortController();
  // A connection of its own, closed on leaving: a client that merely stops reading may be kept
  // connected by undici, which reads on to reuse the connection.
  const agent = new Agent({ connections: 1 });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
    dispatcher: agent,
  });
  const events = partsOf(response);
  return {
    status: response.status,
    events,
    async rest() {
      const parts: Part[] = [];
      for await (const part of events) parts.push(part);
      return parts;
    },
    leave: () => {
      controller.abort();
      void agent.destroy();
    },
  };
}

/** The next event of a subscription; fails when the stream ends first. */
export async function nextEvent(subscription: Subscription): Promise<Part> {
  const step = await subscription.events.next();
  if (step.done) throw new Error('the stream ended');
  return step.value;
}

/** Waits, checking every few milliseconds, until `holds` says so; fails after `timeoutMs`. */
export async function until(holds: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!holds()) {
    if (performance.now() > deadline) throw new Error('the condition did not come true in time');
    await sleep(5);
  }
}
