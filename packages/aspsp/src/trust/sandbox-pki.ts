import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestCa, issueEidasCertificate, type KeyAndCertificate } from '@openstet/protocol';
import { SEED_ESTABLISHMENTS } from '../bank/seed-establishments.ts';

/** The sandbox bank: Banque Populaire's establishment code 13807 as its ACPR authorisation number. */
export const SANDBOX_BANK = Object.freeze({
  organizationIdentifier: 'PSDFR-ACPR-13807',
  organizationName: 'Banque Populaire (openstet sandbox)',
});

export interface SandboxPki {
  /** The test QTSP CA: issues the bank's and the TPPs' test certificates. */
  readonly ca: KeyAndCertificate;
  /**
   * The bank's TLS server certificate: a QWAC for localhost, 127.0.0.1, ::1 and each establishment's
   * `<cdetab>.localhost` and `www.<cdetab>.localhost` (DESIGN.md "Establishments").
   */
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

/** The host names of the sandbox's TLS certificate. */
function serverNames(establishmentCodes: readonly string[]): string[] {
  return [
    'localhost',
    ...establishmentCodes.flatMap((code) => [`${code}.localhost`, `www.${code}.localhost`]),
  ];
}

/** A server certificate issued before an establishment was served lacks its name: it is issued again. */
function coversNames(
  pair: KeyAndCertificate | undefined,
  names: readonly string[],
): pair is KeyAndCertificate {
  if (!pair) return false;
  const alternativeNames = new X509Certificate(pair.certificatePem).subjectAltName ?? '';
  const listed = new Set(alternativeNames.split(', '));
  return names.every((name) => listed.has(`DNS:${name}`));
}

/**
 * Loads the sandbox PKI from `<dataDir>/pki`, creating what is missing or close to expiry. A new CA
 * re-issues everything it signed. Test material only: the server says so at start-up.
 */
export async function ensureSandboxPki(
  dataDir: string,
  establishments: readonly { readonly code: string }[] = SEED_ESTABLISHMENTS,
): Promise<SandboxPki> {
  const directory = pkiDirectory(dataDir);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const existingCa = read(directory, 'ca');
  const ca = existingCa ?? write(directory, 'ca', await createTestCa());
  const bank = { ...SANDBOX_BANK, roles: ['PSP_AS'] as const };
  const names = serverNames(establishments.map((establishment) => establishment.code));
  const existingServer = existingCa ? read(directory, 'server') : undefined;
  const server = coversNames(existingServer, names)
    ? existingServer
    : write(
        directory,
        'server',
        await issueEidasCertificate(ca, {
          kind: 'qwac',
          ...bank,
          commonName: 'localhost',
          dnsNames: names,
          ipAddresses: ['127.0.0.1', '::1'],
        }),
      );
  const bankSeal =
    (existingCa && read(directory, 'bank-seal')) ||
    write(directory, 'bank-seal', await issueEidasCertificate(ca, { kind: 'qsealc', ...bank }));
  return Object.freeze({ ca, server, bankSeal });
}
