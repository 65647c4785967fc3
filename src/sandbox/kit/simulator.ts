import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EncodedAnswer, sendOversized, sendTrickling } from './fault-bodies.js';
import type { Contract, ValidationIssue } from './openapi.js';
import { createRandom } from './random.js';
import { createStats, type RecordedRequest, type SimulatorStats } from './stats.js';

/** A request that matched an operation of the simulator's OpenAPI document and passed its checks. */
export interface SimRequest<Principal> {
  operationId: string;
  method: string;
  /** The concrete path, without the query string. */
  path: string;
  /** Path parameters, coerced to the types the document declares. */
  params: Record<string, unknown>;
  /** Query parameters, coerced to the document's types, with its defaults filled in. */
  query: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON (or form) body, already valid against the document. */
  body: unknown;
  /** What `authenticate` returned; undefined for public operations. */
  principal: Principal;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type SimHandler<Principal> = (req: SimRequest<Principal>) => SimResponse | Promise<SimResponse>;

/** Faults to inject; they apply to requests whose operationId is in `operations` (all when omitted). */
export interface FaultOptions {
  /** Added before every answer. */
  latencyMs?: number;
  /** Share of requests (0..1) answered with `errorStatus`, drawn from a seeded sequence. */
  errorRate?: number;
  /** The next N requests are answered with `errorStatus`, then the simulator recovers. */
  failNext?: number;
  /** Status for `errorRate` and `failNext`; 500 by default. */
  errorStatus?: number;
  /** Accept requests and never answer them. */
  hang?: boolean;
  /** Answer 200 with a body that is not valid JSON. */
  malformed?: boolean;
  /**
   * Answer 429 with this Retry-After: to every request, or to the next `times` only; with `asDate`,
   * written as the HTTP date that many seconds from now (its other form).
   */
  rateLimit?: { retryAfterSeconds: number; times?: number; asDate?: boolean };
  /** Send the status and headers at once, then the answer's body `bytesPerChunk` bytes (1 by default) every `intervalMs`. */
  trickle?: { intervalMs: number; bytesPerChunk?: number };
  /**
   * Pad the answer's JSON body to about this many bytes, still valid JSON, generated as it is sent
   * and sent chunked (without a Content-Length).
   */
  oversizedBytes?: number;
  /** With `oversizedBytes`, declare the padded size in a Content-Length. */
  oversizedDeclared?: boolean;
  /** Only these operations are affected. */
  operations?: string[];
  /** Answer 200 with this JSON instead of the real answer (valid JSON of the wrong shape). */
  body?: unknown;
  /** The status `body` (or `bodyText`) is answered with, to stand for an answer the simulator never makes itself. */
  bodyStatus?: number;
  /** Answer with this text as the JSON body, as it is: for bodies JSON.stringify cannot write (nested too deep). */
  bodyText?: string;
}

export interface SimulatorSpec<Principal> {
  provider: string;
  contract: Contract;
  /** One handler per operationId in the document; a missing one is a start-up error. */
  handlers: Record<string, SimHandler<Principal>>;
  /** Checks credentials; returns the principal, or the upstream's own 401/403 answer. */
  authenticate(
    headers: IncomingHttpHeaders,
    operationId: string,
  ): { principal: Principal } | { reject: SimResponse };
  /** The upstream's own answer to a request that fails validation. */
  invalid(issues: ValidationIssue[], operationId: string | undefined): SimResponse;
  /** The upstream's own error answer with a status and a message (unknown route, injected faults). */
  error(status: number, message: string): SimResponse;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export interface StartOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  faults?: FaultOptions;
}

export interface Simulator {
  readonly provider: string;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly stats: SimulatorStats;
  /** Replaces the active faults; `undefined` clears them. */
  setFaults(faults: FaultOptions | undefined): void;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const CONTROL_PREFIX = '/__sandbox/';

/**
 * Starts an HTTP server on loopback that routes by the OpenAPI document, checks auth and request
 * bodies against it, injects faults and records what it received.
 */
export async function startSimulator<Principal>(
  spec: SimulatorSpec<Principal>,
  options: StartOptions = {},
): Promise<Simulator> {
  for (const op of spec.contract.operations) {
    if (!spec.handlers[op.operationId])
      throw new Error(`${spec.provider} simulator has no handler for ${op.operationId}`);
  }
  const stats = createStats();
  let faults = options.faults;
  let faultRandom = createRandom(7);
  const maxBody = spec.maxBodyBytes ?? 32 * 1024 * 1024;

  const server = createServer((req, res) => {
    if (!req.url?.startsWith(CONTROL_PREFIX)) res.once('close', stats.enter());
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, spec.error(500, 'Internal server error'));
      else res.destroy();
      if (process.env.SANDBOX_DEBUG) console.error(`${spec.provider} simulator`, error);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname.startsWith(CONTROL_PREFIX)) return control(url.pathname, method, req, res);

    const raw = await readBody(req, maxBody);
    const found = spec.contract.route(method, url.pathname);
    const operationId = found?.operation.operationId ?? 'unmatched';
    const recorded: RecordedRequest = {
      operationId,
      method,
      path: url.pathname,
      query: url.search,
      body: raw === undefined ? undefined : safeParse(raw, req.headers['content-type']),
      traceparent: typeof req.headers.traceparent === 'string' ? req.headers.traceparent : undefined,
      at: Date.now(),
    };
    stats.record(recorded);

    const fault =
      faults && (!faults.operations || faults.operations.includes(operationId)) ? faults : undefined;
    const reply = (answer: SimResponse) => deliver(res, answer, fault);
    if (fault?.hang) return; // the socket stays open until the client gives up or the simulator closes
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.rateLimit && fault.rateLimit.times !== 0) {
      if (fault.rateLimit.times !== undefined) fault.rateLimit.times -= 1;
      const answer = spec.error(429, 'Too many requests');
      return reply({
        ...answer,
        headers: {
          ...answer.headers,
          'retry-after': fault.rateLimit.asDate
            ? new Date(Date.now() + fault.rateLimit.retryAfterSeconds * 1000).toUTCString()
            : String(fault.rateLimit.retryAfterSeconds),
        },
      });
    }
    if (fault && (fault.failNext ?? 0) > 0) {
      fault.failNext = (fault.failNext ?? 0) - 1;
      return reply(spec.error(fault.errorStatus ?? 500, 'Injected failure'));
    }
    if (fault?.errorRate && faultRandom.next() < fault.errorRate) {
      return reply(spec.error(fault.errorStatus ?? 500, 'Injected failure'));
    }
    if (fault?.malformed) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status": "success", "data": {"trunc');
      return;
    }
    if (fault?.body !== undefined) return send(res, { status: fault.bodyStatus ?? 200, body: fault.body });
    if (fault?.bodyText !== undefined) {
      res.writeHead(fault.bodyStatus ?? 200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(fault.bodyText);
      return;
    }

    if (raw === 'too-large') return reply(spec.error(413, 'Request body is too large'));
    if (!found) return reply(spec.error(404, `Cannot ${method} ${url.pathname}`));
    const { operation } = found;

    let principal = undefined as Principal;
    if (!operation.public) {
      const auth = spec.authenticate(req.headers, operationId);
      if ('reject' in auth) return reply(auth.reject);
      principal = auth.principal;
      recorded.principal = principal;
    }

    const params: Record<string, unknown> = { ...found.params };
    const query = queryObject(url.searchParams);
    const problems = [...operation.validatePath(params), ...operation.validateQuery(query)];
    let body: unknown;
    if (operation.hasBody && raw !== undefined && raw !== '') {
      body = recorded.body;
      if (body === INVALID_JSON) {
        problems.push({ location: 'body', field: '', message: 'body is not valid JSON' });
      } else {
        problems.push(...operation.validateBody(body, req.headers['content-type']));
      }
    } else if (operation.bodyRequired) {
      problems.push({ location: 'body', field: '', message: 'a request body is required' });
    }
    if (problems.length > 0) return reply(spec.invalid(problems, operationId));

    const handler = spec.handlers[operationId] as SimHandler<Principal>;
    const answer = await handler({
      operationId,
      method,
      path: url.pathname,
      params,
      query,
      headers: req.headers,
      body,
      principal,
    });
    return reply(answer);
  }

  async function control(
    path: string,
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const name = path.slice(CONTROL_PREFIX.length);
    if (name === 'stats' && method === 'GET') return send(res, { status: 200, body: stats.snapshot() });
    if (name === 'reset' && method === 'POST') {
      stats.reset();
      return send(res, { status: 204 });
    }
    if (name === 'faults' && method === 'PUT') {
      const raw = await readBody(req, 64 * 1024);
      const parsed = raw ? safeParse(raw, 'application/json') : undefined;
      if (parsed === INVALID_JSON)
        return send(res, { status: 400, body: { message: 'faults must be JSON' } });
      setFaults(parsed as FaultOptions | undefined);
      return send(res, { status: 204 });
    }
    send(res, { status: 404, body: { message: `no control endpoint ${method} ${path}` } });
  }

  function setFaults(next: FaultOptions | undefined): void {
    faults = next ? { ...next, ...(next.rateLimit ? { rateLimit: { ...next.rateLimit } } : {}) } : undefined;
    faultRandom = createRandom(7);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  return {
    provider: spec.provider,
    url: `http://${address.address}:${address.port}`,
    stats,
    setFaults,
    close,
    [Symbol.asyncDispose]: close,
  };
}

const INVALID_JSON: unique symbol = Symbol('invalid JSON');

function safeParse(raw: string, contentType: string | undefined): unknown {
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw);
  } catch {
    return INVALID_JSON;
  }
}

function queryObject(search: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) resolve('too-large');
      else resolve(size === 0 ? undefined : Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: SimResponse): void {
  const encoded = encode(answer);
  if (!encoded) {
    res.writeHead(answer.status, { ...answer.headers });
    res.end();
    return;
  }
  res.writeHead(encoded.status, encoded.headers);
  res.end(encoded.text);
}

/** Sends an answer the way the active faults say: whole, trickling or padded; bodiless ones whole. */
function deliver(
  res: ServerResponse,
  answer: SimResponse,
  fault: FaultOptions | undefined,
): void | Promise<void> {
  const encoded = fault?.trickle || fault?.oversizedBytes ? encode(answer) : undefined;
  if (!encoded) return send(res, answer);
  if (fault?.oversizedBytes)
    return sendOversized(res, encoded, fault.oversizedBytes, fault.oversizedDeclared ?? false);
  if (fault?.trickle) sendTrickling(res, encoded, fault.trickle);
}

function encode(answer: SimResponse): EncodedAnswer | undefined {
  if (answer.body === undefined) return undefined;
  const text = JSON.stringify(answer.body);
  const headers: Record<string, string> = { ...answer.headers };
  headers['content-type'] ??= 'application/json; charset=utf-8';
  headers['content-length'] = String(Buffer.byteLength(text));
  return { status: answer.status, headers, text };
}
