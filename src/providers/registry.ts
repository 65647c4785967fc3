import type { ProviderDefinition } from '../gateway/provider.js';
import { pdcProvider } from './pdc/index.js';

/** Every provider this gateway can serve, in the order `dataSources` lists them. */
export const providers: readonly ProviderDefinition[] = [pdcProvider];
