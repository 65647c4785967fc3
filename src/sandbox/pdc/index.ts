import { randomBytes } from 'node:crypto';
import {
  contractFile,
  createRandom,
  loadContract,
  reshapeAnswers,
  type SandboxEntry,
  type SandboxStartOptions,
  type SimResponse,
  type Simulator,
  type SimulatorSpec,
  shapeOf,
  startSimulator,
} from '../kit/index.js';
import { createHandlers, invalidRequest, unauthorized, upstreamError } from './handlers.js';
import { signJwt, verifyJwt } from './jwt.js';
import { seedStore } from './seed.js';
import { createObjectIds, PdcStore } from './store.js';

export { seedDatabaseTypes } from './seed.js';
export type { DataSource, Secrets } from './store.js';
export { PdcStore } from './store.js';

/** The demo login; it opens nothing but this simulator. */
export const pdcDemoCredentials = {
  username: 'catalog.demo',
  password: 'pdc-demo-password',
  clientId: 'pdc-client',
} as const;

export interface PdcStartOptions extends SandboxStartOptions {
  /** Lifetime of issued access tokens, in seconds; 3600 by default. */
  tokenTtlSeconds?: number;
  /** How many data sources to seed; 1,000 by default. */
  count?: number;
}

export interface PdcSimulator extends Simulator {
  /** The simulator's data, for tests to inspect (including what secrets were stored). */
  readonly store: PdcStore;
  /** Signs a token as the auth endpoint would; a negative or zero lifetime gives an expired one. */
  issueToken(username: string, ttlSeconds?: number): string;
  /** Signs with a new key from now on, as a catalog rotating its key does: every token issued so far is refused. */
  rotateSigningKey(): void;
}

async function start(options: PdcStartOptions = {}): Promise<PdcSimulator> {
  // Parsed and compiled on first start, not at import: importing a simulator's credentials stays cheap.
  const contract = loadContract(contractFile('pdc'));
  const random = createRandom(options.seed ?? 1);
  const newId = createObjectIds(random);
  const store = new PdcStore(newId);
  seedStore(store, random, newId, options.count ?? 1000);

  // A fresh signing key per start: tokens never outlive the simulator that issued them.
  let secret = randomBytes(32);
  const defaultTtl = options.tokenTtlSeconds ?? 3600;
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const issueToken = (username: string, ttlSeconds = defaultTtl): string => {
    const iat = nowSeconds();
    return signJwt({ sub: username, iat, exp: iat + ttlSeconds }, secret);
  };

  const spec: SimulatorSpec<string> = {
    provider: 'pdc',
    contract,
    handlers: createHandlers({
      store,
      users: new Map([[pdcDemoCredentials.username, pdcDemoCredentials.password]]),
      issueToken: (username) => issueToken(username),
      now: () => new Date(),
    }),
    authenticate(headers) {
      const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
      const claims = match?.[1] ? verifyJwt(match[1], secret, nowSeconds()) : undefined;
      return claims ? { principal: claims.sub } : { reject: unauthorized() };
    },
    invalid: invalidRequest,
    error: upstreamError,
  };
  const documented = shapeOf(options) === 'documented';
  const sim = await startSimulator<string>(documented ? reshapeAnswers(spec, messageOnly) : spec, options);
  const rotateSigningKey = () => {
    secret = randomBytes(32);
  };
  return Object.assign(sim, { store, issueToken, rotateSigningKey });
}

/** The documented 207 of a partial create has a `message` only: which items failed is not listed. */
function messageOnly(answer: SimResponse): SimResponse {
  if (answer.status !== 207) return answer;
  const { errors: _errors, ...body } = answer.body as Record<string, unknown>;
  return { ...answer, body };
}

export const pdcSandbox: SandboxEntry<PdcSimulator> = {
  provider: 'pdc',
  defaultPort: 4103,
  start,
  demoCredentials: { ...pdcDemoCredentials },
};
