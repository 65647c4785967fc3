import type { ProviderDefinition } from '../gateway/provider.js';

/** Every provider this gateway can serve, in the order `dataSources` lists them. */
export const providers: readonly ProviderDefinition[] = [];
