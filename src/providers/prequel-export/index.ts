import './schema.js';
import './transfers.js';
import './mutations.js';

export { prequelExportProvider } from './definition.js';
