import { createPrivateKey, X509Certificate } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  Certificate,
  Extension,
  id_ce_authorityKeyIdentifier,
  id_ce_subjectKeyIdentifier,
  KeyIdentifier,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import type { KeyAndCertificate } from '../eidas/issue-certificate.ts';
import { certificateFields, keyHash } from './certificate-fields.ts';
import { encodeTlv } from './der-encode.ts';
import { encodeTime } from './der-time.ts';
import { explicitTag, TAG } from './der-tlv.ts';
import { integerFromHex, extension as nonCritical } from './der-write.ts';
import { REVOCATION_OID, REVOCATION_REASON_CODES, type RevocationReason } from './oids.ts';
import { serialNumberOctets } from './serial-number.ts';
import { caSigner } from './signature-algorithms.ts';

/** A revoked certificate to list in a CRL (RFC 5280 §5.1.2.6). */
export interface RevokedEntry {
  /** Hex, in any of the forms `normaliseSerial` accepts; a RangeError when empty. */
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

/** cRLNumber: a non-negative INTEGER of at most 20 octets (RFC 5280 §5.2.3). */
function crlNumberExtension(value: bigint | number): Uint8Array {
  const number = BigInt(value);
  if (number < 0n || number >= 2n ** 159n) throw new RangeError('crlNumber must be between 0 and 2^159 - 1');
  return new Uint8Array(
    nonCritical(REVOCATION_OID.crlNumber, integerFromHex(number.toString(16)).toBER()).toBER(),
  );
}

/** authorityKeyIdentifier = the CA's subjectKeyIdentifier (or its RFC 5280 §4.2.1.2 method 1 value), §5.2.1. */
function authorityKeyIdentifier(caCertificate: X509Certificate): Uint8Array {
  const ca = AsnConvert.parse(caCertificate.raw, Certificate);
  const ski = ca.tbsCertificate.extensions?.find((found) => found.extnID === id_ce_subjectKeyIdentifier);
  const keyId = ski
    ? AsnConvert.parse(ski.extnValue.buffer, SubjectKeyIdentifier).buffer
    : new Uint8Array(keyHash(caCertificate)).buffer;
  const value = new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(keyId) });
  const extension = new Extension({
    extnID: id_ce_authorityKeyIdentifier,
    critical: false,
    extnValue: new OctetString(AsnConvert.serialize(value)),
  });
  return new Uint8Array(AsnConvert.serialize(extension));
}

/** crlEntryExtensions holding reasonCode (RFC 5280 §5.3.1): the same bytes for every entry of a reason. */
const entryExtensions = new Map<RevocationReason, Buffer>();
function entryExtensionsOf(reason: RevocationReason): Buffer {
  const cached = entryExtensions.get(reason);
  if (cached) return cached;
  const code = new asn1js.Enumerated({ value: REVOCATION_REASON_CODES[reason] }).toBER();
  const encoded = encodeTlv(TAG.sequence, [
    new Uint8Array(nonCritical(REVOCATION_OID.crlReason, code).toBER()),
  ]);
  entryExtensions.set(reason, encoded);
  return encoded;
}

function revokedCertificate(entry: RevokedEntry): Buffer {
  const serial = serialNumberOctets(entry.serialNumber, 'RevokedEntry serialNumber');
  const fields = [encodeTlv(TAG.integer, [serial]), encodeTime(entry.revokedAt)];
  // reasonCode unspecified (0) SHOULD be absent (RFC 5280 §5.3.1); with no extension, crlEntryExtensions
  // is left out altogether: Extensions is SIZE (1..MAX), an empty SEQUENCE is not DER of it.
  if (entry.reason && entry.reason !== 'unspecified') fields.push(entryExtensionsOf(entry.reason));
  return encodeTlv(TAG.sequence, fields);
}

/**
 * DER of a v2 CRL (RFC 5280 §5) with cRLNumber and authorityKeyIdentifier, signed by the CA's RSA or EC
 * key. Written with `encodeTlv`, linear in the number of entries (50 000 take well under a second).
 */
export function createCrl(ca: KeyAndCertificate, revoked: readonly RevokedEntry[], times: CrlTimes): Buffer {
  if (times.nextUpdate <= times.thisUpdate) throw new RangeError('nextUpdate must be after thisUpdate');
  const caCertificate = new X509Certificate(ca.certificatePem);
  const signer = caSigner(createPrivateKey(ca.privateKeyPem));
  const algorithm = new Uint8Array(signer.algorithm.toBER());
  const extensions = [authorityKeyIdentifier(caCertificate), crlNumberExtension(times.crlNumber)];
  const tbsCertList = encodeTlv(TAG.sequence, [
    encodeTlv(TAG.integer, [Uint8Array.of(1)]), // v2 (RFC 5280 §5.1.2.1)
    algorithm,
    // The issuer exactly as the CA certificate names its subject (RFC 5280 §5.1.2.3).
    certificateFields(caCertificate).subjectName,
    encodeTime(times.thisUpdate),
    encodeTime(times.nextUpdate),
    // revokedCertificates is absent, not empty, when nothing is revoked (RFC 5280 §5.1.2.6).
    ...(revoked.length > 0 ? [encodeTlv(TAG.sequence, revoked.map(revokedCertificate))] : []),
    encodeTlv(explicitTag(0), [encodeTlv(TAG.sequence, extensions)]),
  ]);
  const signature = signer.sign(tbsCertList);
  const signatureValue = encodeTlv(TAG.bitString, [Uint8Array.of(0), signature]);
  return encodeTlv(TAG.sequence, [tbsCertList, algorithm, signatureValue]);
}
