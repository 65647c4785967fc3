import { checkPostgresPage, data, type PostgresPage } from './answers.js';
import { graphqlCall, LIST_DOCUMENT, NODE_DOCUMENT, NODES_DOCUMENT, PATCH_DOCUMENT } from './documents.js';
import { type Fixtures, type Item, mixedItems } from './fixtures.js';
import type { HttpCall, Plan } from './protocol.js';
import { streamedListScenario } from './streamed-list.js';
import { paths, type Upstream, type Upstreams } from './upstreams.js';

/**
 * `gateway`, `gateway-streamed` (the gateway asked for an answer in parts) and `passthrough` answer
 * GraphQL; every other target is a floor: REST straight to the simulators.
 */
export type TargetName =
  | 'gateway'
  | 'gateway-streamed'
  | 'passthrough'
  | 'floor'
  | 'floor-gets'
  | 'floor-by-ids'
  | 'floor-batched';

export interface Target {
  name: TargetName;
  /** What one iteration sends, in words, for the report. */
  description: string;
  plan: Plan;
  /** Checks one iteration's answers (every body, in plan order); a message says what is wrong. */
  verify(bodies: string[]): string | undefined;
}

export interface Scenario {
  id: string;
  title: string;
  targets: Target[];
  /** The floor that the report's "vs floor" columns compare against, when floors are timed. */
  primaryFloor: TargetName;
  /**
   * Rates (iterations/s) to pace this scenario at with added latency, in place of --paced-rate's,
   * which are meant for single lookups.
   */
  pacedRates?: number[];
  /** Whether the fault run sends its gateway call in rotation (unset: yes). */
  inFaultRun?: false;
  /**
   * Its answers take a second or two under 100 users with added latency: its closed-loop rounds there
   * last twice --duration, so that each counts more than the first answers of each user.
   */
  slow?: true;
}

/**
 * The scenario without its floors (REST straight to the simulators): no target of the run compares
 * with them, and each would take as long to time as the gateway does.
 */
export function withoutFloors(scenario: Scenario): Scenario {
  const targets = scenario.targets.filter((t) => !t.name.startsWith('floor'));
  // Paced runs stay with the scenarios whose floors make one call too: the lookups' rates would
  // saturate a core with a list or 100 nodes, which its single GraphQL call does not change.
  const pacedRates = singleCall(scenario) ? scenario.pacedRates : [];
  return { ...scenario, targets, ...(pacedRates ? { pacedRates } : {}) };
}

/** The targets served by the gateway process. */
export const onGateway = (name: string) => name === 'gateway' || name === 'gateway-streamed';

export interface ScenarioContext {
  gateway: string;
  passthrough: string;
  upstreams: Upstreams;
  fixtures: Fixtures;
}

function rest(upstream: Upstream, method: HttpCall['method'], path: string, body?: unknown): HttpCall {
  const headers =
    body === undefined ? upstream.headers : { ...upstream.headers, 'content-type': 'application/json' };
  return {
    origin: upstream.origin,
    method,
    path,
    headers,
    expect: 'status',
    ...(body ? { body: JSON.stringify(body) } : {}),
  };
}

/** The GET a frontend sends for one data source, on its own provider's API. */
function getOne(upstreams: Upstreams, item: Item): HttpCall {
  switch (item.typename) {
    case 'ImportSource':
      return rest(upstreams.prequelImport, 'GET', paths.importSource(item.nativeId));
    case 'Destination':
      return rest(upstreams.prequelExport, 'GET', paths.destination(item.nativeId));
    case 'CatalogDataSource':
      return rest(upstreams.pdc, 'GET', paths.pdcDataSource(item.nativeId));
    case 'RiverGenDataSource':
      return rest(upstreams.rivergen, 'GET', paths.riverGenDataSource(item.nativeId));
  }
}

type NodeShape = { id?: string; name?: string } | null;

function checkNodes(nodes: NodeShape[] | undefined, items: Item[]): string | undefined {
  if (!nodes || nodes.length !== items.length) return `expected ${items.length} nodes, got ${nodes?.length}`;
  const wrong = items.findIndex((item, i) => nodes[i]?.id !== item.globalId || nodes[i]?.name !== item.name);
  return wrong < 0
    ? undefined
    : `node ${wrong} is ${JSON.stringify(nodes[wrong])}, expected ${items[wrong]?.name}`;
}

/** Every body names the item it was asked for. */
function restNamesAll(items: Item[]) {
  return (bodies: string[]) => {
    const all = bodies.join('\n');
    const missing = items.find((item) => !all.includes(JSON.stringify(item.name)));
    return missing ? `no answer names ${missing.name}` : undefined;
  };
}

function graphqlTargets(
  ctx: ScenarioContext,
  query: string,
  variables: Record<string, unknown> | undefined,
  verify: Target['verify'],
  /** The upstream calls the pass-through's resolvers make, in words. */
  calls: string,
): Target[] {
  return [
    {
      name: 'gateway',
      description: `POST /graphql \`${query}\``,
      plan: { groups: [[graphqlCall(ctx.gateway, query, variables)]] },
      verify,
    },
    {
      name: 'passthrough',
      description: `the same document; its resolvers make ${calls}`,
      plan: { groups: [[graphqlCall(ctx.passthrough, query, variables)]] },
      verify,
    },
  ];
}

function nodeScenario(ctx: ScenarioContext, id: string, item: Item): Scenario {
  const verify = (bodies: string[]) => checkNodes([data(bodies[0] ?? '{}')?.node as NodeShape], [item]);
  const floor = getOne(ctx.upstreams, item);
  return {
    id,
    title: `node by id (${item.typename})`,
    primaryFloor: 'floor',
    targets: [
      ...graphqlTargets(
        ctx,
        NODE_DOCUMENT,
        { id: item.globalId },
        verify,
        item.typename === 'CatalogDataSource' ? '1 POST by-ids with 1 id (as the gateway does)' : '1 GET',
      ),
      {
        name: 'floor',
        description: `1 ${floor.method} ${floor.path.replace(/\/[^/]+$/, '/{id}')}`,
        plan: { groups: [[floor]] },
        verify: restNamesAll([item]),
      },
    ],
  };
}

function nodesScenario(ctx: ScenarioContext, id: string, title: string, items: Item[]): Scenario {
  const verify = (bodies: string[]) => checkNodes(data(bodies[0] ?? '{}')?.nodes as NodeShape[], items);
  const pdcItems = items.filter((item) => item.typename === 'CatalogDataSource');
  const others = items.filter((item) => item.typename !== 'CatalogDataSource');
  const byIds = rest(ctx.upstreams.pdc, 'POST', paths.pdcByIds, {
    ids: pdcItems.map((item) => item.nativeId),
  });
  const batched: Target =
    others.length === 0
      ? {
          name: 'floor-by-ids',
          description: `1 POST by-ids with ${pdcItems.length} ids`,
          plan: { groups: [[byIds]] },
          verify: restNamesAll(items),
        }
      : {
          name: 'floor-batched',
          description: `1 POST by-ids (${pdcItems.length} PDC ids) + ${others.length} GETs, at once`,
          plan: { groups: [[byIds, ...others.map((item) => getOne(ctx.upstreams, item))]] },
          verify: restNamesAll(items),
        };
  return {
    id,
    title,
    primaryFloor: 'floor-gets',
    slow: true,
    targets: [
      ...graphqlTargets(
        ctx,
        NODES_DOCUMENT,
        { ids: items.map((item) => item.globalId) },
        verify,
        others.length === 0 ? '1 POST by-ids' : `1 POST by-ids + ${others.length} GETs, all at once`,
      ),
      {
        name: 'floor-gets',
        description: `${items.length} GETs, one per id, at once`,
        plan: { groups: [items.map((item) => getOne(ctx.upstreams, item))] },
        verify: restNamesAll(items),
      },
      batched,
    ],
  };
}

function listScenario(ctx: ScenarioContext): Scenario {
  const verify = (bodies: string[]) => {
    const page = data(bodies[0] ?? '{}')?.dataSources as PostgresPage | undefined;
    return checkPostgresPage(page?.edges);
  };
  const u = ctx.upstreams;
  const lists = [
    rest(u.prequelImport, 'GET', paths.importSources(100)),
    rest(u.prequelExport, 'GET', paths.destinations(100)),
    rest(u.pdc, 'POST', paths.pdcFilter(100), { filters: { databaseTypes: ['POSTGRES'] } }),
    rest(u.rivergen, 'GET', paths.riverGenDataSources('postgresql', 100)),
  ];
  return {
    id: 'data-sources-postgres',
    title: 'dataSources(first: 100, vendors: [POSTGRES])',
    primaryFloor: 'floor',
    slow: true,
    targets: [
      ...graphqlTargets(
        ctx,
        LIST_DOCUMENT,
        undefined,
        verify,
        "the gateway's calls: every provider's list at once, the page taken from them in provider order",
      ),
      {
        name: 'floor',
        description:
          '4 list calls at once (Prequel lists filtered by the caller, PDC and RiverGen by vendor)',
        plan: { groups: [lists] },
        verify: (bodies) =>
          bodies.length === 4 && bodies.every((b) => b.startsWith('{')) ? undefined : 'a list call failed',
      },
    ],
  };
}

function patchScenario(ctx: ScenarioContext, item: Item): Scenario {
  const verify = (bodies: string[]) => {
    const result = data(bodies[0] ?? '{}')?.updateRiverGenDataSource as
      | { riverGenDataSource?: { id: string; port: number } }
      | undefined;
    const updated = result?.riverGenDataSource;
    return updated?.id === item.globalId && updated.port === 6543
      ? undefined
      : `unexpected answer ${bodies[0]?.slice(0, 200)}`;
  };
  const patch = rest(ctx.upstreams.rivergen, 'PATCH', paths.riverGenDataSource(item.nativeId), {
    port: 6543,
  });
  return {
    id: 'patch-rivergen',
    title: 'updateRiverGenDataSource (PATCH port)',
    primaryFloor: 'floor',
    targets: [
      ...graphqlTargets(ctx, PATCH_DOCUMENT, { id: item.globalId }, verify, '1 PATCH'),
      {
        name: 'floor',
        description: '1 PATCH /api/v1/data-sources/{id}',
        plan: { groups: [[patch]] },
        verify: (bodies) =>
          bodies[0]?.includes('"port":6543') ? undefined : 'the PATCH did not set the port',
      },
    ],
  };
}

function first(items: Item[], provider: string): Item {
  const found = items[0];
  if (!found) throw new Error(`bench: no ${provider} data source to look up`);
  return found;
}

/** Every scenario, in report order. */
export function buildScenarios(ctx: ScenarioContext): Scenario[] {
  const f = ctx.fixtures;
  return [
    nodeScenario(ctx, 'node-prequel-import', first(f.prequelImport, 'Prequel import')),
    nodeScenario(ctx, 'node-prequel-export', first(f.prequelExport, 'Prequel export')),
    nodeScenario(ctx, 'node-pdc', first(f.pdc, 'PDC')),
    nodeScenario(ctx, 'node-rivergen', first(f.rivergen, 'RiverGen')),
    nodesScenario(ctx, 'nodes-pdc', 'nodes with 100 PDC ids', f.pdc.slice(0, 100)),
    nodesScenario(ctx, 'nodes-mixed', 'nodes with 100 mixed ids (25 per provider)', mixedItems(f)),
    listScenario(ctx),
    streamedListScenario(ctx),
    patchScenario(ctx, first(f.rivergen, 'RiverGen')),
  ];
}

export const scenarioIds = [
  'node-prequel-import',
  'node-prequel-export',
  'node-pdc',
  'node-rivergen',
  'nodes-pdc',
  'nodes-mixed',
  'data-sources-postgres',
  'data-sources-streamed',
  'patch-rivergen',
] as const;

/** Whether a plan is one call per iteration, answered whole: what autocannon can send. */
export function cannonCan(plan: Plan): boolean {
  const [group, ...rest] = plan.groups;
  return rest.length === 0 && group?.length === 1 && group[0]?.expect !== 'stream';
}

/** autocannon when it can send every target's plan; the closed loop otherwise, for all of them alike. */
export function generatorFor(scenario: Scenario): 'autocannon' | 'loop' {
  return scenario.targets.every((t) => cannonCan(t.plan)) ? 'autocannon' : 'loop';
}

/** Seconds of a closed-loop round of this scenario at this latency. */
export function closedRoundSeconds(scenario: Scenario, latencyMs: number, durationSeconds: number): number {
  return scenario.slow && latencyMs > 0 ? 2 * durationSeconds : durationSeconds;
}

/** Whether every target sends one call per iteration, which paced runs measure below saturation. */
export const singleCall = (scenario: Scenario) =>
  scenario.targets.every((t) => t.plan.groups.length === 1 && t.plan.groups[0]?.length === 1);
