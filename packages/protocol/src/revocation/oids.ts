/** Object identifiers of certificate revocation: CRLs (RFC 5280 §5) and OCSP (RFC 6960). */
export const REVOCATION_OID = Object.freeze({
  /** id-pkix-ocsp-basic, the only response type a client must support (RFC 6960 §4.2.1). */
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  /** id-pkix-ocsp-nonce (RFC 6960 §4.4.1, RFC 8954 §2.1). */
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  /** id-kp-OCSPSigning: the EKU of a delegated responder (RFC 6960 §4.2.2.2). */
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  /** cRLNumber (RFC 5280 §5.2.3). */
  crlNumber: '2.5.29.20',
  /** reasonCode CRL entry extension (RFC 5280 §5.3.1). */
  crlReason: '2.5.29.21',
  /** deltaCRLIndicator: the CRL lists only changes since a base CRL (RFC 5280 §5.2.4). */
  deltaCrlIndicator: '2.5.29.27',
  /** issuingDistributionPoint: which certificates and reasons a CRL covers (RFC 5280 §5.2.5). */
  issuingDistributionPoint: '2.5.29.28',
  authorityKeyIdentifier: '2.5.29.35',
  keyUsage: '2.5.29.15',
});

/** Hash algorithms a CertID may use (RFC 6960 §4.1.1; SHA-1 is the RFC 5019 §2.1.1 profile). */
export const OCSP_HASH_OIDS = Object.freeze({
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
});
export type OcspHashAlgorithm = keyof typeof OCSP_HASH_OIDS;

/** CRLReason codes (RFC 5280 §5.3.1; 7 is not used), shared by CRL entries and OCSP RevokedInfo. */
export const REVOCATION_REASON_CODES = Object.freeze({
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
});
export type RevocationReason = keyof typeof REVOCATION_REASON_CODES;

export function hashAlgorithmOf(oid: string): OcspHashAlgorithm | undefined {
  const found = Object.entries(OCSP_HASH_OIDS).find(([, value]) => value === oid);
  return found?.[0] as OcspHashAlgorithm | undefined;
}
