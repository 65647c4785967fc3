import './schema.js';

export { pdcProvider } from './definition.js';
