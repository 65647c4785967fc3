import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import { CounterFamily, GaugeFamily } from './gateway/observability/series.js';
import type { Env } from './gateway/provider.js';
import type { CachePeers } from './gateway/response-cache.js';

/** What the primary tells a worker before it starts: the environment to read (with the demo simulators'). */
export interface WorkerStart {
  type: 'gateway:start';
  env: Env;
  /** The upstreams in `env` are the primary's demo simulators. */
  demo: boolean;
}

/** What a mutation touched, as the response cache tags answers (typename and, for a record, id). */
type Touched = { typename: string; id?: string | number }[];

type ToWorker =
  | WorkerStart
  | { type: 'gateway:collect'; id: number }
  | { type: 'gateway:scraped'; id: number; text: string }
  | { type: 'gateway:invalidate'; touched: Touched };
type ToPrimary =
  | { type: 'gateway:hello' }
  | { type: 'gateway:invalidate'; touched: Touched }
  | { type: 'gateway:listening'; url: string }
  | { type: 'gateway:scrape'; id: number }
  | { type: 'gateway:collected'; id: number; metrics: unknown[] };

/** How long the primary waits for a worker's metrics before it sums without them. */
const COLLECT_TIMEOUT_MS = 2_000;
/** A worker that ran this long before it died is restarted at once, not after a growing wait. */
const STABLE_AFTER_MS = 10_000;
const FIRST_RESTART_DELAY_MS = 100;
const MAX_RESTART_DELAY_MS = 10_000;

export interface PrimaryOptions {
  workers: number;
  start: Omit<WorkerStart, 'type'>;
  logger: Logger;
  /** How long SIGTERM lets the workers drain, and a grace beyond it before they are killed. */
  shutdownMs: number;
  /** Told once every worker listens: the address they share. */
  onListening(url: string, pids: number[]): void;
  /** Told once every worker has exited after SIGTERM or SIGINT. */
  onStopped(): Promise<void>;
}

/**
 * The primary of `WORKERS` > 1: forks the workers on one port (Node's cluster, round-robin),
 * restarts one that dies (after a wait that grows while they keep dying), sums their metrics when
 * one of them is scraped, and on SIGTERM drains them all before it exits. It serves no request itself.
 */
export function runPrimary(options: PrimaryOptions): void {
  const { logger } = options;
  const restarts = new CounterFamily(
    'gateway_worker_restarts_total',
    'Workers that died and were started again by the primary.',
    [],
  );
  restarts.inc([], 0);
  // Workers that have said they listen, and have not exited since.
  const ready = new Set<Worker>();
  const running = new GaugeFamily('gateway_workers', 'Worker processes listening for requests.', [], () => [
    [[], ready.size],
  ]);
  const started = new Map<Worker, number>();
  let listening: string | undefined;
  let stopping = false;
  let failuresInARow = 0;
  let nextCollect = 0;
  const collecting = new Map<number, (metrics: unknown[]) => void>();

  const fork = () => {
    const worker = cluster.fork();
    started.set(worker, Date.now());
    worker.on('message', (message: ToPrimary) => {
      // Asked for, not sent when it comes online: a message that arrives before the worker listens is lost.
      if (message?.type === 'gateway:hello') {
        worker.send({ type: 'gateway:start', ...options.start } satisfies WorkerStart);
      } else if (message?.type === 'gateway:scrape') {
        void scrape().then(
          (text) => worker.isConnected() && worker.send({ type: 'gateway:scraped', id: message.id, text }),
        );
      } else if (message?.type === 'gateway:invalidate') {
        // A mutation through one worker empties the others' kept answers too.
        for (const other of Object.values(cluster.workers ?? {}))
          if (other && other !== worker && other.isConnected()) other.send(message satisfies ToWorker);
      } else if (message?.type === 'gateway:collected') {
        collecting.get(message.id)?.(message.metrics);
      } else if (message?.type === 'gateway:listening') {
        ready.add(worker);
        if (listening || ready.size < options.workers) return;
        listening = message.url;
        options.onListening(
          listening,
          [...ready].flatMap((w) => (w.process.pid ? [w.process.pid] : [])),
        );
      }
    });
    worker.on('exit', (code, signal) => {
      const lived = Date.now() - (started.get(worker) ?? Date.now());
      started.delete(worker);
      ready.delete(worker);
      if (stopping) return;
      if (!listening) {
        // It could not start (its reason is on stderr): the others would fail alike.
        logger.fatal({ worker: worker.process.pid, code, signal }, 'a worker failed to start; exiting');
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGKILL');
        process.exit(1);
      }
      failuresInARow = lived >= STABLE_AFTER_MS ? 0 : failuresInARow + 1;
      const delay =
        failuresInARow === 0
          ? 0
          : Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** (failuresInARow - 1));
      restarts.inc([]);
      logger.warn(
        { worker: worker.process.pid, code, signal, restartInMs: delay },
        `worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another in ${delay} ms`,
      );
      setTimeout(() => {
        if (!stopping) fork();
      }, delay);
    });
  };

  /** Every worker's metrics and the primary's own, summed by prom-client's cluster aggregation. */
  const scrape = async (): Promise<string> => {
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w?.isConnected());
    const each = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<unknown[] | undefined>((resolve) => {
            const id = ++nextCollect;
            const timer = setTimeout(() => done(undefined), COLLECT_TIMEOUT_MS);
            const done = (metrics: unknown[] | undefined) => {
              clearTimeout(timer);
              collecting.delete(id);
              resolve(metrics);
            };
            collecting.set(id, done);
            worker.send(
              { type: 'gateway:collect', id } satisfies ToWorker,
              (error) => error && done(undefined),
            );
          }),
      ),
    );
    const all = [...each.filter((m): m is unknown[] => m !== undefined), [restarts.json(), running.json()]];
    return AggregatorRegistry.aggregate(all as Parameters<typeof AggregatorRegistry.aggregate>[0]).metrics();
  };

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: draining every worker, then exiting`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    // Each worker drains as a single process does on SIGTERM; one that overruns its budget is killed.
    const killer = setTimeout(() => {
      for (const worker of workers) worker.process.kill('SIGKILL');
    }, options.shutdownMs).unref();
    void Promise.all(
      workers.map((worker) =>
        worker.isDead()
          ? undefined
          : new Promise<void>((resolve) => {
              worker.once('exit', () => resolve());
              worker.process.kill('SIGTERM');
            }),
      ),
    ).then(async () => {
      clearTimeout(killer);
      await options.onStopped();
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let i = 0; i < options.workers; i++) fork();
}

/** In a worker: tells the primary this worker listens, at `url`. */
export function tellListening(url: string): void {
  process.send?.({ type: 'gateway:listening', url } satisfies ToPrimary);
}

/** In a worker: what the primary sends first, before the worker builds its gateway. */
export function startMessage(): Promise<WorkerStart> {
  return new Promise((resolve) => {
    const onMessage = (message: ToWorker) => {
      if (message?.type !== 'gateway:start') return;
      process.off('message', onMessage);
      resolve(message);
    };
    process.on('message', onMessage);
    process.send?.({ type: 'gateway:hello' } satisfies ToPrimary);
  });
}

/**
 * In a worker: answers the primary's requests for this worker's metrics, and returns what /metrics
 * serves here, the sum over every worker, which only the primary can gather.
 */
export function workerMetrics(local: () => Promise<unknown[]>): () => Promise<string> {
  let nextScrape = 0;
  const waiting = new Map<number, (text: string) => void>();
  process.on('message', (message: ToWorker) => {
    if (message?.type === 'gateway:collect') {
      void local().then((metrics) =>
        process.send?.({ type: 'gateway:collected', id: message.id, metrics } satisfies ToPrimary),
      );
    } else if (message?.type === 'gateway:scraped') {
      waiting.get(message.id)?.(message.text);
      waiting.delete(message.id);
    }
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = ++nextScrape;
      waiting.set(id, resolve);
      process.send?.({ type: 'gateway:scrape', id } satisfies ToPrimary, undefined, {}, (error) => {
        if (!error) return;
        waiting.delete(id);
        reject(error);
      });
    });
}

/** In a worker: the other workers' response caches, reached through the primary. */
export function workerCachePeers(): CachePeers {
  return {
    publish: (touched) => process.send?.({ type: 'gateway:invalidate', touched } satisfies ToPrimary),
    subscribe: (invalidate) =>
      process.on('message', (message: ToWorker) => {
        if (message?.type === 'gateway:invalidate') invalidate(message.touched);
      }),
  };
}
