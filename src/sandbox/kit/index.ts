export * from './contract-file.js';
export * from './entry.js';
export * from './openapi.js';
export * from './random.js';
export * from './shape.js';
export * from './simulator.js';
export * from './stats.js';
