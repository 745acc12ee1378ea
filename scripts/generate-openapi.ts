// Writes the OpenAPI documents of every STET version to packages/protocol/openapi/ (`npm run openapi`).
// They are committed; a test regenerates them and fails when they are stale (DESIGN habit 10).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument, STET_VERSIONS } from '@openstet/protocol';

const directory = join(import.meta.dirname, '..', 'packages', 'protocol', 'openapi');
mkdirSync(directory, { recursive: true });
const files = STET_VERSIONS.map((version) => {
  const file = join(directory, `stet-psd2-${version}.json`);
  writeFileSync(file, `${JSON.stringify(openApiDocument(version), null, 2)}\n`);
  return file;
});
// Formatted as the repository's Biome formats JSON, so `npm run lint` passes on the committed files.
const biome = spawnSync(
  process.execPath,
  [
    join(import.meta.dirname, '..', 'node_modules', '@biomejs', 'biome', 'bin', 'biome'),
    'format',
    '--write',
    ...files,
  ],
  {
    stdio: 'inherit',
  },
);
if (biome.status !== 0) process.exit(biome.status ?? 1);
for (const file of files) console.log(`wrote ${file}`);
