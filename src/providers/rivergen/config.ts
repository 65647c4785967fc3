import * as z from 'zod';
import type { Env, ProviderConfigResult } from '../../gateway/provider.js';
import { readVariables } from '../../gateway/provider-config.js';

export interface RiverGenConfig {
  url: string;
  /** `service`: one token for every caller; `forward`: each caller sends its own RiverGen token. */
  credentials: 'service' | 'forward';
  token?: string;
  /** Most single data-source reads in flight at once (the API has no batch read). */
  concurrency: number;
}

export const riverGenVariables = {
  url: {
    name: 'RIVERGEN_URL',
    description: 'Origin of the RiverGen API (paths start with /api/v1).',
    example: 'https://api.rivergen.com',
    schema: z.url(),
    required: true,
  },
  credentials: {
    name: 'RIVERGEN_CREDENTIALS',
    description:
      '`service`: every request uses RIVERGEN_TOKEN; `forward`: each caller sends its own RiverGen access token in the `x-rivergen-token` header (data is organisation-scoped).',
    default: 'service',
    example: 'forward',
    schema: z.enum(['service', 'forward']),
  },
  token: {
    name: 'RIVERGEN_TOKEN',
    description: 'Access token of the service user (service credentials); it sees that user’s organisation.',
    example: 'rg_live_…',
    schema: z.string().min(1),
  },
  concurrency: {
    name: 'RIVERGEN_CONCURRENCY',
    description: 'Most RiverGen data sources fetched by id at once.',
    default: '8',
    example: '16',
    schema: z.coerce.number().int().min(1).max(64),
  },
};

export function readRiverGenConfig(env: Env): ProviderConfigResult<RiverGenConfig> {
  const result = readVariables(env, riverGenVariables);
  if (result.status === 'absent') return result;
  const problems = result.status === 'invalid' ? [...result.problems] : [];
  // Checked on the raw values too, so that one message lists this beside any other problem.
  if ((env.RIVERGEN_CREDENTIALS || 'service') === 'service' && !env.RIVERGEN_TOKEN) {
    problems.push('RIVERGEN_TOKEN is required when RIVERGEN_CREDENTIALS is `service` (the default)');
  }
  if (problems.length > 0 || result.status !== 'configured') return { status: 'invalid', problems };
  return result;
}
