import type { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateList, Name } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { sameDn } from '../eidas/distinguished-name.ts';
import { normaliseSerial, toDn } from '../eidas/read-certificate.ts';
import { x509 } from '../eidas/x509-crypto.ts';
import { certificateFields } from './certificate-fields.ts';
import { type ExtensionValue, parseDer, refuseUnknownCritical } from './der-read.ts';
import { refuse } from './errors.ts';
import { REVOCATION_OID } from './oids.ts';
import { verifySignedBytes } from './signature-algorithms.ts';

/** A verified CRL: what a bank caches until `nextUpdate`. */
export interface CertificateRevocationList {
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  /** cRLNumber (RFC 5280 §5.2.3): a cache keeps the highest; absent from v1 CRLs. */
  readonly crlNumber: bigint | undefined;
  /** Revocation date by serial number, normalised as `normaliseSerial` writes it. */
  readonly revoked: ReadonlyMap<string, Date>;
}

function parse(der: Uint8Array): CertificateList {
  try {
    return AsnConvert.parse(der, CertificateList);
  } catch {
    return refuse('malformed', 'CRL is not a DER CertificateList');
  }
}

function extensionsOf(list: CertificateList['tbsCertList']['crlExtensions']): ExtensionValue[] {
  return (list ?? []).map((extension) => ({
    id: extension.extnID,
    critical: extension.critical,
    value: Buffer.from(extension.extnValue.buffer),
  }));
}

function crlNumberOf(extensions: readonly ExtensionValue[]): bigint | undefined {
  const found = extensions.find((extension) => extension.id === REVOCATION_OID.crlNumber);
  if (!found) return undefined;
  const number = parseDer(found.value, 'CRL cRLNumber');
  if (!(number instanceof asn1js.Integer)) refuse('malformed', 'CRL cRLNumber is not an integer');
  return BigInt(`0x${Buffer.from(number.valueBlock.valueHexView).toString('hex') || '0'}`);
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
 * `RevocationDataError` when it must not be used. Freshness (`nextUpdate`) is the caller's to check.
 */
export function readCrl(der: Uint8Array, issuer: X509Certificate): CertificateRevocationList {
  const crl = parse(der);
  const tbs = crl.tbsCertList;
  // The outer and signed algorithm identifiers must be the same (RFC 5280 §5.1.1.2).
  if (!crl.signatureAlgorithm.isEqual(tbs.signature) || !crl.tbsCertListRaw) {
    refuse('malformed', 'CRL signatureAlgorithm differs from the signed one');
  }
  // The CRL issuer must be the certificate issuer (RFC 5280 §6.3.3 (b)(1)): no indirect CRLs.
  if (!sameDn(toDn(tbs.issuer), toDn(AsnConvert.parse(certificateFields(issuer).subjectName, Name)))) {
    refuse('issuer-mismatch', 'CRL issuer is not the subject of the issuer certificate');
  }
  checkCrlSigner(issuer);
  // Over the tbsCertList bytes as received (RFC 5280 §6.3.3 (g)).
  verifySignedBytes(
    new Uint8Array(crl.tbsCertListRaw),
    crl.signatureAlgorithm.algorithm,
    new Uint8Array(crl.signature),
    issuer.publicKey,
    'CRL',
  );
  // Critical extensions we cannot process (delta CRL indicator, issuing distribution point) make
  // the CRL unusable (RFC 5280 §5.2); so do critical entry extensions such as certificateIssuer (§5.3).
  const extensions = extensionsOf(tbs.crlExtensions);
  refuseUnknownCritical(extensions, [], 'CRL');
  if (!tbs.nextUpdate) refuse('malformed', 'CRL has no nextUpdate (RFC 5280 §5.1.2.5)');
  const revoked = new Map<string, Date>();
  for (const entry of tbs.revokedCertificates ?? []) {
    refuseUnknownCritical(extensionsOf(entry.crlEntryExtensions), [], 'CRL entry');
    revoked.set(
      normaliseSerial(Buffer.from(entry.userCertificate).toString('hex')),
      entry.revocationDate.getTime(),
    );
  }
  return Object.freeze({
    thisUpdate: tbs.thisUpdate.getTime(),
    nextUpdate: tbs.nextUpdate.getTime(),
    crlNumber: crlNumberOf(extensions),
    revoked,
  });
}
