import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  MemoryBudget,
  MemoryConcurrency,
  type UpstreamCallEvent,
  type UpstreamErrorDetail,
  type UpstreamFailureEvent,
  UpstreamHttp,
  type UpstreamHttpOptions,
  type UpstreamTracer,
} from '../../src/gateway/upstream/index.js';

/** One request as the upstream below received it. */
interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the upstream answers the next requests: a status, headers and a body sent as it is. */
type Answer = (received: Received, res: ServerResponse) => void;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

let received: Received[] = [];
let answer: Answer = json(200, { ok: true });
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const one = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(one);
      answer(one, res);
    });
  });
  // Idle connections stay open a minute on this side: only the client ends them sooner.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
});

let open: UpstreamHttp[] = [];
afterEach(async () => {
  await Promise.all(open.map((http) => http.close()));
  open = [];
  received = [];
  answer = json(200, { ok: true });
});

const describeError = (status: number, body: unknown): UpstreamErrorDetail => {
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? { code: `E${status}`, message } : {};
};

function upstream(options: Partial<UpstreamHttpOptions> = {}): UpstreamHttp {
  const http = new UpstreamHttp({
    provider: 'testing',
    baseUrl: origin,
    describeError,
    resilience: { attempts: 1 },
    ...options,
  });
  open.push(http);
  return http;
}

/** What onFailure is told of a GET refused as busy before it was sent. */
function busyAndNotSent(operation: string) {
  return { provider: 'testing', operation, method: 'GET', kind: 'busy', status: undefined, durationMs: 0 };
}

describe('a call sent upstream', () => {
  it('goes below the base URL’s path, with its query, asking for JSON and carrying the headers given', async () => {
    const http = upstream({
      baseUrl: `${origin}/api/v2//`,
      defaultHeaders: { 'x-version': '2', 'x-app': 'gw' },
    });

    const answered = await http.request<{ ok: boolean }>({
      method: 'GET',
      path: '/things/7',
      operation: 'getThing',
      query: { expand: ['a', 'b'], limit: 5 },
      headers: { 'x-version': '3', authorization: 'Bearer t' },
    });

    expect(answered).toMatchObject({ status: 200, data: { ok: true } });
    expect(answered.headers['content-type']).toBe('application/json');
    expect(received).toHaveLength(1);
    const [call] = received;
    expect(call?.method).toBe('GET');
    expect(call?.url).toBe('/api/v2/things/7?expand=a&expand=b&limit=5');
    expect(call?.headers).toMatchObject({ accept: 'application/json', 'x-version': '3', 'x-app': 'gw' });
    expect(call?.headers.authorization).toBe('Bearer t');
    expect(call?.headers['content-type']).toBeUndefined();
    expect(call?.body).toBe('');
  });

  it('sends a JSON body as JSON', async () => {
    await upstream().request({
      method: 'POST',
      path: '/things',
      operation: 'createThing',
      json: { name: 'a b' },
    });

    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ name: 'a b' });
  });

  it('sends a form as a URL-encoded body', async () => {
    await upstream().request({
      method: 'POST',
      path: '/token',
      operation: 'login',
      form: { grant_type: 'client_credentials', scope: 'read write' },
    });

    expect(received[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(received[0]?.body).toBe('grant_type=client_credentials&scope=read+write');
  });

  it('goes to the root when the base URL has no path', async () => {
    await upstream({ baseUrl: `${origin}/` }).request({
      method: 'DELETE',
      path: '/things/7',
      operation: 'deleteThing',
    });

    expect(received[0]).toMatchObject({ method: 'DELETE', url: '/things/7' });
  });

  it('leaves a query’s unset values out, and the query itself when none is set', async () => {
    const http = upstream();
    await http.request({
      method: 'GET',
      path: '/things',
      operation: 'listThings',
      query: { after: undefined, name: null, ids: [3, 'x'], empty: [], all: true },
    });
    await http.request({
      method: 'GET',
      path: '/things',
      operation: 'listThings',
      query: { after: undefined, name: null },
    });

    expect(received.map((call) => call.url)).toEqual(['/things?ids=3&ids=x&all=true', '/things']);
  });
});

describe('an answer', () => {
  it('of any 2xx status is read', async () => {
    answer = json(299, { ok: 'still' });

    await expect(upstream().request({ method: 'GET', path: '/x', operation: 'getX' })).resolves.toMatchObject(
      {
        status: 299,
        data: { ok: 'still' },
      },
    );
  });

  it.each([300, 399, 404, 500])('of status %i fails as http, described from its body', async (status) => {
    answer = json(status, { message: 'no such thing' }, { 'retry-after': '3' });
    const failures: UpstreamFailureEvent[] = [];

    const before = performance.now();
    const call = upstream({ onFailure: (event) => failures.push(event) }).request({
      method: 'GET',
      path: '/x',
      operation: 'getX',
    });

    await expect(call).rejects.toMatchObject({
      kind: 'http',
      status,
      provider: 'testing',
      operation: 'getX',
      upstreamCode: `E${status}`,
      retryAfterSeconds: 3,
    });
    const took = performance.now() - before;
    expect(failures).toEqual([
      {
        provider: 'testing',
        operation: 'getX',
        method: 'GET',
        kind: 'http',
        status,
        durationMs: expect.any(Number),
      },
    ]);
    // The time the call took: no more than the time around it.
    expect(failures[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(failures[0]?.durationMs).toBeLessThanOrEqual(took);
  });

  it('of an error status whose body is not JSON fails as http with nothing read from it', async () => {
    answer = (_, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    };
    const bodies: unknown[] = [];
    const http = upstream({
      describeError: (status, body) => {
        bodies.push(body);
        return describeError(status, body);
      },
    });

    const failed = await http
      .request({ method: 'GET', path: '/x', operation: 'getX' })
      .catch((e: unknown) => e);

    expect(failed).toMatchObject({ kind: 'http', status: 502 });
    expect(failed).toMatchObject({ upstreamCode: undefined, upstreamMessage: undefined });
    expect(bodies).toEqual([]);
  });

  it('of 200 that is not JSON fails as malformed', async () => {
    answer = (_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok": tru');
    };

    await expect(upstream().request({ method: 'GET', path: '/x', operation: 'getX' })).rejects.toMatchObject({
      kind: 'malformed',
      status: 200,
    });
  });

  it('larger than the bound fails as too large, with its status and the bound', async () => {
    answer = json(200, { text: 'x'.repeat(2_000) });

    await expect(
      upstream({ maxBodyBytes: 1_000 }).request({ method: 'GET', path: '/x', operation: 'getX' }),
    ).rejects.toMatchObject({ kind: 'too-large', status: 200, limitBytes: 1_000 });
  });

  it('is told to onResponse once, with its status, its body when JSON, and the tag of the request it was for', async () => {
    const events: UpstreamCallEvent[] = [];
    const http = upstream({ onResponse: (event) => events.push(event) });
    const tag = {};
    const tagged = http.forRequest(tag);

    const before = performance.now();
    await tagged.request({ method: 'GET', path: '/x', operation: 'getX' });
    const took = performance.now() - before;
    answer = (_, res) => {
      res.writeHead(503);
      res.end('down');
    };
    await http.request({ method: 'PATCH', path: '/x', operation: 'patchX', json: {} }).catch(() => undefined);

    expect(events).toEqual([
      expect.objectContaining({
        provider: 'testing',
        operation: 'getX',
        method: 'GET',
        status: 200,
        body: { ok: true },
      }),
      expect.objectContaining({
        provider: 'testing',
        operation: 'patchX',
        method: 'PATCH',
        status: 503,
        body: undefined,
      }),
    ]);
    expect(events[0]?.tag).toBe(tag);
    expect(events[1]?.tag).toBeUndefined();
    expect(events[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(events[0]?.durationMs).toBeLessThanOrEqual(took);
  });
});

/** Sends `parts` one by one, each after the last has gone out, so the gateway reads them as separate chunks. */
function inPieces(res: ServerResponse, parts: readonly (string | Buffer)[]): void {
  const [first, ...rest] = parts;
  if (first === undefined) {
    res.end();
    return;
  }
  res.write(first, () => setTimeout(() => inPieces(res, rest), 20));
}

const bom = '\uFEFF';

describe('an answer’s body', () => {
  it.each([
    [
      'with its length declared',
      (res: ServerResponse, text: string) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      },
    ],
    [
      'chunked in several pieces',
      (res: ServerResponse, text: string) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const bytes = Buffer.from(text);
        // The é of "café" split between two chunks.
        const cut = bytes.indexOf(0xa9);
        inPieces(res, [bytes.subarray(0, 5), bytes.subarray(5, cut), bytes.subarray(cut)]);
      },
    ],
  ])('%s is read whole, a byte-order mark before it dropped', async (_, send) => {
    for (const mark of ['', bom]) {
      answer = (__, res) => send(res, `${mark}{"name":"café","n":[1,2,3]}`);
      await expect(
        upstream().request({ method: 'GET', path: '/x', operation: 'getX' }),
      ).resolves.toMatchObject({
        status: 200,
        data: { name: 'café', n: [1, 2, 3] },
      });
    }
  });

  it('of 128 kB or more, which V8 keeps apart from other strings, reads as the same JSON, declared or chunked, with a byte-order mark or not', async () => {
    const records = Array.from({ length: 300 }, (_, i) => ({
      id: `source-${i}`,
      name: `café ${i}`,
      note: i % 7 === 0 ? 'a note holding },{ and }] as text' : 'x'.repeat(500),
      port: 5432 + i,
      tags: [{ key: 'team', value: `t${i}` }],
    }));
    const sent = { data: { sources: records }, has_next: true, next_cursor: 'c2' };
    const text = JSON.stringify(sent);
    expect(Buffer.byteLength(text)).toBeGreaterThan(128 * 1024);
    for (const mark of ['', bom]) {
      for (const chunked of [false, true]) {
        answer = (_, res) => {
          const bytes = Buffer.from(`${mark}${text}`);
          if (!chunked) {
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
            res.end(bytes);
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          // One é cut between two chunks.
          const cut = bytes.indexOf(0xa9, 70_000);
          inPieces(res, [bytes.subarray(0, 2), bytes.subarray(2, cut), bytes.subarray(cut)]);
        };
        const answered = await upstream().request({ method: 'GET', path: '/x', operation: 'getX' });
        expect(answered.data).toEqual(sent);
      }
    }
  });

  it('that is empty reads as no data', async () => {
    answer = (_, res) => {
      res.writeHead(204);
      res.end();
    };
    const answered = await upstream().request({ method: 'DELETE', path: '/x', operation: 'deleteX' });
    expect(answered).toMatchObject({ status: 204 });
    expect(answered.data).toBeUndefined();
  });

  const body = JSON.stringify({ text: 'x'.repeat(990) });
  const bound = Buffer.byteLength(body);
  const declared: Answer = (_, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': bound });
    res.end(body);
  };
  const chunked: Answer = (_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    inPieces(res, [body.slice(0, 500), body.slice(500)]);
  };

  it.each([
    ['declared', declared],
    ['chunked', chunked],
  ])('of exactly the bound, %s, is read; one byte more fails as too large', async (_, send) => {
    answer = send;
    await expect(
      upstream({ maxBodyBytes: bound }).request({ method: 'GET', path: '/x', operation: 'getX' }),
    ).resolves.toMatchObject({ status: 200, data: { text: 'x'.repeat(990) } });
    await expect(
      upstream({ maxBodyBytes: bound - 1 }).request({ method: 'GET', path: '/x', operation: 'getX' }),
    ).rejects.toMatchObject({ kind: 'too-large', status: 200, limitBytes: bound - 1 });
  });

  /** A GET whose answer is past `bound`, failing as too large well inside a deadline of 5 s. */
  const failsTooLargeBefore5s = (bound: number) =>
    expect(
      upstream({ maxBodyBytes: bound, timeouts: { deadlineMs: 5_000 } }).request({
        method: 'GET',
        path: '/x',
        operation: 'getX',
      }),
    ).rejects.toMatchObject({ kind: 'too-large', status: 200, limitBytes: bound });

  it('declared larger than the bound fails as too large from its headers, without waiting for the body', async () => {
    answer = (_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 5_000 });
      res.flushHeaders(); // and nothing more
    };
    await failsTooLargeBefore5s(1_000);
  });

  it('chunked past the bound fails as too large once past it, without waiting for the rest', async () => {
    const dropped: Promise<void>[] = [];
    answer = (_, res) => {
      dropped.push(new Promise((resolve) => res.once('close', () => resolve())));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"text":"${'x'.repeat(2_000)}`); // and nothing more
    };
    await failsTooLargeBefore5s(1_000);
    // The connection goes with the rest of the answer.
    await Promise.all(dropped);
  });

  it.each([
    ['102 Processing', (res: ServerResponse) => res.writeProcessing()],
    ['103 Early Hints', (res: ServerResponse) => res.writeEarlyHints({ link: '</style.css>; rel=preload' })],
  ])('after an interim %s is the final one', async (_, interim) => {
    answer = (_, res) => {
      interim(res);
      res.writeHead(201, { 'content-type': 'application/json', 'x-final': 'yes' });
      res.end('{"created":true}');
    };
    await expect(
      upstream().request({ method: 'POST', path: '/x', operation: 'createX', json: {} }),
    ).resolves.toMatchObject({ status: 201, data: { created: true }, headers: { 'x-final': 'yes' } });
  });
});

describe('a try that takes too long', () => {
  it.each([
    ['before its headers', () => undefined],
    [
      'mid-body',
      (_: Received, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"ok":'); // and nothing more
      },
    ],
  ])('fails as a timeout at its deadline when the upstream stops %s', async (_, stall: Answer) => {
    answer = stall;
    await expect(
      upstream({ timeouts: { deadlineMs: 200 } }).request({ method: 'GET', path: '/x', operation: 'getX' }),
    ).rejects.toMatchObject({ kind: 'timeout', provider: 'testing', operation: 'getX' });
  });
});

describe('a try whose upstream stalls past a stage’s own limit', () => {
  it.each([
    ['its headers', { headersMs: 100 }, () => undefined],
    [
      'its body',
      { bodyMs: 100 },
      (_: Received, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"ok":'); // and nothing more
      },
    ],
  ])(
    'fails as a timeout when it waits longer than that for %s, well within its deadline',
    async (_, timeouts, stall: Answer) => {
      answer = stall;
      await expect(
        upstream({ timeouts: { ...timeouts, deadlineMs: 60_000 } }).request({
          method: 'GET',
          path: '/x',
          operation: 'getX',
        }),
      ).rejects.toMatchObject({ kind: 'timeout', provider: 'testing', operation: 'getX' });
    },
  );
});

describe('a refusal’s Retry-After', () => {
  const refusedWith = async (header: string | string[] | undefined) => {
    answer = (_, res) => {
      if (header !== undefined) res.setHeader('retry-after', header);
      res.writeHead(429, { 'content-type': 'application/json' });
      res.end('{}');
    };
    const failed = await upstream()
      .request({ method: 'GET', path: '/x', operation: 'getX' })
      .catch((error: unknown) => error);
    expect(failed).toMatchObject({ kind: 'http', status: 429 });
    return (failed as { retryAfterSeconds?: number }).retryAfterSeconds;
  };

  it('reads seconds, the first of two, and an HTTP date as the seconds until it, none in the past', async () => {
    expect(await refusedWith('7')).toBe(7);
    expect(await refusedWith(['4', '9'])).toBe(4);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const seconds = await refusedWith(inAMinute);
    // An HTTP date is to the second, and the call takes its time: a minute ahead, give or take.
    expect(seconds).toBeGreaterThanOrEqual(30);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(await refusedWith(new Date(Date.now() - 60_000).toUTCString())).toBe(0);
    expect(await refusedWith('-5')).toBe(0);
  });

  it('is none when absent, empty or neither form', async () => {
    expect(await refusedWith(undefined)).toBeUndefined();
    expect(await refusedWith('')).toBeUndefined();
    expect(await refusedWith('soon')).toBeUndefined();
  });
});

describe('a call the network fails', () => {
  it('fails as unreachable when nothing listens on the upstream’s port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    await expect(
      upstream({ baseUrl: `http://127.0.0.1:${port}` }).request({
        method: 'GET',
        path: '/x',
        operation: 'getX',
      }),
    ).rejects.toMatchObject({ kind: 'unreachable', provider: 'testing', operation: 'getX' });
  });

  it('fails as unreachable when the upstream drops the connection mid-answer', async () => {
    answer = (_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ok":', () => res.socket?.destroy());
    };

    await expect(upstream().request({ method: 'GET', path: '/x', operation: 'getX' })).rejects.toMatchObject({
      kind: 'unreachable',
    });
  });
});

describe('a call waiting for the only connection', () => {
  it('whose caller gives up fails as aborted at once, and is not sent once the connection frees up', async () => {
    let release: (() => void) | undefined;
    answer = (one, res) => {
      if (one.url === '/held') {
        release = () => json(200, { ok: 'held' })(one, res);
        return;
      }
      json(200, { ok: one.url })(one, res);
    };
    const http = upstream({ connections: 1 });
    const held = http.request({ method: 'GET', path: '/held', operation: 'getHeld' });
    await vi.waitFor(() => expect(received).toHaveLength(1));

    const caller = new AbortController();
    const queued = http.request({
      method: 'POST',
      path: '/queued',
      operation: 'postQueued',
      json: {},
      signal: caller.signal,
    });
    const why = new Error('the client went away');
    caller.abort(why);
    await expect(queued).rejects.toMatchObject({ kind: 'aborted', cause: why });

    release?.();
    await expect(held).resolves.toMatchObject({ data: { ok: 'held' } });
    // Behind the given-up call in the queue: once it is answered, the given-up one has had its turn.
    await expect(
      http.request({ method: 'GET', path: '/after', operation: 'getAfter' }),
    ).resolves.toMatchObject({
      data: { ok: '/after' },
    });
    expect(received.map((one) => one.url)).toEqual(['/held', '/after']);
  });
});

describe('a failed call', () => {
  it('is tried again when it is a read: a GET, or another method marked safe', async () => {
    answer = json(500, { message: 'oops' });
    const http = upstream({ resilience: { attempts: 2, initialDelayMs: 1 } });

    await expect(http.request({ method: 'GET', path: '/x', operation: 'getX' })).rejects.toMatchObject({
      status: 500,
    });
    await expect(
      http.request({ method: 'POST', path: '/x/by-ids', operation: 'readX', json: [], safe: true }),
    ).rejects.toMatchObject({ status: 500 });
    expect(received.map((call) => call.method)).toEqual(['GET', 'GET', 'POST', 'POST']);
  });

  it('is not tried again when it is a write', async () => {
    answer = json(500, { message: 'oops' });
    const http = upstream({ resilience: { attempts: 2, initialDelayMs: 1 } });

    await expect(
      http.request({ method: 'POST', path: '/x', operation: 'createX', json: {} }),
    ).rejects.toMatchObject({
      status: 500,
    });
    expect(received).toHaveLength(1);
  });

  it('that opened the breaker is followed by calls not sent, each told to onFailure as circuit-open', async () => {
    answer = json(500, { message: 'oops' });
    const failures: UpstreamFailureEvent[] = [];
    const http = upstream({
      resilience: { attempts: 1, breakerFailures: 1, breakerResetMs: 60_000 },
      onFailure: (event) => failures.push(event),
    });

    await expect(http.request({ method: 'GET', path: '/x', operation: 'getX' })).rejects.toMatchObject({
      kind: 'http',
    });
    await expect(http.request({ method: 'GET', path: '/y', operation: 'getY' })).rejects.toMatchObject({
      kind: 'circuit-open',
    });

    expect(http.breakerState).toBe('open');
    expect(http.failingFast).toBe(true);
    expect(received).toHaveLength(1);
    expect(failures.map(({ operation, kind, durationMs }) => ({ operation, kind, durationMs }))).toEqual([
      { operation: 'getX', kind: 'http', durationMs: expect.any(Number) },
      { operation: 'getY', kind: 'circuit-open', durationMs: 0 },
    ]);
  });
});

describe('a call over the upstream’s concurrency budget', () => {
  /**
   * A pool of one concurrency slot, waiting up to `waitMs` for it, whose upstream holds its next
   * answer until `release()`; the failures it reports.
   */
  function oneSlot(waitMs: number) {
    let held: (() => void) | undefined;
    answer = (_, res) => {
      held = () => json(200, { ok: true })(_, res);
    };
    const failures: UpstreamFailureEvent[] = [];
    const http = upstream({
      concurrency: new MemoryConcurrency({ maxConcurrent: 1, waitMs, leaseMs: 30_000 }),
      onFailure: (event) => failures.push(event),
    });
    return { http, failures, release: () => held?.() };
  }

  it('is not sent, and fails as busy, to be tried again in a second', async () => {
    const { http, failures, release } = oneSlot(0);

    const first = http.request({ method: 'GET', path: '/x', operation: 'getX' });
    await expect.poll(() => received.length).toBe(1);
    await expect(http.request({ method: 'GET', path: '/y', operation: 'getY' })).rejects.toMatchObject({
      kind: 'busy',
      busy: 'concurrency',
      retryAfterSeconds: 1,
      operation: 'getY',
    });
    release();
    await expect(first).resolves.toMatchObject({ status: 200 });
    // The slot was given back: the next call goes.
    answer = json(200, { ok: true });
    await expect(http.request({ method: 'GET', path: '/z', operation: 'getZ' })).resolves.toMatchObject({
      status: 200,
    });

    expect(received.map((call) => call.url)).toEqual(['/x', '/z']);
    expect(failures).toEqual([busyAndNotSent('getY')]);
  });

  it('whose caller gave up while it waited for a slot fails as aborted, not sent', async () => {
    const { http, failures, release } = oneSlot(60_000);
    const first = http.request({ method: 'GET', path: '/x', operation: 'getX' });
    await expect.poll(() => received.length).toBe(1);

    const caller = new AbortController();
    const waiting = http.request({ method: 'GET', path: '/y', operation: 'getY', signal: caller.signal });
    const why = new Error('the client went away');
    caller.abort(why);

    await expect(waiting).rejects.toMatchObject({ kind: 'aborted', cause: why, operation: 'getY' });
    await expect
      .poll(() => failures)
      .toEqual([expect.objectContaining({ operation: 'getY', kind: 'aborted' })]);
    release();
    await first;
    expect(received).toHaveLength(1);
  });
});

describe('a view of the pool for one request', () => {
  it('carries the request’s signal into calls that bring none, and leaves a call’s own signal to it', async () => {
    const gone = new AbortController();
    gone.abort(new Error('the request went away'));
    const view = upstream().forRequest(undefined, () => gone.signal);

    await expect(view.request({ method: 'GET', path: '/x', operation: 'getX' })).rejects.toMatchObject({
      kind: 'aborted',
    });
    await expect(
      view.request({ method: 'GET', path: '/y', operation: 'getY', signal: new AbortController().signal }),
    ).resolves.toMatchObject({ status: 200 });
    expect(received.map((call) => call.url)).toEqual(['/y']);
  });
});

describe('a probe', () => {
  it('sends one HEAD to the base path and finds the upstream reachable whatever it answers', async () => {
    answer = (_, res) => {
      res.writeHead(401);
      res.end();
    };

    await expect(upstream({ baseUrl: `${origin}/api/` }).probe(5_000)).resolves.toBe('reachable');
    await expect(upstream().probe(5_000)).resolves.toBe('reachable');
    expect(received.map(({ method, url }) => `${method} ${url}`)).toEqual(['HEAD /api', 'HEAD /']);
  });

  it('finds an upstream that does not answer in time timed out', async () => {
    answer = () => undefined; // never answers
    await expect(upstream().probe(100)).resolves.toBe('timeout');
  });

  it('finds an upstream timed out when it waits longer than the pool’s headers timeout, within its own', async () => {
    answer = () => undefined; // never answers
    await expect(upstream({ timeouts: { headersMs: 100 } }).probe(60_000)).resolves.toBe('timeout');
  });

  it('finds an upstream nothing listens on unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    await expect(upstream({ baseUrl: `http://127.0.0.1:${port}` }).probe(5_000)).resolves.toBe('unreachable');
  });
});

describe('a call under the upstream’s rate budget', () => {
  it('is not sent once the budget is spent, and fails as busy until the budget has room', async () => {
    const failures: UpstreamFailureEvent[] = [];
    // One call now, the next in a thousand seconds.
    const http = upstream({
      budget: new MemoryBudget({ maxRps: 0.001, waitMs: 0, slowMs: 0 }),
      onFailure: (event) => failures.push(event),
    });

    await expect(http.request({ method: 'GET', path: '/x', operation: 'getX' })).resolves.toMatchObject({
      status: 200,
    });
    await expect(http.request({ method: 'GET', path: '/y', operation: 'getY' })).rejects.toMatchObject({
      kind: 'busy',
      operation: 'getY',
      retryAfterSeconds: 1000,
    });

    expect(received.map((call) => call.url)).toEqual(['/x']);
    expect(failures).toEqual([busyAndNotSent('getY')]);
  });

  it('slows down on a 429 and speeds up again on each prompt success', async () => {
    const http = upstream({ budget: new MemoryBudget({ maxRps: 100, waitMs: 0, slowMs: 60_000 }) });
    expect(http.budgetRps).toBe(100);

    answer = json(429, { message: 'slow down' });
    await expect(http.request({ method: 'GET', path: '/x', operation: 'getX' })).rejects.toMatchObject({
      status: 429,
    });
    expect(http.budgetRps).toBe(50);

    answer = json(200, { ok: true });
    await http.request({ method: 'GET', path: '/x', operation: 'getX' });
    expect(http.budgetRps).toBe(55);
  });

  it('is not there without a budget', () => {
    expect(upstream().budgetRps).toBeUndefined();
  });
});

describe('a traced call', () => {
  function tracer() {
    const started: unknown[] = [];
    const ended: unknown[] = [];
    const trace: UpstreamTracer = (call) => {
      started.push(call);
      return {
        headers: { traceparent: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01` },
        end: (outcome) => ended.push(outcome),
      };
    };
    return { trace, started, ended };
  }

  it('is told where it goes, sends the trace context, and ends with the status', async () => {
    const { trace, started, ended } = tracer();

    await upstream({ trace }).request({ method: 'GET', path: '/x', operation: 'getX' });

    expect(started).toEqual([{ provider: 'testing', operation: 'getX', method: 'GET', origin }]);
    expect(received[0]?.headers.traceparent).toBe(`00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`);
    expect(ended).toEqual([{ status: 200 }]);
  });

  it('ends with the failure’s kind and status when the call fails', async () => {
    const { trace, ended } = tracer();
    answer = json(503, { message: 'down' });

    await expect(
      upstream({ trace }).request({ method: 'GET', path: '/x', operation: 'getX' }),
    ).rejects.toMatchObject({
      kind: 'http',
    });

    expect(ended).toEqual([{ status: 503, failure: 'http' }]);
  });

  it('whose caller gives up while it waits for the answer ends as aborted, and is told to onFailure so', async () => {
    answer = () => undefined; // never answers
    const { trace, ended } = tracer();
    const failures: UpstreamFailureEvent[] = [];
    const http = upstream({ trace, onFailure: (event) => failures.push(event) });
    const caller = new AbortController();
    const call = http.request({ method: 'GET', path: '/x', operation: 'getX', signal: caller.signal });
    await vi.waitFor(() => expect(received).toHaveLength(1));

    caller.abort(new Error('the client went away'));

    await expect(call).rejects.toMatchObject({ kind: 'aborted' });
    await vi.waitFor(() => expect(ended).toEqual([{ status: undefined, failure: 'aborted' }]));
    expect(failures).toEqual([expect.objectContaining({ operation: 'getX', kind: 'aborted' })]);
  });

  it('ends as an error, and fails with it, when reading the error body throws', async () => {
    const { trace, ended } = tracer();
    const failures: UpstreamFailureEvent[] = [];
    answer = json(400, { message: 'bad' });
    const broken = new Error('the error body could not be read');

    const call = upstream({
      trace,
      onFailure: (event) => failures.push(event),
      describeError: () => {
        throw broken;
      },
    }).request({ method: 'GET', path: '/x', operation: 'getX' });

    await expect(call).rejects.toBe(broken);
    expect(ended).toEqual([{ status: undefined, failure: 'error' }]);
    expect(failures).toEqual([]);
  });
});

describe('a closed pool', () => {
  it('closes its connections to the upstream, when closed or disposed', async () => {
    const sockets: Promise<void>[] = [];
    const counting = (socket: import('node:net').Socket) =>
      sockets.push(new Promise<void>((resolve) => socket.once('close', () => resolve())));
    server.on('connection', counting);
    try {
      const http = new UpstreamHttp({ provider: 'testing', baseUrl: origin, describeError });
      await http.request({ method: 'GET', path: '/x', operation: 'getX' });
      {
        await using disposed = new UpstreamHttp({ provider: 'testing', baseUrl: origin, describeError });
        await disposed.request({ method: 'GET', path: '/y', operation: 'getY' });
      }
      await http.close();

      expect(sockets).toHaveLength(2);
      // Both kept alive after their answer, and ended by their pool.
      await Promise.all(sockets);
    } finally {
      server.off('connection', counting);
    }
  });
});
