import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type OnResolveArgs, type Plugin, type PluginBuild } from 'esbuild';
import { CODE_CACHE_DIR } from '../src/code-cache.js';
import { readExamples } from '../src/examples.js';

/**
 * Bundles the gateway for `node <out>/index.js` (`npm run build`, default out: dist): Node then reads a few
 * files at start-up instead of ~1,200 package files. Every dependency is bundled, none left external: all
 * are plain JavaScript (no native addons), so the folder runs with no node_modules and the container's run
 * stage copies only it (test/e2e/dist.test.ts runs such a copy). No type check here; that is `npm run check`.
 *
 * `--code-cache[=<node options>]` then starts the build once, in demo mode and with those options before
 * the entry point (and this process's NODE_OPTIONS), asks it one query and stops it: it leaves V8's code
 * cache of the bundle in the build (src/dist-entry.ts), which V8 takes only under the same options.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags, positionals } = parseArgs({
  options: { 'code-cache': { type: 'string' } },
  allowPositionals: true,
});
const out = resolve(root, positionals[0] ?? 'dist');
if (relative(out, root) === '' || !relative(out, root).startsWith('..')) {
  throw new Error(`build: refusing to empty ${out}, which holds the repository`);
}

// tracing.ts loads these with createRequire, only once tracing is on. esbuild leaves such calls to Node, which
// would look for node_modules; so they go into a file of their own that the same call loads on demand.
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const onDemand = Object.keys(packageJson.dependencies).filter((name) => name.startsWith('@opentelemetry/'));
const onDemandFile = 'opentelemetry.cjs';

/** Gives our own code a `createRequire` whose require serves the on-demand packages from `onDemandFile`. */
const requireOnDemand: Plugin = {
  name: 'require-on-demand',
  setup(build) {
    build.onResolve({ filter: /^node:module$/ }, (args) =>
      args.importer.startsWith(join(root, 'src/'))
        ? { path: 'node:module', namespace: 'on-demand' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'on-demand' }, () => ({
      contents: `
        import { createRequire as nodeCreateRequire } from 'node:module';
        export * from 'node:module';
        const onDemand = new Set(${JSON.stringify(onDemand)});
        export function createRequire(url) {
          const require = nodeCreateRequire(url);
          return (id) => (onDemand.has(id) ? require('./${onDemandFile}')[id] : require(id));
        }`,
      resolveDir: root,
    }));
  },
};

/** GraphiQL's tabs are the operations of examples/: the bundle holds them, as read now, instead of the folder. */
const examplesModule = join(root, 'src/examples.ts');
const embedExamples: Plugin = {
  name: 'embed-examples',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]examples\.ts$/ }, (args) =>
      args.path === examplesModule
        ? {
            contents: `export function readExamples() { return ${JSON.stringify(readExamples())}; }`,
            loader: 'js',
          }
        : undefined,
    );
  },
};

/** Where esbuild would resolve an import without `plugin`, whose hook passes what carries it as pluginData. */
function resolveAsUsual(build: PluginBuild, args: OnResolveArgs, plugin: Plugin) {
  return build.resolve(args.path, {
    kind: args.kind,
    importer: args.importer,
    resolveDir: args.resolveDir,
    pluginData: plugin,
  });
}

/**
 * graphql ships each module twice, CommonJS (`main`) and ESM (`.mjs`, `module`); on Node esbuild takes `main`.
 * Imported from ~50 of our modules as CommonJS, every one of them copied graphql's ~350 exports into an
 * object of its own at start-up (esbuild's interop), and each call went through two getters. Its ESM files
 * are the same code: imports and requires alike resolve to them, so the bundle holds one graphql, as ESM.
 */
const graphqlAsEsm: Plugin = {
  name: 'graphql-as-esm',
  setup(build) {
    build.onResolve({ filter: /^graphql(\/.*)?$/ }, async (args) => {
      if (args.pluginData === graphqlAsEsm) return undefined;
      const resolved = await resolveAsUsual(build, args, graphqlAsEsm);
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      const esm = resolved.path.replace(/\.js$/, '.mjs');
      const path = existsSync(esm) ? esm : resolved.path;
      // A CommonJS `require` of an ES module gets a copy of its exports made at each call site (~20 of
      // graphql's, ~350 getters each); through one CommonJS module of our own, it is made once.
      // (Named .cjs: esbuild takes a `.mjs` path for an ES module.)
      return args.kind === 'require-call'
        ? { path: `${relative(root, path)}.cjs`, namespace: 'graphql-required', pluginData: path }
        : { path };
    });
    build.onLoad({ filter: /.*/, namespace: 'graphql-required' }, (args) => ({
      // Plain properties, as graphql's own CommonJS files have them: no getter at each use.
      contents: `module.exports = Object.assign({ __esModule: true }, require(${JSON.stringify(args.pluginData)}));`,
      resolveDir: root,
    }));
  },
};

/**
 * Modules that dependencies load when they load, for work the gateway never or rarely asks of them: each
 * is bundled as it is, but behind a stand-in that loads it on first use, so a start does not parse and
 * run it, nor the Node modules it loads. A `function` stand-in loads it on its first call (or `new`); an
 * `object` one on the first read of one of its properties.
 * - undici's HTTP/2 client (and `node:http2`) runs only for an upstream that negotiates HTTP/2, which the
 *   pools never offer; prom-client's Pushgateway only for a push the gateway never makes;
 *   fast-json-stringify (and its schema validator) only for graphql-jit's `customJSONSerializer`, which
 *   the gateway leaves off.
 * - The fetch that the server's Request and Response classes come with reads `node:https` and `node:tls`
 *   only to fetch an https URL itself, which the gateway never asks it to (~7 ms of a start, `node:tls`
 *   with its secure contexts).
 */
const lazyModules = [
  {
    specifier: './client-h2.js',
    importer: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/,
    shape: 'function',
  },
  { specifier: './lib/pushgateway', importer: /[\\/]prom-client[\\/]index\.js$/, shape: 'function' },
  {
    specifier: 'fast-json-stringify',
    importer: /[\\/]graphql-jit[\\/]dist[\\/]execution\.js$/,
    shape: 'function',
    // With its schema validator, ~200 KB that a start would parse: bundled into a file of its own.
    file: 'fast-json-stringify.cjs',
  },
  { specifier: 'node:https', importer: /[\\/]@whatwg-node[\\/]node-fetch[\\/]/, shape: 'object' },
  { specifier: 'node:tls', importer: /[\\/]@whatwg-node[\\/]node-fetch[\\/]/, shape: 'object' },
] as const;
type LazyModule = (typeof lazyModules)[number] & { file?: string };

/** The stand-in's code: `load` gives the real module the first time it is needed. */
const standIns: Record<LazyModule['shape'], string> = {
  function: `
    module.exports = function onFirstUse(...args) {
      return new.target ? Reflect.construct(load(), args) : load().apply(this, args);
    };`,
  object: `
    module.exports = new Proxy({}, {
      get: (_, key) => load()[key],
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor(_, key) {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    });`,
};

const loadOnFirstUse: Plugin = {
  name: 'load-on-first-use',
  setup(build) {
    const escaped = lazyModules.map((m) => m.specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${escaped.join('|')})$`) }, async (args) => {
      if (args.pluginData === loadOnFirstUse) return undefined;
      const lazy = lazyModules.find((m) => m.specifier === args.path && m.importer.test(args.importer));
      if (!lazy) return undefined;
      // A Node module stays Node's, and one with a file of its own is in that file: the stand-in requires either.
      if (lazy.specifier.startsWith('node:') || 'file' in lazy)
        return { path: lazy.specifier, namespace: 'on-first-use', pluginData: lazy };
      const resolved = await resolveAsUsual(build, args, loadOnFirstUse);
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: `./${relative(root, resolved.path)}`, namespace: 'on-first-use', pluginData: lazy };
    });
    build.onLoad({ filter: /.*/, namespace: 'on-first-use' }, (args) => {
      const lazy = args.pluginData as LazyModule;
      // Node's require, not esbuild's: an indirect call is left as it is (the banner below makes one).
      const load = lazy.file
        ? `const nodeRequire = require; const load = () => (loaded ??= nodeRequire('./${lazy.file}'));`
        : `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`;
      return {
        contents: `let loaded; ${load} ${standIns[lazy.shape]}`,
        // The real module, required by its path from the repository's root, is bundled as it is.
        resolveDir: root,
      };
    });
  },
};

/**
 * What the gateway imports with `import()`, only when a feature asks for it: the demo's simulators, jose
 * (JWT auth), ioredis (REDIS_URL) and GraphiQL's page (~9 MB). Each is bundled into a CommonJS file of its
 * own, which the import requires when it runs. (The bundle is compiled as a script, see below, and a
 * script's `import()` needs an experimental part of Node.)
 */
const ownFiles: Readonly<Record<string, { entry: string; file: string }>> = {
  './sandbox/demo.js': { entry: 'src/sandbox/demo.ts', file: 'demo.cjs' },
  jose: { entry: 'jose', file: 'jose.cjs' },
  ioredis: { entry: 'ioredis', file: 'ioredis.cjs' },
  '@graphql-yoga/render-graphiql': { entry: '@graphql-yoga/render-graphiql', file: 'graphiql.cjs' },
};

const requireOwnFile: Plugin = {
  name: 'require-own-file',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const own = args.kind === 'dynamic-import' ? ownFiles[args.path] : undefined;
      return own && { path: own.file, namespace: 'own-file' };
    });
    build.onLoad({ filter: /.*/, namespace: 'own-file' }, (args) => ({
      // Node's require, not esbuild's: an indirect call is left as it is.
      contents: `const nodeRequire = require; module.exports = nodeRequire('./${args.path}');`,
      resolveDir: root,
    }));
  },
};

rmSync(out, { recursive: true, force: true });
const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // V8 keeps each script's source in the heap for as long as the process runs, and stores all of it
  // two bytes a character if one character is outside Latin-1: the comments of a few dependencies
  // (and the license notices gathered at the end) made the bundle 8.9 MB of heap instead of 3. No
  // whitespace or comments means ASCII only; the notices go to <file>.LEGAL.txt beside each file.
  // Names stay as written, so stack traces still name their functions; the source maps give lines.
  minifyWhitespace: true,
  legalComments: 'linked',
  logLevel: 'warning',
} as const;
/**
 * CommonJS, strict as ES modules are (our code and every dependency ran as ES modules until the bundle
 * was compiled as a script), and with the `import.meta.url` of the file our own code runs from.
 */
const commonJs = {
  format: 'cjs',
  define: { 'import.meta.url': '__importMetaUrl' },
} as const;
const strictWithUrl = '"use strict";var __importMetaUrl=require("node:url").pathToFileURL(__filename).href;';

// The gateway, as a CommonJS module that dist-entry.ts (index.js) compiles with V8's code cache.
await build({
  ...shared,
  ...commonJs,
  entryPoints: ['src/index.ts'],
  absWorkingDir: root,
  outfile: join(out, 'gateway.cjs'),
  banner: { js: strictWithUrl },
  plugins: [requireOwnFile, requireOnDemand, embedExamples, graphqlAsEsm, loadOnFirstUse],
});
// dist-entry.ts reads it as Latin-1, which is the same text only while every byte is ASCII.
const outsideAscii = readFileSync(join(out, 'gateway.cjs')).findIndex((byte) => byte > 0x7f);
if (outsideAscii >= 0) throw new Error(`build: gateway.cjs holds a byte outside ASCII at ${outsideAscii}`);
await build({
  ...shared,
  entryPoints: ['src/dist-entry.ts'],
  absWorkingDir: root,
  outfile: join(out, 'index.js'),
  format: 'esm',
});
for (const { entry, file } of Object.values(ownFiles)) {
  await build({
    ...shared,
    ...commonJs,
    entryPoints: [entry],
    absWorkingDir: root,
    outfile: join(out, file),
    banner: { js: strictWithUrl },
    plugins: [graphqlAsEsm],
  });
}
await build({
  ...shared,
  stdin: {
    contents: `module.exports = {${onDemand.map((name) => `${JSON.stringify(name)}: require(${JSON.stringify(name)})`).join(', ')}};`,
    resolveDir: root,
    sourcefile: 'opentelemetry.js',
  },
  outfile: join(out, onDemandFile),
  format: 'cjs',
});
for (const lazy of lazyModules as readonly LazyModule[]) {
  if (!lazy.file) continue;
  await build({
    ...shared,
    stdin: { contents: `module.exports = require(${JSON.stringify(lazy.specifier)});`, resolveDir: root },
    outfile: join(out, lazy.file),
    format: 'cjs',
  });
}
// The entry point is an ES module wherever the folder is copied, with or without a package.json above it.
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);

// The demo simulators read their providers' OpenAPI documents at run time (src/sandbox/kit/contract-file.ts).
const providers = join(root, 'src/providers');
for (const provider of readdirSync(providers)) {
  const document = join(providers, provider, 'openapi.yaml');
  if (!existsSync(document)) continue;
  mkdirSync(join(out, 'providers', provider), { recursive: true });
  cpSync(document, join(out, 'providers', provider, 'openapi.yaml'));
}
console.log(`built ${relative(process.cwd(), out) || '.'}`);

if (flags['code-cache'] !== undefined) {
  await writeCodeCache(flags['code-cache'].split(' ').filter(Boolean));
  console.log(`wrote ${relative(process.cwd(), join(out, CODE_CACHE_DIR)) || '.'}`);
}

/**
 * Starts the build in demo mode (no upstream in its environment), asks it one query across the four
 * providers and waits for the code cache it writes after answering; then stops it.
 */
async function writeCodeCache(nodeOptions: string[]): Promise<void> {
  const child = spawn(process.execPath, [...nodeOptions, join(out, 'index.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      WORKERS: '1',
      GATEWAY_AUTH: 'none',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  try {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const until = Date.now() + 60_000;
    while (!output.includes('\n')) {
      if (child.exitCode !== null || Date.now() > until) throw new Error('build: the gateway did not start');
      await sleep(20);
    }
    const { url } = JSON.parse(output.slice(0, output.indexOf('\n'))) as { url: string };
    const response = await fetch(url.replace('localhost', '127.0.0.1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(Math.max(until - Date.now(), 1)),
      body: JSON.stringify({
        query:
          '{ dataSources(first: 4) { totalCount edges { cursor node { id name provider vendor host port } } } }',
      }),
    });
    const answer = (await response.json()) as { errors?: unknown[] };
    if (!response.ok || answer.errors) throw new Error(`build: the gateway answered ${response.status}`);
    const cache = join(out, CODE_CACHE_DIR);
    while (!existsSync(cache) || !readdirSync(cache).some((name) => name.endsWith('.bin'))) {
      if (child.exitCode !== null || Date.now() > until) throw new Error('build: no code cache was written');
      await sleep(20);
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
