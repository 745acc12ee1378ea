import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestCa, issueEidasCertificate, type KeyAndCertificate } from '@openstet/protocol';

/** The sandbox bank: Banque Populaire's establishment code 13807 as its ACPR authorisation number. */
export const SANDBOX_BANK = Object.freeze({
  organizationIdentifier: 'PSDFR-ACPR-13807',
  organizationName: 'Banque Populaire (openstet sandbox)',
});

export interface SandboxPki {
  /** The test QTSP CA: issues the bank's and the TPPs' test certificates. */
  readonly ca: KeyAndCertificate;
  /** The bank's TLS server certificate (a QWAC for localhost, 127.0.0.1 and ::1). */
  readonly server: KeyAndCertificate;
  /** The bank's QSealC, signing responses (STET CR199). */
  readonly bankSeal: KeyAndCertificate;
}

const RENEW_BEFORE_MS = 30 * 86_400_000;

function read(directory: string, name: string): KeyAndCertificate | undefined {
  const certificate = join(directory, `${name}.pem`);
  const key = join(directory, `${name}.key`);
  if (!existsSync(certificate) || !existsSync(key)) return undefined;
  const pair = {
    certificatePem: readFileSync(certificate, 'utf8'),
    privateKeyPem: readFileSync(key, 'utf8'),
  };
  const expires = new Date(new X509Certificate(pair.certificatePem).validTo).getTime();
  return expires - Date.now() > RENEW_BEFORE_MS ? pair : undefined;
}

function write(directory: string, name: string, pair: KeyAndCertificate): KeyAndCertificate {
  writeFileSync(join(directory, `${name}.pem`), pair.certificatePem);
  writeFileSync(join(directory, `${name}.key`), pair.privateKeyPem, { mode: 0o600 });
  chmodSync(join(directory, `${name}.key`), 0o600);
  return pair;
}

export function pkiDirectory(dataDir: string): string {
  return join(dataDir, 'pki');
}

/**
 * Loads the sandbox PKI from `<dataDir>/pki`, creating what is missing or close to expiry. A new CA
 * re-issues everything it signed. Test material only: the server says so at start-up.
 */
export async function ensureSandboxPki(dataDir: string): Promise<SandboxPki> {
  const directory = pkiDirectory(dataDir);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const existingCa = read(directory, 'ca');
  const ca = existingCa ?? write(directory, 'ca', await createTestCa());
  const bank = { ...SANDBOX_BANK, roles: ['PSP_AS'] as const };
  const server =
    (existingCa && read(directory, 'server')) ||
    write(
      directory,
      'server',
      await issueEidasCertificate(ca, {
        kind: 'qwac',
        ...bank,
        commonName: 'localhost',
        dnsNames: ['localhost'],
        ipAddresses: ['127.0.0.1', '::1'],
      }),
    );
  const bankSeal =
    (existingCa && read(directory, 'bank-seal')) ||
    write(directory, 'bank-seal', await issueEidasCertificate(ca, { kind: 'qsealc', ...bank }));
  return Object.freeze({ ca, server, bankSeal });
}
