import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { providers } from '../../src/providers/registry.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const PDC_AND_RIVERGEN = `{
  catalogDataSources(first: 1) { edges { node { id } } }
  riverGenDataSources(first: 1) { edges { node { id } } }
}`;

function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, providers);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('per-provider upstream settings', () => {
  it('times out one provider on its own budget while another, given longer, answers', async () => {
    gw = await startTestGateway({
      UPSTREAM_HEADERS_TIMEOUT_MS: '100',
      UPSTREAM_RETRY_ATTEMPTS: '1',
      RIVERGEN_HEADERS_TIMEOUT_MS: '5000',
    });
    // Past the 100 ms budget even with undici's timer granularity (it checks about every 500 ms).
    gw.sims.pdc?.setFaults({ latencyMs: 1500 });
    gw.sims.rivergen?.setFaults({ latencyMs: 1500 });

    const result = await gw.query<{ riverGenDataSources: { edges: unknown[] } | null }>(PDC_AND_RIVERGEN);

    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['catalogDataSources'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_TIMEOUT', provider: 'pdc' }),
      }),
    ]);
    expect(result.data?.riverGenDataSources?.edges).toHaveLength(1);
  });

  it('holds no more connections open to a provider than its pool allows', async () => {
    gw = await startTestGateway({ RIVERGEN_CONNECTIONS: '2', RIVERGEN_CONCURRENCY: '8' });
    const list = await gw.query<{ riverGenDataSources: { edges: { node: { id: string } }[] } }>(
      '{ riverGenDataSources(first: 10) { edges { node { id } } } }',
    );
    const ids = list.data?.riverGenDataSources.edges.map((edge) => edge.node.id) ?? [];
    expect(ids).toHaveLength(10);
    gw.sims.rivergen?.setFaults({ latencyMs: 30 });
    gw.resetCounts();

    const result = await gw.query<{ nodes: ({ id: string } | null)[] }>(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids },
    );

    expect(result.data?.nodes.map((node) => node?.id)).toEqual(ids);
    expect(gw.sims.rivergen?.stats.count('getDataSource')).toBe(10);
    expect(gw.sims.rivergen?.stats.peakInFlight()).toBe(2);
  });

  it('without a pool setting, fetches as many at once as the provider’s concurrency', async () => {
    gw = await startTestGateway({ RIVERGEN_CONCURRENCY: '8' });
    const list = await gw.query<{ riverGenDataSources: { edges: { node: { id: string } }[] } }>(
      '{ riverGenDataSources(first: 10) { edges { node { id } } } }',
    );
    const ids = list.data?.riverGenDataSources.edges.map((edge) => edge.node.id) ?? [];
    // Long enough that all eight are open together even when a loaded machine is slow to open sockets.
    gw.sims.rivergen?.setFaults({ latencyMs: 300 });
    gw.resetCounts();

    await gw.query('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });

    expect(gw.sims.rivergen?.stats.peakInFlight()).toBe(8);
  });

  it('names each bad variable without its value, and settings for a provider that is not configured', () => {
    const problems = configProblems({
      GATEWAY_AUTH: 'none',
      PDC_URL: 'http://127.0.0.1:9',
      PDC_USERNAME: 'u',
      PDC_PASSWORD: 'p',
      PDC_CONNECTIONS: '0',
      PDC_BODY_TIMEOUT_MS: 'soon',
      PDC_DEADLINE_MS: '',
      RIVERGEN_HEADERS_TIMEOUT_MS: '5000',
      // Empty is unset, for a provider that is not configured too: nothing to warn about.
      RIVERGEN_CONNECTIONS: '',
    });

    expect(problems).toEqual([
      expect.stringMatching(/^PDC_BODY_TIMEOUT_MS: .*whole number from 1 to 600000/),
      expect.stringMatching(/^PDC_CONNECTIONS: .*whole number from 1 to 10000/),
      'RIVERGEN_HEADERS_TIMEOUT_MS is set but RiverGen is not configured, so it would not be used',
    ]);
    // What was wrong and where, never the value itself (it could be a secret pasted in the wrong place).
    expect(problems.join('\n')).not.toMatch(/soon|"0"/);
  });

  it('gives each provider the deployment-wide values unless it has its own', () => {
    const config = loadConfig(
      {
        GATEWAY_AUTH: 'none',
        UPSTREAM_CONNECT_TIMEOUT_MS: '900',
        UPSTREAM_CONNECTIONS: '40',
        PDC_URL: 'http://127.0.0.1:9',
        PDC_USERNAME: 'u',
        PDC_PASSWORD: 'p',
        PDC_CONNECT_TIMEOUT_MS: '250',
        PDC_BODY_TIMEOUT_MS: '3000',
        PDC_MAX_BODY_BYTES: '2048',
        RIVERGEN_URL: 'http://127.0.0.1:9',
        RIVERGEN_TOKEN: 't',
        RIVERGEN_CONNECTIONS: '4',
        RIVERGEN_MAX_RPS: '7',
        RIVERGEN_DEADLINE_MS: '15000',
        // Empty is unset: the deployment-wide value holds.
        RIVERGEN_HEADERS_TIMEOUT_MS: '',
        UPSTREAM_MAX_CONCURRENT: '30',
        PDC_MAX_CONCURRENT: '0',
      },
      providers,
    );
    const tuning = Object.fromEntries(config.providers.map((p) => [p.definition.id, p.upstream]));
    expect(tuning).toEqual({
      pdc: {
        timeouts: { connectMs: 250, headersMs: 10_000, bodyMs: 3000, deadlineMs: 20_000 },
        maxBodyBytes: 2048,
        connections: 40,
        maxRps: 0,
        maxConcurrent: 0,
      },
      rivergen: {
        timeouts: { connectMs: 900, headersMs: 10_000, bodyMs: 10_000, deadlineMs: 15_000 },
        maxBodyBytes: 16 * 1024 * 1024,
        connections: 4,
        maxRps: 7,
        maxConcurrent: 30,
      },
    });
  });
});

describe("a provider's share of MAX_RECORDS_IN_FLIGHT", () => {
  const both = {
    GATEWAY_AUTH: 'none',
    MAX_RECORDS_IN_FLIGHT: '41',
    PDC_URL: 'http://127.0.0.1:9',
    PDC_USERNAME: 'u',
    PDC_PASSWORD: 'p',
    RIVERGEN_URL: 'http://127.0.0.1:9',
    RIVERGEN_TOKEN: 't',
  };
  const shares = (env: Record<string, string>) =>
    Object.fromEntries(loadConfig(env, providers).admission?.shares ?? []);

  it('is half the budget, rounded up, unless set; an empty value is unset and 0 gives none of its own', () => {
    expect(shares(both)).toEqual({ pdc: 21, rivergen: 21 });
    expect(shares({ ...both, PDC_MAX_RECORDS_IN_FLIGHT: '7', RIVERGEN_MAX_RECORDS_IN_FLIGHT: '' })).toEqual({
      pdc: 7,
      rivergen: 21,
    });
    expect(
      shares({ ...both, PDC_MAX_RECORDS_IN_FLIGHT: '0', RIVERGEN_MAX_RECORDS_IN_FLIGHT: '1000000000' }),
    ).toEqual({
      rivergen: 1_000_000_000,
    });
  });

  it('is refused when not a whole number from 0 to 1000000000, and named when its provider is not configured', () => {
    const { RIVERGEN_URL: _url, RIVERGEN_TOKEN: _token, ...pdcOnly } = both;
    const reasons = ['lots', '-1', '2.5', '1000000001'].map((value) => {
      const problems = configProblems({ ...pdcOnly, PDC_MAX_RECORDS_IN_FLIGHT: value });
      expect(problems).toEqual([
        expect.stringMatching(/^PDC_MAX_RECORDS_IN_FLIGHT: .+ \(a whole number from 0 to 1000000000\)$/),
      ]);
      expect(problems[0]).not.toContain(value);
      return problems[0];
    });
    // Each says what is wrong with its value: not a number, below 0, not whole, too large.
    expect(new Set(reasons).size).toBe(4);
    expect(configProblems({ ...pdcOnly, RIVERGEN_MAX_RECORDS_IN_FLIGHT: '' })).toEqual([]);
    expect(configProblems({ ...pdcOnly, RIVERGEN_MAX_RECORDS_IN_FLIGHT: '500' })).toEqual([
      'RIVERGEN_MAX_RECORDS_IN_FLIGHT is set but RiverGen is not configured, so it would not be used',
    ]);
  });
});

describe("a provider's own variables", () => {
  it('leave it unconfigured while none is set, an empty value counting as unset', () => {
    const config = loadConfig(
      {
        GATEWAY_AUTH: 'none',
        PDC_URL: 'http://127.0.0.1:9',
        PDC_USERNAME: 'u',
        PDC_PASSWORD: 'p',
        RIVERGEN_URL: '',
      },
      providers,
    );
    expect(config.providers.map((p) => p.definition.id)).toEqual(['pdc']);
  });

  it('leave its fields answering PROVIDER_NOT_CONFIGURED, naming it, while the others answer', async () => {
    gw = await startTestGateway({ RIVERGEN_URL: '', RIVERGEN_TOKEN: '' });
    const { data, errors } = await gw.query<{ catalogDataSources: { edges: unknown[] } }>(PDC_AND_RIVERGEN);
    expect(data?.catalogDataSources.edges).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.path).toEqual(['riverGenDataSources']);
    expect(errors?.[0]?.message).toBe('RiverGen is not configured on this gateway');
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED', provider: 'rivergen' });
    expect(gw.sims.rivergen?.stats.count()).toBe(0);
  });

  it('once one is set, name each required one missing and each bad one, with what it is for and never its value', () => {
    const problems = configProblems({
      GATEWAY_AUTH: 'none',
      RIVERGEN_CONCURRENCY: '99',
      RIVERGEN_TOKEN: 't',
    });
    expect(problems).toEqual([
      'RIVERGEN_URL is required (Origin of the RiverGen API (paths start with /api/v1).), e.g. https://api.rivergen.com',
      expect.stringMatching(
        /^RIVERGEN_CONCURRENCY: .+ \(Most RiverGen data sources fetched by id at once\.\)$/,
      ),
    ]);
    expect(problems.join('\n')).not.toContain('99');
    // Each bad value is told what is wrong with it: too large is not the same as not a number.
    const notANumber = configProblems({
      GATEWAY_AUTH: 'none',
      RIVERGEN_CONCURRENCY: 'many',
      RIVERGEN_TOKEN: 't',
    });
    expect(notANumber[1]).toMatch(/^RIVERGEN_CONCURRENCY: /);
    expect(notANumber[1]).not.toBe(problems[1]);
  });

  it('take their defaults where they are not set', () => {
    const config = loadConfig(
      {
        GATEWAY_AUTH: 'none',
        RIVERGEN_URL: 'http://127.0.0.1:9',
        RIVERGEN_TOKEN: 't',
        RIVERGEN_CONCURRENCY: '',
      },
      providers,
    );
    expect(config.providers.map((p) => [p.definition.id, p.config])).toEqual([
      ['rivergen', { url: 'http://127.0.0.1:9', credentials: 'service', token: 't', concurrency: 8 }],
    ]);
    // One that is neither required nor given a default is simply left out.
    const forwarding = loadConfig(
      { GATEWAY_AUTH: 'none', RIVERGEN_URL: 'http://127.0.0.1:9', RIVERGEN_CREDENTIALS: 'forward' },
      providers,
    );
    expect(forwarding.providers.map((p) => p.config)).toEqual([
      { url: 'http://127.0.0.1:9', credentials: 'forward', concurrency: 8 },
    ]);
  });
});
