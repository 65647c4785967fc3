import { execFile, spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { once } from 'node:events';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { containerNodeArgs, containerNodeOptions } from '../../bench/lib/gateway.js';
import { CODE_CACHE_DIR } from '../../src/code-cache.js';
import { startOtlpReceiver } from '../support/otlp-receiver.js';
import { useTestRedis } from '../support/redis.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Built once for every test, by `npm run build`'s script, into a folder of the repository that git ignores.
const out = mkdtempSync(join(root, '.dist-test-'));
// Outside the repository: a copy of the build with no node_modules anywhere above it, as in the image.
const alone = mkdtempSync(join(tmpdir(), 'datasource-gateway-dist-'));
/** The code caches the build wrote (the tests' starts under other options add theirs beside them). */
let imageCaches: string[] = [];
beforeAll(async () => {
  // As the image's build: the code cache written under the run stage's options (Dockerfile).
  const { NODE_OPTIONS: _, ...env } = process.env;
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/build.ts', out, `--code-cache=${nodeArgs.join(' ')}`],
    { cwd: root, env: { ...env, ...containerEnv } },
  );
  imageCaches = readdirSync(join(out, CODE_CACHE_DIR));
  cpSync(out, join(alone, 'dist'), { recursive: true });
}, 90_000);
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(alone, { recursive: true, force: true });
});

const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const command = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
/** What the container's command gives node before the entry point. */
const nodeArgs = containerNodeArgs(dockerfile);
const nodeOptions = containerNodeOptions(dockerfile);
const containerEnv: Record<string, string> = nodeOptions ? { NODE_OPTIONS: nodeOptions } : {};

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Runs the built entry point in demo mode, with the container's command and NODE_OPTIONS, until `use` is
 * done, then stops it as the container would.
 */
async function withBuiltGateway(
  options: { entry: string; cwd: string; env?: Record<string, string>; preload?: string; args?: string[] },
  use: (query: (query: string) => Promise<Answer>, url: URL) => Promise<void>,
): Promise<void> {
  const preload = options.preload ? ['--import', options.preload] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...(options.args ?? []), ...preload, options.entry], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      ...containerEnv,
      ...options.env,
    },
  });
  const exited = once(child, 'exit');
  try {
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const listening = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) resolve();
      });
    });
    // A start that fails fails the test at once, with what it printed.
    await Promise.race([listening, exited]);
    if (!output.includes('\n')) {
      throw new Error(
        `the gateway exited before listening (${child.exitCode ?? child.signalCode}): ${errors}`,
      );
    }
    const first = JSON.parse(output.split('\n')[0] ?? '') as { msg: string; url: string };
    expect(first.msg).toContain('DEMO mode');
    const url = new URL(first.url.replace('localhost', '127.0.0.1'));
    const query = (query: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      }).then((r) => r.json() as Promise<Answer>);
    await use(query, url);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

describe('the built gateway, started as the container starts it', () => {
  const shared = useTestRedis('reach from the build');
  it('runs the Dockerfile’s command: demo mode, /health and a query answered', async () => {
    expect(command).toEqual(['node', '--initial-old-space-size=80', 'dist/index.js']);
    await withBuiltGateway({ entry: join(out, 'index.js'), cwd: root }, async (query, url) => {
      expect((await fetch(new URL('/health', url))).status).toBe(200);
      const answer = await query('{ dataSources(first: 1) { totalCount } }');
      expect(answer.data).toEqual({ dataSources: { totalCount: 84 + 80 + 1000 + 180 } });
    });
  }, 60_000);

  it('runs from a folder holding only the build, with no node_modules: simulators, GraphiQL, errors and tracing work', async () => {
    for (let dir = alone; dir !== dirname(dir); dir = dirname(dir)) {
      expect(existsSync(join(dir, 'node_modules')), `node_modules in ${dir}`).toBe(false);
    }
    const receiver = await startOtlpReceiver();
    try {
      // Tracing loads the OpenTelemetry SDK on demand, from its own file of the build.
      const env = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url };
      await withBuiltGateway({ entry: command.at(-1) ?? '', cwd: alone, env }, async (query, url) => {
        // GraphiQL's page: its assets inline, its tabs the operations of examples/, held by the build.
        const graphiql = await fetch(url, { headers: { accept: 'text/html' } }).then((r) => r.text());
        expect(graphiql).toContain('<title>datasource-gateway</title>');
        expect(graphiql).toContain('query PostgresEverywhere');
        expect(graphiql).not.toMatch(/<(script|link)[^>]+(src|href)="(https?:)?\/\//);

        const read = await query('query Catalog { catalogDataSources(first: 2) { totalCount } }');
        expect(read).toEqual({ data: { catalogDataSources: { totalCount: 1000 } } });

        const invalid = await query('{ nope }');
        expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        const badId = await query('{ node(id: "bogus") { id } }');
        expect(badId.data).toEqual({ node: null });
        expect(badId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(badId.errors?.[0]?.message).toContain('is not an id of this API');
      });
      // Spans are flushed when the gateway stops.
      expect(receiver.spans.map((span) => span.name)).toContain('query Catalog');
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('reaches Redis from a folder holding only the build: ioredis loads from its own file when REDIS_URL is set', async (ctx) => {
    const redis = shared.redis;
    if (!redis) return ctx.skip(shared.unavailable);
    const env = { REDIS_URL: redis.url };
    await withBuiltGateway({ entry: command.at(-1) ?? '', cwd: alone, env }, async (_query, url) => {
      // The connection is made in the background at start: /ready says so once it is up.
      let ready: { redis?: { ok: boolean } } = {};
      for (let attempt = 0; attempt < 100 && !ready.redis?.ok; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
        ready = (await fetch(new URL('/ready', url)).then((r) => r.json())) as typeof ready;
      }
      expect(ready.redis).toEqual({ ok: true });
    });
  }, 60_000);

  it('checks JWTs from a folder holding only the build: jose loads from its own file in JWT mode', async () => {
    const secret = 'a-shared-secret-of-at-least-32-characters';
    const env = { GATEWAY_AUTH: 'jwt', GATEWAY_JWT_SECRET: secret };
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'dist-test', exp: Math.floor(Date.now() / 1000) + 600 })}`;
    const token = `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    await withBuiltGateway({ entry: command.at(-1) ?? '', cwd: alone, env }, async (_query, url) => {
      const ask = (authorization?: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ query: '{ catalogDataSources(first: 1) { totalCount } }' }),
        });
      expect((await ask()).status).toBe(401);
      const answer = await ask(`Bearer ${token}`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ data: { catalogDataSources: { totalCount: 1000 } } });
    });
  }, 60_000);

  it('loads only what serving asks of it: no HTTP/2 client, no TLS, no JSON-schema serializer', async () => {
    // Node's own list of the built-in modules a process has loaded, and the CommonJS files it required,
    // written as it exits.
    const loaded = join(out, 'loaded-modules.json');
    const preload = `data:text/javascript,${encodeURIComponent(
      `import { writeFileSync } from 'node:fs'; import { createRequire } from 'node:module';
      process.on('exit', () => writeFileSync(${JSON.stringify(loaded)}, JSON.stringify({
        builtIn: process.moduleLoadList, files: Object.keys(createRequire(${JSON.stringify(join(out, 'index.js'))}).cache),
      })));`,
    )}`;
    await withBuiltGateway({ entry: join(out, 'index.js'), cwd: root, preload }, async (query) => {
      expect((await query('{ dataSources(first: 1) { totalCount } }')).errors).toBeUndefined();
    });
    const { builtIn, files } = JSON.parse(readFileSync(loaded, 'utf8')) as {
      builtIn: string[];
      files: string[];
    };
    expect(builtIn).toContain('NativeModule http');
    // The demo's upstreams and this client speak plain HTTP/1.1: undici loads TLS for an https upstream only.
    expect(builtIn).not.toContain('NativeModule http2');
    expect(builtIn).not.toContain('NativeModule https');
    expect(builtIn).not.toContain('NativeModule tls');
    // Of the build's own files, only the demo's simulators (the bundle itself is compiled as a script).
    expect(files.filter((file) => file.startsWith(out))).toEqual([join(out, 'demo.cjs')]);
  }, 60_000);

  it('serves graphql-jit its JSON serializer from a file of its own, which runs with no node_modules', () => {
    const serializer = createRequire(join(alone, 'dist', 'index.js'))('./fast-json-stringify.cjs') as (
      schema: object,
    ) => (value: unknown) => string;
    const stringify = serializer({ type: 'object', properties: { port: { type: 'integer' } } });
    expect(stringify({ port: 5432 })).toBe('{"port":5432}');
  });

  it('holds its scripts as ASCII, keeping the license notices in files beside them', () => {
    const scripts = readdirSync(out).filter((file) => /\.c?js$/.test(file));
    expect(scripts).toEqual(expect.arrayContaining(['index.js', 'gateway.cjs', 'demo.cjs', 'graphiql.cjs']));
    for (const script of scripts) {
      // One character past Latin-1 and V8 keeps the whole source in memory at two bytes each.
      const outside = /[\u0080-\uffff]/.exec(readFileSync(join(out, script), 'utf8'));
      expect(
        outside &&
          `${script}: ${JSON.stringify(outside.input.slice(outside.index - 40, outside.index + 10))}`,
      ).toBeNull();
    }
    const notices = readFileSync(join(out, 'gateway.cjs.LEGAL.txt'), 'utf8');
    expect(notices).toContain('MIT License');
    expect(readFileSync(join(out, 'gateway.cjs'), 'utf8')).toContain('gateway.cjs.LEGAL.txt');
  });
});

describe('the built gateway’s code cache', () => {
  /** A copy of the build with no code cache, removed after the test. */
  function freshCopy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'datasource-gateway-cache-'));
    cpSync(out, dir, { recursive: true, filter: (file) => !file.includes(`${CODE_CACHE_DIR}`) });
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }
  /** The caches in a copy: name, content and when it was written. */
  function caches(dir: string): Record<string, string> {
    const folder = join(dir, CODE_CACHE_DIR);
    if (!existsSync(folder)) return {};
    return Object.fromEntries(
      readdirSync(folder).map((name) => {
        const file = join(folder, name);
        const content = createHash('sha256').update(readFileSync(file)).digest('hex');
        return [name, `${content} ${statSync(file).mtimeMs}`];
      }),
    );
  }
  /** Starts the copy, asks two queries (the second answered once a cache write after the first is done), stops it. */
  async function serveTwice(dir: string, args: string[] = []): Promise<void> {
    await withBuiltGateway({ entry: join(dir, 'index.js'), cwd: dir, args }, async (query) => {
      expect(await query('{ dataSources(first: 1) { totalCount } }')).toEqual(total);
      expect(await query('{ dataSources(first: 1) { totalCount } }')).toEqual(total);
    });
  }
  const total = { data: { dataSources: { totalCount: 84 + 80 + 1000 + 180 } } };

  it('is read, never rewritten, by the container’s command when the image’s build wrote it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'datasource-gateway-cache-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const folder = join(out, CODE_CACHE_DIR);
    cpSync(out, dir, {
      recursive: true,
      filter: (file) => dirname(file) !== folder || imageCaches.includes(basename(file)),
    });
    const primed = caches(dir);
    expect(Object.keys(primed)).toHaveLength(1);
    await serveTwice(dir);
    // A cache V8 refused would have been written again after the first answer.
    expect(caches(dir)).toEqual(primed);
  }, 60_000);

  it('is written after the first answer, then read by every start with the same options, never rewritten', async () => {
    const dir = freshCopy();
    expect(caches(dir)).toEqual({});
    await serveTwice(dir);
    const written = caches(dir);
    expect(Object.keys(written)).toHaveLength(1);
    // V8 took it: a cache it refuses is written again after the first answer.
    await serveTwice(dir);
    expect(caches(dir)).toEqual(written);

    // Other Node options make another cache, beside the first (V8 takes a cache only under its own).
    await serveTwice(dir, ['--stack-size=900']);
    const both = caches(dir);
    expect(Object.keys(both)).toHaveLength(2);
    expect(both).toMatchObject(written);
  }, 60_000);

  it('is written after the first GraphQL answer, not after a probe of the gateway or an answer of another server', async () => {
    const dir = freshCopy();
    await withBuiltGateway({ entry: join(dir, 'index.js'), cwd: dir }, async (query, url) => {
      // /ready asks each provider's upstream, here the demo's simulators, servers of the same process.
      for (const path of ['/health', '/ready', '/health']) {
        expect((await fetch(new URL(path, url))).status).toBe(200);
      }
      expect(caches(dir)).toEqual({});
      expect(await query('{ dataSources(first: 1) { totalCount } }')).toEqual(total);
      expect(await query('{ dataSources(first: 1) { totalCount } }')).toEqual(total);
      expect(Object.keys(caches(dir))).toHaveLength(1);
    });
  }, 60_000);

  it('starts and answers when its cache is damaged, and writes a good one in its place', async () => {
    const dir = freshCopy();
    await serveTwice(dir);
    const [name] = Object.keys(caches(dir));
    const file = join(dir, CODE_CACHE_DIR, name ?? '');
    const good = readFileSync(file);
    // Cut short, garbage of the right length, and bytes flipped in its body, which V8 would take (it
    // checks a cache's header) and run.
    const middle = good.length >> 1;
    const flipped = Buffer.concat([
      good.subarray(0, middle),
      good.subarray(middle, middle + 64).map((byte) => byte ^ 0xff),
      good.subarray(middle + 64),
    ]);
    for (const damaged of [good.subarray(0, middle), Buffer.alloc(good.length, 0x5a), flipped]) {
      writeFileSync(file, damaged);
      await serveTwice(dir);
      expect(readFileSync(file).equals(damaged)).toBe(false);
      expect(Object.keys(caches(dir))).toEqual([name]);
    }
  }, 60_000);

  it('starts and answers where no cache can be written', async () => {
    const dir = freshCopy();
    // A file where the folder would be: nothing can be made under it, by any user.
    writeFileSync(join(dir, CODE_CACHE_DIR), 'not a folder');
    await serveTwice(dir);
    expect(readFileSync(join(dir, CODE_CACHE_DIR), 'utf8')).toBe('not a folder');
  }, 60_000);

  it('leaves no half-written file when the cache cannot be put in place', async () => {
    const dir = freshCopy();
    await serveTwice(dir);
    const [name = ''] = Object.keys(caches(dir));
    const folder = join(dir, CODE_CACHE_DIR);
    // A folder where the cache goes: it is written beside it, and cannot be renamed over it.
    rmSync(join(folder, name));
    mkdirSync(join(folder, name));
    await serveTwice(dir);
    expect(readdirSync(folder)).toEqual([name]);
    expect(statSync(join(folder, name)).isDirectory()).toBe(true);
  }, 60_000);

  it('removes files a start that died while writing left behind, once they are a minute old', async () => {
    const dir = freshCopy();
    const folder = join(dir, CODE_CACHE_DIR);
    mkdirSync(folder);
    const abandoned = join(folder, 'abandoned.bin.1.partial');
    const writing = join(folder, 'writing.bin.2.partial');
    writeFileSync(abandoned, 'cut short');
    writeFileSync(writing, 'being written');
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    utimesSync(abandoned, twoMinutesAgo, twoMinutesAgo);
    await serveTwice(dir);
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(writing)).toBe(true);
    expect(readdirSync(folder).filter((name) => name.endsWith('.bin'))).toHaveLength(1);
  }, 60_000);

  it('is left alone with source maps on: Node maps stack traces only for the bundle its loader requires', async () => {
    const dir = freshCopy();
    await serveTwice(dir, ['--enable-source-maps']);
    expect(caches(dir)).toEqual({});
  }, 60_000);

  it('is written by the image’s build under the options its command runs the gateway with', () => {
    // The build stage's NODE_OPTIONS and --code-cache options are the run stage's NODE_OPTIONS and command.
    const [buildStage = '', runStage = ''] = dockerfile.split(/^FROM .* AS build$|^FROM /m).slice(1);
    expect(containerNodeOptions(buildStage)).toBeDefined();
    expect(containerNodeOptions(buildStage)).toBe(containerNodeOptions(runStage));
    expect(/^RUN npm run build -- --code-cache=(.*)$/m.exec(buildStage)?.[1]?.split(' ')).toEqual(nodeArgs);
  });
});
