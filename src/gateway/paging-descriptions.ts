import { DEFAULT_PAGE_SIZE } from './paging.js';

/**
 * What the relay plugin's shared paging parts say to a client: the paging arguments of the lists
 * that page both ways (`dataSources`, `catalogDataSources`, `riverGenDataSources`), `PageInfo`,
 * and the parts every connection and edge has. `countedConnection` describes the rest per list.
 */
export const pagingDescriptions = {
  firstArgOptions: {
    description: `How many items to read from the start of the list, or after \`after\`: 0 up to the gateway's MAX_PAGE_SIZE setting (${DEFAULT_PAGE_SIZE} when neither \`first\` nor \`last\` is given). Not together with \`last\`.`,
  },
  afterArgOptions: {
    description:
      "Read on after this cursor: a page's `endCursor` (or an edge's `cursor`) from this same list.",
  },
  lastArgOptions: {
    description:
      "How many items to read from the end of the list, or before `before`: 0 up to the gateway's MAX_PAGE_SIZE setting. Not together with `first`.",
  },
  beforeArgOptions: {
    description:
      "With `last`: read the items just before this cursor, a page's `startCursor` (or an edge's `cursor`) from this same list.",
  },
  pageInfoFieldOptions: {
    description: 'Whether items come before or after this page, and the cursors to read them with.',
  },
  cursorFieldOptions: {
    description:
      'Where this edge sits in its list, as an opaque string: give it back as `after` (or `before`, where the list pages backwards) to the same field with the same arguments to read on from here.',
  },
  hasNextPageFieldOptions: {
    description:
      'Whether items follow this page: pass `endCursor` as `after` to read them. Paging backwards (`last`), it is true whenever `before` was given.',
  },
  hasPreviousPageFieldOptions: {
    description:
      'Whether items come before this page: where the list pages backwards, pass `startCursor` as `before` (with `last`) to read them. Paging forwards, it is true whenever `after` was given.',
  },
  startCursorFieldOptions: {
    description: 'The cursor of the first edge of this page; null when the page is empty.',
  },
  endCursorFieldOptions: {
    description: 'The cursor of the last edge of this page; null when the page is empty.',
  },
};
