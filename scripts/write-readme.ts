import { writeFileSync } from 'node:fs';
import { readmeFile, readmeWithEnvTable } from './env-table.js';

writeFileSync(readmeFile, readmeWithEnvTable());
console.log('updated the configuration table in README.md');
