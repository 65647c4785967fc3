import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let destinationId = '';
beforeAll(async () => {
  gw = await startTestGateway();
  const list = await gw.query<{ destinations: { edges: { node: { id: string } }[] } }>(
    '{ destinations(first: 1) { edges { node { id } } } }',
  );
  destinationId = list.data?.destinations.edges[0]?.node.id ?? '';
});
afterAll(() => gw.close());
afterEach(() => gw.sims['prequel-export']?.setFaults(undefined));

describe('testDestinationConnection, as Prequel documents its answer', () => {
  const TEST = `mutation($id: ID!) { testDestinationConnection(id: $id) {
    __typename ... on TestDestinationConnectionSuccess { result { succeeded message error { errorCode title } } } } }`;
  const runError = {
    error_code: 'AUTHENTICATION_FAILED',
    title: 'Authentication failed',
    blame: 'third_party',
    documentation_url: 'https://docs.example.com/errors/auth',
    message: 'The password was refused',
    trace: 'trace-1',
  };
  interface Tested {
    testDestinationConnection: { result: { succeeded: boolean; message: string; error: unknown } };
  }

  it.each([
    ['no run error in `data`', { status: 'success', data: {}, message: 'Connected' }, true, 'Connected'],
    [
      'a run error as `data.error`',
      { status: 'success', data: { error: runError }, message: 'done' },
      false,
      'The password was refused',
    ],
    [
      'a run error as `data` itself',
      { status: 'success', data: runError, message: 'done' },
      false,
      'The password was refused',
    ],
    [
      'a run error beside a `status` of ours that says success',
      { status: 'success', data: { status: 'success', error: runError }, message: 'done' },
      false,
      'The password was refused',
    ],
  ])('reads %s', async (_label, body, succeeded, message) => {
    gw.sims['prequel-export']?.setFaults({ body, operations: ['testDestinationConnection'] });
    const answer = await gw.query<Tested>(TEST, { id: destinationId });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.testDestinationConnection.result).toMatchObject({ succeeded, message });
    if (!succeeded)
      expect(answer.data?.testDestinationConnection.result.error).toEqual({
        errorCode: 'AUTHENTICATION_FAILED',
        title: 'Authentication failed',
      });
  });
});
