import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('test/generated', () => {
  it('holds what GraphQL Code Generator makes of schema.graphql and the documents (run `npm run codegen`)', async () => {
    const files: Types.FileOutput[] = await generate({ ...config, cwd: root, silent: true }, false);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(readFileSync(new URL(`../../${file.filename}`, import.meta.url), 'utf8'), file.filename).toBe(
        file.content,
      );
    }
    const onDisk = readdirSync(new URL('../generated', import.meta.url)).map(
      (name) => `test/generated/${name}`,
    );
    expect(onDisk.sort()).toEqual(files.map((file) => file.filename).sort());
  }, 60_000);
});
