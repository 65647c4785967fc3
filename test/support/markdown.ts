import { readdirSync, readFileSync } from 'node:fs';

export const root = new URL('../../', import.meta.url);

/** A file of the repository, by its path from the root. */
export function readRepoFile(path: string): string {
  return readFileSync(new URL(path, root), 'utf8');
}

/** The README and every page of docs/, by path from the repository's root. */
export function docPages(): string[] {
  const pages = readdirSync(new URL('docs/', root)).filter((name) => name.endsWith('.md'));
  return ['README.md', ...pages.sort().map((name) => `docs/${name}`)];
}

export interface Fence {
  /** The word after the opening backticks; empty when there is none. */
  language: string;
  /** The lines inside, without the fence's own indentation. */
  body: string;
  /** 0-based lines of the opening and closing backticks. */
  start: number;
  end: number;
}

/** The fenced code blocks of a Markdown text, indented ones (in lists) too. */
export function fences(text: string): Fence[] {
  const found: Fence[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    let end = i + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end] ?? '')) end++;
    const body = lines
      .slice(i + 1, end)
      .map((line) => line.slice(Math.min(indent, /^\s*/.exec(line)?.[0].length ?? 0)));
    found.push({ language: open[2] ?? '', body: body.length ? `${body.join('\n')}\n` : '', start: i, end });
    i = end;
  }
  return found;
}

/** The text outside fenced blocks: prose, headings, tables. */
export function prose(text: string): string {
  const lines = text.split('\n');
  for (const fence of fences(text)) lines.fill('', fence.start, fence.end + 1);
  return lines.join('\n');
}

/** The contents of every inline code span outside fenced blocks. */
export function codeSpans(text: string): string[] {
  return [...prose(text).matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '');
}

/** The target of every inline link, `[text](target)`, outside fenced blocks. */
export function linkTargets(text: string): string[] {
  return [...prose(text).matchAll(/\[[^\]\n]*\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of prose(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = (heading ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
