import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import {
  type GraphQLField,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  validate,
} from 'graphql';
import { codeSpans, headingAnchors, linkTargets, readRepoFile, root } from './markdown.js';

/**
 * What a page of the docs claims, each checked against what is there. Every function returns the
 * claims that do not hold, as short strings for a test to show; none means the page is true.
 */

/** A GraphQL snippet that does not parse, is not a complete operation, or does not validate. */
export function graphqlProblems(source: string, schema: GraphQLSchema): string[] {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(source);
  } catch (error) {
    return [(error as Error).message];
  }
  const problems = document.definitions
    .filter((d) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION)
    .map((d) => `${d.kind} is not an operation: only operations are shown as \`graphql\` blocks`);
  return [...problems, ...validate(schema, document).map((error) => error.message)];
}

function fieldOf(
  schema: GraphQLSchema,
  typeName: string,
  fieldName: string,
): GraphQLField<unknown, unknown> | undefined {
  const type = schema.getType(typeName);
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[fieldName];
  return undefined;
}

const fileExtension = /\.(md|ts|js|json|ya?ml|graphql|txt|cjs|mjs)$/;

/** `Type.field` spans naming a type or field the schema does not have (`README.md` is a file, not a field). */
export function unknownFields(text: string, schema: GraphQLSchema): string[] {
  return codeSpans(text).filter((span) => {
    const claim = /^([A-Z][A-Za-z0-9]*)\.([a-z_][A-Za-z0-9_]*)$/.exec(span);
    if (!claim || (fileExtension.test(span) && !schema.getType(claim[1] ?? ''))) return false;
    const type = schema.getType(claim[1] ?? '');
    if (isInputObjectType(type)) return !type.getFields()[claim[2] ?? ''];
    return !fieldOf(schema, claim[1] ?? '', claim[2] ?? '');
  });
}

const mutationVerb = /^(create|update|delete|test|queue)[A-Z][A-Za-z0-9]*$/;

/** `field(arg:, …)` spans naming a root field or argument that does not exist, and mutation names that do not. */
export function unknownRootFields(text: string, schema: GraphQLSchema): string[] {
  const rootField = (name: string) =>
    schema.getQueryType()?.getFields()[name] ?? schema.getMutationType()?.getFields()[name];
  return codeSpans(text).filter((span) => {
    const call = /^([a-z][A-Za-z0-9]*)\(((?:[a-z][A-Za-z0-9]*:[^,)]*,?\s*)*)\)$/.exec(span);
    if (call) {
      const field = rootField(call[1] ?? '');
      const args = [...(call[2] ?? '').matchAll(/([a-z][A-Za-z0-9]*):/g)].map((m) => m[1]);
      return !field || args.some((arg) => !field.args.some((a) => a.name === arg));
    }
    return mutationVerb.test(span) && !schema.getMutationType()?.getFields()[span];
  });
}

/** Relative links whose file, or whose `#anchor` in a Markdown file, does not exist. */
export function brokenLinks(page: string, text: string): string[] {
  return linkTargets(text).filter((target) => {
    if (/^[a-z]+:/.test(target)) return false;
    const [path = '', anchor] = target.split('#');
    const file = path === '' ? page : normalize(join(dirname(page), path));
    if (file.startsWith('..') || !existsSync(new URL(file, root))) return true;
    if (anchor === undefined) return false;
    return !file.endsWith('.md') || !headingAnchors(readRepoFile(file)).has(anchor);
  });
}

export interface KnownNames {
  /** Every variable the gateway reads. */
  variables: Set<string>;
  /** Each provider's prefix, for the `<PREFIX>_…` forms every provider has. */
  prefixes: string[];
  /** Names in the same spelling that are not variables: enum values, error codes. */
  values: Set<string>;
  /** Variables others read (Node.js, OpenTelemetry's SDK, the simulators). */
  others: Set<string>;
}

/** Environment variables the text names that nobody reads, `<PREFIX>_X` standing for every provider's. */
export function unknownVariables(text: string, known: KnownNames): string[] {
  const unknown: string[] = [];
  const rest = text.replace(/<PREFIX>_([A-Z0-9_]+)/g, (form, suffix: string) => {
    if (known.prefixes.some((prefix) => !known.variables.has(`${prefix}_${suffix}`))) unknown.push(form);
    return '';
  });
  for (const [name = ''] of rest.matchAll(/(?<![\w-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w-])/g)) {
    if (!known.variables.has(name) && !known.values.has(name) && !known.others.has(name)) unknown.push(name);
  }
  return [...new Set(unknown)];
}

/** Paths into the repository's folders that do not exist; `<id>` stands for every provider's id. */
export function missingPaths(text: string, providerIds: string[]): string[] {
  const paths = text.matchAll(/(?<![\w./-])(?:src|test|bench|scripts|examples|docs)\/[A-Za-z0-9_./<>-]*/g);
  return [...new Set([...paths].map((m) => m[0].replace(/[.]+$/, '')))].filter((path) => {
    const each = path.includes('<id>') ? providerIds.map((id) => path.replaceAll('<id>', id)) : [path];
    return each.some((p) => !existsSync(new URL(p, root)));
  });
}

/** `npm run <name>` commands that package.json does not define. */
export function unknownScripts(text: string, scripts: Record<string, string>): string[] {
  return [...text.matchAll(/npm run (?:-s )?([a-z][\w-]*(?::[\w-]+)*)/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => !(name in scripts));
}

/** Every enum value of the schema: spelled like a variable, but not one. */
export function enumValues(schema: GraphQLSchema): Set<string> {
  return new Set(
    Object.values(schema.getTypeMap()).flatMap((type) =>
      isEnumType(type) ? type.getValues().map((value) => value.name) : [],
    ),
  );
}
