import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
// @ts-expect-error: a plain .mjs script without declarations
import { publishedManifest } from '../../../scripts/publish-manifest.mjs';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// At the repository root: the packages' own dependencies (asn1js, @peculiar/x509) resolve from there,
// and, outside packages/tpp, '@openstet/tpp' is not a self-reference to the workspace sources.
const install = join(ROOT, `.package-run-${randomBytes(4).toString('hex')}`);

after(() => rmSync(install, { recursive: true, force: true }));

/** Copies a built workspace package as `npm publish` would ship it: dist/ and the published manifest. */
function installPublished(name: string, directory: string): void {
  const target = join(install, 'node_modules', '@openstet', name);
  mkdirSync(target, { recursive: true });
  cpSync(join(ROOT, directory, 'dist'), join(target, 'dist'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ROOT, directory, 'package.json'), 'utf8'));
  writeFileSync(join(target, 'package.json'), JSON.stringify(publishedManifest(manifest)));
}

test('the SDK builds to dist/ with type declarations and runs from its published form with plain node', async () => {
  await run('npm', ['run', 'build'], { cwd: ROOT });
  installPublished('protocol', 'packages/protocol');
  installPublished('tpp', 'packages/tpp');
  const declarations = readFileSync(join(install, 'node_modules/@openstet/tpp/dist/index.d.ts'), 'utf8');
  assert.match(declarations, /createStetClient/);
  assert.match(declarations, /StetError/);
  writeFileSync(
    join(install, 'check.mjs'),
    "import * as sdk from '@openstet/tpp';\nconsole.log(Object.keys(sdk).sort().join(' '));\n",
  );
  // No tsx: the published package must be plain JavaScript.
  const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: install });
  for (const name of [
    'createStetClient',
    'completeSandboxSca',
    'encryptedFileTokenStore',
    'StetError',
    'OAuthError',
  ]) {
    assert.ok(
      stdout
        .split(' ')
        .map((word) => word.trim())
        .includes(name),
      `${name} is exported: ${stdout}`,
    );
  }
});
