import type { SimResponse, SimulatorSpec } from './simulator.js';

/**
 * How much a simulator says. `extended` (the default) adds what its contract marks [ours]: fields
 * and values the vendor's docs do not show, which the gateway reads when present. `documented`
 * answers only what the vendor's docs show, as a real upstream may.
 */
export type SandboxShape = 'extended' | 'documented';

export const sandboxShapes: readonly SandboxShape[] = ['extended', 'documented'];

/** The shape `SANDBOX_SHAPE` names; `extended` when it is unset. */
export function sandboxShapeFrom(env: Readonly<Record<string, string | undefined>>): SandboxShape {
  const value = env.SANDBOX_SHAPE?.trim() || 'extended';
  if (!(sandboxShapes as readonly string[]).includes(value)) {
    throw new Error(`SANDBOX_SHAPE must be one of ${sandboxShapes.join(', ')}`);
  }
  return value as SandboxShape;
}

/** The shape a simulator starts in: the one asked for, else the environment's. */
export function shapeOf(options: { shape?: SandboxShape }): SandboxShape {
  return options.shape ?? sandboxShapeFrom(process.env);
}

/** Rewrites one answer; `operationId` is undefined for answers to no known operation. */
export type Reshape = (answer: SimResponse, operationId: string | undefined) => SimResponse;

/**
 * The same simulator, with every answer it makes itself (handlers, refusals, errors) passed through
 * `reshape`. Injected fault bodies are a test's own words and stay as given.
 */
export function reshapeAnswers<Principal>(
  spec: SimulatorSpec<Principal>,
  reshape: Reshape,
): SimulatorSpec<Principal> {
  const handlers = Object.fromEntries(
    Object.entries(spec.handlers).map(([operationId, handler]) => [
      operationId,
      async (req: Parameters<typeof handler>[0]) => reshape(await handler(req), operationId),
    ]),
  );
  return {
    ...spec,
    handlers,
    authenticate(headers, operationId) {
      const outcome = spec.authenticate(headers, operationId);
      return 'reject' in outcome ? { reject: reshape(outcome.reject, operationId) } : outcome;
    },
    invalid: (issues, operationId) => reshape(spec.invalid(issues, operationId), operationId),
    error: (status, message) => reshape(spec.error(status, message), undefined),
  };
}
