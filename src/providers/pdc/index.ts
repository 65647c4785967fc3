import './schema.js';
import './mutations.js';

export { pdcProvider } from './definition.js';
