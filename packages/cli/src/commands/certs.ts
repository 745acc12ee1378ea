import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type Config,
  ensureSandboxPki,
  loadConfig,
  runningServer,
  sandboxRevocationPointers,
} from '@openstet/aspsp';
import {
  issueEidasCertificate,
  type Psd2Role,
  readEidasCertificate,
  serialAndIssuerKeyId,
} from '@openstet/protocol';
import { Command } from 'commander';
import { UsageError } from '../exit-codes.ts';
import { organizationIdentifier, roles } from '../options.ts';
import { withSandbox } from '../sandbox-access.ts';
import { certsRevokeCommand } from './certs-revoke.ts';

interface TppOptions {
  orgId: string;
  name: string;
  roles: Psd2Role[];
  out: string;
  ncaName: string;
  ncaId: string;
  register: boolean;
  sealKeyType: 'rsa' | 'ec';
  json?: boolean;
}

function keyType(value: string): 'rsa' | 'ec' {
  if (value === 'rsa' || value === 'ec') return value;
  throw new UsageError(
    `--seal-key-type "${value}": use rsa (RSA-2048, signs rsa-sha256) or ec (P-256, signs ecdsa-sha256)`,
  );
}

/**
 * Where the sandbox publishes its test CA's revocations (`certs revoke`), as a QTSP names its CRL and OCSP
 * responder in each certificate: the running server's public URL, else the configured one; none when
 * the public port is chosen at start (0) and no server runs, since no one could reach them.
 */
function revocationPointers(config: Config): { crlUrl?: string; ocspUrl?: string } {
  const publicUrl = runningServer(config.dataDir)?.publicUrl ?? config.publicUrl;
  if (new URL(publicUrl).port === '0') return {};
  return sandboxRevocationPointers(publicUrl);
}

async function issueTpp(options: TppOptions): Promise<void> {
  const config = loadConfig();
  // The server's certificate names the establishments the server serves, whoever issues it first.
  const pki = await ensureSandboxPki(config.dataDir, config.establishments);
  const subject = {
    organizationIdentifier: options.orgId,
    organizationName: options.name,
    roles: options.roles,
    ncaName: options.ncaName,
    ncaId: options.ncaId,
    ...revocationPointers(config),
  };
  const [qwac, qseal] = await Promise.all([
    issueEidasCertificate(pki.ca, { kind: 'qwac', ...subject }),
    issueEidasCertificate(pki.ca, { kind: 'qsealc', keyType: options.sealKeyType, ...subject }),
  ]);
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const files = {
    qwacCertificate: join(out, 'qwac.pem'),
    qwacKey: join(out, 'qwac.key'),
    qsealCertificate: join(out, 'qseal.pem'),
    qsealKey: join(out, 'qseal.key'),
    caCertificate: join(out, 'ca.pem'),
  };
  writeFileSync(files.qwacCertificate, qwac.certificatePem);
  writeFileSync(files.qwacKey, qwac.privateKeyPem, { mode: 0o600 });
  writeFileSync(files.qsealCertificate, qseal.certificatePem);
  writeFileSync(files.qsealKey, qseal.privateKeyPem, { mode: 0o600 });
  writeFileSync(files.caCertificate, pki.ca.certificatePem);
  if (options.register) {
    await withSandbox(config, ({ registry }) =>
      registry.save({
        organizationIdentifier: options.orgId,
        name: options.name,
        ncaName: options.ncaName,
        ncaId: options.ncaId,
        roles: options.roles,
        status: 'licensed',
      }),
    );
  }
  const keyId = serialAndIssuerKeyId(readEidasCertificate(qseal.certificatePem));
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ organizationIdentifier: options.orgId, roles: options.roles, licensed: options.register, keyId, files }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(
    [
      `Issued test eIDAS certificates for ${options.orgId} (${options.name}), roles ${options.roles.join(', ')}:`,
      `  QWAC    ${files.qwacCertificate}  key ${files.qwacKey}   (mutual TLS)`,
      `  QSealC  ${files.qsealCertificate}  key ${files.qsealKey}   (HTTP signatures)`,
      `  CA      ${files.caCertificate}   (trust it for the bank's server certificate)`,
      options.register
        ? `Recorded ${options.orgId} as licensed in the sandbox register.`
        : 'Not recorded in the register (--no-register).',
      `keyId for your signatures: ${keyId}`,
      `Inspect: openssl x509 -in ${files.qwacCertificate} -noout -text`,
      '',
    ].join('\n'),
  );
}

export function certsCommand(): Command {
  const certs = new Command('certs').description('test eIDAS certificates from the sandbox test QTSP CA');
  certs
    .command('tpp')
    .description('issue a QWAC and a QSealC for a TPP (ETSI TS 119 495) and record it as licensed')
    .requiredOption(
      '--org-id <id>',
      'organizationIdentifier, e.g. PSDFR-ACPR-12345 (the STET client_id)',
      organizationIdentifier,
    )
    .requiredOption('--name <name>', 'organisation name, shown to customers on the consent page')
    .requiredOption('--roles <roles>', 'comma-separated PSD2 roles: PSP_IC, PSP_AI, PSP_PI, PSP_AS', roles)
    .requiredOption('--out <dir>', 'directory for qwac.pem/.key, qseal.pem/.key and ca.pem')
    .option('--nca-name <name>', 'competent authority name', 'ACPR')
    .option('--nca-id <id>', 'competent authority id', 'FR-ACPR')
    .option('--no-register', 'do not record the TPP as licensed in the sandbox register')
    .option(
      '--seal-key-type <type>',
      'the QSealC key: rsa (RSA-2048, rsa-sha256, the STET profile) or ec (P-256, ecdsa-sha256)',
      keyType,
      'rsa',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ npx openstet certs tpp --org-id PSDFR-ACPR-12345 --name "Acme Cards" --roles PSP_IC,PSP_AI --out ./tpp',
    )
    .action(issueTpp);
  certs.addCommand(certsRevokeCommand());
  return certs;
}
