import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Kind, OperationTypeNode, parse } from 'graphql';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { type Example, readExamples } from './examples.js';

/** The order of the tabs: a subscription follows what a mutation before it started. */
const TAB_ORDER = [OperationTypeNode.QUERY, OperationTypeNode.MUTATION, OperationTypeNode.SUBSCRIPTION];

/**
 * GraphiQL's options. It opens with one tab per operation of examples/: the queries first, so that
 * the tab it shows first runs as it is against the demo, then the mutations, then the subscriptions
 * (over text/event-stream, GraphiQL's default for Yoga), each group by file name.
 */
function graphiqlOptions(examples: readonly Example[]): GraphiQLOptions & { query?: string } {
  const kind = (example: Example) =>
    parse(example.document).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION)
      ?.operation ?? OperationTypeNode.QUERY;
  const ordered = TAB_ORDER.flatMap((operation) => examples.filter((e) => kind(e) === operation));
  return {
    // The page's title, and the name shown beside the logo.
    title: 'datasource-gateway',
    defaultTabs: ordered.map(({ document, variables }) => ({
      query: document,
      variables: variables ?? null,
    })),
    // Yoga's page fills the editor with `query` (missing from its options' type) or else with a
    // welcome text that hides the first tab's operation; given, it wins over a `?query=` in the URL.
    ...(ordered[0] ? { query: ordered[0].document } : {}),
    // A JSON POST is what the gateway reads for any operation, mutations included, and any document fits in it.
    useGETForQueries: false,
  };
}

/** The page as built once: its bytes, gzipped too (about a quarter of 9 MB), and the tag that names them. */
interface Page {
  plain: Uint8Array<ArrayBuffer>;
  gzipped: Uint8Array<ArrayBuffer>;
  etag: string;
}

let page: Promise<Page> | undefined;

/**
 * GraphiQL at `endpoint` for a browser's GET (one that accepts HTML), before authentication, as
 * Yoga's own page is: the page holds no data, and its requests carry the caller's credentials. The
 * page never changes while the process runs, so it is sent gzipped to a browser that takes gzip and
 * answered 304 when the browser still holds it (`no-cache`: asked again each time, sent once).
 * A request for anything else costs one method comparison.
 */
export function useGraphiqlPage(endpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || !request.headers.get('accept')?.includes('text/html')) return;
      if (url.pathname !== endpoint && url.pathname !== `${endpoint}/`) return;
      return graphiqlPage().then((built) => endResponse(pageResponse(built, request, fetchAPI.Response)));
    },
  };
}

function pageResponse(built: Page, request: Request, Response: typeof globalThis.Response): Response {
  const headers: Record<string, string> = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    etag: built.etag,
    vary: 'Accept-Encoding',
  };
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch && (ifNoneMatch.trim() === '*' || ifNoneMatch.includes(built.etag)))
    return new Response(null, { status: 304, headers });
  if (!takesGzip(request.headers.get('accept-encoding'))) return new Response(built.plain, { headers });
  return new Response(built.gzipped, { headers: { ...headers, 'content-encoding': 'gzip' } });
}

/** Whether an Accept-Encoding names gzip (or `*`) without refusing it with `q=0`. */
function takesGzip(acceptEncoding: string | null): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(',').some((entry) => {
    const [coding = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    return !params.some((param) => /^q=0(\.0*)?$/.test(param));
  });
}

/**
 * The page with GraphiQL's scripts, styles, fonts and editor workers inline
 * (@graphql-yoga/render-graphiql), so a browser fetches nothing but the page and the gateway's answers.
 * It is built on the first request for it and kept; a gateway whose GraphiQL is never opened never
 * loads the assets (about 9 MB).
 */
function graphiqlPage(): Promise<Page> {
  page ??= buildPage().catch((error: unknown) => {
    // Tried again on the next request rather than failing every one after.
    page = undefined;
    throw error;
  });
  return page;
}

async function buildPage(): Promise<Page> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  const plain = Buffer.from(renderGraphiQL(graphiqlOptions(readExamples())));
  const gzipped = gzipSync(plain, { level: 9 });
  const etag = `"${createHash('sha256').update(plain).digest('base64url').slice(0, 27)}"`;
  return { plain, gzipped, etag };
}
