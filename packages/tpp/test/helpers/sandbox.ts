import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSandboxPki, loadConfig, type RunningServer, startServer } from '@openstet/aspsp';
import { issueEidasCertificate, type KeyAndCertificate } from '@openstet/protocol';

export const ACME = {
  organizationIdentifier: 'PSDFR-ACPR-12345',
  organizationName: 'Acme Cards',
  roles: ['PSP_IC', 'PSP_AI'],
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

/** A real sandbox on free ports and a licensed TPP, Acme Cards, as `certs tpp` would make it. */
export async function startSandbox(): Promise<Sandbox> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openstet-sdk-'));
  const pki = await ensureSandboxPki(dataDir);
  const [qwac, qseal] = await Promise.all([
    issueEidasCertificate(pki.ca, { kind: 'qwac', ...ACME }),
    issueEidasCertificate(pki.ca, { kind: 'qsealc', ...ACME }),
  ]);
  const env = {
    OPENSTET_DATA_DIR: dataDir,
    OPENSTET_PUBLIC_PORT: '0',
    OPENSTET_MTLS_PORT: '0',
    DATABASE_URL: '',
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
    bankSeal: pki.bankSeal.certificatePem,
    qwac,
    qseal,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
