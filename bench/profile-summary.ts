import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { placeOf } from './lib/profile.js';
import { originalFrame } from './lib/source-maps.js';

/**
 * Where a .cpuprofile's CPU time goes: self time by place (package, src/ folder, Node), by function,
 * and inclusive time of the functions named with --inclusive, as shares of the busy (non-idle) time
 * and, given --queries or --us-per-query, as µs per query. Used to write bench/README.md's breakdown.
 *
 *   npx tsx bench/profile-summary.ts gateway.cpuprofile [--queries 12000] [--top 40]
 *       [--inclusive useGatewayAuth,onRequest] [--place graphql-yoga]
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  children?: number[];
}
interface CpuProfile {
  nodes: Node[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    queries: { type: 'string' },
    'us-per-query': { type: 'string' },
    top: { type: 'string', default: '30' },
    /** Only the busiest stretch of this many ms (the load, not the start-up): see `--timeline`. */
    'window-ms': { type: 'string' },
    /** Only samples from this second of the profile (see `--timeline`) … */
    'from-s': { type: 'string' },
    /** … to this one. */
    'to-s': { type: 'string' },
    /** Prints the busy time of each second, to see where the load was. */
    timeline: { type: 'boolean', default: false },
    /** Self time in the rows of bench/README.md's breakdown. */
    categories: { type: 'boolean', default: false },
    inclusive: { type: 'string', multiple: true },
    place: { type: 'string', multiple: true },
    /** Inclusive time of every function of these places (each sample counted once per function). */
    'functions-of': { type: 'string', multiple: true },
  },
});
const file = positionals[0];
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [--queries n] [--top n]');
const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
// A profile of the bundle names its code through the bundle's source maps: files of src/ and packages.
for (const node of profile.nodes) node.callFrame = originalFrame(node.callFrame);
const top = Number(values.top);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const stamps: number[] = [];
let clock = profile.startTime;
for (const delta of profile.timeDeltas) {
  clock += delta;
  stamps.push(clock);
}
const idle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)';
const isBusy = profile.samples.map((id) => !idle(id));
const [from, to] = values['window-ms']
  ? busiest(Number(values['window-ms']) * 1000)
  : [
      values['from-s'] ? profile.startTime + Number(values['from-s']) * 1e6 : -Infinity,
      values['to-s'] ? profile.startTime + Number(values['to-s']) * 1e6 : Infinity,
    ];

/** The stretch of `span` µs holding the most busy time (two pointers over the samples). */
function busiest(span: number): [number, number] {
  let best = 0;
  let bestFrom = -Infinity;
  let sum = 0;
  let tail = 0;
  for (let head = 0; head < stamps.length; head++) {
    if (isBusy[head]) sum += profile.timeDeltas[head] ?? 0;
    while ((stamps[head] ?? 0) - (stamps[tail] ?? 0) > span) {
      if (isBusy[tail]) sum -= profile.timeDeltas[tail] ?? 0;
      tail++;
    }
    if (sum > best) {
      best = sum;
      bestFrom = stamps[tail] ?? 0;
    }
  }
  return [bestFrom, bestFrom + span];
}
const self = new Map<number, number>();
let busy = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const us = profile.timeDeltas[i] ?? 0;
  const at = stamps[i] ?? 0;
  if (!node || !isBusy[i] || at < from || at > to) return;
  busy += us;
  self.set(id, (self.get(id) ?? 0) + us);
});

const queries = values.queries ? Number(values.queries) : undefined;
const usPerQuery = values['us-per-query'] ? Number(values['us-per-query']) : undefined;
const show = (us: number) => {
  const share = (us / busy) * 100;
  const perQuery =
    queries !== undefined ? us / queries : usPerQuery !== undefined ? (share / 100) * usPerQuery : undefined;
  return `${share.toFixed(1).padStart(5)}%${perQuery === undefined ? '' : `  ${perQuery.toFixed(1).padStart(7)} µs/q`}`;
};
const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '');
const where = (node: Node) =>
  `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

function sumBy(key: (node: Node) => string): [string, number][] {
  const sums = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (node) sums.set(key(node), (sums.get(key(node)) ?? 0) + us);
  }
  return [...sums.entries()].sort((a, b) => b[1] - a[1]);
}

console.log(`${file}: ${(busy / 1000).toFixed(0)} ms busy${queries ? `, ${queries} queries` : ''}`);
if (values.timeline) {
  const seconds = new Map<number, number>();
  profile.samples.forEach((_, i) => {
    const second = Math.floor(((stamps[i] ?? 0) - profile.startTime) / 1e6);
    if (isBusy[i]) seconds.set(second, (seconds.get(second) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log([...seconds].map(([s, us]) => `${s}s ${(us / 1000).toFixed(0)}ms`).join(', '));
}
console.log('\nSelf time by place');
for (const [name, us] of sumBy((n) => placeOf(n.callFrame.url, n.callFrame.functionName)).slice(0, top))
  console.log(`${show(us)}  ${name}`);
console.log('\nSelf time by function');
for (const [name, us] of sumBy(where).slice(0, top)) console.log(`${show(us)}  ${name}`);

/** Inclusive time of every sample with a frame matching `pattern` on its stack (each sample once). */
function inclusive(match: (node: Node) => boolean): number {
  let sum = 0;
  for (const [id, us] of self) {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node && match(node)) {
        sum += us;
        break;
      }
    }
  }
  return sum;
}

const patterns = (values.inclusive ?? []).flatMap((p) => p.split(',')).filter(Boolean);
if (patterns.length > 0) console.log('\nInclusive time (function name, or name@file)');
for (const pattern of patterns) {
  const [name, inFile] = pattern.split('@');
  const us = inclusive(
    (n) => n.callFrame.functionName === name && (!inFile || n.callFrame.url.includes(inFile)),
  );
  console.log(`${show(us)}  ${pattern}`);
}
const places = (values.place ?? []).flatMap((p) => p.split(',')).filter(Boolean);
if (places.length > 0) console.log('\nInclusive time under any frame of a place');
for (const place of places) {
  const us = inclusive((n) => placeOf(n.callFrame.url, n.callFrame.functionName) === place);
  console.log(`${show(us)}  ${place}`);
}

const owners = (values['functions-of'] ?? []).flatMap((p) => p.split(',')).filter(Boolean);
if (owners.length > 0) {
  console.log(`\nInclusive time by function of ${owners.join(', ')}`);
  const sums = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node || !owners.includes(placeOf(node.callFrame.url, node.callFrame.functionName))) continue;
      const key = where(node);
      if (seen.has(key)) continue;
      seen.add(key);
      sums.set(key, (sums.get(key) ?? 0) + us);
    }
  }
  for (const [name, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${show(us)}  ${name}`);
}

/** bench/README.md's rows: each place (or native function) counted in one of them. */
const CATEGORIES: [string, (place: string, name: string) => boolean][] = [
  [
    // Node writes a string answer with one of the last three, chunks with writev.
    'socket writes (writev, write*String)',
    (_, name) => name === 'writev' || /^write(Latin1|Utf8|Ascii|Ucs2)String$/.test(name),
  ],
  ['garbage collector', (place) => place === '(garbage collector)'],
  ['Node http, streams, timers, events', (place) => place === 'node internals'],
  [
    'Yoga, whatwg-node, envelop',
    (place) =>
      /^(graphql-yoga|@whatwg-node\/|@envelop\/core|@envelop\/instrumentation|@graphql-yoga\/)/.test(place),
  ],
  [
    'parse, validate, execute (graphql-js, graphql-jit, Pothos)',
    (place) =>
      /^(graphql|graphql-jit|@envelop\/graphql-jit|@graphql-tools\/|@pothos\/|@escape\.tech\/)/.test(place),
  ],
  ['undici (and its llhttp wasm)', (place) => place === 'undici' || place.startsWith('wasm:')],
  [
    'own code (src/, or bench/passthrough)',
    (place) => place.startsWith('src/') || place.startsWith('bench/'),
  ],
  [
    'dataloader, cockatiel, pino, prom-client, lru-cache',
    (place) => /^(dataloader|cockatiel|pino|prom-client|lru-cache)$/.test(place),
  ],
];
if (values.categories) {
  const sums = new Map<string, number>(CATEGORIES.map(([label]) => [label, 0]));
  let other = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const place = placeOf(node.callFrame.url, node.callFrame.functionName);
    const found = CATEGORIES.find(([, test]) => test(place, node.callFrame.functionName));
    if (found) sums.set(found[0], (sums.get(found[0]) ?? 0) + us);
    else other += us;
  }
  console.log('\nSelf time by category');
  for (const [label, us] of sums) console.log(`${show(us)}  ${label}`);
  console.log(`${show(other)}  other (V8 builtins, program, microtask queue)`);
}
