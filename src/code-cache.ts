/** The folder of the build, beside its bundle, that holds V8's code caches of it (src/dist-entry.ts). */
export const CODE_CACHE_DIR = 'code-cache';
