import {
  ensureSandboxPki,
  loadConfig,
  type RunningServer,
  sandboxRevocationPointers,
  startServer,
  type TppLicence,
} from '@openstet/aspsp';
import { issueEidasCertificate, type KeyAndCertificate } from '@openstet/protocol';

export const DEMO_TPP = Object.freeze({
  organizationIdentifier: 'PSDFR-ACPR-12345',
  organizationName: 'Acme Cards',
  roles: ['PSP_IC', 'PSP_AI', 'PSP_PI'] as const,
});

/**
 * What the journey needs of a sandbox bank, whether this process runs it (`openstet demo`) or another
 * one does (`running-bank.ts`, e.g. `openstet serve --workers N`): its two URLs, its test PKI, and a
 * way to record a TPP's licence in its register.
 */
export interface JourneyBank {
  readonly publicUrl: string;
  readonly mtlsUrl: string;
  /** The sandbox's test QTSP CA: it issued the bank's server certificate and issues the TPP's. */
  readonly ca: KeyAndCertificate;
  /** The bank's QSealC (PEM): the TPP checks every answer's signature with it. */
  readonly bankSeal: string;
  license(licence: TppLicence): Promise<void>;
}

/** The bank `openstet demo` runs in its own process. */
export interface DemoBank extends JourneyBank {
  readonly server: RunningServer;
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
  return {
    server,
    publicUrl: server.publicUrl,
    mtlsUrl: server.mtlsUrl,
    ca: pki.ca,
    bankSeal: pki.bankSeal.certificatePem,
    // Through the server holding the database, whose caches learn the licence at once.
    license: (licence) => server.app.registry.save(licence),
  };
}

/** As `certs tpp` does: a QWAC and a QSealC from the test CA (ETSI TS 119 495), then the licence. */
export async function issueDemoTpp(bank: JourneyBank): Promise<DemoTpp> {
  const subject = {
    ...DEMO_TPP,
    roles: [...DEMO_TPP.roles],
    ncaName: 'ACPR',
    ncaId: 'FR-ACPR',
    // The sandbox publishes the test CA's CRL and OCSP answers; the bank checks both certificates there.
    ...sandboxRevocationPointers(bank.publicUrl),
  };
  const [qwac, qseal] = await Promise.all([
    issueEidasCertificate(bank.ca, { kind: 'qwac', ...subject }),
    issueEidasCertificate(bank.ca, { kind: 'qsealc', ...subject }),
  ]);
  // The register records the TPP as licensed (the REGAFI role).
  await bank.license({
    organizationIdentifier: DEMO_TPP.organizationIdentifier,
    name: DEMO_TPP.organizationName,
    ncaName: 'ACPR',
    ncaId: 'FR-ACPR',
    roles: [...DEMO_TPP.roles],
    status: 'licensed',
  });
  return { qwac, qseal };
}
