import * as z from 'zod';
import type { Env, ProviderConfigResult } from '../../gateway/provider.js';
import { readVariables } from '../../gateway/provider-config.js';

export interface PdcConfig {
  url: string;
  /** `service`: the gateway logs in with its own account; `forward`: each caller sends a PDC token. */
  credentials: 'service' | 'forward';
  username?: string;
  password?: string;
  /** Most ids sent in one `by-ids` call. */
  batchSize: number;
}

export const pdcVariables = {
  url: {
    name: 'PDC_URL',
    description: 'Origin of the Pentaho Data Catalog (paths start with /api/public/v1).',
    example: 'https://catalog.example.com',
    schema: z.url(),
    required: true,
  },
  credentials: {
    name: 'PDC_CREDENTIALS',
    description:
      '`service`: the gateway logs in as PDC_USERNAME, and again once when PDC refuses its token; `forward`: each caller sends its own PDC token in the `x-pdc-token` header.',
    default: 'service',
    example: 'forward',
    schema: z.enum(['service', 'forward']),
  },
  username: {
    name: 'PDC_USERNAME',
    description: 'Service account user name (service credentials).',
    example: 'catalog-gateway',
    schema: z.string().min(1),
  },
  password: {
    name: 'PDC_PASSWORD',
    description: 'Service account password (service credentials).',
    example: 's3cret',
    schema: z.string().min(1),
  },
  batchSize: {
    name: 'PDC_BATCH_SIZE',
    description: 'Most ids sent in one `by-ids` call; larger batches are split.',
    default: '100',
    example: '250',
    schema: z.coerce.number().int().min(1).max(10_000),
  },
};

export function readPdcConfig(env: Env): ProviderConfigResult<PdcConfig> {
  const result = readVariables(env, pdcVariables);
  if (result.status === 'absent') return result;
  const problems = result.status === 'invalid' ? [...result.problems] : [];
  // Checked on the raw values too, so that one message lists this beside any other problem.
  if ((env.PDC_CREDENTIALS || 'service') === 'service' && (!env.PDC_USERNAME || !env.PDC_PASSWORD)) {
    problems.push(
      'PDC_USERNAME and PDC_PASSWORD are required when PDC_CREDENTIALS is `service` (the default)',
    );
  }
  if (problems.length > 0 || result.status !== 'configured') return { status: 'invalid', problems };
  return result;
}
