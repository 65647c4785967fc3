import { writeFileSync } from 'node:fs';
import { printedSchema, schemaFile } from './print-schema.js';

writeFileSync(schemaFile, printedSchema());
console.log('wrote schema.graphql');
