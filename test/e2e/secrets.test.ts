import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** Every secret this file sends; each is unique, so finding one anywhere is a leak. */
const secrets: string[] = [];
const secret = (label: string) => {
  const value = `leak-${label}-${randomUUID()}`;
  secrets.push(value);
  return value;
};

/** Every response body and every line logged while the gateway worked. */
const seen: string[] = [];
let gw: TestGateway;

beforeAll(async () => {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
      seen.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write);
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      seen.push(
        args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join(' '),
      );
      original(...args);
    });
  }
  gw = await startTestGateway();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await gw.close();
});

async function send(document: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await gw.query(document, variables);
  seen.push(JSON.stringify(result));
  return result as unknown as Record<string, unknown>;
}

const RESULT =
  '__typename ... on UserError { message code field } ... on InvalidInputError { issues { field message } }';

describe('secrets sent to the gateway', () => {
  it('RiverGen credentials: accepted on create, rotation and refused input, never shown', async () => {
    const created = await send(
      `mutation($input: CreateRiverGenDataSourceInput!) { createRiverGenDataSource(input: $input) {
        ${RESULT} ... on CreateRiverGenDataSourceSuccess { riverGenDataSource { id connectionString metadata } } } }`,
      {
        input: {
          name: `Secretive ${randomUUID()}`,
          type: 'postgresql',
          host: 'db.internal',
          port: 5432,
          databaseName: 'app',
          credentials: {
            username: 'app',
            password: secret('rivergen-password'),
            apiKey: secret('rivergen-api-key'),
            sshPrivateKey: secret('rivergen-ssh-key'),
          },
        },
      },
    );
    const id = (created.data as { createRiverGenDataSource: { riverGenDataSource: { id: string } } })
      .createRiverGenDataSource.riverGenDataSource.id;
    await send(
      'mutation($id: ID!, $input: UpdateRiverGenCredentialsInput!) { updateRiverGenCredentials(id: $id, input: $input) { __typename } }',
      { id, input: { password: secret('rivergen-rotated'), oauthToken: secret('rivergen-oauth') } },
    );
    // Refused by the gateway (too long) and by RiverGen (a database type without a host): no echo either way.
    await send(
      `mutation($input: CreateRiverGenDataSourceInput!) { createRiverGenDataSource(input: $input) { ${RESULT} } }`,
      {
        input: {
          name: '',
          type: 'postgresql',
          credentials: { password: `${secret('rivergen-refused')}${'x'.repeat(1000)}` },
        },
      },
    );
    await send(
      `mutation($input: CreateRiverGenDataSourceInput!) { createRiverGenDataSource(input: $input) { ${RESULT} } }`,
      {
        input: {
          name: `No host ${randomUUID()}`,
          type: 'mysql',
          credentials: { password: secret('rivergen-upstream-400') },
        },
      },
    );
    await send(
      'query($id: ID!) { node(id: $id) { ... on RiverGenDataSource { connectionString metadata tags } } }',
      { id },
    );
  });

  it('appear in no response and no log line of this file', () => {
    expect(secrets.length).toBeGreaterThan(0);
    // The upstreams did receive them: the scan below is looking for something real.
    const received = JSON.stringify(
      Object.values(gw.sims).flatMap((sim) => sim.stats.requests().map((r) => r.body)),
    );
    expect(received).toContain(secrets[0]);
    const everything = seen.join('\n');
    expect(everything.length).toBeGreaterThan(0);
    for (const value of secrets) expect(everything).not.toContain(value);
  });
});
