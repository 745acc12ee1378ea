import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureSandboxPki, loadConfig, type RunningServer, startServer } from '@openstet/aspsp';
import { issueEidasCertificate } from '@openstet/protocol';
import { completeSandboxSca, createStetClient, encryptedFileTokenStore } from '../src/index.ts';

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

let server: RunningServer;
let dataDir: string;
// The example runs from a folder inside the repository, so that `@openstet/tpp` resolves as for a user.
const workDir = fileURLToPath(new URL(`./.readme-run-${randomBytes(4).toString('hex')}/`, import.meta.url));

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'openstet-readme-'));
  const pki = await ensureSandboxPki(dataDir);
  const tpp = {
    organizationIdentifier: 'PSDFR-ACPR-12345',
    organizationName: 'Acme Cards',
    roles: ['PSP_IC', 'PSP_AI'],
  } as const;
  const [qwac, qseal] = await Promise.all([
    issueEidasCertificate(pki.ca, { kind: 'qwac', ...tpp }),
    issueEidasCertificate(pki.ca, { kind: 'qsealc', ...tpp }),
  ]);
  const certs = join(workDir, 'tpp');
  mkdirSync(certs, { recursive: true });
  const files = {
    'qwac.pem': qwac.certificatePem,
    'qwac.key': qwac.privateKeyPem,
    'qseal.pem': qseal.certificatePem,
    'qseal.key': qseal.privateKeyPem,
    'ca.pem': pki.ca.certificatePem,
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(certs, name), content);
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(join(certs, 'token.secret'), secret, { mode: 0o600 });
  server = await startServer(
    loadConfig({
      OPENSTET_DATA_DIR: dataDir,
      OPENSTET_PUBLIC_PORT: '0',
      OPENSTET_MTLS_PORT: '0',
      DATABASE_URL: '',
    }),
    { log: false },
  );
  await server.app.registry.save({
    ...tpp,
    name: tpp.organizationName,
    ncaName: 'ACPR',
    ncaId: 'FR-ACPR',
    roles: [...tpp.roles],
    status: 'licensed',
  });
  // What `openstet tpp register` and `openstet tpp login --persona marc` do before the example runs.
  const bank = createStetClient({
    apiBaseUrl: `${server.mtlsUrl}/stet/psd2`,
    authorizationServer: server.publicUrl,
    clientId: tpp.organizationIdentifier,
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
    ca: pki.ca.certificatePem,
  });
  await bank.exchangeCode({ code: back.searchParams.get('code') ?? '', state, redirectUri: REDIRECT });
  bank.close();
});

after(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

test('the README SDK example runs as written (only the sandbox ports differ)', async () => {
  const example = readmeExample()
    .replaceAll('https://localhost:8444', server.mtlsUrl)
    .replaceAll('https://localhost:8443', server.publicUrl);
  writeFileSync(join(workDir, 'example.mts'), example);
  // Asynchronous: the bank answering the example runs in this very process.
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'example.mts'], {
    cwd: workDir,
  });
  assert.equal(stdout.trim(), 'covered');
});
