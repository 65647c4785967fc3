import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/server.js';
import { ensureChromium } from '../support/chromium.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let unavailable: string | undefined;
let gw: TestGateway | undefined;
let server: RunningServer | undefined;
let browser: Browser | undefined;

// Installing Chromium, when it is missing, takes minutes; everything else takes seconds.
beforeAll(async () => {
  const chromium = await ensureChromium();
  if ('missing' in chromium) {
    unavailable = `no browser to load GraphiQL in: ${chromium.missing}`;
    return;
  }
  // As `npm start` serves the demo: open, answers readable from any origin.
  // A poll read that fails on a loaded machine waits twice as long each time (up to LIVE_POLL_MAX_MS,
  // 30 s by default): bounded here so that the watched transfer's end shows within the test's wait.
  gw = await startTestGateway({ CORS_ORIGINS: '*', LIVE_POLL_MAX_MS: '2000' });
  server = await listen(gw.gateway, '127.0.0.1', 0);
  browser = await puppeteer.launch({
    executablePath: chromium.path,
    headless: true,
    // Root in a container: no sandbox, and /dev/shm may be small. No host name resolves but loopback.
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}, 600_000);

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    try {
      await server?.close();
    } finally {
      await gw?.close();
    }
  }
});

describe('GraphiQL in a browser', () => {
  it('loads from the gateway alone, opens with the examples as tabs and runs them against the demo', {
    timeout: 120_000,
  }, async (ctx) => {
    if (unavailable || !browser || !server) return ctx.skip(unavailable);
    const origin = new URL(server.url).origin;
    const page = await browser.newPage();
    // Wide enough that the answer's lines are not wrapped.
    await page.setViewport({ width: 1920, height: 1080 });
    // Every request leaves the page through here: the gateway's own are let through, any other is
    // refused and noted. Inline assets (data: URLs) never reach the network.
    const elsewhere: string[] = [];
    const toGateway: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol === 'data:') return void request.continue();
      if (url.origin === origin) {
        toGateway.push(`${request.method()} ${url.pathname}`);
        return void request.continue();
      }
      elsewhere.push(request.url());
      return void request.abort();
    });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error instanceof Error ? error.message : String(error)));

    await page.goto(server.url, { waitUntil: 'load' });
    expect(await page.title()).toBe('datasource-gateway');

    await page.waitForSelector('.graphiql-tab-button');
    const tabs = await page.$$eval('.graphiql-tab-button', (found) => found.map((tab) => tab.textContent));
    expect(tabs).toEqual([
      'PostgresEverywhere',
      'ProdCatalog',
      'Reopen',
      'StreamedList',
      'PatchPort',
      'QueueTransfer',
      'WatchTransfer',
    ]);

    // The tab GraphiQL shows first holds the first query, and it runs as it is.
    const first = await runActiveTab(page, 'dataSources');
    expect(first).not.toContain('"errors"');
    // The first Postgres connection of the seeded demo.
    expect(first).toContain('"name": "Stark Retail orders (PostgreSQL) 2"');
    // A tab whose operation takes variables opens with them filled in (examples/reopen.variables.json).
    // Chosen from the keyboard: under a mouse that presses and releases at once, the tab bar's drag
    // handling moves the tab away before the release, and no click lands on it.
    await openTab(page, 'Reopen');
    const reopened = await runActiveTab(page, 'nodes');
    expect(reopened).not.toContain('"errors"');
    // Its first id is the first query's first answer; its last, a RiverGen data source.
    expect(reopened).toContain('"name": "Stark Retail orders (PostgreSQL) 2"');
    expect(reopened).toContain('"name": "Inventory PostgreSQL (read replica)"');

    // An answer in parts is shown whole once its last part has come: every edge, then the count.
    await openTab(page, 'StreamedList');
    const streamed = await runActiveTab(page, 'totalCount');
    expect(streamed).not.toContain('"errors"');
    expect(streamed.match(/"provider":/g)).toHaveLength(5);

    // A transfer queued in one tab, watched to its end in the next, over text/event-stream.
    await openTab(page, 'QueueTransfer');
    expect(await runActiveTab(page, 'transferId')).not.toContain('"errors"');
    await openTab(page, 'WatchTransfer');
    const watched = await runActiveTab(page, 'destinationTransfer', '"SUCCESS"');
    expect(watched).toContain('"status": "SUCCESS"');

    expect(elsewhere).toEqual([]);
    // The page, then its requests to the API: POSTs, but for the subscription, which GraphiQL reads
    // over text/event-stream with a GET.
    expect(toGateway[0]).toBe('GET /graphql');
    expect(toGateway.slice(1).filter((request) => request !== 'POST /graphql')).toEqual(['GET /graphql']);
    expect(failures).toEqual([]);
  });
});

/** Shows the tab of an operation, chosen from the keyboard as the Reopen tab is (see above). */
async function openTab(page: Page, name: string): Promise<void> {
  await page.focus(`.graphiql-tab-button[title="${name}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.graphiql-tab-active > .graphiql-tab-button[title="${name}"]`);
  // The editor shows the tab's document (spaced with no-break spaces) a moment after the tab is marked
  // active; run before that, GraphiQL sends the previous tab's operation name.
  await page.waitForFunction(
    (name) =>
      (document.querySelector('.graphiql-query-editor')?.textContent ?? '')
        .replace(/\s+/g, ' ')
        .includes(` ${name}`),
    {},
    name,
  );
}

/**
 * Runs the operation of the tab shown, as a user does, and returns the answer as shown (spaces
 * collapsed) once it holds `field` (and `also`, when given) or an error.
 */
async function runActiveTab(page: Page, field: string, also = ''): Promise<string> {
  for (let tries = 1; ; tries++) {
    await page.locator('.graphiql-execute-button').click();
    const answer = await page
      .waitForFunction(
        (field, also) => {
          const text = document.querySelector('.graphiql-response')?.textContent ?? '';
          if (text.includes('"errors"')) return text;
          return text.includes(`"${field}"`) && text.includes(also) ? text : false;
        },
        { timeout: 30_000 },
        field,
        also,
      )
      .catch(async (error: unknown) => {
        // Say what the user would have seen instead, so that a failure on a loaded machine can be read.
        const shown = await page
          .$eval('.graphiql-response', (pane) => pane.textContent ?? '')
          .catch(() => '');
        throw new Error(
          `no answer holding "${field}" ${also} within 30 s (${String(error)}); the response pane showed: ${shown.replace(/\s+/g, ' ').slice(0, 600)}`,
        );
      });
    // The editor indents with no-break spaces.
    const text = String(await answer.jsonValue()).replace(/\s+/g, ' ');
    // GraphiQL learns a new tab's operation name a moment after it shows its document; run before
    // that, it refuses in the page, sending nothing, and a user pressing run again gets the answer.
    if (!text.includes('Cannot infer operation') || tries === 20) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
