import * as z from 'zod';
import type { Env, ProviderConfigResult } from '../../gateway/provider.js';
import { readVariables } from '../../gateway/provider-config.js';

export interface PrequelExportConfig {
  url: string;
  /** The organisation's API key; a server-side secret, never forwarded from callers. */
  apiKey: string;
  /** Most destinations fetched by id at once (Prequel has no batch read). */
  concurrency: number;
}

export const prequelExportVariables = {
  url: {
    name: 'PREQUEL_EXPORT_URL',
    description: 'Origin of the Prequel Export API (https://eu-api.prequel.co for the EU region).',
    default: 'https://api.prequel.co',
    example: 'https://eu-api.prequel.co',
    schema: z.url(),
  },
  apiKey: {
    name: 'PREQUEL_EXPORT_API_KEY',
    description: 'API key of the Prequel organisation, sent as X-API-KEY. Keep it secret.',
    example: 'prq_live_0123456789abcdef',
    schema: z.string().min(1),
    required: true,
  },
  concurrency: {
    name: 'PREQUEL_EXPORT_CONCURRENCY',
    description: 'Most destinations fetched by id at once.',
    default: '8',
    example: '16',
    schema: z.coerce.number().int().min(1).max(64),
  },
};

export function readPrequelExportConfig(env: Env): ProviderConfigResult<PrequelExportConfig> {
  return readVariables(env, prequelExportVariables);
}
