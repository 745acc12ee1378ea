import type { X509Certificate } from 'node:crypto';
import type { EidasCertificate } from '@openstet/protocol';

/** The QTSP CA certificates the bank trusts for TPP certificates (the EU trusted lists' role). */
export interface TrustStore {
  /** PEM of every trusted CA, for the TLS `ca` option. */
  readonly pems: readonly string[];
  /** Whether the certificate was issued and signed by a trusted CA that is valid now. */
  issued(certificate: EidasCertificate, now: Date): boolean;
  /** The trusted CA that issued and signed the certificate: it also signs its CRLs and OCSP answers. */
  issuerOf(certificate: EidasCertificate): X509Certificate | undefined;
}

export function createTrustStore(cas: readonly { pem: string; x509: X509Certificate }[]): TrustStore {
  const signed = (certificate: EidasCertificate, ca: X509Certificate) =>
    certificate.x509.checkIssued(ca) && certificate.x509.verify(ca.publicKey);
  return Object.freeze({
    pems: Object.freeze(cas.map((ca) => ca.pem)),
    issued(certificate: EidasCertificate, now: Date) {
      return cas.some(
        ({ x509: ca }) =>
          signed(certificate, ca) && new Date(ca.validFrom) <= now && now <= new Date(ca.validTo),
      );
    },
    issuerOf(certificate: EidasCertificate) {
      return cas.find(({ x509: ca }) => signed(certificate, ca))?.x509;
    },
  });
}
