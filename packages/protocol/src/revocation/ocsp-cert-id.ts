import { createHash, type X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { normaliseSerial } from '../eidas/read-certificate.ts';
import { certificateFields, keyHash } from './certificate-fields.ts';
import { children, octetsOf, oidOf, serialOf } from './der-read.ts';
import { octets, oid, sequence } from './der-write.ts';
import { refuse } from './errors.ts';
import { hashAlgorithmOf, OCSP_HASH_OIDS, type OcspHashAlgorithm } from './oids.ts';
import { serialNumberOctets } from './serial-number.ts';

/** An OCSP CertID (RFC 6960 §4.1.1): which certificate of which issuer a request or response is about. */
export interface OcspCertId {
  readonly hashAlgorithm: OcspHashAlgorithm;
  /** Hash of the DER of the issuer's name. */
  readonly issuerNameHash: Buffer;
  /** Hash of the issuer's subjectPublicKey bits. */
  readonly issuerKeyHash: Buffer;
  /** Upper-case hex without leading zeros, as `normaliseSerial` writes it. */
  readonly serialNumber: string;
}

/** The CertID of a certificate; throws `issuer-mismatch` when `issuer` did not issue it. */
export function ocspCertId(
  certificate: X509Certificate,
  issuer: X509Certificate,
  hashAlgorithm: OcspHashAlgorithm = 'sha1',
): OcspCertId {
  if (!certificate.checkIssued(issuer)) {
    refuse('issuer-mismatch', 'the certificate was not issued by the given issuer');
  }
  return Object.freeze({
    hashAlgorithm,
    // "the issuer's distinguished name ... in the certificate being checked" (RFC 6960 §4.1.1)
    issuerNameHash: createHash(hashAlgorithm).update(certificateFields(certificate).issuerName).digest(),
    issuerKeyHash: keyHash(issuer, hashAlgorithm),
    serialNumber: normaliseSerial(certificate.serialNumber),
  });
}

/** Whether a CertID names this issuer (by name and key): what a responder checks before answering. */
export function isCertIdOfIssuer(certId: OcspCertId, issuer: X509Certificate): boolean {
  const nameHash = createHash(certId.hashAlgorithm).update(certificateFields(issuer).subjectName).digest();
  return (
    nameHash.equals(certId.issuerNameHash) &&
    keyHash(issuer, certId.hashAlgorithm).equals(certId.issuerKeyHash)
  );
}

export function sameCertId(a: OcspCertId, b: OcspCertId): boolean {
  return (
    a.hashAlgorithm === b.hashAlgorithm &&
    a.serialNumber === b.serialNumber &&
    a.issuerNameHash.equals(b.issuerNameHash) &&
    a.issuerKeyHash.equals(b.issuerKeyHash)
  );
}

export function encodeCertId(certId: OcspCertId): asn1js.Sequence {
  // Hash parameters NULL, as OpenSSL writes them; readers accept NULL or absent (RFC 5754 §2).
  return sequence(
    sequence(oid(OCSP_HASH_OIDS[certId.hashAlgorithm]), new asn1js.Null()),
    octets(certId.issuerNameHash),
    octets(certId.issuerKeyHash),
    new asn1js.Integer({ valueHex: serialNumberOctets(certId.serialNumber, 'CertID serialNumber') }),
  );
}

/** Reads a CertID; `undefined` when its hash algorithm is not one we know. */
export function decodeCertId(block: asn1js.BaseBlock | undefined): OcspCertId | undefined {
  const [algorithm, nameHash, keyHashBlock, serial] = children(block, 'CertID');
  const hashAlgorithm = hashAlgorithmOf(oidOf(children(algorithm, 'CertID hashAlgorithm')[0], 'CertID hash'));
  if (!hashAlgorithm) return undefined;
  const certId = {
    hashAlgorithm,
    issuerNameHash: octetsOf(nameHash, 'CertID issuerNameHash'),
    issuerKeyHash: octetsOf(keyHashBlock, 'CertID issuerKeyHash'),
    serialNumber: serialOf(serial, 'CertID serialNumber'),
  };
  const size = createHash(hashAlgorithm).digest().length;
  if (certId.issuerNameHash.length !== size || certId.issuerKeyHash.length !== size) {
    refuse('malformed', `CertID hashes are not ${hashAlgorithm} digests`);
  }
  return Object.freeze(certId);
}
