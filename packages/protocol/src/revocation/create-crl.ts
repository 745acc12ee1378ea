import { createPrivateKey, X509Certificate } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AuthorityKeyIdentifier,
  Certificate,
  CertificateList,
  CRLReason,
  Extension,
  id_ce_authorityKeyIdentifier,
  id_ce_cRLReasons,
  id_ce_subjectKeyIdentifier,
  KeyIdentifier,
  RevokedCertificate,
  SubjectKeyIdentifier,
  TBSCertList,
  Time,
  Version,
} from '@peculiar/asn1-x509';
import type { KeyAndCertificate } from '../eidas/issue-certificate.ts';
import { keyHash } from './certificate-fields.ts';
import { integerFromHex, positiveIntegerOctets, wholeSeconds } from './der-write.ts';
import { REVOCATION_OID, REVOCATION_REASON_CODES, type RevocationReason } from './oids.ts';
import { caSigner } from './signature-algorithms.ts';

/** A revoked certificate to list in a CRL (RFC 5280 §5.1.2.6). */
export interface RevokedEntry {
  /** Hex, in any of the forms `normaliseSerial` accepts. */
  readonly serialNumber: string;
  readonly revokedAt: Date;
  readonly reason?: RevocationReason;
}

export interface CrlTimes {
  readonly thisUpdate: Date;
  /** Required of conforming CRL issuers (RFC 5280 §5.1.2.5): relying parties cache until then. */
  readonly nextUpdate: Date;
  /** Monotonically increasing for this CA (RFC 5280 §5.2.3). */
  readonly crlNumber: bigint | number;
}

const extension = (extnID: string, value: ArrayBuffer) =>
  new Extension({ extnID, critical: false, extnValue: new OctetString(value) });

/** cRLNumber: a non-negative INTEGER of at most 20 octets (RFC 5280 §5.2.3). */
function crlNumberExtension(value: bigint | number): Extension {
  const number = BigInt(value);
  if (number < 0n || number >= 2n ** 159n) throw new RangeError('crlNumber must be between 0 and 2^159 - 1');
  return extension(REVOCATION_OID.crlNumber, integerFromHex(number.toString(16)).toBER());
}

/** authorityKeyIdentifier = the CA's subjectKeyIdentifier (or its RFC 5280 §4.2.1.2 method 1 value), §5.2.1. */
function authorityKeyIdentifier(ca: Certificate, caCertificate: X509Certificate): Extension {
  const ski = ca.tbsCertificate.extensions?.find((found) => found.extnID === id_ce_subjectKeyIdentifier);
  const keyId = ski
    ? AsnConvert.parse(ski.extnValue.buffer, SubjectKeyIdentifier).buffer
    : new Uint8Array(keyHash(caCertificate)).buffer;
  const value = new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(keyId) });
  return extension(id_ce_authorityKeyIdentifier, AsnConvert.serialize(value));
}

function revokedCertificate(entry: RevokedEntry): RevokedCertificate {
  const revoked = new RevokedCertificate({
    userCertificate: new Uint8Array(positiveIntegerOctets(entry.serialNumber)).buffer,
    revocationDate: new Time(wholeSeconds(entry.revokedAt)),
  });
  // reasonCode unspecified (0) SHOULD be absent (RFC 5280 §5.3.1); with no extension, crlEntryExtensions
  // is left out altogether: Extensions is SIZE (1..MAX), an empty SEQUENCE is not DER of it.
  if (entry.reason && entry.reason !== 'unspecified') {
    const reason = AsnConvert.serialize(new CRLReason(REVOCATION_REASON_CODES[entry.reason]));
    revoked.crlEntryExtensions = [extension(id_ce_cRLReasons, reason)];
  }
  return revoked;
}

/** DER of a v2 CRL (RFC 5280 §5) with cRLNumber and authorityKeyIdentifier, signed by the CA's RSA or EC key. */
export function createCrl(ca: KeyAndCertificate, revoked: readonly RevokedEntry[], times: CrlTimes): Buffer {
  if (times.nextUpdate <= times.thisUpdate) throw new RangeError('nextUpdate must be after thisUpdate');
  const caCertificate = new X509Certificate(ca.certificatePem);
  const caAsn = AsnConvert.parse(caCertificate.raw, Certificate);
  const signer = caSigner(createPrivateKey(ca.privateKeyPem));
  const algorithm = AsnConvert.parse(signer.algorithm.toBER(), AlgorithmIdentifier);
  const tbsCertList = new TBSCertList({
    version: Version.v2,
    signature: algorithm,
    // The issuer exactly as the CA certificate names its subject (RFC 5280 §5.1.2.3).
    issuer: caAsn.tbsCertificate.subject,
    thisUpdate: new Time(wholeSeconds(times.thisUpdate)),
    nextUpdate: new Time(wholeSeconds(times.nextUpdate)),
    crlExtensions: [authorityKeyIdentifier(caAsn, caCertificate), crlNumberExtension(times.crlNumber)],
  });
  // revokedCertificates is absent, not empty, when nothing is revoked (RFC 5280 §5.1.2.6).
  if (revoked.length > 0) tbsCertList.revokedCertificates = revoked.map(revokedCertificate);
  const signature = signer.sign(new Uint8Array(AsnConvert.serialize(tbsCertList)));
  const list = new CertificateList({
    tbsCertList,
    signatureAlgorithm: algorithm,
    signature: new Uint8Array(signature).buffer,
  });
  return Buffer.from(AsnConvert.serialize(list));
}
