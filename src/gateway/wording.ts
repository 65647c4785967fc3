import { UPSTREAM_FIELD_PATH } from './field-problems.js';
import { printPath } from './input-problems.js';

/** Letters whose names begin with a vowel sound, for words spelt out letter by letter ("an SFTP"). */
const VOWEL_SOUNDING_LETTERS = new Set('AEFHILMNORSX');

/**
 * `noun` after its indefinite article, as messages and descriptions write it: "an ImportSource",
 * "a CatalogDataSource", "an SFTP server", "an application/xml body", "a user".
 */
export function withArticle(noun: string): string {
  return `${startsWithVowelSound(noun) ? 'an' : 'a'} ${noun}`;
}

/** A phrase as the start of a sentence: its first letter a capital ("An application/xml body"). */
export function sentenceStart(phrase: string): string {
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

function startsWithVowelSound(noun: string): boolean {
  const word = /^[A-Za-z0-9]+/.exec(noun)?.[0] ?? '';
  // An initialism is read letter by letter: an S3 bucket, an MSSQL server, a GCS bucket.
  if (/^[A-Z][A-Z0-9]+$/.test(word) || /^[A-Z][0-9]/.test(word)) {
    return VOWEL_SOUNDING_LETTERS.has(word.charAt(0));
  }
  // A vowel read as a consonant (a user, a unique name, a European region, a one-off), a silent h.
  if (/^(u[nst]i|us[ea]|eu|one|once)/i.test(word) && !/^(unin|unim|unu)/i.test(word)) return false;
  if (/^(hour|honest|hono)/i.test(word)) return true;
  return /^[aeiou]/i.test(word);
}

/** An input path as GraphQL writes it: `["input", "enabledModels", "0"]` reads `input.enabledModels[0]`. */
export function inputPathText(path: readonly string[]): string {
  const [root = '', ...rest] = path;
  const keys = rest.map((name) => (/^\d+$/.test(name) ? Number(name) : name));
  return printPath(root, keys);
}

/** What a message says of a field an upstream named that the mutation's input has no name for. */
export const UNNAMED_INPUT_FIELD = 'a field this input has no name for';

/** A field path as an upstream writes it: `destination.enabled_models[0]`, `[2].costPerTb`, `database_name`. */
const UPSTREAM_PATH = new RegExp(UPSTREAM_FIELD_PATH, 'g');

/**
 * The fields an upstream's sentence names (`database_name is required` names `database_name`), in
 * order, once each. Only what reads as code (a name with `_`, `.` or an index) and what `isField`
 * knows as a field is taken, so the words of the sentence and the values it quotes are left alone.
 */
export function fieldsNamedIn(text: string, isField: (upstream: string) => boolean): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(UPSTREAM_PATH)) {
    const token = match[0];
    // A token inside a longer word or path (an e-mail address, a URL) is not a field.
    const before = text.charAt(match.index - 1);
    if (/[\w$@/:-]/.test(before) || !/[_.[]/.test(token)) continue;
    if (isField(token)) found.add(token);
  }
  return [...found];
}
