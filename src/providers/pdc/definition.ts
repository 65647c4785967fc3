import type { ProviderDefinition } from '../../gateway/provider.js';
import { type PdcConfig, pdcVariables, readPdcConfig } from './config.js';
import { CATALOG_DATA_SOURCE } from './records.js';
import { connectPdc, type PdcSession } from './runtime.js';

export const pdcProvider: ProviderDefinition<PdcConfig, PdcSession> = {
  id: 'pdc',
  enumValue: 'PDC',
  envPrefix: 'PDC',
  label: 'Pentaho Data Catalog',
  description: 'Data sources registered in Pentaho Data Catalog.',
  typenames: [CATALOG_DATA_SOURCE],
  env: Object.values(pdcVariables),
  readConfig: readPdcConfig,
  connect: connectPdc,
};
