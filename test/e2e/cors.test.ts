import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { providers } from '../../src/providers/registry.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';
const QUERY = JSON.stringify({ query: '{ __typename }' });

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** A browser's request from `origin`: GET /ready and /metrics, POST /graphql. */
async function simple(on: TestGateway, path: string, origin: string): Promise<Response> {
  const headers: Record<string, string> = { origin, accept: 'application/json' };
  if (path !== '/graphql') return on.gateway.yoga.fetch(`http://gateway.test${path}`, { headers });
  return on.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: QUERY,
  });
}

/** A browser's preflight before a POST with JSON and an Authorization header. */
async function preflight(on: TestGateway, path: string, origin: string): Promise<Response> {
  return on.gateway.yoga.fetch(`http://gateway.test${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
}

/** The CORS headers of an answer, by lower-case name. */
function corsHeaders(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));
}

const PATHS = ['/graphql', '/metrics', '/ready'];

describe('CORS', () => {
  it('sends no CORS header at all outside demo mode unless CORS_ORIGINS says so', async () => {
    gw = await startTestGateway();
    for (const path of PATHS) {
      const answer = await simple(gw, path, EVIL);
      expect(answer.status).toBe(200);
      expect(corsHeaders(answer)).toEqual({});
      expect(corsHeaders(await preflight(gw, path, EVIL))).toEqual({});
    }
  });

  it('lets a listed origin read answers with credentials, on /graphql, /metrics and /ready', async () => {
    gw = await startTestGateway({ CORS_ORIGINS: `${APP}, https://admin.example.com` });
    for (const path of PATHS) {
      const answer = await simple(gw, path, APP);
      expect(answer.status).toBe(200);
      expect(corsHeaders(answer)).toMatchObject({
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
      });
      expect(answer.headers.get('vary')).toContain('Origin');

      const before = await preflight(gw, path, APP);
      expect(before.status).toBe(204);
      expect(corsHeaders(before)).toEqual({
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type, authorization',
      });
    }
  });

  it('gives an origin that is not listed no CORS header: neither its own echoed, nor null, nor credentials', async () => {
    gw = await startTestGateway({ CORS_ORIGINS: `${APP},https://admin.example.com` });
    for (const path of PATHS) {
      for (const origin of [EVIL, 'null', `${APP}.evil.example.net`]) {
        expect(corsHeaders(await simple(gw, path, origin))).toEqual({});
        expect(corsHeaders(await preflight(gw, path, origin))).toEqual({});
      }
    }
  });

  it('with `*`, lets any origin read answers but never with credentials; listed origins keep theirs', async () => {
    gw = await startTestGateway({ CORS_ORIGINS: `*,${APP}` });
    for (const path of PATHS) {
      const other = await simple(gw, path, EVIL);
      expect(corsHeaders(other)).toEqual({ 'access-control-allow-origin': EVIL });
      expect(other.headers.get('vary')).toContain('Origin');
      const before = await preflight(gw, path, EVIL);
      expect(corsHeaders(before)['access-control-allow-origin']).toBe(EVIL);
      expect(corsHeaders(before)['access-control-allow-credentials']).toBeUndefined();
      expect(corsHeaders(await simple(gw, path, APP))['access-control-allow-credentials']).toBe('true');
    }
  });

  it('defaults to `*` in demo mode only, takes http and https origins, and refuses a value that is not an origin', () => {
    expect(loadConfig({}, providers).corsOrigins).toEqual(['*']);
    const deployed = { PDC_URL: 'https://catalog.example.com', PDC_USERNAME: 'u', PDC_PASSWORD: 'p' };
    expect(loadConfig({ ...deployed, GATEWAY_AUTH: 'none' }, providers).corsOrigins).toEqual([]);
    // A front end in development is served over plain http, on a port of its own.
    const local = {
      ...deployed,
      GATEWAY_AUTH: 'none',
      CORS_ORIGINS: 'http://localhost:3000, https://app.example.com',
    };
    expect(loadConfig(local, providers).corsOrigins).toEqual(['http://localhost:3000', APP]);
    for (const bad of [`${APP}/`, `${APP}/graphql`, 'app.example.com', 'ftp://files.example.com']) {
      const refused = (() => {
        try {
          loadConfig({ ...deployed, GATEWAY_AUTH: 'none', CORS_ORIGINS: bad }, providers);
        } catch (error) {
          return error;
        }
      })();
      expect(refused).toBeInstanceOf(ConfigError);
      expect((refused as ConfigError).problems).toEqual([
        expect.stringMatching(/^CORS_ORIGINS: .*list origins/),
      ]);
    }
  });
});
