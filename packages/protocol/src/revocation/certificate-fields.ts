import { createHash, type X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { children, isContext, parseDer } from './der-read.ts';
import { refuse } from './errors.ts';

/** The exact encodings that CertIDs and ResponderIDs hash (RFC 6960 §4.1.1, §4.2.1). */
export interface CertificateFields {
  /** DER of the issuer Name, as written in the certificate. */
  readonly issuerName: Uint8Array;
  readonly subjectName: Uint8Array;
  /** The subjectPublicKey BIT STRING value, without tag, length and unused-bits octet. */
  readonly publicKeyBits: Uint8Array;
}

const cache = new WeakMap<X509Certificate, CertificateFields>();

/** Reads the raw issuer, subject and key of a certificate (node:crypto exposes them only as text). */
export function certificateFields(certificate: X509Certificate): CertificateFields {
  const cached = cache.get(certificate);
  if (cached) return cached;
  const [tbs] = children(parseDer(certificate.raw, 'certificate'), 'certificate');
  const fields = children(tbs, 'tbsCertificate');
  // version [0] EXPLICIT is absent from v1 certificates (RFC 5280 §4.1).
  const at = isContext(fields[0], 0) ? 1 : 0;
  const [issuer, , subject, spki] = fields.slice(at + 2);
  const key = children(spki, 'subjectPublicKeyInfo')[1];
  if (!issuer || !subject || !(key instanceof asn1js.BitString))
    refuse('malformed', 'certificate fields missing');
  const read = {
    issuerName: issuer.valueBeforeDecodeView,
    subjectName: subject.valueBeforeDecodeView,
    publicKeyBits: key.valueBlock.valueHexView,
  };
  cache.set(certificate, read);
  return read;
}

/** KeyHash: the SHA-1 (or CertID's) hash of the subjectPublicKey bits (RFC 6960 §4.1.1, §4.2.1). */
export function keyHash(certificate: X509Certificate, algorithm = 'sha1'): Buffer {
  return createHash(algorithm).update(certificateFields(certificate).publicKeyBits).digest();
}
