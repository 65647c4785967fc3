// First: the flags are part of what V8 checks a code cache against, so they are set before compiling.
import './v8-flags.js';
import { createHash, randomUUID } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { CODE_CACHE_DIR, GATEWAY_SERVER } from './code-cache.js';

/**
 * The entry point of the build (`node dist/index.js`): it runs the gateway's bundle, the CommonJS module
 * `gateway.cjs`, with V8's code cache.
 *
 * Compiling the 2.2 MB bundle at every start, and then each function the start and the first request
 * call, was a fifth of a cold start. Node 20 keeps no code cache for modules, so the bundle is compiled
 * here as a script, in the function Node wraps a CommonJS module in, and V8 writes and reads that
 * script's cache: a start that finds a cache V8 accepts compiles almost nothing. V8 accepts a cache made
 * by the same V8 under the same flags for a source of the same length; so that a changed bundle never
 * meets an old cache, the file's name holds a hash of the source with Node's version and options.
 * `npm run build -- --code-cache=<node options>` writes one by starting the build once (the container's
 * image ships it); a start that finds none, or one V8 refuses, writes its own after its first GraphQL
 * answer where it can (not in the image, whose folder its user may not write to).
 *
 * Node maps stack traces through source maps (`--enable-source-maps`) only for what its module loader
 * compiled: with them on, the bundle is required as it is, without a cache.
 */
const bundleUrl = new URL('./gateway.cjs', import.meta.url);
const bundle = fileURLToPath(bundleUrl);
const cacheDir = join(dirname(bundle), CODE_CACHE_DIR);
/** Caches kept for other sources or options (a profiled run, another heap limit), the newest first. */
const KEEP = 4;
/** A file being written that is older than this was left by a process that died writing it. */
const ABANDONED_MS = 60_000;
/**
 * Each cache file starts with a SHA-256 of the cache after it. V8 checks a cache's header (its version,
 * flags and the source's length) but, outside debug builds, not its body: a file damaged on disk would
 * run as compiled code at every start.
 */
const DIGEST_BYTES = 32;

if (process.sourceMapsEnabled) {
  createRequire(import.meta.url)(bundle);
} else {
  runWithCodeCache();
}

function runWithCodeCache(): void {
  // ASCII only (scripts/build.ts refuses a bundle with any other byte): read as Latin-1, which copies
  // the bytes as they are (twice as fast as UTF-8 here), and hashed as read.
  const bytes = readFileSync(bundle);
  const source = bytes.toString('latin1');
  const key = createHash('sha256')
    .update(bytes)
    .update(JSON.stringify([process.version, process.arch, process.execArgv, nodeOptions()]))
    .digest('hex')
    .slice(0, 32);
  const cacheFile = join(cacheDir, `${key}.bin`);
  const cachedData = readCache(cacheFile);
  // Node's wrapper on a line of its own, which lineOffset takes back: stack traces and profiles give the
  // file's own lines and columns.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
    filename: bundleUrl.href,
    lineOffset: -1,
    cachedData,
  });
  if (script.cachedDataRejected !== false && mayWrite()) writeAfterFirstAnswer(script, cacheFile);
  const run = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  run(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}

/** The cache in `file` if there is one and it is whole; V8 still checks that it is its own. */
function readCache(file: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined; // None yet: this start compiles the bundle and writes one.
  }
  const cache = data.subarray(DIGEST_BYTES);
  const digest = createHash('sha256').update(cache).digest();
  return data.length > DIGEST_BYTES && digest.equals(data.subarray(0, DIGEST_BYTES)) ? cache : undefined;
}

/**
 * Whether a cache could be written here: where it cannot (the image's folder, owned by another user),
 * a start does not serialize one only to fail at writing it.
 */
function mayWrite(): boolean {
  try {
    accessSync(existsSync(cacheDir) ? cacheDir : dirname(cacheDir), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the cache once the gateway's first GraphQL answer has gone out: by then V8 has compiled what a
 * start and a query run, and the cache holds all of it. Written to a file of its own, then renamed into
 * place, so that a worker starting meanwhile reads a whole cache or none.
 */
function writeAfterFirstAnswer(script: Script, cacheFile: string): void {
  const channel = 'http.server.response.finish';
  const onFinish = (message: unknown) => {
    const { request, server } = message as { request: IncomingMessage; server: Server };
    const endpoint = (server as Server & { [GATEWAY_SERVER]?: string })[GATEWAY_SERVER];
    if (endpoint === undefined || request.url?.split('?', 1)[0] !== endpoint) return;
    unsubscribe(channel, onFinish);
    setImmediate(() => {
      const partial = `${cacheFile}.${randomUUID()}.partial`;
      try {
        const cache = script.createCachedData();
        mkdirSync(cacheDir, { recursive: true });
        const fd = openSync(partial, 'wx');
        try {
          writeFileSync(fd, Buffer.concat([createHash('sha256').update(cache).digest(), cache]));
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(partial, cacheFile);
        pruneOthers();
      } catch {
        // A folder the process may not write to, or a full disk: it starts without a cache, and leaves
        // no half-written file behind.
        try {
          rmSync(partial, { force: true });
        } catch {
          // Nothing was written.
        }
      }
    });
  };
  subscribe(channel, onFinish);
}

/** NODE_OPTIONS as Node reads it: one option apart from how it is spaced. */
function nodeOptions(): string[] {
  return (process.env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
}

/** Keeps the newest caches, and removes files left by a process that died writing one. */
function pruneOthers(): void {
  const now = Date.now();
  const files = readdirSync(cacheDir).flatMap((name) => {
    const file = join(cacheDir, name);
    // Gone meanwhile: another worker renamed or removed it.
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats ? [{ name, file, at: stats.mtimeMs }] : [];
  });
  const caches = files.filter(({ name }) => name.endsWith('.bin')).sort((a, b) => b.at - a.at);
  for (const { file } of caches.slice(KEEP)) rmSync(file, { force: true });
  for (const { name, file, at } of files) {
    if (name.endsWith('.partial') && now - at > ABANDONED_MS) rmSync(file, { force: true });
  }
}
