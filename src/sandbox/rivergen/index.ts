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
import {
  createHandlers,
  forbidden,
  invalidRequest,
  type Principal,
  unauthorized,
  upstreamError,
} from './handlers.js';
import { seedStore } from './seed.js';
import { RiverGenStore } from './store.js';
import { riverGenDemoTokens, riverGenOrganizations, userByToken } from './users.js';

export { ALL_TYPES as riverGenTypes, DATABASE_TYPES as riverGenDatabaseTypes } from './kinds.js';
export type { Credentials, DataSource } from './store.js';
export { RiverGenStore } from './store.js';
export type { Organization, RiverGenUser } from './users.js';
export { riverGenDemoTokens, riverGenDemoUsers, riverGenOrganizations } from './users.js';

/** How many data sources each organisation is seeded with (300 in all). */
export const riverGenSeedCounts: Readonly<Record<number, number>> = { 1: 180, 2: 120 };

export interface RiverGenStartOptions extends SandboxStartOptions {
  /** Requests an organisation may make per minute before a 429; unlimited when not given. */
  rateLimitPerMinute?: number;
}

export interface RiverGenSimulator extends Simulator {
  /** The simulator's data, for tests to inspect (including what credentials were stored). */
  readonly store: RiverGenStore;
}

async function start(options: RiverGenStartOptions = {}): Promise<RiverGenSimulator> {
  // Parsed and compiled on first start, not at import: importing a simulator's credentials stays cheap.
  const contract = loadContract(contractFile('rivergen'));
  const store = new RiverGenStore(
    new Map(riverGenOrganizations.map((org) => [org.id, org.workspaces.map((w) => w.id)])),
  );
  seedStore(
    store,
    createRandom(options.seed ?? 1),
    riverGenOrganizations.map((organization) => ({
      organization,
      count: riverGenSeedCounts[organization.id] ?? 0,
    })),
  );
  const limit = options.rateLimitPerMinute;
  // A fixed one-minute window per organisation, opened by its first request.
  const windows = new Map<number, { startedAt: number; count: number }>();
  const overLimit = (organizationId: number): number | undefined => {
    if (limit === undefined) return undefined;
    const now = Date.now();
    let window = windows.get(organizationId);
    if (!window || now - window.startedAt >= 60_000) {
      window = { startedAt: now, count: 0 };
      windows.set(organizationId, window);
    }
    window.count += 1;
    return window.count > limit
      ? Math.max(1, Math.ceil((window.startedAt + 60_000 - now) / 1000))
      : undefined;
  };

  const spec: SimulatorSpec<Principal> = {
    provider: 'rivergen',
    contract,
    handlers: createHandlers({ store, now: () => new Date() }),
    authenticate(headers) {
      const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
      const user = match?.[1] ? userByToken(match[1]) : undefined;
      if (!user) return { reject: unauthorized() };
      if (user.organizationId === null) return { reject: forbidden() };
      const retryAfter = overLimit(user.organizationId);
      if (retryAfter !== undefined) {
        const answer = upstreamError(429, 'Rate limit exceeded');
        return { reject: { ...answer, headers: { 'retry-after': String(retryAfter) } } };
      }
      return { principal: { userId: user.id, organizationId: user.organizationId } };
    },
    invalid: invalidRequest,
    error: upstreamError,
  };
  const documented = shapeOf(options) === 'documented';
  const sim = await startSimulator<Principal>(documented ? reshapeAnswers(spec, errorOnly) : spec, options);
  return Object.assign(sim, { store });
}

/** The documented error body is `{error: {...}}`; the `success: false` beside it is ours. */
function errorOnly(answer: SimResponse): SimResponse {
  if (answer.status < 400 || typeof answer.body !== 'object' || answer.body === null) return answer;
  const { success: _success, ...body } = answer.body as Record<string, unknown>;
  return { ...answer, body };
}

export const riverGenSandbox: SandboxEntry<RiverGenSimulator> = {
  provider: 'rivergen',
  defaultPort: 4104,
  start,
  demoCredentials: { accessToken: riverGenDemoTokens.demo },
};
