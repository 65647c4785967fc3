import type { Plugin } from 'graphql-yoga';
import type { ActiveProvider } from '../context.js';

/** Why a provider is not ready; never a URL, a header or anything from the upstream's answer. */
export type NotReadyReason = 'unreachable' | 'timeout' | 'breaker open';

export interface ProviderReadiness {
  id: string;
  ready: boolean;
  reason?: NotReadyReason;
}

export interface Readiness {
  ready: boolean;
  providers: ProviderReadiness[];
}

/** Probes every provider at once; each probe is one short request per upstream, bounded by `timeoutMs`. */
export async function checkReadiness(
  providers: readonly ActiveProvider[],
  timeoutMs: number,
): Promise<Readiness> {
  const results = await Promise.all(providers.map((provider) => checkProvider(provider, timeoutMs)));
  return { ready: results.every((result) => result.ready), providers: results };
}

async function checkProvider({ definition, runtime }: ActiveProvider, timeoutMs: number) {
  const id = definition.id;
  const upstreams = runtime.upstreams ?? [];
  // An upstream whose breaker fails calls fast is not asked again: it is failing already.
  if (upstreams.some((upstream) => upstream.failingFast)) return notReady(id, 'breaker open');
  const probes = await Promise.all(upstreams.map((upstream) => upstream.probe(timeoutMs)));
  const failed = probes.find((probe) => probe !== 'reachable');
  return failed ? notReady(id, failed) : { id, ready: true };
}

function notReady(id: string, reason: NotReadyReason): ProviderReadiness {
  return { id, ready: false, reason };
}

/**
 * GET /ready: 200 when every provider's upstream answers and no breaker is failing fast, 503
 * otherwise, with a JSON body naming each provider. Concurrent checks share one round of probes.
 */
export function useReadiness(providers: () => readonly ActiveProvider[], timeoutMs: number): Plugin {
  let running: Promise<Readiness> | undefined;
  const current = () => {
    running ??= checkReadiness(providers(), timeoutMs).finally(() => {
      running = undefined;
    });
    return running;
  };
  return {
    // A plain path comparison: this runs before every request, and most are not for /ready.
    // It stays synchronous for those: a returned promise would cost every request a wait.
    onRequest: ({ url, endResponse, fetchAPI }) => {
      if (url.pathname !== '/ready') return;
      return current().then((readiness) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify(readiness), {
            status: readiness.ready ? 200 : 503,
            headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
          }),
        ),
      );
    },
  };
}
