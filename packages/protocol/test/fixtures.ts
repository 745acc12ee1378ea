import { createTestCa, issueEidasCertificate, type KeyAndCertificate } from '../src/index.ts';

export interface TestPki {
  readonly ca: KeyAndCertificate;
  readonly qwac: KeyAndCertificate;
  readonly qsealc: KeyAndCertificate;
  /** The same TPP's QSealC with an ECDSA P-256 key. */
  readonly ecQsealc: KeyAndCertificate;
}

let pki: Promise<TestPki> | undefined;

/** One CA and one TPP (PSDFR-ACPR-12345, PSP_IC + PSP_AI) per test process: RSA key generation is slow. */
export function testPki(): Promise<TestPki> {
  pki ??= (async () => {
    const ca = await createTestCa({ commonName: 'Test QTSP, Signing CA', organizationName: 'QTSP+Test SAS' });
    const tpp = {
      organizationIdentifier: 'PSDFR-ACPR-12345',
      organizationName: 'Acme Cards',
      roles: ['PSP_IC', 'PSP_AI'],
    } as const;
    const [qwac, qsealc, ecQsealc] = await Promise.all([
      issueEidasCertificate(ca, { kind: 'qwac', ...tpp }),
      issueEidasCertificate(ca, { kind: 'qsealc', ...tpp }),
      issueEidasCertificate(ca, { kind: 'qsealc', keyType: 'ec', ...tpp }),
    ]);
    return { ca, qwac, qsealc, ecQsealc };
  })();
  return pki;
}
