import * as z from 'zod';
import type { Env, ProviderConfigResult } from '../../gateway/provider.js';
import { readVariables } from '../../gateway/provider-config.js';

export interface PrequelImportConfig {
  url: string;
  apiKey: string;
  /** Most single-source reads in flight at once (the API has no batch read). */
  concurrency: number;
}

export const prequelImportVariables = {
  url: {
    name: 'PREQUEL_IMPORT_URL',
    description: 'Origin of the Prequel Import API (EU: https://eu-api.prequel.co).',
    default: 'https://api.prequel.co',
    example: 'https://eu-api.prequel.co',
    schema: z.url(),
  },
  apiKey: {
    name: 'PREQUEL_IMPORT_API_KEY',
    description: 'Prequel API key, sent as X-API-KEY; a server-side secret.',
    example: 'prq_live_…',
    schema: z.string().min(1),
    required: true,
  },
  concurrency: {
    name: 'PREQUEL_IMPORT_CONCURRENCY',
    description: 'Most import sources fetched by id at once.',
    default: '8',
    example: '16',
    schema: z.coerce.number().int().min(1).max(64),
  },
};

export function readPrequelImportConfig(env: Env): ProviderConfigResult<PrequelImportConfig> {
  return readVariables(env, prequelImportVariables);
}
