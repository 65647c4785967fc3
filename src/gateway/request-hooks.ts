import type { Plugin } from 'graphql-yoga';

type RequestHook = NonNullable<Plugin['onRequest']>;
type RequestPayload = Parameters<RequestHook>[0];

/**
 * The plugins with their `onRequest` hooks run as one, in the same order: Yoga gives each hook a
 * payload of its own (an object and three closures) on every request, though the gateway's hooks
 * (/ready, /metrics, GraphiQL, the body limit) answer only a few requests between them.
 */
export function withOneRequestHook<P extends object>(plugins: P[]): P[] {
  const hookOf = (plugin: P) => (plugin as Pick<Plugin, 'onRequest'>).onRequest;
  const hooks = plugins.flatMap((plugin) => hookOf(plugin) ?? []);
  if (hooks.length < 2) return plugins;
  const onRequest: RequestHook = (payload) => {
    let ended = false;
    const shared: RequestPayload = {
      ...payload,
      // A hook that replaces the request (the body limit's counted body) shows it to the hooks after it.
      setRequest: (request) => {
        shared.request = request;
        payload.setRequest(request);
      },
      endResponse: (response) => {
        ended = true;
        payload.endResponse(response);
      },
    };
    const from = (first: number): ReturnType<RequestHook> => {
      for (let at = first; at < hooks.length && !ended; at++) {
        const pending = hooks[at]?.(shared);
        if (pending) return Promise.resolve(pending).then(() => from(at + 1));
      }
      return undefined;
    };
    return from(0);
  };
  let placed = false;
  return plugins.map((plugin) => {
    if (!hookOf(plugin)) return plugin;
    const { onRequest: _own, ...rest } = plugin as Pick<Plugin, 'onRequest'>;
    if (placed) return rest as P;
    placed = true;
    return { ...rest, onRequest } as P;
  });
}
