import type { RevocationReason } from '@openstet/protocol';

/** The CRLReasons a CA gives for a revocation it will not undo (RFC 5280 §5.3.1; no certificateHold). */
export const REVOCATION_REASONS: readonly RevocationReason[] = Object.freeze([
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'privilegeWithdrawn',
]);

/** A certificate the sandbox's test QTSP CA revoked. */
export interface CertificateRevocation {
  /** Upper-case hex, as `normaliseSerial` writes it. */
  readonly serialNumber: string;
  readonly revokedAt: Date;
  /** CRLReason (RFC 5280 §5.3.1). */
  readonly reason: RevocationReason;
}

/** What the sandbox's test QTSP CA has revoked: its CRL lists it, its OCSP responder answers from it. */
export interface RevocationList {
  /** Records a revocation; revoking a certificate again keeps the first date and reason. */
  revoke(revocation: CertificateRevocation): Promise<void>;
  list(): Promise<readonly CertificateRevocation[]>;
}
