/** Why a CRL, an OCSP request or an OCSP response was refused; each reason maps to one message. */
export type RevocationFailure =
  | 'malformed'
  | 'algorithm-unsupported'
  | 'signature-invalid'
  | 'issuer-mismatch'
  | 'issuer-not-crl-signer'
  | 'critical-extension-unsupported'
  | 'crl-scope-unsupported'
  | 'response-unsuccessful'
  | 'response-type-unsupported'
  | 'responder-unknown'
  | 'responder-not-authorized'
  | 'certificate-not-in-response'
  | 'response-not-yet-valid'
  | 'response-expired'
  | 'nonce-mismatch';

/**
 * Revocation data that must not be used to decide a certificate's status. A bank that gets one treats
 * the status as unknown (and may try another source); it never treats the certificate as good.
 */
export class RevocationDataError extends Error {
  override readonly name = 'RevocationDataError';
  constructor(
    readonly reason: RevocationFailure,
    message: string,
  ) {
    super(message);
  }
}

export function refuse(reason: RevocationFailure, message: string): never {
  throw new RevocationDataError(reason, message);
}
