import './schema.js';
import './transfers.js';
import './mutations.js';
import './transfer-mutations.js';

export { prequelExportProvider } from './definition.js';
