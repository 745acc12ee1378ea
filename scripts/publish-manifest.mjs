// The packages run from their TypeScript sources inside the monorepo (exports → src/index.ts, through
// tsx). A published package points at its build instead: `prepare` rewrites package.json for `npm pack`
// / `npm publish` (keeping the original beside it), `restore` puts the original back.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** The published form of a workspace manifest: exports and files point at dist/. */
export function publishedManifest(manifest) {
  return {
    ...manifest,
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    types: './dist/index.d.ts',
    files: ['dist'],
  };
}

const [command] = process.argv.slice(2);
if (command === 'prepare') {
  copyFileSync('package.json', 'package.json.workspace');
  writeFileSync(
    'package.json',
    `${JSON.stringify(publishedManifest(JSON.parse(readFileSync('package.json', 'utf8'))), null, 2)}\n`,
  );
} else if (command === 'restore') {
  if (existsSync('package.json.workspace')) renameSync('package.json.workspace', 'package.json');
} else if (command !== undefined) {
  console.error('usage: node scripts/publish-manifest.mjs prepare|restore');
  process.exit(2);
}
