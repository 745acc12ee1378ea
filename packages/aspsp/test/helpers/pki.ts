import { createTestCa, issueEidasCertificate, type KeyAndCertificate } from '@openstet/protocol';
import type { TppLicence } from '../../src/core/tpp/tpp-licence.ts';

export interface TppCredentials {
  readonly organizationIdentifier: string;
  readonly name: string;
  readonly qwac: KeyAndCertificate;
  readonly qseal: KeyAndCertificate;
}

export interface TestPki {
  readonly ca: KeyAndCertificate;
  /** PSDFR-ACPR-12345, a card issuer and aggregator (PSP_IC, PSP_AI). */
  readonly acme: TppCredentials;
  /** PSDFR-ACPR-67890, an aggregator only (PSP_AI). */
  readonly budget: TppCredentials;
  /** A QWAC from a CA the bank does not trust. */
  readonly rogue: TppCredentials;
  /** Acme's QWAC, expired yesterday. */
  readonly expiredQwac: KeyAndCertificate;
  /** The bank's own QSealC (response signatures). */
  readonly bankSeal: KeyAndCertificate;
  /** A second, renewed QWAC of Acme (same organisation, another key). */
  readonly acmeRenewedQwac: KeyAndCertificate;
  /** Another QSealC of Acme, with an ECDSA P-256 key. */
  readonly acmeEcQseal: KeyAndCertificate;
  /** Another QSealC of Acme, with a weak RSA-1024 key, as QTSPs once issued. */
  readonly acmeWeakQseal: KeyAndCertificate;
}

async function tpp(
  ca: KeyAndCertificate,
  organizationIdentifier: string,
  name: string,
  roles: ('PSP_IC' | 'PSP_AI' | 'PSP_PI')[],
) {
  const subject = { organizationIdentifier, organizationName: name, roles };
  const [qwac, qseal] = await Promise.all([
    issueEidasCertificate(ca, { kind: 'qwac', ...subject }),
    issueEidasCertificate(ca, { kind: 'qsealc', ...subject }),
  ]);
  return { organizationIdentifier, name, qwac, qseal };
}

let pki: Promise<TestPki> | undefined;

/** One test PKI per test process (RSA key generation is the slow part of the suite). */
export function testPki(): Promise<TestPki> {
  pki ??= (async () => {
    const [ca, rogueCa] = await Promise.all([createTestCa(), createTestCa({ commonName: 'Rogue CA' })]);
    const day = 86_400_000;
    const [acme, budget, rogue, expiredQwac, bankSeal, acmeRenewedQwac, acmeEcQseal, acmeWeakQseal] =
      await Promise.all([
        tpp(ca, 'PSDFR-ACPR-12345', 'Acme Cards', ['PSP_IC', 'PSP_AI']),
        tpp(ca, 'PSDFR-ACPR-67890', 'Budget Insight', ['PSP_AI']),
        tpp(rogueCa, 'PSDFR-ACPR-12345', 'Acme Cards', ['PSP_IC', 'PSP_AI']),
        issueEidasCertificate(ca, {
          kind: 'qwac',
          organizationIdentifier: 'PSDFR-ACPR-12345',
          organizationName: 'Acme Cards',
          roles: ['PSP_IC', 'PSP_AI'],
          notBefore: new Date(Date.now() - 30 * day),
          notAfter: new Date(Date.now() - day),
        }),
        issueEidasCertificate(ca, {
          kind: 'qsealc',
          organizationIdentifier: 'PSDFR-ACPR-13807',
          organizationName: 'Test Bank',
          roles: ['PSP_AS'],
        }),
        issueEidasCertificate(ca, {
          kind: 'qwac',
          organizationIdentifier: 'PSDFR-ACPR-12345',
          organizationName: 'Acme Cards',
          roles: ['PSP_IC', 'PSP_AI'],
        }),
        issueEidasCertificate(ca, {
          kind: 'qsealc',
          keyType: 'ec',
          organizationIdentifier: 'PSDFR-ACPR-12345',
          organizationName: 'Acme Cards',
          roles: ['PSP_IC', 'PSP_AI'],
        }),
        issueEidasCertificate(ca, {
          kind: 'qsealc',
          rsaModulusLength: 1024,
          organizationIdentifier: 'PSDFR-ACPR-12345',
          organizationName: 'Acme Cards',
          roles: ['PSP_IC', 'PSP_AI'],
        }),
      ]);
    return { ca, acme, budget, rogue, expiredQwac, bankSeal, acmeRenewedQwac, acmeEcQseal, acmeWeakQseal };
  })();
  return pki;
}

/** A register entry for a test TPP: licensed for PSP_IC and PSP_AI unless overridden. */
export function licence(tpp: TppCredentials, overrides: Partial<TppLicence> = {}): TppLicence {
  return {
    organizationIdentifier: tpp.organizationIdentifier,
    name: tpp.name,
    ncaName: 'ACPR',
    ncaId: 'FR-ACPR',
    roles: ['PSP_IC', 'PSP_AI'],
    status: 'licensed',
    ...overrides,
  };
}
