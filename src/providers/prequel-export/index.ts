import './schema.js';
import './transfers.js';

export { prequelExportProvider } from './definition.js';
