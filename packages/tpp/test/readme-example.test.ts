import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { completeSandboxSca, createStetClient, encryptedFileTokenStore } from '../src/index.ts';
import { ACME, type Sandbox, startSandbox } from './helpers/sandbox.ts';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const REDIRECT = 'http://127.0.0.1:8765/callback';

/** The TypeScript block of the README between the sdk-example markers, exactly as a reader copies it. */
function readmeExample(): string {
  const text = readFileSync(README, 'utf8');
  const block = /<!-- sdk-example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- sdk-example:end -->/.exec(
    text,
  )?.[1];
  assert.ok(block, 'the README has an sdk-example block');
  return block;
}

let sandbox: Sandbox;
// The example runs from a folder inside the repository, so that `@openstet/tpp` resolves as for a user.
const workDir = fileURLToPath(new URL(`./.readme-run-${randomBytes(4).toString('hex')}/`, import.meta.url));

before(async () => {
  sandbox = await startSandbox();
  const { server, qwac, qseal, ca } = sandbox;
  const certs = join(workDir, 'tpp');
  mkdirSync(certs, { recursive: true });
  const files = {
    'qwac.pem': qwac.certificatePem,
    'qwac.key': qwac.privateKeyPem,
    'qseal.pem': qseal.certificatePem,
    'qseal.key': qseal.privateKeyPem,
    'ca.pem': ca,
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(certs, name), content);
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(join(certs, 'token.secret'), secret, { mode: 0o600 });
  // What `openstet tpp register` and `openstet tpp login --persona marc` do before the example runs.
  const bank = createStetClient({
    apiBaseUrl: `${server.mtlsUrl}/stet/psd2`,
    authorizationServer: server.publicUrl,
    clientId: ACME.organizationIdentifier,
    qwac: { certificate: join(certs, 'qwac.pem'), privateKey: join(certs, 'qwac.key') },
    qseal: { certificate: join(certs, 'qseal.pem'), privateKey: join(certs, 'qseal.key') },
    ca: join(certs, 'ca.pem'),
    tokenStore: encryptedFileTokenStore(join(certs, 'tokens.enc'), secret),
  });
  await bank.register({ redirectUris: [REDIRECT], clientName: 'Acme Cards' });
  const { url, state } = bank.authorizationUrl({ scope: 'cbpii', redirectUri: REDIRECT });
  const back = await completeSandboxSca({
    authorizationUrl: url,
    onlineBankingId: 'D0999990I0',
    ca,
  });
  await bank.exchangeCode({ code: back.searchParams.get('code') ?? '', state, redirectUri: REDIRECT });
  bank.close();
});

after(async () => {
  await sandbox?.close();
  rmSync(workDir, { recursive: true, force: true });
});

test('the README SDK example runs as written (only the sandbox ports differ)', async () => {
  const example = readmeExample()
    .replaceAll('https://localhost:8444', sandbox.server.mtlsUrl)
    .replaceAll('https://localhost:8443', sandbox.server.publicUrl);
  writeFileSync(join(workDir, 'example.mts'), example);
  // Asynchronous: the bank answering the example runs in this very process.
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'example.mts'], {
    cwd: workDir,
  });
  assert.equal(stdout.trim(), 'covered');
});
