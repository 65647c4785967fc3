import { listen } from '../../src/server.js';
import type { TestGateway } from './gateway.js';

export interface ListeningGateway {
  /** `http://127.0.0.1:<port>`, without a path. */
  base: string;
  /** GET a path of the gateway, e.g. `/ready`. */
  get(path: string): Promise<Response>;
  close(): Promise<void>;
}

/** Serves a test gateway over real HTTP on loopback, for the endpoints beside /graphql. */
export async function serveOverHttp(gw: TestGateway): Promise<ListeningGateway> {
  const server = await listen(gw.gateway, '127.0.0.1', 0);
  const base = server.url.replace(/\/graphql$/, '');
  return { base, get: (path) => fetch(`${base}${path}`), close: () => server.close() };
}
