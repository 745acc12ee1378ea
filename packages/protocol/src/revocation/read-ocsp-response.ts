import type { X509Certificate } from 'node:crypto';
import { refuseUnknownCritical } from './der-read.ts';
import { refuse } from './errors.ts';
import { type OcspCertId, ocspCertId, sameCertId } from './ocsp-cert-id.ts';
import { nonceOf } from './ocsp-nonce.ts';
import { type BasicResponse, parseOcspResponse, type SingleResponse } from './ocsp-response-parts.ts';
import { authorisedSigner } from './ocsp-signer.ts';
import { REVOCATION_OID } from './oids.ts';
import { verifySignedBytes } from './signature-algorithms.ts';

export interface OcspCheckOptions {
  /** The certificate asked about, and the CA that issued it (the one whose CertID was sent). */
  readonly certificate: X509Certificate;
  readonly issuer: X509Certificate;
  readonly now: Date;
  /** The nonce sent in the request, if one was. */
  readonly nonce?: Uint8Array;
  /** Accepted distance between the responder's clock and ours (default 300 s, as OpenSSL). */
  readonly clockSkewSeconds?: number;
  /**
   * How old the thisUpdate of a response without nextUpdate may be (default 600 s), beyond the clock
   * skew: older, it is refused as `response-expired`, as it could be a replay. Not applied when the
   * response echoes the nonce sent (fresh by construction), nor to a response with a nextUpdate (its
   * validity period says how long it holds).
   */
  readonly maxAgeSeconds?: number;
}

/** A certificate's status according to a verified OCSP response (RFC 6960 §2.2). */
export interface OcspCertificateStatus {
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly revokedAt?: Date;
  readonly thisUpdate: Date;
  /** Until when the answer may be cached; absent when the responder always has newer information. */
  readonly nextUpdate?: Date;
}

/** Whether the response echoes the nonce sent, which makes it an answer to this very request. */
function echoesNonce(response: BasicResponse, sent: Uint8Array | undefined): boolean {
  const echoed = nonceOf(response.extensions);
  // A responder may leave the nonce out (pre-produced responses, RFC 5019 §2.2.1); a different one is a replay.
  if (sent && echoed && !echoed.equals(sent))
    refuse('nonce-mismatch', 'OCSP response nonce is not the one sent');
  return sent !== undefined && echoed !== undefined;
}

function milliseconds(value: number | undefined, fallback: number, name: string): number {
  const chosen = value ?? fallback;
  if (!(chosen >= 0)) throw new RangeError(`${name} must be a number of seconds, 0 or more`);
  return chosen * 1000;
}

function answerFor(response: BasicResponse, options: OcspCheckOptions): SingleResponse {
  const expected = new Map<string, OcspCertId>();
  const found = response.responses.find((single) => {
    if (!single.certId) return false;
    const algorithm = single.certId.hashAlgorithm;
    // Compare with the CertID computed under the response's own hash algorithm (RFC 6960 §4.1.1).
    const ours = expected.get(algorithm) ?? ocspCertId(options.certificate, options.issuer, algorithm);
    expected.set(algorithm, ours);
    return sameCertId(single.certId, ours);
  });
  if (!found) refuse('certificate-not-in-response', 'OCSP response has no answer about this certificate');
  return found;
}

interface Limits {
  readonly now: number;
  readonly skewMs: number;
  readonly maxAgeMs: number;
  /** The response echoes our nonce: it was made for this request, whatever its thisUpdate. */
  readonly fresh: boolean;
}

function checkTimes(single: SingleResponse, { now, skewMs, maxAgeMs, fresh }: Limits): void {
  if (single.nextUpdate && single.nextUpdate < single.thisUpdate) {
    refuse('malformed', 'OCSP response nextUpdate is before its thisUpdate');
  }
  // The current time must fall between thisUpdate and nextUpdate, give or take the skew (RFC 5019 §4).
  if (single.thisUpdate.getTime() > now + skewMs) {
    refuse('response-not-yet-valid', 'OCSP response thisUpdate is in the future');
  }
  if (single.nextUpdate && single.nextUpdate.getTime() < now - skewMs) {
    refuse('response-expired', 'OCSP response nextUpdate has passed: fetch a fresh one');
  }
  // Without nextUpdate "newer information is available all the time" (RFC 6960 §4.2.2.1), and a client
  // must see that thisUpdate is "sufficiently recent" (§3.2 (5)): else an old answer could be replayed.
  if (!single.nextUpdate && !fresh && single.thisUpdate.getTime() < now - maxAgeMs - skewMs) {
    refuse(
      'response-expired',
      'OCSP response has no nextUpdate and its thisUpdate is older than maxAgeSeconds: fetch a fresh one',
    );
  }
}

/**
 * Verifies an OCSPResponse about one certificate and returns its status; throws `RevocationDataError`
 * when the response must not be used (then the status is not known, never good): signer, CertID,
 * nonce, and times — thisUpdate not in the future and nextUpdate not past (beyond `clockSkewSeconds`),
 * or, without nextUpdate, thisUpdate no older than `maxAgeSeconds` unless the response echoes the
 * nonce sent. A RangeError when `clockSkewSeconds` or `maxAgeSeconds` is negative or not a number.
 */
export function readOcspResponse(der: Uint8Array, options: OcspCheckOptions): OcspCertificateStatus {
  const skewMs = milliseconds(options.clockSkewSeconds, 300, 'clockSkewSeconds');
  const maxAgeMs = milliseconds(options.maxAgeSeconds, 600, 'maxAgeSeconds');
  ocspCertId(options.certificate, options.issuer); // refuses a certificate the issuer did not issue
  const response = parseOcspResponse(der);
  const signer = authorisedSigner(response, options.issuer, options.now, skewMs);
  verifySignedBytes(
    response.signed,
    response.signatureAlgorithm,
    response.signature,
    signer.publicKey,
    'OCSP response',
  );
  refuseUnknownCritical(response.extensions, [REVOCATION_OID.ocspNonce], 'OCSP response');
  const fresh = echoesNonce(response, options.nonce);
  const single = answerFor(response, options);
  refuseUnknownCritical(single.extensions, [], 'OCSP SingleResponse');
  checkTimes(single, { now: options.now.getTime(), skewMs, maxAgeMs, fresh });
  return Object.freeze({
    status: single.status,
    ...(single.revokedAt ? { revokedAt: single.revokedAt } : {}),
    thisUpdate: single.thisUpdate,
    ...(single.nextUpdate ? { nextUpdate: single.nextUpdate } : {}),
  });
}
