import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generateOpenApiTypes } from './openapi-types.js';

for (const file of await generateOpenApiTypes()) {
  writeFileSync(file.target, file.contents);
  console.log(`wrote ${relative(process.cwd(), file.target)}`);
}
