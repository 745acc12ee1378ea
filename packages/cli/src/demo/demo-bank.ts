import {
  ensureSandboxPki,
  loadConfig,
  type RunningServer,
  sandboxRevocationPointers,
  startServer,
} from '@openstet/aspsp';
import { issueEidasCertificate, type KeyAndCertificate } from '@openstet/protocol';

export const DEMO_TPP = Object.freeze({
  organizationIdentifier: 'PSDFR-ACPR-12345',
  organizationName: 'Acme Cards',
  roles: ['PSP_IC', 'PSP_AI'] as const,
});

export interface DemoBank {
  readonly server: RunningServer;
  /** The sandbox's test QTSP CA: it issued the bank's server certificate and issues the TPP's. */
  readonly ca: KeyAndCertificate;
  readonly bankSeal: string;
}

export interface DemoTpp {
  readonly qwac: KeyAndCertificate;
  readonly qseal: KeyAndCertificate;
}

/**
 * The sandbox bank in this process, on its own data directory and free ports, with the embedded
 * database whatever DATABASE_URL says (the demo never touches a real database), and no logs.
 */
export async function startDemoBank(dataDir: string): Promise<DemoBank> {
  const config = loadConfig({
    OPENSTET_DATA_DIR: dataDir,
    OPENSTET_PUBLIC_PORT: '0',
    OPENSTET_MTLS_PORT: '0',
  });
  const server = await startServer(config, { log: false });
  const pki = await ensureSandboxPki(dataDir, config.establishments);
  return { server, ca: pki.ca, bankSeal: pki.bankSeal.certificatePem };
}

/** As `certs tpp` does: a QWAC and a QSealC from the test CA (ETSI TS 119 495), then the licence. */
export async function issueDemoTpp(bank: DemoBank): Promise<DemoTpp> {
  const subject = {
    ...DEMO_TPP,
    roles: [...DEMO_TPP.roles],
    ncaName: 'ACPR',
    ncaId: 'FR-ACPR',
    // The sandbox publishes the test CA's CRL and OCSP answers; the bank checks both certificates there.
    ...sandboxRevocationPointers(bank.server.publicUrl),
  };
  const [qwac, qseal] = await Promise.all([
    issueEidasCertificate(bank.ca, { kind: 'qwac', ...subject }),
    issueEidasCertificate(bank.ca, { kind: 'qsealc', ...subject }),
  ]);
  // The register records the TPP as licensed (the REGAFI role), through the server holding the database.
  await bank.server.app.registry.save({
    organizationIdentifier: DEMO_TPP.organizationIdentifier,
    name: DEMO_TPP.organizationName,
    ncaName: 'ACPR',
    ncaId: 'FR-ACPR',
    roles: [...DEMO_TPP.roles],
    status: 'licensed',
  });
  return { qwac, qseal };
}
