import type { ProviderDefinition } from '../../gateway/provider.js';
import { type RiverGenConfig, readRiverGenConfig, riverGenVariables } from './config.js';
import { RIVERGEN_DATA_SOURCE } from './records.js';
import { connectRiverGen, type RiverGenSession } from './runtime.js';

export const riverGenProvider: ProviderDefinition<RiverGenConfig, RiverGenSession> = {
  id: 'rivergen',
  enumValue: 'RIVERGEN',
  envPrefix: 'RIVERGEN',
  label: 'RiverGen',
  description: "Data sources of a RiverGen organisation (the caller's, or the service user's).",
  typenames: [RIVERGEN_DATA_SOURCE],
  env: Object.values(riverGenVariables),
  readConfig: readRiverGenConfig,
  connect: connectRiverGen,
};
