import * as asn1js from 'asn1js';
import { sequence } from './der-write.ts';

/** OCSPResponseStatus (RFC 6960 §4.2.1); 4 is not used. */
export const OCSP_RESPONSE_STATUS = Object.freeze({
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
});
export type OcspResponseStatus = keyof typeof OCSP_RESPONSE_STATUS;
export type OcspErrorStatus = Exclude<OcspResponseStatus, 'successful'>;

export function responseStatusName(code: number): string {
  const found = Object.entries(OCSP_RESPONSE_STATUS).find(([, value]) => value === code);
  return found?.[0] ?? `status ${code}`;
}

/**
 * DER of an error OCSPResponse: the status alone, unsigned, with no responseBytes (RFC 6960 §4.2.1).
 * `unauthorized` when the request is about a certificate this CA did not issue (RFC 6960 §2.3),
 * `malformedRequest` when `readOcspRequest` refused it.
 */
export function createOcspErrorResponse(status: OcspErrorStatus): Buffer {
  return Buffer.from(sequence(new asn1js.Enumerated({ value: OCSP_RESPONSE_STATUS[status] })).toBER());
}
