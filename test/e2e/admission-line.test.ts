import { describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { parsePrometheus } from '../support/prometheus.js';
import { until } from '../support/until.js';

/** A RiverGen list of `n` records: that many records of the budget, and of RiverGen's share. */
const riverGen = (n: number) => `{ riverGenDataSources(first: ${n}) { edges { node { id name } } } }`;
const CATALOG = '{ catalogDataSources(first: 1) { edges { node { id name } } } }';

async function post(gw: TestGateway, query: string) {
  const response = await gw.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: { extensions: Record<string, unknown> }[] };
}

/** The admission gauges: the whole budget's, or one provider's share's. */
async function gauges(gw: TestGateway, provider?: string) {
  const scrape = parsePrometheus(await (await gw.gateway.yoga.fetch('http://gateway.test/metrics')).text());
  return provider
    ? {
        running: scrape('gateway_admission_provider_running_records', { provider }),
        waiting: scrape('gateway_admission_provider_waiting', { provider }),
      }
    : { running: scrape('gateway_admission_running_records'), waiting: scrape('gateway_admission_waiting') };
}

describe('the line of operations waiting for room', () => {
  it('holds a later operation that would fit behind an earlier one short of the whole budget', async () => {
    await using gw = await startTestGateway({
      MAX_RECORDS_IN_FLIGHT: '25',
      RIVERGEN_MAX_RECORDS_IN_FLIGHT: '0',
    });
    gw.sims.rivergen?.setFaults({ latencyMs: 1000 });
    const first = post(gw, riverGen(20));
    await until(async () => (await gauges(gw)).running === 20);
    const second = post(gw, riverGen(20));
    await until(async () => (await gauges(gw)).waiting === 1);
    // One record fits in the room left, but the list ahead of it in the line needs that room first.
    const catalog = post(gw, CATALOG);
    await until(async () => (await gauges(gw)).waiting === 2);
    expect(await gauges(gw)).toEqual({ running: 20, waiting: 2 });
    for (const answer of await Promise.all([first, second, catalog])) expect(answer.errors).toBeUndefined();
    expect(await gauges(gw)).toEqual({ running: 0, waiting: 0 });
  });

  it("holds a later operation behind an earlier one short of the same provider's share, and counts it only there", async () => {
    // A budget of 40, RiverGen's share (the default half) 20: 15 run, 10 more do not fit, 2 would.
    await using gw = await startTestGateway({ MAX_RECORDS_IN_FLIGHT: '40' });
    gw.sims.rivergen?.setFaults({ latencyMs: 1000 });
    const first = post(gw, riverGen(15));
    await until(async () => (await gauges(gw, 'rivergen')).running === 15);
    const second = post(gw, riverGen(10));
    await until(async () => (await gauges(gw, 'rivergen')).waiting === 1);
    const third = post(gw, riverGen(2));
    await until(async () => (await gauges(gw, 'rivergen')).waiting === 2);
    expect(await gauges(gw, 'rivergen')).toEqual({ running: 15, waiting: 2 });
    // They wait for RiverGen's share alone: the catalog's share has no one waiting for it.
    expect(await gauges(gw, 'pdc')).toEqual({ running: 0, waiting: 0 });
    expect(await gauges(gw)).toEqual({ running: 15, waiting: 2 });
    for (const answer of await Promise.all([first, second, third])) expect(answer.errors).toBeUndefined();
    expect(await gauges(gw, 'rivergen')).toEqual({ running: 0, waiting: 0 });
  });

  it('gives the room of an operation whose time ran out back once, not again when it ends', async () => {
    await using gw = await startTestGateway({ MAX_RECORDS_IN_FLIGHT: '20', OPERATION_TIMEOUT_MS: '200' });
    gw.sims.rivergen?.setFaults({ latencyMs: 1000 });
    const late = await post(gw, riverGen(20));
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'GATEWAY_TIMEOUT' });
    // Given back when its time ran out, and not a second time once its execution wound down.
    expect(await gauges(gw)).toEqual({ running: 0, waiting: 0 });
  });
});
