import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApiTypes } from '../../scripts/openapi-types.js';

describe('types generated from the OpenAPI documents', async () => {
  const files = await generateOpenApiTypes();

  it('exist for all four providers', () => {
    expect(files.map((f) => f.target.split('/').at(-2)).sort()).toEqual([
      'pdc',
      'prequel-export',
      'prequel-import',
      'rivergen',
    ]);
  });

  for (const file of files) {
    it(`are up to date in ${file.target.split('/').slice(-2).join('/')} (run \`npm run types:openapi\`)`, () => {
      expect(readFileSync(file.target, 'utf8')).toBe(file.contents);
    });
  }
});
