import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const providersDir = fileURLToPath(new URL('../src/providers/', import.meta.url));

export interface GeneratedFile {
  /** The OpenAPI document it is generated from. */
  source: string;
  /** Where the generated types live. */
  target: string;
  contents: string;
}

/** Every provider folder that holds an `openapi.yaml`, with the TypeScript generated from it. */
export async function generateOpenApiTypes(): Promise<GeneratedFile[]> {
  const out: GeneratedFile[] = [];
  for (const entry of readdirSync(providersDir, { withFileTypes: true })) {
    const source = join(providersDir, entry.name, 'openapi.yaml');
    if (!entry.isDirectory() || !existsSync(source)) continue;
    const ast = await openapiTS(new URL(`file://${source}`), { alphabetize: true });
    const header = [
      '// Generated from openapi.yaml by `npm run types:openapi`. Do not edit: change the document and regenerate.',
      '',
    ].join('\n');
    out.push({
      source,
      target: join(providersDir, entry.name, 'openapi.gen.ts'),
      contents: header + astToString(ast),
    });
  }
  return out;
}
