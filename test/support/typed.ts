/**
 * The member of a typed union answer with this `__typename`, or a failure that says what came
 * instead: a test reads the fields of the answer it expects without casting.
 */
export function expectTypename<T extends { __typename?: string }, N extends NonNullable<T['__typename']>>(
  value: T | null | undefined,
  typename: N,
): Extract<T, { __typename?: N }> {
  if (value?.__typename !== typename) {
    throw new Error(`expected a ${typename}, got ${JSON.stringify(value)}`);
  }
  return value as Extract<T, { __typename?: N }>;
}
