import type { Pool as UndiciPool, errors as undiciErrors } from 'undici';
import api from 'undici/lib/api/index.js';
import errorClasses from 'undici/lib/core/errors.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import PoolClass from 'undici/lib/dispatcher/pool.js';

/**
 * The parts of undici the upstream calls use: its connection pool and its error classes. undici's
 * index also loads fetch, WebSocket, caches, mocks and proxies, a fifth of the bundle that Node
 * would parse and run at every start for nothing. The index gives every dispatcher its
 * request methods; so does this module (the same files: a process loading both gets one set).
 */
Object.assign((Dispatcher as { prototype: object }).prototype, api);

export const Pool = PoolClass as typeof UndiciPool;
export type Pool = UndiciPool;
export const errors = errorClasses as typeof undiciErrors;
