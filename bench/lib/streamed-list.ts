import { checkPostgresPage, data, type PostgresPage, streamedPage } from './answers.js';
import { graphqlCall, STREAMED_LIST_DOCUMENT, STREAMED_LIST_PLAIN, streamedCall } from './documents.js';
import type { Scenario, ScenarioContext } from './scenarios.js';

/**
 * The same cross-provider page, unstreamed and with `edges @stream`, on the same gateway: when the
 * first edges reach a client that streams, and when the whole answer does, against the plain answer.
 */
export function streamedListScenario(ctx: ScenarioContext): Scenario {
  return {
    id: 'data-sources-streamed',
    title: 'dataSources(first: 100, vendors: [POSTGRES]), edges @stream against unstreamed',
    primaryFloor: 'gateway',
    // A page of 100 costs the gateway's core some 17 times what a lookup does: the lookups' rates would saturate it.
    pacedRates: [25],
    // Its unstreamed page is data-sources-postgres's query: the fault run sends that one already.
    inFaultRun: false,
    slow: true,
    targets: [
      {
        name: 'gateway',
        description: `POST /graphql \`${STREAMED_LIST_PLAIN}\`, answered whole`,
        plan: { groups: [[graphqlCall(ctx.gateway, STREAMED_LIST_PLAIN)]] },
        verify: (bodies) => checkPostgresPage((data(bodies[0] ?? '{}')?.dataSources as PostgresPage)?.edges),
      },
      {
        name: 'gateway-streamed',
        description: `POST /graphql \`${STREAMED_LIST_DOCUMENT}\` with Accept: multipart/mixed, read part by part`,
        plan: { groups: [[streamedCall(ctx.gateway, STREAMED_LIST_DOCUMENT)]] },
        verify: (bodies) => {
          const page = streamedPage(bodies[0] ?? '');
          return checkPostgresPage(page.edges) ?? (page.pageInfo ? undefined : 'no part carried pageInfo');
        },
      },
    ],
  };
}
