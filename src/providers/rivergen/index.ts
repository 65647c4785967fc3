import './schema.js';

export { riverGenProvider } from './definition.js';
