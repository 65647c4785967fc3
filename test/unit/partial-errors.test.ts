import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { maskError } from '../../src/gateway/errors.js';
import { useMaskedIncrementalErrors, usePartialErrors } from '../../src/gateway/partial-errors.js';
import { type Part, partsOf } from '../support/incremental.js';

interface Context {
  partialErrors: GraphQLError[];
}

/**
 * A server with the two plugins as the gateway orders them, over rows whose `late` field waits for
 * `open`: then rows 0 and 1 report a failure at their own path, row 0 one elsewhere too, and row 1's
 * `broken` field fails as a bug does. Each row's two fields are deferred: the three fragments come after the first part, together.
 */
function server() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const yoga = createYoga<Context>({
    schema: createSchema<Context>({
      typeDefs: 'type Query { rows: [Row!]! } type Row { id: Int! late: Int broken: Int }',
      resolvers: {
        Query: { rows: () => [{ id: 0 }, { id: 1 }, { id: 2 }, { id: 3 }] },
        Row: {
          late: async (row: { id: number }, _: unknown, context: Context) => {
            await opened;
            const failed = (message: string, path: (string | number)[]) =>
              new GraphQLError(message, { path, extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
            if (row.id === 0) {
              context.partialErrors.push(
                failed('Row 0’s provider failed', ['rows', 0, 'late']),
                failed('Another provider failed', ['elsewhere']),
              );
            }
            if (row.id === 1)
              context.partialErrors.push(failed('Row 1’s provider failed', ['rows', 1, 'late']));
            return row.id;
          },
          broken: (row: { id: number }) => {
            if (row.id === 1) throw new Error('a detail no client should read');
            return row.id;
          },
        },
      },
    }),
    context: () => ({ partialErrors: [] }),
    maskedErrors: { maskError },
    logging: false,
    plugins: [useDeferStream(), usePartialErrors(), useMaskedIncrementalErrors(maskError)],
  });
  return { yoga, open };
}

describe('the errors of an answer in parts', () => {
  it('go beside the deferred fragment holding their path, or after the last of the part, and are masked there', async () => {
    const { yoga, open } = server();
    const response = await yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({ query: '{ rows { id ... @defer { late broken } } }' }),
    });
    const parts: Part[] = [];
    for await (const part of partsOf(response)) {
      parts.push(part);
      if (parts.length === 1) open();
    }
    expect(parts[0]).toEqual({ data: { rows: [{ id: 0 }, { id: 1 }, { id: 2 }, { id: 3 }] }, hasNext: true });
    const items = parts.flatMap((part) => part.incremental ?? []);
    expect(items.map((item) => item.path)).toEqual([
      ['rows', 0],
      ['rows', 1],
      ['rows', 2],
      ['rows', 3],
    ]);
    // The four fragments in one part: where it shows which of them carries an error.
    expect(parts.filter((part) => part.incremental?.length)).toHaveLength(1);
    expect(items.map((item) => item.errors?.map((error) => [error.message, error.path]))).toEqual([
      [['Row 0’s provider failed', ['rows', 0, 'late']]],
      [
        ['Unexpected error.', ['rows', 1, 'broken']],
        ['Row 1’s provider failed', ['rows', 1, 'late']],
      ],
      undefined,
      [['Another provider failed', ['elsewhere']]],
    ]);
    expect(JSON.stringify(parts)).not.toContain('a detail');
  });
});
