import { loadEach } from '../../gateway/concurrency.js';
import { type CursorPageResult, readAllPages } from '../../gateway/cursor-paging.js';
import { FilteredLists } from '../../gateway/filtered-lists.js';
import { credentialKey, LivePolls, type PollEvent } from '../../gateway/live-polls.js';
import {
  type ProviderRuntime,
  type ProviderSession,
  type RuntimeServices,
  upstreamSettings,
} from '../../gateway/provider.js';
import {
  type DataSourceFilter,
  type DataSourceRecord,
  type ListSlice,
  type ListWindow,
  sliceWindow,
} from '../../gateway/records.js';
import { isUpstreamError } from '../../gateway/upstream/index.js';
import {
  createPrequelExportHttp,
  PrequelExportClient,
  type Transfer,
  type TransferStatus,
} from './client.js';
import type { PrequelExportConfig } from './config.js';
import { type DestinationRecord, toDestinationRecord } from './records.js';

/** The largest page Prequel serves. */
export const UPSTREAM_PAGE_SIZE = 100;
/** How many of a destination's newest transfers are read to find one just queued. */
const RECENT_TRANSFERS = 10;

export type ListOrder = 'asc' | 'desc';

/** The filters Prequel's transfer list takes: a status, and when the transfer ended. */
export interface TransferFilter {
  /** As Prequel spells it; its docs give the status as a free string. */
  status?: string;
  /** Only transfers that ended before this instant. */
  endedBefore?: Date;
  /** Only transfers that ended after this instant. */
  endedAfter?: Date;
}

/** One string per distinct filter: what a cursor or a count belongs to. */
export function transferFilterKey(filter: TransferFilter): string {
  return [
    filter.status ?? '*',
    filter.endedBefore?.toISOString() ?? '*',
    filter.endedAfter?.toISOString() ?? '*',
  ].join(':');
}

export function connectPrequelExport(
  config: PrequelExportConfig,
  services: RuntimeServices,
): ProviderRuntime<PrequelExportSession> {
  const http = createPrequelExportHttp(upstreamSettings(config.url, services));
  // The key is the gateway's own: callers never send or see it.
  const auth = () => ({ 'X-API-KEY': config.apiKey });
  const feed = transferFeed(new PrequelExportClient(http, auth), credentialKey(config.apiKey), services);
  return {
    session: (caller) =>
      new PrequelExportSession(
        new PrequelExportClient(http.forRequest(caller.tag, caller.signal), auth),
        config.concurrency,
        feed,
      ),
    upstreams: [http],
    close: () => {
      feed.close();
      return http.close();
    },
  };
}

/** A destination's newest transfers, polled once for every subscriber who follows them (live-polls.ts). */
export interface TransferFeed {
  /** The newest page of the destination's transfers, now and on each change, until `signal` aborts. */
  follow(destinationId: string, signal: AbortSignal): AsyncGenerator<PollEvent<Transfer[]>>;
  close(): void;
}

/**
 * The polls read with the gateway's own key, which every caller shares (Prequel's key is never
 * forwarded): one poll per destination, whoever follows it. No request owns a poll, so its calls carry
 * only the poll's own signal, aborted when the last follower leaves.
 */
function transferFeed(
  client: PrequelExportClient,
  credential: string,
  services: RuntimeServices,
): TransferFeed {
  const polls = new LivePolls<Transfer[]>(services.polling, wontPass);
  return {
    follow: (destinationId, signal) =>
      polls.follow(
        JSON.stringify([destinationId, credential]),
        async (pollSignal) =>
          (
            await client.listTransfers(
              destinationId,
              { order: 'desc', page_size: UPSTREAM_PAGE_SIZE },
              { signal: pollSignal },
            )
          ).transfers,
        signal,
      ),
    close: () => polls.close(),
  };
}

/** A refusal that asking again will not change: the destination is gone, or the key is refused. */
function wontPass(error: unknown): boolean {
  const status = isUpstreamError(error) && error.kind === 'http' ? (error.status ?? 0) : 0;
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** What one request does with Prequel Export. Results are remembered only for the life of the request. */
export class PrequelExportSession implements ProviderSession {
  // Oldest first, so offsets stay put as new destinations arrive.
  private readonly lists = new FilteredLists((cursor) =>
    this.destinationPage('asc', cursor, UPSTREAM_PAGE_SIZE),
  );
  private readonly transferTotals = new Map<string, Promise<number>>();

  constructor(
    readonly client: PrequelExportClient,
    /** Prequel has no batch read: lookups by id run this many at a time. */
    private readonly concurrency: number,
    /** Shared polls of destinations' transfers, for subscriptions. */
    readonly transfers: TransferFeed,
  ) {}

  /** Fetches each distinct id once, a few at a time; an id Prequel does not know is null. */
  loadByIds(ids: readonly string[]): Promise<(DestinationRecord | Error | null)[]> {
    return loadEach(
      ids,
      this.concurrency,
      async (id) => toDestinationRecord(await this.client.getDestination(id)),
      isDestinationId,
    );
  }

  /** One page of Prequel's own list, in its own cursor paging. */
  async destinationPage(
    order: ListOrder,
    cursor: string | undefined,
    pageSize: number,
  ): Promise<CursorPageResult<DestinationRecord>> {
    const page = await this.client.listDestinations({ page_size: pageSize, order, cursor });
    return { items: page.destinations.map(toDestinationRecord), nextCursor: page.nextCursor };
  }

  /** How many destinations there are (Prequel sends no total, so every page is read once). */
  async destinationCount(): Promise<number> {
    return (await this.lists.matching({})).length;
  }

  async listDataSources(filter: DataSourceFilter, window: ListWindow): Promise<ListSlice<DestinationRecord>> {
    return sliceWindow(await this.lists.matching(filter), window);
  }

  async countDataSources(filter: DataSourceFilter): Promise<number> {
    return (await this.lists.matching(filter)).length;
  }

  allDataSources(filter: DataSourceFilter): Promise<readonly DataSourceRecord[]> {
    return this.lists.matching(filter);
  }

  /** One page of a destination's transfers, newest first unless `order` is asc. */
  async transferPage(
    destinationId: string,
    query: { order: ListOrder } & TransferFilter,
    cursor: string | undefined,
    pageSize: number,
  ): Promise<CursorPageResult<Transfer>> {
    const page = await this.client.listTransfers(destinationId, {
      page_size: pageSize,
      order: query.order,
      cursor,
      // The contract lists the statuses the simulator uses; Prequel may have others, sent as they are.
      ...(query.status ? { status: query.status as TransferStatus } : {}),
      ...(query.endedBefore ? { ended_before: query.endedBefore.toISOString() } : {}),
      ...(query.endedAfter ? { ended_after: query.endedAfter.toISOString() } : {}),
    });
    return { items: page.transfers, nextCursor: page.nextCursor };
  }

  /**
   * A transfer just queued, from the newest page of its destination's list (Prequel has no read of
   * one transfer); undefined when that page does not hold it.
   */
  async recentTransfer(destinationId: string, transferId: string): Promise<Transfer | undefined> {
    const page = await this.client.listTransfers(destinationId, {
      order: 'desc',
      page_size: RECENT_TRANSFERS,
    });
    return page.transfers.find((transfer) => transfer.id === transferId);
  }

  /** After a transfer is queued: counts this request read of the destination's transfers are stale. */
  transferQueued(destinationId: string): void {
    const prefix = JSON.stringify([destinationId]).slice(0, -1);
    for (const key of this.transferTotals.keys()) if (key.startsWith(prefix)) this.transferTotals.delete(key);
  }

  /** How many transfers of a destination match the filter, reading every page once per request. */
  transferCount(destinationId: string, filter: TransferFilter): Promise<number> {
    const key = JSON.stringify([destinationId, transferFilterKey(filter)]);
    let total = this.transferTotals.get(key);
    if (!total) {
      total = readAllPages((cursor) =>
        this.transferPage(destinationId, { order: 'asc', ...filter }, cursor, UPSTREAM_PAGE_SIZE),
      ).then((transfers) => transfers.length);
      this.transferTotals.set(key, total);
    }
    return total;
  }
}

/** Prequel documents its ids only as strings: any non-empty one may name a destination. */
function isDestinationId(id: string): boolean {
  return id.length > 0;
}
