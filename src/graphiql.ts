import { Kind, OperationTypeNode, parse } from 'graphql';
import type { GraphiQLOptions } from 'graphql-yoga';
import { type Example, readExamples } from './examples.js';

/**
 * GraphiQL's options. It opens with one tab per operation of examples/: the queries first, so that
 * the tab it shows first runs as it is against the demo, then the mutations, each group by file name.
 */
function graphiqlOptions(examples: readonly Example[]): GraphiQLOptions & { query?: string } {
  const mutation = (example: Example) =>
    parse(example.document).definitions.some(
      (definition) =>
        definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.MUTATION,
    );
  const ordered = [...examples.filter((e) => !mutation(e)), ...examples.filter(mutation)];
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
    // A JSON POST passes the CSRF check whatever the GET policy is, and any document fits in it.
    useGETForQueries: false,
  };
}

let page: Promise<Uint8Array<ArrayBuffer>> | undefined;

/**
 * Yoga's `renderGraphiQL`: the page with GraphiQL's scripts, styles, fonts and editor workers inline
 * (@graphql-yoga/render-graphiql), so a browser fetches nothing but the page and the gateway's answers.
 * The page never changes: it is built on the first request for it and kept, and a gateway whose
 * GraphiQL is never opened never loads the assets (about 9 MB).
 */
export function renderGraphiqlPage(): Promise<Uint8Array<ArrayBuffer>> {
  page ??= buildPage().catch((error: unknown) => {
    // Tried again on the next request rather than failing every one after.
    page = undefined;
    throw error;
  });
  return page;
}

async function buildPage(): Promise<Uint8Array<ArrayBuffer>> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  return Buffer.from(renderGraphiQL(graphiqlOptions(readExamples())));
}
