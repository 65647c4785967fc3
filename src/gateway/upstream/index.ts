export * from './budget.js';
export * from './concurrency.js';
export * from './envelope.js';
export * from './error-body.js';
export * from './errors.js';
export * from './http.js';
export * from './observers.js';
export * from './resilience.js';
export * from './types.js';

/** Headers that carry one caller's (or the service account's) credentials to an upstream. */
export type AuthHeaders = () => Record<string, string> | Promise<Record<string, string>>;
