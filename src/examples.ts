import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** One operation of examples/: the file's name without `.graphql`, its text and, if it has one, its variables. */
export interface Example {
  name: string;
  document: string;
  /** The JSON text of `<name>.variables.json` beside it. */
  variables?: string;
}

/**
 * The operations of examples/, by file name. The bundle holds what this returns at build time
 * (scripts/build.ts), so a built gateway runs without the folder.
 */
export function readExamples(): Example[] {
  const folder = new URL('../examples/', import.meta.url);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.graphql'.length);
      const document = readFileSync(new URL(file, folder), 'utf8');
      const variables = new URL(`${name}.variables.json`, folder);
      return existsSync(variables)
        ? { name, document, variables: readFileSync(variables, 'utf8') }
        : { name, document };
    });
}
