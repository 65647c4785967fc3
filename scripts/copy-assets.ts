import { cpSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The built gateway reads each provider's OpenAPI document at run time (the demo simulators do). */
const [from = 'src', to = 'dist'] = process.argv.slice(2);

function copyYaml(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyYaml(path);
    else if (entry.name.endsWith('.yaml')) cpSync(path, join(to, relative(from, path)));
  }
}

copyYaml(from);
