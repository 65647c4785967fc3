import type { ProviderDefinition } from '../../gateway/provider.js';
import { PREQUEL_EXPORT_PROVIDER } from './client.js';
import { type PrequelExportConfig, prequelExportVariables, readPrequelExportConfig } from './config.js';
import { DESTINATION } from './records.js';
import { connectPrequelExport, type PrequelExportSession } from './runtime.js';

export const prequelExportProvider: ProviderDefinition<PrequelExportConfig, PrequelExportSession> = {
  id: PREQUEL_EXPORT_PROVIDER,
  enumValue: 'PREQUEL_EXPORT',
  envPrefix: 'PREQUEL_EXPORT',
  label: 'Prequel Export',
  description: 'Destinations that Prequel exports data to.',
  typenames: [DESTINATION],
  env: Object.values(prequelExportVariables),
  readConfig: readPrequelExportConfig,
  connect: connectPrequelExport,
};
