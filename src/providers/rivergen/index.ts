import './schema.js';
import './mutations.js';

export { riverGenProvider } from './definition.js';
