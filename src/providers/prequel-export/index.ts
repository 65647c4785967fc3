import './schema.js';
import './transfers.js';
import './mutations.js';
import './transfer-mutations.js';
import './transfer-subscriptions.js';

export { prequelExportProvider } from './definition.js';
