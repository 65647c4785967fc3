/** The folder of the build, beside its bundle, that holds V8's code caches of it (src/dist-entry.ts). */
export const CODE_CACHE_DIR = 'code-cache';

/**
 * Set on the gateway's own HTTP server, to its GraphQL endpoint's path: the build's entry point writes
 * the code cache after the first GraphQL answer of that server, not after the first answer of any
 * server in the process (in demo mode the simulators answer first, halfway through the request) or
 * after a health probe (which runs little of what a query runs).
 */
export const GATEWAY_SERVER = Symbol.for('datasource-gateway.server');
