import { writeFileSync } from 'node:fs';
import { printedSchema, printedSubgraphSchema, schemaFile, subgraphSchemaFile } from './print-schema.js';

writeFileSync(schemaFile, printedSchema());
writeFileSync(subgraphSchemaFile, printedSubgraphSchema());
console.log('wrote schema.graphql and schema.subgraph.graphql');
