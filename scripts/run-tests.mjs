// Runs every packages/*/test/**/*.test.ts file with node:test through tsx (Node 20 has no --test globs).
// Extra arguments are passed to node --test (e.g. --test-name-pattern=signature) or name test files.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { dropTestSchemas } from './drop-test-schemas.mjs';

function testFiles(directory) {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : testFiles(path);
    return entry.endsWith('.test.ts') ? [path] : [];
  });
}

const args = process.argv.slice(2);
const named = args.filter((arg) => arg.endsWith('.ts'));
const options = args.filter((arg) => !arg.endsWith('.ts'));
const files =
  named.length > 0
    ? named
    : readdirSync('packages').flatMap((pkg) => {
        const directory = join('packages', pkg, 'test');
        try {
          return testFiles(directory);
        } catch {
          return [];
        }
      });
// One file more than cores: most test time waits on PostgreSQL, TLS peers, child processes or the browser.
const concurrency = Math.max(3, availableParallelism() + 1);
// With DATABASE_URL, the schemas of earlier or interrupted runs go first, this run's after it.
await dropTestSchemas();
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...options, ...files.sort()],
  { stdio: 'inherit' },
);
await dropTestSchemas();
process.exit(result.status ?? 1);
