import { writeFileSync } from 'node:fs';
import { configurationFile, configurationWithEnvTable } from './env-table.js';

// `npm run readme`: the name predates the table's move out of README.md into docs/configuration.md.
writeFileSync(configurationFile, configurationWithEnvTable());
console.log('updated the table of environment variables in docs/configuration.md');
