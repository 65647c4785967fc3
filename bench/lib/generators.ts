import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { type CallAnswer, callCount, createClient, runPlan, send } from './calls.js';
import { emptyErrors, type FaultJob, type FaultResult, type LoadJob, type LoadResult } from './protocol.js';
import { round, Samples } from './stats.js';

const SAMPLE_LIMIT = 3;

/** What a load run counts: latency samples of good iterations, failures by kind and a few bodies. */
class Tally {
  readonly samples = new Samples();
  /** From the start to the first edges, for iterations that streamed them. */
  readonly firstEdges = new Samples();
  readonly errors = emptyErrors();
  readonly errorSamples: string[] = [];
  iterations = 0;

  /** An iteration that began at `start` (performance.now()) and has just ended. */
  add(answer: CallAnswer, start: number): void {
    this.iterations += 1;
    if (answer.outcome === 'ok') {
      this.samples.add(performance.now() - start);
      if (answer.firstEdgeAt !== undefined) this.firstEdges.add(answer.firstEdgeAt - start);
      return;
    }
    if (answer.outcome === 'timeout') this.errors.timeouts += 1;
    else this.errors[answer.outcome] += 1;
    if (this.errorSamples.length < SAMPLE_LIMIT)
      this.errorSamples.push(`${answer.status} ${answer.body.slice(0, 300)}`);
  }

  result(begin: number, withSamples = false): LoadResult {
    const elapsedSeconds = (performance.now() - begin) / 1000;
    const streamed = this.firstEdges.count > 0;
    return {
      iterations: this.iterations,
      elapsedSeconds: round(elapsedSeconds),
      rps: round(this.iterations / elapsedSeconds, 1),
      latency: this.samples.summary(),
      errors: this.errors,
      errorSamples: this.errorSamples,
      ...(withSamples ? { samples: this.samples.toArray() } : {}),
      ...(streamed ? { firstEdge: this.firstEdges.summary() } : {}),
      ...(streamed && withSamples ? { firstEdgeSamples: this.firstEdges.toArray() } : {}),
    };
  }
}

/**
 * Closed loop: each virtual user runs the plan, waits for every call, and starts again, until the
 * time or the iteration bound is reached. One iteration is one latency sample.
 */
export async function runLoop(job: LoadJob): Promise<LoadResult> {
  const client = createClient();
  const tally = new Tally();
  let started = 0;
  const begin = performance.now();
  const deadline = begin + job.bounds.durationSeconds * 1000;

  const user = async () => {
    while (performance.now() < deadline && started < job.bounds.maxIterations) {
      started += 1;
      const t0 = performance.now();
      tally.add(await runPlan(client, job.plan), t0);
    }
  };
  await Promise.all(Array.from({ length: job.bounds.connections }, user));
  const result = tally.result(begin);
  await client.close();
  return result;
}

/**
 * Paced load: iterations start at a fixed rate, spread evenly over the users, whatever the target's
 * speed. Each user owns every n-th start time. When a user is late because its previous answer was
 * slow, latency is counted from the time the iteration was due, so a target that falls behind is
 * charged for the wait (no coordinated omission). This is how added latency is measured below
 * saturation; a closed loop measures queueing once the target's CPU is the bottleneck.
 */
export async function runPaced(job: LoadJob): Promise<LoadResult> {
  const rate = job.bounds.rate;
  if (!rate || rate <= 0) throw new Error('paced load needs bounds.rate');
  const client = createClient();
  const tally = new Tally();
  const users = job.bounds.connections;
  const intervalMs = 1000 / rate;
  const total = Math.min(job.bounds.maxIterations, Math.floor(job.bounds.durationSeconds * rate));
  const begin = performance.now();

  const user = async (index: number) => {
    for (let n = index; n < total; n += users) {
      const due = begin + n * intervalMs;
      const wait = due - performance.now();
      // On time: the clock starts when the timer fires (its slack is the generator's, not the target's).
      // Late because this user's previous answer was slow: the clock started when it was due.
      let start = due;
      if (wait > 0) {
        await sleep(wait);
        start = performance.now();
      }
      tally.add(await runPlan(client, job.plan), start);
    }
  };
  await Promise.all(Array.from({ length: users }, (_, index) => user(index)));
  const result = tally.result(begin, true);
  await client.close();
  return result;
}

/** autocannon over one call, with every response time kept (its own histogram rounds to whole ms). */
export async function runCannon(job: LoadJob): Promise<LoadResult> {
  const [group] = job.plan.groups;
  const call = group?.[0];
  if (!call || callCount(job.plan) !== 1) throw new Error('autocannon runs plans of exactly one call');
  if (call.expect === 'stream') throw new Error('autocannon reads answers whole, not in parts');
  const samples = new Samples();
  const errorSamples: string[] = [];
  let responses = 0;
  const options: autocannon.Options = {
    url: call.origin + call.path,
    method: call.method,
    headers: call.headers,
    body: call.body,
    connections: job.bounds.connections,
    duration: job.bounds.durationSeconds,
    timeout: 30,
  };
  if (call.expect === 'graphql') {
    options.verifyBody = (raw) => {
      const body = String(raw);
      const ok = !body.includes('"errors":') && body.includes('"data":');
      if (!ok && errorSamples.length < SAMPLE_LIMIT) errorSamples.push(body.slice(0, 300));
      return ok;
    };
  }
  const begin = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      responses += 1;
      if (statusCode >= 200 && statusCode < 300) samples.add(responseTime);
      if (responses >= job.bounds.maxIterations) instance.stop();
    });
  });
  const elapsedSeconds = (performance.now() - begin) / 1000;
  const errors = emptyErrors();
  errors.non2xx = result.non2xx;
  errors.graphql = result.mismatches;
  errors.transport = result.errors - result.timeouts;
  errors.timeouts = result.timeouts;
  return {
    iterations: responses,
    elapsedSeconds: round(elapsedSeconds),
    rps: round(responses / elapsedSeconds, 1),
    latency: samples.summary(),
    errors,
    errorSamples,
  };
}

/**
 * Virtual users send the calls in rotation while faults are on; every request must come back
 * within the hang bound, and every answer's error codes are counted.
 */
export async function runFaults(job: FaultJob): Promise<FaultResult> {
  const client = createClient(256, job.hangBoundMs + 1_000);
  const samples = new Samples();
  const result: FaultResult = {
    sent: 0,
    answered: 0,
    hung: 0,
    transport: 0,
    clean: 0,
    codes: {},
    answersByCode: {},
    statuses: {},
    elapsedSeconds: 0,
    latency: samples.summary(),
  };
  const begin = performance.now();
  const deadline = begin + job.bounds.durationSeconds * 1000;
  let next = 0;

  const user = async () => {
    while (performance.now() < deadline && result.sent < job.bounds.maxIterations) {
      const call = job.calls[next++ % job.calls.length];
      if (!call) return;
      result.sent += 1;
      const t0 = performance.now();
      const answer = await send(client, call, AbortSignal.timeout(job.hangBoundMs));
      if (answer.outcome === 'timeout') result.hung += 1;
      else if (answer.outcome === 'transport') result.transport += 1;
      else {
        result.answered += 1;
        samples.add(performance.now() - t0);
        result.statuses[answer.status] = (result.statuses[answer.status] ?? 0) + 1;
        const codes = errorCodes(answer.body);
        if (codes.length === 0) result.clean += 1;
        for (const code of codes) result.codes[code] = (result.codes[code] ?? 0) + 1;
        for (const code of new Set(codes)) result.answersByCode[code] = (result.answersByCode[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: job.bounds.connections }, user));
  result.elapsedSeconds = round((performance.now() - begin) / 1000);
  result.latency = samples.summary();
  await client.close();
  return result;
}

/** The `extensions.code` of every error in a GraphQL answer; `UNREADABLE` when it is not JSON. */
export function errorCodes(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return ['UNREADABLE'];
  }
  const errors = (parsed as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((error: unknown) => {
    const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
    return typeof code === 'string' ? code : 'NO_CODE';
  });
}
