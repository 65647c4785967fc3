import { expect } from 'vitest';
import type { TestGateway } from './gateway.js';

/** A mutation's answer as the tests select it: its `__typename`, and the UserError fields when it is one. */
export interface UserErrorAnswer {
  __typename: string;
  message?: string;
  code?: string;
  field?: string[] | null;
  provider?: string | null;
  issues?: { field: string[]; message: string }[];
}

/** The one root field a mutation document selects, once its answer is known to carry no top-level error. */
export async function mutationAnswer<T = UserErrorAnswer>(
  gw: TestGateway,
  document: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const answer = await gw.query<Record<string, T>>(document, variables);
  expect(answer.errors).toBeUndefined();
  return Object.values(answer.data ?? {})[0] as T;
}
