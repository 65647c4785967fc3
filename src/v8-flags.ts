import { setFlagsFromString } from 'node:v8';

/**
 * Imported first by the entry point, before any request code runs.
 *
 * V8 allocates an object literal's objects straight into the old generation once most of them have
 * survived a young GC ("allocation-site pretenuring"). A request's objects survive one whenever it lands
 * while the request waits on an upstream, so a few such GCs early in the process's life can switch a
 * site for good. From then on those objects start old, everything they point to survives the young
 * GCs, and full GCs run every second: about 1 MB promoted per young GC instead of ~20 KB, and 30-60%
 * more CPU per query. A server's request objects are short-lived, so the gateway keeps them young.
 */
setFlagsFromString('--no-allocation-site-pretenuring');

/**
 * After a full GC, V8 lets the old generation grow by a factor before the next one. Under a heap
 * limit below 2 GB (the container's `--max-old-space-size=512`) that factor is at most 1.4, so a list
 * query's data in flight (megabytes of upstream JSON per request) starts incremental marking again
 * almost at once. Young objects that live through a GC while marking runs are promoted, which feeds
 * the next marking: `dataSources(first: 100)` at 10 clients ran ~5 full GCs a second and promoted
 * ~1.2 MB per young GC. A factor of 1.5 mostly breaks that cycle (2-3 full GCs a second, ~0.4-1 MB
 * promoted, ~15% less CPU per query).
 *
 * Peak memory grows with the factor, because the heap fills up to its limit between full GCs. Over a
 * whole `npm run bench` the gateway's peak RSS was 195 MB with V8's factor, 200 MB with 1.5, 206 MB
 * with 1.6 and 233 MB with 2, which saved another ~10% of CPU (187 MB with 1.5 once the bundle kept
 * its source one byte a character, see scripts/build.ts).
 * The heap limit still caps the heap. A factor given on the command line
 * (`node --heap-growing-percent=N dist/index.js`) wins.
 *
 * Why 1.5 only mostly breaks it: V8 sets the next limit to live × factor + the young generation's
 * capacity (~16 MB), and starts marking once less than ~25 MB is left below it. A small live heap
 * (~19 MB, one client of the list) leaves 9.5 + 16 MB: marking again at once, 57-82 full GCs per
 * 1,000 list queries. The container's command adds a floor under the limit
 * (`node --initial-old-space-size=80`, which V8 takes only on the command line, not from NODE_OPTIONS
 * nor from here once the heap is set up): at 64 MB, 6 and 26 full GCs per 1,000 at 1 and 10 clients;
 * 96 MB gave 3-8 but raised the bench's peak RSS from 171 to 214 MB; 80 MB keeps it at 188 MB.
 */
const GROWING = '--heap-growing-percent';
if (!process.execArgv.some((arg) => arg.replaceAll('_', '-').startsWith(GROWING)))
  setFlagsFromString(`${GROWING}=50`);
