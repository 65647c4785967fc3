import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoUpstreams } from '../../src/sandbox/demo.js';
import {
  PatchPortDocument,
  PostgresEverywhereDocument,
  ProdCatalogDocument,
  ReopenDocument,
} from '../generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { expectTypename } from '../support/typed.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const example = (name: string) =>
  readFileSync(new URL(`../../examples/${name}.graphql`, import.meta.url), 'utf8');

/** The fenced blocks of one language in a README section, in order. */
function blocks(section: string, language: string): string[] {
  const start = readme.indexOf(`## ${section}`);
  const end = readme.indexOf('\n## ', start + 1);
  const text = readme.slice(start, end < 0 ? undefined : end);
  return [...text.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1] ?? '');
}

describe('README examples', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('shows the operations of examples/ exactly as they are written there', () => {
    expect(blocks('Try it', 'graphql')).toEqual(
      ['postgres-everywhere', 'prod-catalog', 'reopen'].map(example),
    );
    expect(blocks('Changing things', 'graphql')).toEqual([example('patch-port')]);
  });

  it('has three query examples that run against the demo without errors', async () => {
    const first = await gw.query(PostgresEverywhereDocument);
    expect(first.errors).toBeUndefined();
    const ids = (first.data?.dataSources?.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node.id] : []));
    expect(ids.length).toBeGreaterThan(0);
    const second = await gw.query(ProdCatalogDocument);
    expect(second.errors).toBeUndefined();
    expect(second.data?.dataSources?.edges?.length).toBeGreaterThan(0);
    const third = await gw.query(ReopenDocument, { ids });
    expect(third.errors).toBeUndefined();
    expect(third.data?.nodes.map((node) => node?.id)).toEqual(ids);
  });

  it('has a mutation example that patches exactly what it says', async () => {
    const result = await gw.query(PatchPortDocument);
    expect(result.errors).toBeUndefined();
    const patched = expectTypename(result.data?.updateRiverGenDataSource, 'UpdateRiverGenDataSourceSuccess');
    expect(patched.riverGenDataSource).toMatchObject({ port: 6543, description: null });
    expect(gw.sims.rivergen?.stats.last('updateDataSource')?.body).toEqual({ port: 6543, description: null });
  });

  it('has a curl example that works as written against `npm run sandbox`', async () => {
    const [script] = blocks('The simulated upstreams', 'sh');
    const sandbox = await startDemoUpstreams({ fixedPorts: true });
    try {
      const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script ?? 'false']);
      const answer = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
        status: number;
        data: { databaseType: string }[];
      };
      expect(answer.status).toBe(200);
      expect(answer.data.map((d) => d.databaseType)).toEqual(['POSTGRES', 'POSTGRES']);
    } finally {
      await sandbox.close();
    }
  });
});
