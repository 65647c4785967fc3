import type { Pool as UndiciPool, errors as undiciErrors } from 'undici';
import errorClasses from 'undici/lib/core/errors.js';
import PoolClass from 'undici/lib/dispatcher/pool.js';

/**
 * The parts of undici the upstream calls use: its connection pool, which they dispatch to with a
 * handler of their own (see bounds.ts), and its error classes. undici's index also loads fetch,
 * WebSocket, caches, mocks, proxies and the request methods built on dispatch, a fifth of the bundle
 * that Node would parse and run at every start for nothing.
 */
export const Pool = PoolClass as typeof UndiciPool;
export type Pool = UndiciPool;
export const errors = errorClasses as typeof undiciErrors;
