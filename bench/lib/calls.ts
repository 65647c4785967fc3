import { Agent } from 'undici';
import { carriesEdges, type Part, PartReader, partErrors, streamKind } from './parts.js';
import type { HttpCall, Plan } from './protocol.js';

/** How one call ended, as a load generator counts it. */
export type CallOutcome = 'ok' | 'non2xx' | 'graphql' | 'transport' | 'timeout';

export interface CallAnswer {
  outcome: CallOutcome;
  status: number;
  body: string;
  /** A streamed call's: when (performance.now()) the first part carrying edges was read. */
  firstEdgeAt?: number;
}

/** A client as a busy frontend or load balancer has one: kept-alive connections, enough per origin. */
export function createClient(connectionsPerOrigin = 256, timeoutMs = 30_000): Agent {
  return new Agent({
    connections: connectionsPerOrigin,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}

/** Sends one call and reads its whole body; never throws. */
export async function send(client: Agent, call: HttpCall, signal?: AbortSignal): Promise<CallAnswer> {
  try {
    const response = await client.request({
      origin: call.origin,
      method: call.method,
      path: call.path,
      headers: call.headers,
      body: call.body,
      signal,
    });
    if (call.expect === 'stream') {
      const kind = streamKind(String(response.headers['content-type'] ?? ''));
      if (kind) return await readParts(response.statusCode, response.body, kind);
    }
    const body = await response.body.text();
    return { outcome: judge(call, response.statusCode, body), status: response.statusCode, body };
  } catch (error) {
    const timedOut =
      signal?.aborted || (error instanceof Error && /timeout/i.test(error.name + error.message));
    return { outcome: timedOut ? 'timeout' : 'transport', status: 0, body: String(error) };
  }
}

/** Reads an answer in parts as it arrives, noting when the first edges came. */
async function readParts(
  status: number,
  body: AsyncIterable<Buffer>,
  kind: 'multipart' | 'sse',
): Promise<CallAnswer> {
  const reader = new PartReader(kind);
  const parts: Part[] = [];
  const chunks: Buffer[] = [];
  let firstEdgeAt: number | undefined;
  for await (const chunk of body) {
    chunks.push(chunk);
    for (const part of reader.push(chunk)) {
      parts.push(part);
      if (firstEdgeAt === undefined && carriesEdges(part)) firstEdgeAt = performance.now();
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const outcome: CallOutcome =
    status < 200 || status > 299
      ? 'non2xx'
      : firstEdgeAt === undefined || !parts[0]?.data || partErrors(parts).length > 0
        ? 'graphql'
        : 'ok';
  return { outcome, status, body: text, ...(firstEdgeAt !== undefined ? { firstEdgeAt } : {}) };
}

/**
 * Whether an answer is what the call expects. A substring test rather than JSON.parse keeps the
 * generator's own cost small and the same for every target.
 */
export function judge(call: Pick<HttpCall, 'expect'>, status: number, body: string): CallOutcome {
  if (status < 200 || status > 299) return 'non2xx';
  // An answer to a streamed call that came whole did not stream, whatever it holds.
  if (call.expect === 'stream') return 'graphql';
  if (call.expect === 'graphql' && (body.includes('"errors":') || !body.includes('"data":')))
    return 'graphql';
  return 'ok';
}

/** Runs one iteration of a plan; the first failed call decides the outcome. */
export async function runPlan(client: Agent, plan: Plan, signal?: AbortSignal): Promise<CallAnswer> {
  let last: CallAnswer = { outcome: 'ok', status: 200, body: '' };
  // The earliest edges of the iteration's streamed calls.
  let firstEdgeAt: number | undefined;
  for (const group of plan.groups) {
    const answers = await Promise.all(group.map((call) => send(client, call, signal)));
    const failed = answers.find((answer) => answer.outcome !== 'ok');
    if (failed) return failed;
    for (const answer of answers)
      if (answer.firstEdgeAt !== undefined)
        firstEdgeAt = Math.min(firstEdgeAt ?? answer.firstEdgeAt, answer.firstEdgeAt);
    last = answers[answers.length - 1] ?? last;
  }
  return firstEdgeAt === undefined ? last : { ...last, firstEdgeAt };
}

export function callCount(plan: Plan): number {
  return plan.groups.reduce((sum, group) => sum + group.length, 0);
}
