import type { Plugin } from 'graphql-yoga';
import type { ActiveProvider } from '../context.js';
import type { RedisState } from '../shared/redis.js';

/** Why a provider is not ready; never a URL, a header or anything from the upstream's answer. */
export type NotReadyReason = 'unreachable' | 'timeout' | 'breaker open';

export interface ProviderReadiness {
  id: string;
  ready: boolean;
  reason?: NotReadyReason;
}

export interface Readiness {
  /** The process can serve: it is not shutting down and at least one provider is usable. */
  ready: boolean;
  /** Set while the process shuts down; no provider is probed then. */
  draining?: true;
  providers?: ProviderReadiness[];
  /**
   * With REDIS_URL: whether Redis is reachable. It does not make the process unready: without it,
   * what it shares fails open and each process still serves.
   */
  redis?: RedisState;
}

/**
 * Whether this process should receive traffic. Concurrent checks share one round of probes; each
 * probe is one short request per upstream, bounded by `timeoutMs`.
 */
export class ReadinessCheck {
  private running: Promise<Readiness> | undefined;
  private draining = false;
  /** Each provider's state at the last check (metrics); undefined before the first. */
  last: readonly ProviderReadiness[] | undefined;
  /** With REDIS_URL: Redis's state, reported beside the providers'. */
  redis: (() => RedisState) | undefined = undefined;

  constructor(
    private readonly providers: () => readonly ActiveProvider[],
    private readonly timeoutMs: number,
  ) {}

  /** The process is shutting down: from now on every check answers not ready, without probing. */
  drain(): void {
    this.draining = true;
  }

  check(): Promise<Readiness> {
    if (this.draining) return Promise.resolve({ ready: false, draining: true });
    this.running ??= this.probe().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async probe(): Promise<Readiness> {
    const results = await Promise.all(this.providers().map((provider) => this.checkProvider(provider)));
    this.last = results;
    const ready = results.some((result) => result.ready);
    return this.redis ? { ready, providers: results, redis: this.redis() } : { ready, providers: results };
  }

  private async checkProvider({ definition, runtime }: ActiveProvider): Promise<ProviderReadiness> {
    const id = definition.id;
    const upstreams = runtime.upstreams ?? [];
    // An upstream whose breaker fails calls fast is not asked again: it is failing already.
    if (upstreams.some((upstream) => upstream.failingFast)) return notReady(id, 'breaker open');
    const probes = await Promise.all(upstreams.map((upstream) => upstream.probe(this.timeoutMs)));
    const failed = probes.find((probe) => probe !== 'reachable');
    return failed ? notReady(id, failed) : { id, ready: true };
  }
}

function notReady(id: string, reason: NotReadyReason): ProviderReadiness {
  return { id, ready: false, reason };
}

/**
 * GET /ready: 200 while the process can serve (one usable provider is enough: the others' fields
 * fail on their own), 503 when no provider is usable or the process is shutting down. The JSON
 * body names each provider's state, for people; an orchestrator reads the status.
 */
export function useReadiness(readiness: ReadinessCheck): Plugin {
  return {
    // A plain path comparison: this runs before every request, and most are not for /ready.
    // It stays synchronous for those: a returned promise would cost every request a wait.
    onRequest: ({ url, endResponse, fetchAPI }) => {
      if (url.pathname !== '/ready') return;
      return readiness.check().then((answer) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify(answer), {
            status: answer.ready ? 200 : 503,
            headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
          }),
        ),
      );
    },
  };
}
