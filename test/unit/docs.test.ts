import { buildSchema } from 'graphql';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { variableNames } from '../../scripts/env-table.js';
import { gatewayEnv } from '../../src/config.js';
import { readExamples } from '../../src/examples.js';
import { providers } from '../../src/providers/registry.js';
import {
  brokenLinks,
  enumValues,
  graphqlProblems,
  type KnownNames,
  missingPaths,
  unknownFields,
  unknownRootFields,
  unknownScripts,
  unknownVariables,
} from '../support/docs-checks.js';
import { docPages, fences, linkTargets, readRepoFile } from '../support/markdown.js';

/**
 * The README and docs/ are what a newcomer trusts first: every operation, field, link, variable,
 * path and script they name is checked against what is there.
 */
const schema = buildSchema(readRepoFile('schema.graphql'));
const pages = docPages().map((path) => ({ path, text: readRepoFile(path) }));
const examples = readExamples().map(({ name, document }) => ({
  path: `examples/${name}.graphql`,
  text: document,
}));
const readme = readRepoFile('README.md');
const SCREEN = 40;

/** Every `extensions.code` the gateway sends: the `ErrorCode` union, where that list is kept. */
function errorCodes(): string[] {
  const file = ts.createSourceFile(
    'errors.ts',
    readRepoFile('src/gateway/errors.ts'),
    ts.ScriptTarget.Latest,
  );
  const alias = file.statements.find(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'ErrorCode',
  );
  if (!alias || !ts.isUnionTypeNode(alias.type))
    throw new Error('src/gateway/errors.ts has no ErrorCode union');
  return alias.type.types.flatMap((t) =>
    ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? [t.literal.text] : [],
  );
}

const known: KnownNames = {
  variables: variableNames(),
  prefixes: providers.map((p) => p.envPrefix),
  values: new Set([...enumValues(schema), ...errorCodes()]),
  // Read by Node.js, by OpenTelemetry's exporter and sampler, and by the simulators (src/sandbox/kit/shape.ts).
  others: new Set(['NODE_OPTIONS', 'OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_TRACES_SAMPLER', 'SANDBOX_SHAPE']),
};

describe.each(pages)('$path', ({ path, text }) => {
  it('marks every fenced block as graphql, sh or text', () => {
    expect(fences(text).filter((f) => !['graphql', 'sh', 'text'].includes(f.language))).toEqual([]);
  });

  it('shows only GraphQL operations that validate against schema.graphql', () => {
    const blocks = fences(text).filter((f) => f.language === 'graphql');
    expect(blocks.flatMap((f) => graphqlProblems(f.body, schema))).toEqual([]);
  });

  it('names only types and fields the schema has (`Type.field`)', () => {
    expect(unknownFields(text, schema)).toEqual([]);
  });

  it('names only root fields, arguments and mutations the schema has', () => {
    expect(unknownRootFields(text, schema)).toEqual([]);
  });

  it('links only to files and headings that exist', () => {
    expect(brokenLinks(path, text)).toEqual([]);
  });

  it('names only environment variables the gateway reads', () => {
    expect(unknownVariables(text, known)).toEqual([]);
  });

  it('names only paths and npm scripts that exist', () => {
    const scripts = JSON.parse(readRepoFile('package.json')).scripts as Record<string, string>;
    expect(
      missingPaths(
        text,
        providers.map((p) => p.id),
      ),
    ).toEqual([]);
    expect(unknownScripts(text, scripts)).toEqual([]);
  });
});

it('links every page of docs/ from the README', () => {
  const linked = new Set(linkTargets(readme).map((target) => target.split('#')[0]));
  expect(docPages().filter((page) => page !== 'README.md' && !linked.has(page))).toEqual([]);
});

describe('the checks themselves', () => {
  it('catch a field, a root argument, a mutation, a link, a variable, a path and a script that do not exist', () => {
    const page = [
      'On `CatalogDataSource.databaseType` and `Destination.transferStatistics`, not `README.md`.',
      'Call `nodes(idz:)` or `deleteImportSource`. See [the guide](docs/guide.md) and [there](#nowhere).',
      'Set `PDC_URLS`, `<PREFIX>_TOKEN` and `GATEWAY_BUSY`; read `src/nowhere.ts`; `npm run docs`.',
    ].join('\n');
    expect(unknownFields(page, schema)).toEqual([
      'CatalogDataSource.databaseType',
      'Destination.transferStatistics',
    ]);
    expect(unknownRootFields(page, schema)).toEqual(['nodes(idz:)', 'deleteImportSource']);
    expect(brokenLinks('README.md', page)).toEqual(['docs/guide.md', '#nowhere']);
    expect(unknownVariables(page, known)).toEqual(['<PREFIX>_TOKEN', 'PDC_URLS']);
    expect(missingPaths(page, ['pdc'])).toEqual(['docs/guide.md', 'src/nowhere.ts']);
    expect(unknownScripts(page, { test: '' })).toEqual(['docs']);
    expect(graphqlProblems('{ dataSources(first: 1) { edges { node { databaseType } } } }', schema)).toEqual([
      expect.stringContaining('"databaseType"'),
    ]);
    expect(graphqlProblems('type Extra { id: ID }', schema)[0]).toContain('not an operation');
  });
});

describe('examples/', () => {
  it.each(examples)('$path is one named operation that validates against schema.graphql', ({ text }) => {
    expect(graphqlProblems(text, schema)).toEqual([]);
    expect(text).toMatch(/^(# .*\n)*(query|mutation|subscription) [A-Z]\w* ?[({]/);
  });

  it('are exactly the operations the README shows, each once', () => {
    const shown = fences(readme)
      .filter((f) => f.language === 'graphql')
      .map((f) => f.body);
    expect([...shown].sort()).toEqual(examples.map((e) => e.text).sort());
  });
});

describe("the README's first screen", () => {
  const blocks = fences(readme);
  const [commands] = blocks;

  it('starts with the two commands of a fresh machine: one runs the gateway, one the tests (as CI does)', () => {
    expect(readme.split('\n')[0]).toMatch(/^# \S/);
    expect(commands).toMatchObject({ language: 'sh', start: 2 });
    const lines = (commands?.body ?? '').trim().split('\n');
    expect(lines.map((line) => line.replace(/\s+#.*$/, ''))).toEqual([
      'npm ci && npm start',
      'npm ci && npm test',
    ]);
    expect(readRepoFile('.ci/run')).toMatch(/^npm ci && npm test$/m);
  });

  it('says what the gateway does in two to four sentences, at the address it listens on by default', () => {
    const lines = readme.split('\n');
    const intro = lines
      .slice(
        (commands?.end ?? 0) + 1,
        lines.findIndex((l) => l.startsWith('## ')),
      )
      .join(' ');
    const sentences = intro.split(/[.!?](?=\s|$)/).filter((s) => s.trim() !== '');
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(4);
    const port = gatewayEnv.find((v) => v.name === 'PORT')?.default;
    for (const [address] of readme.matchAll(/localhost:\d+/g)) expect(address).toBe(`localhost:${port}`);
  });

  it(`shows the first example within its first ${SCREEN} lines`, () => {
    const first = blocks.find((f) => f.language === 'graphql');
    expect(first?.end).toBeLessThan(SCREEN);
    expect(examples.map((e) => e.text)).toContain(first?.body);
  });
});
