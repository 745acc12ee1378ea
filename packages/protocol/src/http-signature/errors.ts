/** Why a signed request was refused; each reason maps to one developer-facing message. */
export type SignatureFailure =
  | 'signature-missing'
  | 'signature-malformed'
  | 'algorithm-unsupported'
  | 'header-not-signed'
  | 'signed-header-absent'
  | 'date-invalid'
  | 'signature-expired'
  | 'digest-missing'
  | 'digest-malformed'
  | 'digest-mismatch'
  | 'digest-unsupported'
  | 'key-id-unknown'
  | 'signature-invalid';

/** A refusal by the draft-cavage verifier; the message never contains key material or signature bytes. */
export class HttpSignatureError extends Error {
  override readonly name = 'HttpSignatureError';
  constructor(
    readonly reason: SignatureFailure,
    message: string,
  ) {
    super(message);
  }
}
