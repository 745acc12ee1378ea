import type { X509Certificate } from 'node:crypto';
import { explicit, sequence } from './der-write.ts';
import { encodeCertId, ocspCertId } from './ocsp-cert-id.ts';
import { nonceExtension } from './ocsp-nonce.ts';
import type { OcspHashAlgorithm } from './oids.ts';

export interface OcspRequestOptions {
  /** 1 to 32 random octets the responder should echo (RFC 8954 §2.1); keep it to check the response. */
  readonly nonce?: Uint8Array;
  /** CertID hash: SHA-1 by default, the only one RFC 5019 §2.1.1 responders must understand. */
  readonly hashAlgorithm?: OcspHashAlgorithm;
}

/** DER of an unsigned OCSPRequest (RFC 6960 §4.1.1) for one certificate, to POST as application/ocsp-request. */
export function createOcspRequest(
  certificate: X509Certificate,
  issuer: X509Certificate,
  options: OcspRequestOptions = {},
): Buffer {
  const request = sequence(encodeCertId(ocspCertId(certificate, issuer, options.hashAlgorithm)));
  // version is DEFAULT v1 and so absent in DER; requestExtensions is [2] EXPLICIT.
  const tbsRequest = sequence(sequence(request));
  if (options.nonce) {
    tbsRequest.valueBlock.value.push(explicit(2, sequence(nonceExtension(options.nonce))));
  }
  return Buffer.from(sequence(tbsRequest).toBER());
}
