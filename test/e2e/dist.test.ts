import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver } from '../support/otlp-receiver.js';
import { useTestRedis } from '../support/redis.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Built once for every test, by `npm run build`'s script, into a folder of the repository that git ignores.
const out = mkdtempSync(join(root, '.dist-test-'));
// Outside the repository: a copy of the build with no node_modules anywhere above it, as in the image.
const alone = mkdtempSync(join(tmpdir(), 'datasource-gateway-dist-'));
beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/build.ts', out], { cwd: root });
  cpSync(out, join(alone, 'dist'), { recursive: true });
}, 60_000);
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(alone, { recursive: true, force: true });
});

const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const command = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
/** What the container's command gives node before the entry point. */
const nodeArgs = command.slice(1, -1);

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Runs the built entry point in demo mode until `use` is done, then stops it as the container would. */
async function withBuiltGateway(
  options: { entry: string; cwd: string; env?: Record<string, string>; preload?: string },
  use: (query: (query: string) => Promise<Answer>, url: URL) => Promise<void>,
): Promise<void> {
  const preload = options.preload ? ['--import', options.preload] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...preload, options.entry], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      ...options.env,
    },
  });
  try {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    while (!output.includes('\n')) await once(child.stdout, 'data');
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
    await once(child, 'exit');
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

  it('reaches Redis from a folder holding only the build: ioredis loads from its own chunk when REDIS_URL is set', async (ctx) => {
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
    expect(files.filter((file) => file.startsWith(out))).toEqual([]);
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
    expect(scripts).toContain('index.js');
    for (const script of scripts) {
      // One character past Latin-1 and V8 keeps the whole source in memory at two bytes each.
      const outside = /[\u0080-\uffff]/.exec(readFileSync(join(out, script), 'utf8'));
      expect(
        outside &&
          `${script}: ${JSON.stringify(outside.input.slice(outside.index - 40, outside.index + 10))}`,
      ).toBeNull();
    }
    const notices = readFileSync(join(out, 'index.js.LEGAL.txt'), 'utf8');
    expect(notices).toContain('MIT License');
    expect(readFileSync(join(out, 'index.js'), 'utf8')).toContain('index.js.LEGAL.txt');
  });
});
