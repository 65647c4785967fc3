import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

/** What a profile says of a frame: where its code is, 0-based as V8 counts. */
export interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}

const maps = new Map<string, SourceMap | undefined>();

function sourceMapOf(url: string): SourceMap | undefined {
  if (!maps.has(url)) {
    const file = url.startsWith('file://') ? `${new URL(url).pathname}.map` : '';
    maps.set(
      url,
      file && existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined,
    );
  }
  return maps.get(url);
}

/**
 * The frame where its code was written: a frame in the bundle (index.js and its chunks, whose
 * names and lines say nothing) is moved, through the bundle's source map, to the file of src/ or
 * of the package it came from. Any other frame is given back as it is.
 */
export function originalFrame<F extends Frame>(frame: F): F {
  const entry = sourceMapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber ?? 0);
  if (!entry || !('originalSource' in entry)) return frame;
  return {
    ...frame,
    url: new URL(entry.originalSource, frame.url).href,
    lineNumber: entry.originalLine,
    columnNumber: entry.originalColumn,
  };
}
