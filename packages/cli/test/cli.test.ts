import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureSandboxPki, loadConfig, type RunningServer, startServer } from '@openstet/aspsp';
import { readCrl, readEidasCertificate } from '@openstet/protocol';

const BIN = fileURLToPath(new URL('../bin/openstet.js', import.meta.url));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `openstet` command in a child process. */
function openstet(args: readonly string[], env: Readonly<Record<string, string>>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env, DATABASE_URL: env.DATABASE_URL ?? '' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('the openstet command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'openstet-cli-'));
  const out = mkdtempSync(join(tmpdir(), 'openstet-cli-tpp-'));
  const env = { OPENSTET_DATA_DIR: dataDir };
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  test('--help lists every command with examples and exits 0', async () => {
    const run = await openstet(['--help'], env);
    assert.equal(run.code, 0);
    for (const word of [
      'serve',
      'certs',
      'registry',
      'tpp',
      'demo',
      'Examples:',
      'openstet certs tpp --org-id PSDFR-ACPR-12345',
    ]) {
      assert.ok(run.stdout.includes(word), `help mentions ${word}`);
    }
  });

  test('certs tpp writes a QWAC and a QSealC that openssl and our parser read the same way, and licenses the TPP', async () => {
    const run = await openstet(
      [
        'certs',
        'tpp',
        '--org-id',
        'PSDFR-ACPR-12345',
        '--name',
        'Acme Cards',
        '--roles',
        'PSP_IC,PSP_AI',
        '--out',
        out,
      ],
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Recorded PSDFR-ACPR-12345 as licensed in the sandbox register/);
    const qwacPem = readFileSync(join(out, 'qwac.pem'), 'utf8');
    const text = execFileSync('openssl', [
      'x509',
      '-in',
      join(out, 'qwac.pem'),
      '-noout',
      '-text',
    ]).toString();
    assert.match(text, /organizationIdentifier ?= ?PSDFR-ACPR-12345/);
    assert.match(text, /qcStatements/);
    assert.match(text, /PSP_IC/);
    const verify = execFileSync('openssl', [
      'verify',
      '-CAfile',
      join(out, 'ca.pem'),
      join(out, 'qwac.pem'),
      join(out, 'qseal.pem'),
    ]).toString();
    assert.match(verify, /qwac.pem: OK/);
    const qwac = readEidasCertificate(qwacPem);
    assert.deepEqual(qwac.psd2?.roles, ['PSP_IC', 'PSP_AI']);
    assert.deepEqual(qwac.qcTypes, ['web']);
    assert.deepEqual(readEidasCertificate(readFileSync(join(out, 'qseal.pem'), 'utf8')).qcTypes, ['eseal']);
    assert.equal(
      statSync(join(out, 'qwac.key')).mode & 0o777,
      0o600,
      'private keys are readable by their owner only',
    );
    const list = await openstet(['registry', 'list', '--json'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(JSON.parse(list.stdout), [
      {
        organizationIdentifier: 'PSDFR-ACPR-12345',
        name: 'Acme Cards',
        ncaName: 'ACPR',
        ncaId: 'FR-ACPR',
        roles: ['PSP_IC', 'PSP_AI'],
        status: 'licensed',
      },
    ]);
  });

  test('certs tpp --seal-key-type ec issues a QSealC with an ECDSA P-256 key, as openssl reads it', async () => {
    const ecOut = join(out, 'ec');
    const run = await openstet(
      [
        'certs',
        'tpp',
        '--org-id',
        'PSDFR-ACPR-12346',
        '--name',
        'Acme EC',
        '--roles',
        'PSP_IC',
        '--out',
        ecOut,
        '--seal-key-type',
        'ec',
        '--no-register',
      ],
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    const text = execFileSync('openssl', [
      'x509',
      '-in',
      join(ecOut, 'qseal.pem'),
      '-noout',
      '-text',
    ]).toString();
    assert.match(text, /Public Key Algorithm: id-ecPublicKey/);
    assert.match(text, /NIST CURVE: P-256/);
    assert.deepEqual(readEidasCertificate(readFileSync(join(ecOut, 'qseal.pem'), 'utf8')).qcTypes, ['eseal']);
  });

  test('usage errors exit 2 and say what to fix', async () => {
    const roles = await openstet(
      ['certs', 'tpp', '--org-id', 'PSDFR-ACPR-1', '--name', 'x', '--roles', 'PSP_XX', '--out', out],
      env,
    );
    assert.equal(roles.code, 2);
    assert.match(roles.stderr, /unknown role PSP_XX; use PSP_AS, PSP_PI, PSP_AI, PSP_IC/);
    const keyType = await openstet(
      [
        'certs',
        'tpp',
        '--org-id',
        'PSDFR-ACPR-1',
        '--name',
        'x',
        '--roles',
        'PSP_IC',
        '--out',
        out,
        '--seal-key-type',
        'dsa',
      ],
      env,
    );
    assert.equal(keyType.code, 2);
    assert.match(keyType.stderr, /--seal-key-type "dsa": use rsa .* or ec/);
    const org = await openstet(['registry', 'withdraw', '--org-id', 'ACME'], env);
    assert.equal(org.code, 2);
    assert.match(org.stderr, /"ACME" is not a PSD2 organisation identifier/);
    const missing = await openstet(['certs', 'tpp', '--org-id', 'PSDFR-ACPR-1'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /required option/);
    const unknown = await openstet(['registry', 'withdraw', '--org-id', 'PSDFR-ACPR-99999'], env);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /PSDFR-ACPR-99999 is not in the register: give --name and --roles to add it/,
    );
  });

  test('serve prints its listeners and data directory, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        ...process.env,
        ...env,
        OPENSTET_PUBLIC_PORT: '0',
        OPENSTET_MTLS_PORT: '0',
        OPENSTET_LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const ready = !stdout.includes('Press Ctrl+C');
      stdout += chunk.toString();
      if (ready && stdout.includes('Press Ctrl+C')) child.kill('SIGINT');
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    assert.equal(code, 0, `exit ${code} signal ${signal}\n${stdout}\n${stderr}`);
    assert.match(stdout, /public listener {2}https:\/\/localhost:\d+/);
    assert.match(stdout, /mTLS listener {4}https:\/\/localhost:\d+/);
    assert.ok(stdout.includes(`data directory   ${dataDir}`));
    assert.match(stdout, /admin API {8}https:\/\/127\.0\.0\.1:\d+ {3}\(loopback, for the CLI/);
    assert.match(stdout, /SIGINT received: draining connections and stopping/);
    assert.equal(existsSync(join(dataDir, 'server.json')), false, 'the server state file is removed on stop');
    for (const file of ['ca.pem', 'ca.key', 'server.pem', 'server.key', 'bank-seal.pem']) {
      assert.ok(existsSync(join(dataDir, 'pki', file)), `first start creates pki/${file}`);
    }
  });

  describe('while a server runs on the data directory', () => {
    let server: RunningServer;
    before(async () => {
      server = await startServer(loadConfig({ ...env, OPENSTET_PUBLIC_PORT: '0', OPENSTET_MTLS_PORT: '0' }), {
        log: false,
      });
    });
    after(() => server.close());

    test('registry withdraw and license go through the running server, which applies them at once', async () => {
      const withdraw = await openstet(
        ['registry', 'withdraw', '--org-id', 'PSDFR-ACPR-12345', '--json'],
        env,
      );
      assert.equal(withdraw.code, 0, withdraw.stderr);
      assert.equal(JSON.parse(withdraw.stdout)[0].status, 'withdrawn');
      assert.equal((await server.app.registry.find('PSDFR-ACPR-12345'))?.status, 'withdrawn');
      const license = await openstet(['registry', 'license', '--org-id', 'PSDFR-ACPR-12345'], env);
      assert.equal(license.code, 0, license.stderr);
      assert.equal((await server.app.registry.find('PSDFR-ACPR-12345'))?.status, 'licensed');
    });

    test('certs tpp records a new TPP through the running server', async () => {
      const run = await openstet(
        [
          'certs',
          'tpp',
          '--org-id',
          'PSDFR-ACPR-67890',
          '--name',
          'Budget',
          '--roles',
          'PSP_AI',
          '--out',
          join(out, 'budget'),
          '--json',
        ],
        env,
      );
      assert.equal(run.code, 0, run.stderr);
      assert.equal(JSON.parse(run.stdout).licensed, true);
      assert.deepEqual((await server.app.registry.find('PSDFR-ACPR-67890'))?.roles, ['PSP_AI']);
    });

    test('certs tpp points the certificates at the sandbox CRL and OCSP responder; certs revoke lists one there (review finding 10)', async () => {
      const qwac = join(out, 'budget', 'qwac.pem');
      const text = execFileSync('openssl', ['x509', '-in', qwac, '-noout', '-text']).toString();
      assert.ok(text.includes(`URI:${server.publicUrl}/pki/crl`), text);
      assert.ok(text.includes(`OCSP - URI:${server.publicUrl}/pki/ocsp`), text);
      const run = await openstet(
        ['certs', 'revoke', '--cert', qwac, '--reason', 'keyCompromise', '--json'],
        env,
      );
      assert.equal(run.code, 0, run.stderr);
      const revoked = JSON.parse(run.stdout);
      const serialNumber = readEidasCertificate(readFileSync(qwac, 'utf8')).serialNumber;
      assert.deepEqual([revoked.serialNumber, revoked.reason], [serialNumber, 'keyCompromise']);
      const crl = await server.app.public.inject({ method: 'GET', url: '/pki/crl' });
      assert.equal(crl.headers['content-type'], 'application/pkix-crl');
      const pki = await ensureSandboxPki(dataDir);
      const listed = readCrl(crl.rawPayload, new X509Certificate(pki.ca.certificatePem));
      assert.ok(listed.revoked.has(serialNumber), 'the CRL lists the revoked certificate');
      const foreign = await openstet(['certs', 'revoke', '--cert', join(out, 'not-ours.pem')], env);
      assert.equal(foreign.code, 2);
      assert.match(foreign.stderr, /--cert .*not-ours\.pem: not a readable PEM certificate/);
      const badReason = await openstet(['certs', 'revoke', '--cert', qwac, '--reason', 'bored'], env);
      assert.equal(badReason.code, 2);
      assert.match(badReason.stderr, /--reason "bored": use one of unspecified, keyCompromise/);
    });

    test('with the admin API off, the CLI never opens the embedded database the server holds', async () => {
      const quiet = mkdtempSync(join(tmpdir(), 'openstet-cli-noadmin-'));
      const quietEnv = { OPENSTET_DATA_DIR: quiet, OPENSTET_ADMIN_API: 'false' };
      const noAdmin = await startServer(
        loadConfig({ ...quietEnv, OPENSTET_PUBLIC_PORT: '0', OPENSTET_MTLS_PORT: '0' }),
        { log: false },
      );
      try {
        assert.equal(noAdmin.adminUrl, undefined);
        const run = await openstet(['registry', 'withdraw', '--org-id', 'PSDFR-ACPR-12345'], quietEnv);
        assert.equal(run.code, 1, run.stderr);
        assert.match(
          run.stderr,
          /holds the embedded database and its admin API is off \(OPENSTET_ADMIN_API=false\)/,
        );
      } finally {
        await noAdmin.close();
        rmSync(quiet, { recursive: true, force: true });
      }
    });

    test('a second server on the same data directory refuses to start', async () => {
      const run = await openstet(['serve'], { ...env, OPENSTET_PUBLIC_PORT: '0', OPENSTET_MTLS_PORT: '0' });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /Another openstet server \(pid \d+\) uses/);
    });
  });
});
