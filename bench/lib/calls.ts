import { Agent } from 'undici';
import type { HttpCall, Plan } from './protocol.js';

/** How one call ended, as a load generator counts it. */
export type CallOutcome = 'ok' | 'non2xx' | 'graphql' | 'transport' | 'timeout';

export interface CallAnswer {
  outcome: CallOutcome;
  status: number;
  body: string;
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
    const body = await response.body.text();
    return { outcome: judge(call, response.statusCode, body), status: response.statusCode, body };
  } catch (error) {
    const timedOut =
      signal?.aborted || (error instanceof Error && /timeout/i.test(error.name + error.message));
    return { outcome: timedOut ? 'timeout' : 'transport', status: 0, body: String(error) };
  }
}

/**
 * Whether an answer is what the call expects. A substring test rather than JSON.parse keeps the
 * generator's own cost small and the same for every target.
 */
export function judge(call: Pick<HttpCall, 'expect'>, status: number, body: string): CallOutcome {
  if (status < 200 || status > 299) return 'non2xx';
  if (call.expect === 'graphql' && (body.includes('"errors":') || !body.includes('"data":')))
    return 'graphql';
  return 'ok';
}

/** Runs one iteration of a plan; the first failed call decides the outcome. */
export async function runPlan(client: Agent, plan: Plan, signal?: AbortSignal): Promise<CallAnswer> {
  let last: CallAnswer = { outcome: 'ok', status: 200, body: '' };
  for (const group of plan.groups) {
    const answers = await Promise.all(group.map((call) => send(client, call, signal)));
    const failed = answers.find((answer) => answer.outcome !== 'ok');
    if (failed) return failed;
    last = answers[answers.length - 1] ?? last;
  }
  return last;
}

export function callCount(plan: Plan): number {
  return plan.groups.reduce((sum, group) => sum + group.length, 0);
}
