import { RETRY_AFTER_FAILURE_SECONDS, type RevocationStatus } from '../trust/revocation-checker.ts';
import { type ApiError, Errors } from './api-error.ts';

/**
 * The refusal for a certificate whose revocation status is not good: the bank relies on the QTSP's
 * revocation data for both TPP certificates (RFC 5280 §6.3, ETSI TS 119 495 §6). `what` names the
 * certificate as the TPP knows it ("QWAC", "registered QSealC"); `fix` says what to do.
 */
export function revocationRefusal(status: RevocationStatus, what: string, fix: string): ApiError | undefined {
  switch (status.state) {
    case 'good':
      return undefined;
    case 'revoked':
      return Errors.revokedCertificate(`Your ${what} was revoked on ${status.at.toISOString()}: ${fix}`);
    case 'unknown-to-ca':
      return Errors.revokedCertificate(`Your ${what} is unknown to its CA's OCSP responder: ${fix}`);
    case 'unavailable':
      return Errors.revocationUnavailable(
        `The revocation status of your ${what} could not be checked: retry later`,
        RETRY_AFTER_FAILURE_SECONDS,
      );
  }
}
