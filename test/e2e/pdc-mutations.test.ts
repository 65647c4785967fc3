import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdcSimulator } from '../../src/sandbox/pdc/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { itDocumentedOnly, itWithOurs } from '../support/shape.js';
import type { UserErrorAnswer } from '../support/user-errors.js';

const gid = (id: string) => Buffer.from(`CatalogDataSource:${id}`).toString('base64url');
const UNKNOWN_ID = 'ffffffffffffffffffffffff';

interface Result extends UserErrorAnswer {
  created?: { id: string; name: string; port: number | null }[];
  failures?: { index: number; resourceName: string; message: string; field: string[] | null }[];
  catalogDataSource?: { id: string; name: string; port: number | null; description: string | null };
}

const ERRORS =
  '... on UserError { message code field } ... on InvalidInputError { issues { field message } }';
const CREATE = `mutation($inputs: [CreateCatalogDataSourceInput!]!) {
  createCatalogDataSources(inputs: $inputs) {
    __typename
    ... on CreateCatalogDataSourcesSuccess {
      created { id name port }
      failures { index resourceName message field }
    }
    ${ERRORS}
  }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateCatalogDataSourceInput!) {
  updateCatalogDataSource(id: $id, input: $input) {
    __typename
    ... on UpdateCatalogDataSourceSuccess { catalogDataSource { id name port description } }
    ${ERRORS}
  }
}`;

let gw: TestGateway;
let sim: PdcSimulator;
/** Global ids and names of the first seeded data sources. */
let seeded: { id: string; name: string }[] = [];
beforeAll(async () => {
  gw = await startTestGateway();
  sim = gw.sims.pdc as PdcSimulator;
  const list = await gw.query<{ catalogDataSources: { edges: { node: { id: string; name: string } }[] } }>(
    '{ catalogDataSources(first: 10) { edges { node { id name } } } }',
  );
  seeded = list.data?.catalogDataSources.edges.map((e) => e.node) ?? [];
});
afterAll(() => gw.close());

let serial = 0;
const fresh = (label: string) => `${label}-${++serial}`;
const nativeOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1] as string;
const sentBody = (operation: string) => sim.stats.last(operation)?.body;

async function create(inputs: Record<string, unknown>[]): Promise<Result> {
  const result = await gw.query<{ createCatalogDataSources: Result }>(CREATE, { inputs });
  expect(result.errors).toBeUndefined();
  return result.data?.createCatalogDataSources as Result;
}

async function update(id: string, input: Record<string, unknown>): Promise<Result> {
  const result = await gw.query<{ updateCatalogDataSource: Result }>(UPDATE, { id, input });
  expect(result.errors).toBeUndefined();
  return result.data?.updateCatalogDataSource as Result;
}

describe('createCatalogDataSources', () => {
  it('sends one item as one object, the port as a string, without nulls, and reads it back at once', async () => {
    const name = fresh('orders-replica');
    const result = await create([
      {
        resourceName: name,
        databaseType: 'POSTGRES',
        host: 'orders.internal',
        port: 5432,
        description: null,
        includePatterns: ['public/*'],
        password: 'pdc-pw-never-shown',
        costPerTb: { price: 23.5, currency: 'EUR', frequency: 'month' },
        location: { country: 'DE', city: 'Frankfurt', latitude: null },
      },
    ]);
    expect(sentBody('createDataSources')).toEqual({
      resourceName: name,
      databaseType: 'POSTGRES',
      host: 'orders.internal',
      port: '5432',
      includePatterns: ['public/*'],
      password: 'pdc-pw-never-shown',
      costPerTb: { price: 23.5, currency: 'EUR', frequency: 'month' },
      location: { country: 'DE', city: 'Frankfurt' },
    });
    expect(result).toMatchObject({ __typename: 'CreateCatalogDataSourcesSuccess', failures: [] });
    const id = result.created?.[0]?.id as string;
    expect(result.created).toEqual([{ id, name, port: 5432 }]);
    expect(sim.store.secretsOf(nativeOf(id))).toEqual({ password: 'pdc-pw-never-shown' });

    const node = await gw.query<{ node: { name: string; costPerTb: { currency: string } } }>(
      'query($id: ID!) { node(id: $id) { ... on CatalogDataSource { name costPerTb { currency } } } }',
      { id },
    );
    expect(node.data?.node).toEqual({ name, costPerTb: { currency: 'EUR' } });
    const listed = await gw.query<{ catalogDataSources: { edges: { node: { id: string } }[] } }>(
      'query($names: [String!]) { catalogDataSources(first: 5, resourceNames: $names) { edges { node { id } } } }',
      { names: [name] },
    );
    expect(listed.data?.catalogDataSources.edges).toEqual([{ node: { id } }]);
    expect(JSON.stringify([result, node, listed])).not.toContain('pdc-pw-never-shown');
  });

  it('sends several items as one array and answers them in order', async () => {
    const names = [fresh('lake-a'), fresh('lake-b')];
    const result = await create(names.map((resourceName) => ({ resourceName, databaseType: 'AWS' })));
    expect(sentBody('createDataSources')).toEqual(
      names.map((resourceName) => ({ resourceName, databaseType: 'AWS' })),
    );
    expect(result.created?.map((c) => c.name)).toEqual(names);
  });

  // The `errors[]` list of a 207 is ours: the docs give a partial create a `message` only.
  itWithOurs('reports a partial success item by item, with the field of each refusal', async () => {
    const names = [fresh('partial-a'), seeded[0]?.name as string, fresh('partial-c')];
    const result = await create(names.map((resourceName) => ({ resourceName, databaseType: 'MYSQL' })));
    expect(result.__typename).toBe('CreateCatalogDataSourcesSuccess');
    expect(result.created?.map((c) => c.name)).toEqual([names[0], names[2]]);
    expect(result.failures).toEqual([
      {
        index: 1,
        resourceName: names[1],
        message: 'Pentaho Data Catalog did not create it: it refused inputs[1].resourceName',
        field: ['inputs', '1', 'resourceName'],
      },
    ]);
  });

  itDocumentedOnly(
    'reports a partial success that PDC gives a message only, by the items not created',
    async () => {
      const names = [fresh('partial-a'), seeded[0]?.name as string, fresh('partial-c')];
      const result = await create(names.map((resourceName) => ({ resourceName, databaseType: 'MYSQL' })));
      expect(result.__typename).toBe('CreateCatalogDataSourcesSuccess');
      expect(result.created?.map((c) => c.name)).toEqual([names[0], names[2]]);
      expect(result.failures).toEqual([
        { index: 1, resourceName: names[1], message: 'Pentaho Data Catalog did not create it', field: null },
      ]);
    },
  );

  it('answers a batch PDC refuses whole with one issue per item, on its input path', async () => {
    const names = [seeded[1]?.name, seeded[2]?.name];
    const result = await create(names.map((resourceName) => ({ resourceName, databaseType: 'ORACLE' })));
    expect(result).toMatchObject({ __typename: 'InvalidInputError', code: 'INVALID_INPUT' });
    expect(result.issues?.map((i) => i.field)).toEqual([
      ['inputs', '0', 'resourceName'],
      ['inputs', '1', 'resourceName'],
    ]);
  });

  it('answers a single item PDC refuses (a string message) on the field it names', async () => {
    const result = await create([{ resourceName: seeded[3]?.name, databaseType: 'MSSQL' }]);
    // PDC refuses a name in use as invalid (400), quoting it: the answer names the field, not the name.
    expect(result).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['inputs', '0', 'resourceName'],
      message: 'inputs[0].resourceName: was refused by Pentaho Data Catalog as invalid',
    });
    expect(JSON.stringify(result)).not.toContain(seeded[3]?.name as string);
  });

  it('checks every item against the documented limits before calling PDC and lists every problem', async () => {
    gw.resetCounts();
    const result = await create([
      { resourceName: fresh('ok'), databaseType: 'POSTGRES', configMethod: 'jdbc' },
      {
        resourceName: fresh('ok'),
        databaseType: 'AWS',
        costPerTb: { price: 1, currency: 'USD', frequency: 'hour' },
      },
    ]);
    expect(result.__typename).toBe('InvalidInputError');
    expect(result.issues?.map((i) => i.field)).toEqual([
      ['inputs', '0', 'configMethod'],
      ['inputs', '1', 'costPerTb', 'frequency'],
    ]);
    expect(sim.stats.count('createDataSources')).toBe(0);
  });

  it('sends what PDC documents no limit for, and lists each field it refuses on its own input path', async () => {
    gw.resetCounts();
    const result = await create([
      { resourceName: fresh('ok'), databaseType: 'POSTGRES' },
      { resourceName: '', databaseType: 'POSTGRES' },
      {
        resourceName: fresh('ok'),
        databaseType: 'AWS',
        costPerTb: { price: -1, currency: 'usd', frequency: 'day' },
      },
    ]);
    expect(result.__typename).toBe('InvalidInputError');
    expect(result.issues?.map((i) => i.field)).toEqual([
      ['inputs', '1', 'resourceName'],
      ['inputs', '2', 'costPerTb', 'price'],
      ['inputs', '2', 'costPerTb', 'currency'],
    ]);
    expect(sim.stats.count('createDataSources')).toBe(1);
  });

  const cost = (change: object) => ({
    costPerTb: { price: 1, currency: 'USD', frequency: 'day', ...change },
  });
  const place = (change: object) => ({ location: { country: 'NO', city: 'Oslo', ...change } });
  it.each([
    ['resourceName', '255 characters', { resourceName: 'n'.repeat(255) }, ['resourceName'], 'ok'],
    ['resourceName', '256 characters', { resourceName: 'n'.repeat(256) }, ['resourceName'], 'upstream'],
    ['port', '65535', { port: 65535 }, ['port'], 'ok'],
    ['port', '65536 (PDC keeps a string: no documented range)', { port: 65536 }, ['port'], 'ok'],
    ['totalCapacity', '0', { totalCapacity: 0 }, ['totalCapacity'], 'ok'],
    ['totalCapacity', '-0.5', { totalCapacity: -0.5 }, ['totalCapacity'], 'upstream'],
    ['costPerTb.price', '0', cost({ price: 0 }), ['costPerTb'], 'ok'],
    ['costPerTb.price', '-0.01', cost({ price: -0.01 }), ['costPerTb', 'price'], 'upstream'],
    ['costPerTb.currency', 'USDX', cost({ currency: 'USDX' }), ['costPerTb', 'currency'], 'upstream'],
    ['costPerTb.frequency', 'year', cost({ frequency: 'year' }), ['costPerTb'], 'ok'],
    ['costPerTb.frequency', 'hour', cost({ frequency: 'hour' }), ['costPerTb', 'frequency'], 'gateway'],
    ['location.latitude', '90', place({ latitude: 90 }), ['location'], 'ok'],
    ['location.latitude', '90.5', place({ latitude: 90.5 }), ['location', 'latitude'], 'upstream'],
    ['location.country', 'NOR', place({ country: 'NOR' }), ['location', 'country'], 'upstream'],
    ['configMethod', 'jdbc', { configMethod: 'jdbc' }, ['configMethod'], 'gateway'],
  ])(
    'checks %s at %s where PDC documents the limit, else lets PDC judge it (%s)',
    async (_field, _label, input, path, outcome) => {
      gw.resetCounts();
      const result = await create([{ resourceName: fresh('edge'), databaseType: 'POSTGRES', ...input }]);
      if (outcome === 'ok') {
        expect(result.__typename).toBe('CreateCatalogDataSourcesSuccess');
        return;
      }
      expect(result).toMatchObject({ __typename: 'InvalidInputError', field: ['inputs', '0', ...path] });
      expect(sim.stats.count('createDataSources')).toBe(outcome === 'gateway' ? 0 : 1);
    },
  );

  it('takes 100 items in one call, and refuses 101 or none', async () => {
    const hundred = Array.from({ length: 100 }, () => ({ resourceName: fresh('bulk'), databaseType: 'AWS' }));
    gw.resetCounts();
    expect((await create(hundred)).created).toHaveLength(100);
    expect(sim.stats.count('createDataSources')).toBe(1);
    const tooMany = [...hundred, { resourceName: fresh('bulk'), databaseType: 'AWS' }];
    expect(await create(tooMany)).toMatchObject({ __typename: 'InvalidInputError', field: ['inputs'] });
    expect(await create([])).toMatchObject({ __typename: 'InvalidInputError', field: ['inputs'] });
    expect(sim.stats.count('createDataSources')).toBe(1);
  });
});

describe('updateCatalogDataSource', () => {
  it('sends only the fields given, the port as a string, and lists whole', async () => {
    const result = await update(seeded[4]?.id as string, {
      description: 'Nightly replica',
      port: 6543,
      includePatterns: ['sales/*', 'hr/*'],
      excludePatterns: [],
    });
    expect(sentBody('updateDataSource')).toEqual({
      description: 'Nightly replica',
      port: '6543',
      includePatterns: ['sales/*', 'hr/*'],
      excludePatterns: [],
    });
    expect(result.catalogDataSource).toMatchObject({ description: 'Nightly replica', port: 6543 });
    const stored = sim.store.get(nativeOf(seeded[4]?.id as string));
    expect(stored).toMatchObject({ includePatterns: ['sales/*', 'hr/*'], excludePatterns: [] });
  });

  it('sends an empty patch when nothing is given, and changes nothing', async () => {
    const before = sim.store.get(nativeOf(seeded[5]?.id as string));
    expect((await update(seeded[5]?.id as string, {})).__typename).toBe('UpdateCatalogDataSourceSuccess');
    expect(sentBody('updateDataSource')).toEqual({});
    expect(sim.store.get(nativeOf(seeded[5]?.id as string))).toEqual(before);
  });

  it('refuses null on every field, since PDC clears nothing, without calling PDC', async () => {
    gw.resetCounts();
    const result = await update(seeded[5]?.id as string, {
      description: null,
      includePatterns: null,
      password: null,
    });
    const refusal = 'cannot be cleared with null: leave it out to keep it';
    expect(result.issues).toEqual([
      { field: ['input', 'description'], message: refusal },
      { field: ['input', 'password'], message: refusal },
      { field: ['input', 'includePatterns'], message: refusal },
    ]);
    expect(sim.stats.count('updateDataSource')).toBe(0);
  });

  it.each([
    ['port', 65536, true],
    ['totalCapacity', 0, true],
    ['totalCapacity', -1, false],
  ])('lets PDC judge %s at %s, its refusal on the field', async (field, value, ok) => {
    gw.resetCounts();
    const result = await update(seeded[6]?.id as string, { [field]: value });
    if (ok) expect(result.__typename).toBe('UpdateCatalogDataSourceSuccess');
    else expect(result).toMatchObject({ __typename: 'InvalidInputError', field: ['input', field] });
    expect(sim.stats.count('updateDataSource')).toBe(1);
  });

  it('stores a new secret and never shows it', async () => {
    const result = await update(seeded[6]?.id as string, { secretKey: 'pdc-secret-never-shown' });
    expect(sim.store.secretsOf(nativeOf(seeded[6]?.id as string))?.secretKey).toBe('pdc-secret-never-shown');
    expect(JSON.stringify(result)).not.toContain('pdc-secret-never-shown');
  });

  it('refuses an id that is not a 24-hex ObjectId, or not a catalog id, before any call', async () => {
    gw.resetCounts();
    expect(await update(gid('abc'), { note: 'x' })).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['id'],
    });
    const other = Buffer.from('ImportSource:abc').toString('base64url');
    expect(await update(other, { note: 'x' })).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['id'],
    });
    expect(sim.stats.count()).toBe(0);
  });

  it('answers NotFoundError for an ObjectId that names nothing', async () => {
    expect(await update(gid(UNKNOWN_ID), { note: 'x' })).toMatchObject({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
    });
  });

  it('answers a later change in the same request with the earlier one in place', async () => {
    const id = seeded[7]?.id as string;
    const result = await gw.query<{
      changed: { __typename: string };
      after: { catalogDataSource: { description: string; note: string } };
    }>(
      `mutation($id: ID!) {
        changed: updateCatalogDataSource(id: $id, input: { description: "Changed in place" }) { __typename }
        after: updateCatalogDataSource(id: $id, input: { note: "Changed after" }) {
          ... on UpdateCatalogDataSourceSuccess { catalogDataSource { description note } }
        }
      }`,
      { id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.changed.__typename).toBe('UpdateCatalogDataSourceSuccess');
    // The second change did not send the description: the answer holds it because PDC kept the first.
    expect(sentBody('updateDataSource')).toEqual({ note: 'Changed after' });
    expect(result.data?.after).toEqual({
      catalogDataSource: { description: 'Changed in place', note: 'Changed after' },
    });
  });
});
