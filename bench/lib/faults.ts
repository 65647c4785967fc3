import { WIND_DOWN_MS } from '../../src/gateway/cancellation.js';
import type { FaultOptions } from '../../src/sandbox/kit/index.js';
import { type LoadProcess, peakRssMb, stopChild } from './children.js';
import { type GatewayMode, startGateway } from './gateway.js';
import type { FaultResult, HttpCall } from './protocol.js';
import type { Scenario } from './scenarios.js';
import type { SimulatorControl } from './sims.js';

const MB = 1024 * 1024;

/** Short budgets so that hangs resolve within a bounded run; a production gateway keeps the defaults. */
export const faultGatewayEnv: Record<string, string> = {
  UPSTREAM_HEADERS_TIMEOUT_MS: '1000',
  UPSTREAM_BODY_TIMEOUT_MS: '1000',
  UPSTREAM_DEADLINE_MS: '2000',
  UPSTREAM_MAX_BODY_BYTES: String(MB),
  UPSTREAM_RETRY_ATTEMPTS: '3',
  UPSTREAM_RETRY_MAX_DELAY_MS: '1000',
  UPSTREAM_BREAKER_RESET_MS: '1000',
  UPSTREAM_MAX_RETRY_AFTER_MS: '2000',
  OPERATION_TIMEOUT_MS: '6000',
  ADMISSION_TIMEOUT_MS: '1000',
};

/**
 * The longest a request may wait on an upstream under those settings: every try of a read runs to
 * its deadline, with the longest wait allowed between two tries, unless the operation's own time
 * limit (after its wait for admission, plus its wind-down) cuts that short.
 */
export function answerBound(env: Record<string, string>): number {
  const tries = Number(env.UPSTREAM_RETRY_ATTEMPTS);
  const wait = Math.max(Number(env.UPSTREAM_RETRY_MAX_DELAY_MS), Number(env.UPSTREAM_MAX_RETRY_AFTER_MS));
  const byRetries = tries * Number(env.UPSTREAM_DEADLINE_MS) + (tries - 1) * wait;
  // An operation's clock starts once it is admitted: the wait for admission comes first.
  const byOperation = Number(env.ADMISSION_TIMEOUT_MS) + Number(env.OPERATION_TIMEOUT_MS) + WIND_DOWN_MS;
  return Number.isFinite(byOperation) ? Math.min(byRetries, byOperation) : byRetries;
}

/** Peak RSS the gateway must stay under while 64 MB answers arrive (read whole, a few would pass it). */
const RSS_BOUND_MB = 400;

const PHASE_MS = 1_000;

/**
 * What each simulator does, phase after phase (one phase a second, cycling): errors that retries
 * ride out, malformed bodies, 429s with Retry-After, 64 MB answers (chunked, then declared) against
 * the gateway's 1 MB bound, a body trickled a byte every 200 ms (never a pause long enough for the
 * body timeout: only the deadline ends it), and a hang past the gateway's timeout.
 */
export const faultSchedule: Record<string, FaultOptions[]> = {
  'prequel-import': [
    { errorRate: 0.3, errorStatus: 503, latencyMs: 5 },
    { oversizedBytes: 64 * MB },
    { errorRate: 0.3, errorStatus: 503, latencyMs: 5 },
    { oversizedBytes: 64 * MB, oversizedDeclared: true },
  ],
  'prequel-export': [{ malformed: true, operations: ['getDestination'] }, { latencyMs: 10 }],
  pdc: [{ rateLimit: { retryAfterSeconds: 1, times: 3 }, latencyMs: 5 }],
  rivergen: [
    { latencyMs: 20 },
    { trickle: { intervalMs: 200 } },
    { latencyMs: 20 },
    { hang: true, operations: ['getDataSource', 'updateDataSource'] },
  ],
};

export interface FaultReport {
  gatewayEnv: Record<string, string>;
  schedule: Record<string, FaultOptions[]>;
  phaseMs: number;
  connections: number;
  durationSeconds: number;
  hangBoundMs: number;
  /** The longest an answer may take by the gateway's deadlines and retries (see `answerBound`). */
  answerBoundMs: number;
  /** The slowest answer of the run. */
  longestAnswerMs: number;
  rssBoundMb: number;
  /** The GraphQL operations sent in rotation. */
  operations: string[];
  result: FaultResult;
  gatewayPeakRssMb: number | undefined;
  /** Lines the gateway logged (LOG_LEVEL=warn) during the run. */
  gatewayLogLines: number;
  /** Every request answered within the answer bound, none lost, and RSS under its bound. */
  passed: boolean;
}

export interface FaultRunOptions {
  mode: GatewayMode;
  env: Record<string, string>;
  probe: string;
  sims: SimulatorControl;
  load: LoadProcess;
  /** Builds the scenarios against the given gateway origin; their gateway calls are the rotation. */
  scenariosFor(origin: string): Scenario[];
  durationSeconds: number;
  connections: number;
  hangBoundMs?: number;
}

export async function runFaultScenario(options: FaultRunOptions): Promise<FaultReport> {
  const gateway = await startGateway({
    mode: options.mode,
    env: { ...options.env, ...faultGatewayEnv },
    probe: options.probe,
    countLogs: true,
  });
  const scenarios = options.scenariosFor(gateway.origin).filter((scenario) => scenario.inFaultRun !== false);
  const calls: HttpCall[] = [];
  for (const scenario of scenarios) {
    const call = scenario.targets.find((t) => t.name === 'gateway')?.plan.groups[0]?.[0];
    if (call) calls.push(call);
  }
  let phase = 0;
  const apply = () =>
    Promise.all(
      Object.entries(faultSchedule).map(([provider, phases]) =>
        options.sims.setFaults(provider, phases[phase % phases.length]),
      ),
    );
  const hangBoundMs = options.hangBoundMs ?? 20_000;
  try {
    await apply();
    const ticker = setInterval(() => {
      phase += 1;
      apply().catch((error: unknown) => console.error('bench: could not switch faults', error));
    }, PHASE_MS);
    let result: FaultResult;
    try {
      result = await options.load.run({
        kind: 'faults',
        calls,
        bounds: {
          connections: options.connections,
          durationSeconds: options.durationSeconds,
          maxIterations: 1e9,
        },
        hangBoundMs,
      });
    } finally {
      clearInterval(ticker);
    }
    const gatewayPeakRssMb = await peakRssMb(gateway.child.pid);
    const answerBoundMs = answerBound(faultGatewayEnv);
    return {
      gatewayEnv: faultGatewayEnv,
      schedule: faultSchedule,
      phaseMs: PHASE_MS,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      hangBoundMs,
      answerBoundMs,
      longestAnswerMs: result.latency.max,
      rssBoundMb: RSS_BOUND_MB,
      operations: scenarios.map((s) => s.id),
      result,
      gatewayPeakRssMb,
      gatewayLogLines: gateway.logLines(),
      passed:
        result.sent === result.answered &&
        result.hung === 0 &&
        result.transport === 0 &&
        result.latency.max <= answerBoundMs &&
        gatewayPeakRssMb !== undefined &&
        gatewayPeakRssMb <= RSS_BOUND_MB,
    };
  } finally {
    await options.sims.setAll(undefined);
    await stopChild(gateway.child);
  }
}
