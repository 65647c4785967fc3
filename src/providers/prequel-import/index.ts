import './schema.js';
import './mutations.js';

export { prequelImportProvider } from './definition.js';
