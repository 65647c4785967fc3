import type { ProviderDefinition } from '../gateway/provider.js';
import { pdcProvider } from './pdc/index.js';
import { prequelExportProvider } from './prequel-export/index.js';
import { prequelImportProvider } from './prequel-import/index.js';
import { riverGenProvider } from './rivergen/index.js';

/** Every provider this gateway can serve, in the order `dataSources` lists them. */
export const providers: readonly ProviderDefinition[] = [
  prequelImportProvider,
  prequelExportProvider,
  pdcProvider,
  riverGenProvider,
];
