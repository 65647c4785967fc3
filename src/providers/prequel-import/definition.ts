import type { ProviderDefinition } from '../../gateway/provider.js';
import { type PrequelImportConfig, prequelImportVariables, readPrequelImportConfig } from './config.js';
import { IMPORT_SOURCE } from './records.js';
import { connectPrequelImport, type PrequelImportSession } from './runtime.js';

export const prequelImportProvider: ProviderDefinition<PrequelImportConfig, PrequelImportSession> = {
  id: 'prequel-import',
  enumValue: 'PREQUEL_IMPORT',
  envPrefix: 'PREQUEL_IMPORT',
  label: 'Prequel Import',
  description: 'Import sources managed through the Prequel Import API.',
  typenames: [IMPORT_SOURCE],
  env: Object.values(prequelImportVariables),
  readConfig: readPrequelImportConfig,
  connect: connectPrequelImport,
};
