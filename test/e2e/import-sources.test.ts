import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

interface Page {
  totalCount: number;
  edges: { node: { id: string; name: string; config: { __typename: string } } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const CONFIGS = `
  ... on PostgresImportConfig { host port database schema username useSshTunnel disableSsl sshTunnel { host port username publicKey } }
  ... on RedshiftImportConfig { host cluster region workgroup awsIamRole { roleArn } awsAccessKeys { accessId } }
  ... on RedshiftServerlessImportConfig { workgroup region }
  ... on BigQueryImportConfig { projectId region gcpServiceAccountRole { serviceAccountEmail } }
  ... on S3ImportConfig { bucketName region bucketHost awsIamRole { roleArn } awsAccessKeys { accessKeyId } }
  ... on AzureBlobImportConfig { bucketName storageAccountName }
  ... on SftpImportConfig { host port username }
  ... on GcsImportConfig { bucketName hmacKeys { accessId } }
  ... on S3CompatibleImportConfig { host port bucketName awsAccessKeys { accessKeyId } }
  ... on SnowflakeImportConfig { host database username authMethod publicKeyAuth { publicKey } }`;

async function all(order: 'ASC' | 'DESC', first: number): Promise<Page['edges']> {
  const edges: Page['edges'] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const result = await gw.query<{ importSources: Page }>(
      `query($first: Int, $after: String, $order: SortOrder) {
        importSources(first: $first, after: $after, order: $order) {
          totalCount edges { node { id name config { __typename ${CONFIGS} } } } pageInfo { hasNextPage endCursor }
        }
      }`,
      { first, after, order },
    );
    expect(result.errors).toBeUndefined();
    const page = result.data?.importSources as Page;
    edges.push(...page.edges);
    if (!page.pageInfo.hasNextPage) return edges;
    after = page.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

describe('import sources', () => {
  it('pages through every import source in either order, each config resolving to its vendor type', async () => {
    const forward = await all('ASC', 17);
    const backward = await all('DESC', 40);
    expect(forward.length).toBeGreaterThanOrEqual(50);
    expect(new Set(forward.map((e) => e.node.id)).size).toBe(forward.length);
    expect(backward.map((e) => e.node.id)).toEqual(forward.map((e) => e.node.id).reverse());
    const typenames = new Set(forward.map((e) => e.node.config.__typename));
    expect([...typenames].sort()).toEqual([
      'AzureBlobImportConfig',
      'BigQueryImportConfig',
      'GcsImportConfig',
      'PostgresImportConfig',
      'RedshiftImportConfig',
      'RedshiftServerlessImportConfig',
      'S3CompatibleImportConfig',
      'S3ImportConfig',
      'SftpImportConfig',
      'SnowflakeImportConfig',
    ]);
  });

  it('fetches each id once, however often it is asked, with one GET per source', async () => {
    const listed = await gw.query<{ importSources: Page }>(
      '{ importSources(first: 5) { edges { node { id name } } } }',
    );
    const ids = listed.data?.importSources.edges.map((e) => e.node.id) ?? [];
    gw.resetCounts();
    const result = await gw.query<{ nodes: { id: string; name: string }[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on ImportSource { name isReachable providerId } } }',
      { ids: [...ids, ...ids] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.nodes.map((n) => n.id)).toEqual([...ids, ...ids]);
    expect(gw.sims['prequel-import']?.stats.counts()).toEqual({ getSource: 5 });
  });

  it('answers null for an import source that does not exist', async () => {
    const id = Buffer.from('ImportSource:00000000-0000-4000-8000-000000000000').toString('base64url');
    const result = await gw.query('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: null });
  });

  it('refuses `first` outside 0 to MAX_PAGE_SIZE, and a cursor of destinations or at a place no page gave', async () => {
    const PAGE =
      'query($first: Int, $after: String) { importSources(first: $first, after: $after) { edges { node { id } } } }';
    for (const first of [-1, 501]) {
      const refused = await gw.query(PAGE, { first });
      expect(refused.errors).toEqual([
        expect.objectContaining({
          message: '`first` must be between 0 and 500',
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'first' }),
        }),
      ]);
    }
    expect((await gw.query(PAGE, { first: 500 })).errors).toBeUndefined();

    const destinations = await gw.query<{ destinations: { pageInfo: { endCursor: string } } }>(
      '{ destinations(first: 1) { pageInfo { endCursor } } }',
    );
    const forged = (index: number) =>
      Buffer.from(JSON.stringify(['importSources', null, index])).toString('base64url');
    for (const after of [destinations.data?.destinations.pageInfo.endCursor, forged(-1)]) {
      const refused = await gw.query(PAGE, { first: 1, after });
      expect(refused.errors).toEqual([
        expect.objectContaining({
          message: '`after` is not a cursor of importSources: pass a cursor it returned',
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }),
        }),
      ]);
    }
    const second = await gw.query<{ importSources: Page }>(PAGE, { first: 1, after: forged(0) });
    const firstTwo = await gw.query<{ importSources: Page }>(PAGE, { first: 2 });
    expect(second.data?.importSources.edges[0]).toEqual(firstTwo.data?.importSources.edges[1]);
  });
});
