import { randomBytes, type X509Certificate } from 'node:crypto';
import {
  type CertificateRevocationList,
  createOcspRequest,
  type EidasCertificate,
  readCrl,
  readOcspResponse,
} from '@openstet/protocol';
import type { RevocationStatus } from './revocation-checker.ts';
import type { FetchRevocationData } from './revocation-fetch.ts';

/** One source's verified answer about one certificate, and until when the data is current. */
export interface SourceAnswer {
  readonly status: RevocationStatus;
  readonly nextUpdate: Date | undefined;
}

/**
 * Asks an OCSP responder (RFC 6960 Appendix A.1: POST of the DER request) with a fresh nonce (RFC 8954),
 * and believes the answer only once `readOcspResponse` has verified its signer, CertID, times and nonce.
 */
export async function askOcsp(
  fetch: FetchRevocationData,
  certificate: EidasCertificate,
  issuer: X509Certificate,
  url: string,
  now: Date,
): Promise<SourceAnswer> {
  const nonce = randomBytes(16);
  const body = createOcspRequest(certificate.x509, issuer, { nonce });
  const response = await fetch(url, { body, contentType: 'application/ocsp-request' });
  const answer = readOcspResponse(response, { certificate: certificate.x509, issuer, now, nonce });
  const status: RevocationStatus =
    answer.status === 'good'
      ? { state: 'good' }
      : answer.status === 'revoked'
        ? { state: 'revoked', at: answer.revokedAt ?? answer.thisUpdate, source: url }
        : { state: 'unknown-to-ca', source: url };
  return { status, nextUpdate: answer.nextUpdate };
}

/**
 * CRLs by URL, verified against their CA (`readCrl`) and kept until `expiry` says: one download serves
 * every certificate the CRL covers. A CRL past its nextUpdate is not current (RFC 5280 §6.3.3) and is
 * not used.
 */
export function crlSource(fetch: FetchRevocationData, now: () => Date, expiry: (nextUpdate: Date) => number) {
  const crls = new Map<string, { readonly crl: CertificateRevocationList; readonly until: number }>();
  const crlOf = async (url: string, issuer: X509Certificate) => {
    const cached = crls.get(url);
    if (cached && cached.until > now().getTime()) return cached.crl;
    const crl = readCrl(await fetch(url), issuer);
    if (crl.nextUpdate < now()) throw new Error(`the CRL at ${url} is past its nextUpdate`);
    if (crls.size >= 1000) crls.clear();
    crls.set(url, { crl, until: expiry(crl.nextUpdate) });
    return crl;
  };
  return {
    async ask(certificate: EidasCertificate, issuer: X509Certificate, url: string): Promise<SourceAnswer> {
      const crl = await crlOf(url, issuer);
      const revokedAt = crl.revoked.get(certificate.serialNumber);
      const status: RevocationStatus = revokedAt
        ? { state: 'revoked', at: revokedAt, source: url }
        : { state: 'good' };
      return { status, nextUpdate: crl.nextUpdate };
    },
    forget: () => crls.clear(),
  };
}
