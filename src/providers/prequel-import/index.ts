import './schema.js';

export { prequelImportProvider } from './definition.js';
