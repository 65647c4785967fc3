import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** Every secret this file sends; each is unique, so finding one anywhere is a leak. */
const secrets: string[] = [];
/** The ones the gateway itself refused: they must never reach an upstream either. */
const refused = new Set<string>();
const secret = (label: string, options: { refusedByGateway?: boolean } = {}) => {
  const value = `leak-${label}-${randomUUID()}`;
  secrets.push(value);
  if (options.refusedByGateway) refused.add(value);
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

  it('Prequel import credentials: accepted on create, update, tests and refused input, never shown', async () => {
    const input = (password: string, name = `Import ${randomUUID()}`) => ({
      name,
      providerId: 'provider-secrets',
      config: {
        postgres: {
          host: 'db.internal',
          port: 5432,
          database: 'app',
          passwordAuth: { username: 'app', password },
        },
      },
    });
    const created = await send(
      `mutation($input: CreateImportSourceInput!) { createImportSource(input: $input) {
        ${RESULT} ... on CreateImportSourceSuccess { importSource { id config { __typename } } } } }`,
      { input: input(secret('import-password')) },
    );
    const id = (created.data as { createImportSource: { importSource: { id: string } } }).createImportSource
      .importSource.id;
    await send(
      `mutation($id: ID!, $input: UpdateImportSourceInput!) { updateImportSource(id: $id, input: $input) { ${RESULT} } }`,
      {
        id,
        input: {
          config: { postgres: { passwordAuth: { username: 'app', password: secret('import-rotated') } } },
        },
      },
    );
    await send(
      `mutation($input: CreateImportSourceInput!) { testImportSource(input: $input) { __typename } }`,
      {
        input: input(secret('import-tested')),
      },
    );
    // Refused by the gateway (a port out of range) with the secret beside it.
    await send(
      `mutation($input: CreateImportSourceInput!) { createImportSource(input: $input) { ${RESULT} } }`,
      {
        input: {
          ...input(secret('import-refused')),
          config: {
            postgres: {
              host: 'h',
              port: 0,
              database: 'd',
              passwordAuth: { username: 'u', password: secret('import-refused-2') },
            },
          },
        },
      },
    );
    await send('query($id: ID!) { node(id: $id) { ... on ImportSource { config { __typename } } } }', { id });
  });

  it('Prequel destination credentials: accepted on create, update and tests, never shown', async () => {
    const list = await send('{ destinations(first: 1) { edges { node { recipientId } } } }', {});
    const recipientId = (list.data as { destinations: { edges: { node: { recipientId: string } }[] } })
      .destinations.edges[0]?.node.recipientId;
    const config = (password: string) => ({
      postgres: {
        host: 'warehouse.internal',
        port: 5432,
        database: 'dw',
        schema: 'exports',
        passwordAuth: { username: 'loader', password },
      },
    });
    const created = await send(
      `mutation($input: CreateDestinationInput!) { createDestination(input: $input) {
        ${RESULT} ... on CreateDestinationSuccess { destination { id config { __typename } } } } }`,
      {
        input: {
          name: `Destination ${randomUUID()}`,
          recipientId,
          config: config(secret('destination-password')),
        },
      },
    );
    const id = (created.data as { createDestination: { destination: { id: string } } }).createDestination
      .destination.id;
    await send(
      `mutation($id: ID!, $input: UpdateDestinationInput!) { updateDestination(id: $id, input: $input) { ${RESULT} } }`,
      {
        id,
        input: {
          config: {
            postgres: { passwordAuth: { username: 'loader', password: secret('destination-rotated') } },
          },
        },
      },
    );
    await send(
      `mutation($input: CreateDestinationInput!) { testDestination(input: $input) { __typename } }`,
      {
        input: { name: 'probe', recipientId, config: config(secret('destination-tested')) },
      },
    );
  });

  it('catalog secrets: accepted on create and update, never shown', async () => {
    const created = await send(
      `mutation($inputs: [CreateCatalogDataSourceInput!]!) { createCatalogDataSources(inputs: $inputs) {
        ${RESULT} ... on CreateCatalogDataSourcesSuccess { created { id } } } }`,
      {
        inputs: [
          {
            resourceName: `secret-keeper-${randomUUID()}`,
            databaseType: 'AWS',
            accessId: 'AKIAEXAMPLE',
            secretKey: secret('pdc-secret-key'),
            secretManagerKey: secret('pdc-manager-key'),
          },
        ],
      },
    );
    const id = (created.data as { createCatalogDataSources: { created: { id: string }[] } })
      .createCatalogDataSources.created[0]?.id;
    await send(
      `mutation($id: ID!, $input: UpdateCatalogDataSourceInput!) { updateCatalogDataSource(id: $id, input: $input) { ${RESULT} } }`,
      {
        id,
        input: { password: secret('pdc-password'), azureSharedKey: secret('pdc-azure-key') },
      },
    );
    await send('query($id: ID!) { node(id: $id) { ... on CatalogDataSource { accessId userName } } }', {
      id,
    });
  });

  it('appear in no response and no log line of this file', () => {
    expect(secrets.length).toBeGreaterThan(0);
    // The upstreams did receive them: the scan below is looking for something real.
    const received = JSON.stringify(
      Object.values(gw.sims).flatMap((sim) => sim.stats.requests().map((r) => r.body)),
    );
    expect(received).toContain(secrets[0]);
    const everything = [...seen, ...gw.logs].join('\n');
    expect(gw.logs.length).toBeGreaterThan(0);
    expect(everything.length).toBeGreaterThan(0);
    for (const value of secrets) expect(everything).not.toContain(value);
  });
});
