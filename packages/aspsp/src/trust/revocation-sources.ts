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
 * and believes the answer only once `readOcspResponse` has verified its signer, CertID, times, nonce and,
 * without nextUpdate, its age.
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

/** Is `next` older than `held` (RFC 5280 §5.2.3: cRLNumbers only grow)? Then it is a replay, or a stale mirror. */
function older(next: CertificateRevocationList, held: CertificateRevocationList): boolean {
  if (next.crlNumber !== undefined && held.crlNumber !== undefined) return next.crlNumber < held.crlNumber;
  return next.thisUpdate < held.thisUpdate;
}

export interface CrlSource {
  ask(certificate: EidasCertificate, issuer: X509Certificate, url: string): Promise<SourceAnswer>;
  forget(): void;
}

/**
 * CRLs by URL and issuing CA, verified against that CA (`readCrl`): one download serves every certificate
 * the CRL covers, and concurrent askers share it. A CRL is refreshed when `expiry` says; a fetched CRL
 * older than the one held is refused (a replay on the way), and when a refresh fails the CRL held still
 * serves until its nextUpdate. A CRL past its nextUpdate is not current (RFC 5280 §6.3.3) and is not used;
 * a partitioned CRL must be the one for the URL it came from (§6.3.3 (b)(2)).
 */
export function crlSource(
  fetch: FetchRevocationData,
  now: () => Date,
  expiry: (nextUpdate: Date) => number,
): CrlSource {
  const held = new Map<string, { readonly crl: CertificateRevocationList; readonly refreshAt: number }>();
  const pending = new Map<string, Promise<CertificateRevocationList>>();

  const download = async (url: string, issuer: X509Certificate, key: string) => {
    const crl = readCrl(await fetch(url), issuer);
    if (crl.distributionPointUris.length > 0 && !crl.distributionPointUris.includes(url))
      throw new Error(`the CRL at ${url} is for another distribution point`);
    const previous = held.get(key)?.crl;
    if (previous && older(crl, previous)) throw new Error(`the CRL at ${url} is older than the one held`);
    if (crl.nextUpdate < now()) throw new Error(`the CRL at ${url} is past its nextUpdate`);
    if (held.size >= 1000) held.clear();
    held.set(key, { crl, refreshAt: expiry(crl.nextUpdate) });
    return crl;
  };

  const crlOf = async (url: string, issuer: X509Certificate): Promise<CertificateRevocationList> => {
    const key = `${url} ${issuer.fingerprint256}`;
    const entry = held.get(key);
    if (entry && entry.refreshAt > now().getTime()) return entry.crl;
    let running = pending.get(key);
    if (!running) {
      running = download(url, issuer, key).finally(() => pending.delete(key));
      pending.set(key, running);
    }
    try {
      return await running;
    } catch (error) {
      if (entry && entry.crl.nextUpdate > now()) return entry.crl;
      throw error;
    }
  };

  return {
    async ask(certificate, issuer, url) {
      const crl = await crlOf(url, issuer);
      const revokedAt = crl.revoked.get(certificate.serialNumber);
      const status: RevocationStatus = revokedAt
        ? { state: 'revoked', at: revokedAt, source: url }
        : { state: 'good' };
      return { status, nextUpdate: crl.nextUpdate };
    },
    forget() {
      held.clear();
      pending.clear();
    },
  };
}
