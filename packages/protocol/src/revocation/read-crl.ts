import type { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Name } from '@peculiar/asn1-x509';
import { type DistinguishedName, sameDn } from '../eidas/distinguished-name.ts';
import { toDn } from '../eidas/read-certificate.ts';
import { x509 } from '../eidas/x509-crypto.ts';
import { certificateFields } from './certificate-fields.ts';
import { revokedSerials } from './crl-entries.ts';
import { parseCrl } from './crl-parts.ts';
import { type CrlScope, crlScope } from './crl-scope.ts';
import { oidFromContents } from './der-oid.ts';
import { type ExtensionValue, refuseUnknownCritical } from './der-read.ts';
import { childrenOf, contentsOf, expectTag, readWholeTlv, TAG } from './der-tlv.ts';
import { refuse } from './errors.ts';
import { REVOCATION_OID } from './oids.ts';
import { crlNumberFromContents } from './serial-number.ts';
import { verifySignedBytes } from './signature-algorithms.ts';

/** A verified complete CRL: what a bank caches until `nextUpdate`. */
export interface CertificateRevocationList extends CrlScope {
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  /** cRLNumber (RFC 5280 §5.2.3): a cache keeps the highest; absent from v1 CRLs. */
  readonly crlNumber: bigint | undefined;
  /** Revocation date by serial number, normalised as `normaliseSerial` writes it. */
  readonly revoked: ReadonlyMap<string, Date>;
}

function dnOf(der: Uint8Array, what: string): DistinguishedName {
  try {
    return toDn(AsnConvert.parse(der, Name));
  } catch {
    return refuse('malformed', `${what} is not a Name`);
  }
}

/** The algorithm OID of an AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }. */
function algorithmOid(identifier: Uint8Array): string {
  const what = 'CRL signatureAlgorithm';
  const [algorithm] = childrenOf(identifier, readWholeTlv(identifier, what), what);
  return oidFromContents(contentsOf(identifier, expectTag(algorithm, TAG.oid, what)), what);
}

function crlNumberOf(extensions: readonly ExtensionValue[]): bigint | undefined {
  const found = extensions.find((extension) => extension.id === REVOCATION_OID.crlNumber);
  if (!found) return undefined;
  const number = expectTag(readWholeTlv(found.value, 'CRL cRLNumber'), TAG.integer, 'CRL cRLNumber');
  return BigInt(`0x${crlNumberFromContents(contentsOf(found.value, number), 'CRL cRLNumber')}`);
}

/** RFC 5280 §6.3.3 (f): a CRL issuer whose certificate has keyUsage must have cRLSign. */
function checkCrlSigner(issuer: X509Certificate): void {
  const usage = new x509.X509Certificate(issuer.raw).getExtension(x509.KeyUsagesExtension);
  if (usage && (usage.usages & x509.KeyUsageFlags.cRLSign) === 0) {
    refuse('issuer-not-crl-signer', 'the issuer certificate keyUsage does not allow cRLSign');
  }
}

/**
 * Verifies a complete CRL against the CA certificate that issued it and lists what it revokes; throws
 * `RevocationDataError` when it must not be used — delta, indirect and reason-, CA- or
 * attribute-scoped CRLs included (`crl-scope-unsupported`). Linear in the CRL's size: the revoked
 * certificates are read in one pass once the signature is verified. Freshness (`nextUpdate`) is the
 * caller's to check, and so is, when `distributionPointUris` is not empty, that the URL the CRL was
 * fetched from is one of them (RFC 5280 §6.3.3 (b)(2)(i)): a partitioned CRL covers only its own
 * certificates.
 */
export function readCrl(der: Uint8Array, issuer: X509Certificate): CertificateRevocationList {
  const crl = parseCrl(der);
  // The outer and signed algorithm identifiers must be the same (RFC 5280 §5.1.1.2); DER makes that
  // the same bytes.
  if (!Buffer.from(crl.signatureAlgorithm).equals(crl.signedAlgorithm)) {
    refuse('malformed', 'CRL signatureAlgorithm differs from the signed one');
  }
  // The CRL issuer must be the certificate issuer (RFC 5280 §6.3.3 (b)(1)): no indirect CRLs.
  if (!sameDn(dnOf(crl.issuer, 'CRL issuer'), dnOf(certificateFields(issuer).subjectName, 'CA subject'))) {
    refuse('issuer-mismatch', 'CRL issuer is not the subject of the issuer certificate');
  }
  checkCrlSigner(issuer);
  // Over the tbsCertList bytes as received (RFC 5280 §6.3.3 (g)).
  verifySignedBytes(crl.signed, algorithmOid(crl.signatureAlgorithm), crl.signature, issuer.publicKey, 'CRL');
  const scope = crlScope(crl.extensions);
  // Other critical extensions we cannot process make the CRL unusable (RFC 5280 §5.2).
  refuseUnknownCritical(crl.extensions, [REVOCATION_OID.issuingDistributionPoint], 'CRL');
  if (!crl.nextUpdate) refuse('malformed', 'CRL has no nextUpdate (RFC 5280 §5.1.2.5)');
  return Object.freeze({
    thisUpdate: crl.thisUpdate,
    nextUpdate: crl.nextUpdate,
    crlNumber: crlNumberOf(crl.extensions),
    revoked: revokedSerials(crl.der, crl.revokedCertificates),
    ...scope,
  });
}
