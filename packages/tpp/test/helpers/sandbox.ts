import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSandboxPki, loadConfig, type RunningServer, startServer } from '@openstet/aspsp';
import { issueEidasCertificate, type KeyAndCertificate } from '@openstet/protocol';

export const ACME = {
  organizationIdentifier: 'PSDFR-ACPR-12345',
  organizationName: 'Acme Cards',
  roles: ['PSP_IC', 'PSP_AI', 'PSP_PI'],
} as const;

export interface Sandbox {
  readonly server: RunningServer;
  /** The sandbox CA (trust it for the bank's server certificate) and the bank's seal certificate. */
  readonly ca: string;
  readonly bankSeal: string;
  /** Acme's certificates, licensed in the register (not yet registered with the bank). */
  readonly qwac: KeyAndCertificate;
  readonly qseal: KeyAndCertificate;
  close(): Promise<void>;
}

/**
 * A real sandbox on free ports and a licensed TPP, Acme Cards, as `certs tpp` would make it. With
 * `sealKeyType: 'ec'`, both seals have ECDSA P-256 keys: Acme's QSealC, and the bank's, configured as a
 * bank configures its own (OPENSTET_SEAL_CERT_FILE and OPENSTET_SEAL_KEY_FILE).
 */
export async function startSandbox(
  options: { readonly sealKeyType?: 'rsa' | 'ec'; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<Sandbox> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openstet-sdk-'));
  const pki = await ensureSandboxPki(dataDir);
  const keyType = options.sealKeyType ?? 'rsa';
  const [qwac, qseal, ecBankSeal] = await Promise.all([
    issueEidasCertificate(pki.ca, { kind: 'qwac', ...ACME }),
    issueEidasCertificate(pki.ca, { kind: 'qsealc', keyType, ...ACME }),
    keyType === 'ec'
      ? issueEidasCertificate(pki.ca, {
          kind: 'qsealc',
          keyType,
          organizationIdentifier: 'PSDFR-ACPR-13807',
          organizationName: 'openstet sandbox bank',
          roles: ['PSP_AS'],
        })
      : undefined,
  ]);
  const sealFiles: Record<string, string> = {};
  if (ecBankSeal) {
    sealFiles.OPENSTET_SEAL_CERT_FILE = join(dataDir, 'ec-seal.pem');
    sealFiles.OPENSTET_SEAL_KEY_FILE = join(dataDir, 'ec-seal.key');
    writeFileSync(sealFiles.OPENSTET_SEAL_CERT_FILE, ecBankSeal.certificatePem);
    writeFileSync(sealFiles.OPENSTET_SEAL_KEY_FILE, ecBankSeal.privateKeyPem, { mode: 0o600 });
  }
  const env = {
    OPENSTET_DATA_DIR: dataDir,
    OPENSTET_PUBLIC_PORT: '0',
    OPENSTET_MTLS_PORT: '0',
    DATABASE_URL: '',
    ...sealFiles,
    ...options.env,
  };
  const server = await startServer(loadConfig(env), { log: false });
  await server.app.registry.save({
    organizationIdentifier: ACME.organizationIdentifier,
    name: ACME.organizationName,
    ncaName: 'ACPR',
    ncaId: 'FR-ACPR',
    roles: [...ACME.roles],
    status: 'licensed',
  });
  return {
    server,
    ca: pki.ca.certificatePem,
    bankSeal: (ecBankSeal ?? pki.bankSeal).certificatePem,
    qwac,
    qseal,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
