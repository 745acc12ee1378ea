import { type KeyObject, X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, type Name } from '@peculiar/asn1-x509';
import type { DistinguishedName } from './distinguished-name.ts';
import { OID, type Psd2Role, type QcType } from './oids.ts';
import { pemToDer } from './pem.ts';
import { decodeQcStatements, type Psd2Attributes } from './qc-statements.ts';
import { revocationUrls } from './revocation-urls.ts';

/** What a bank needs to know about a TPP certificate, read once (ETSI TS 119 495 §5). */
export interface EidasCertificate {
  readonly der: Buffer;
  /** Upper-case hex, no leading zeros: the `SN=` of a keyId. */
  readonly serialNumber: string;
  readonly subject: DistinguishedName;
  readonly issuer: DistinguishedName;
  /** 2.5.4.97, e.g. `PSDFR-ACPR-12345` (ETSI TS 119 495 §5.2.1): the STET `client_id`. */
  readonly organizationIdentifier: string | undefined;
  readonly organizationName: string | undefined;
  readonly commonName: string | undefined;
  readonly qcTypes: readonly QcType[];
  readonly psd2: Psd2Attributes | undefined;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SHA-256 of the DER, lower-case hex: the RFC 8705 `x5t#S256` input. */
  readonly fingerprint256: string;
  readonly publicKey: KeyObject;
  readonly x509: X509Certificate;
  /** CRL Distribution Points URIs (RFC 5280 §4.2.1.13); empty when the extension is absent. */
  readonly crlUrls: readonly string[];
  /** OCSP responder URIs from Authority Information Access (RFC 5280 §4.2.2.1); empty when absent. */
  readonly ocspUrls: readonly string[];
}

/** The attributes of an ASN.1 Name, most general first, as `sameDn` compares them. */
export function toDn(name: Name): DistinguishedName {
  return Object.freeze(
    [...name].flatMap((rdn) =>
      [...rdn].map((atv) => Object.freeze({ type: atv.type, value: atv.value.toString() })),
    ),
  );
}

function field(dn: DistinguishedName, oid: string): string | undefined {
  return dn.find((attribute) => attribute.type === oid)?.value;
}

/** Normalises a certificate serial: upper-case hex without separators, prefix or leading zeros. */
export function normaliseSerial(serial: string): string {
  const hex = serial
    .trim()
    .replace(/^0x/i, '')
    .replace(/[:\s]/g, '')
    .toUpperCase()
    .replace(/^0+(?=.)/, '');
  return hex;
}

/** Parses a PEM or DER certificate and reads its PSD2 attributes. Throws when it is not a certificate. */
export function readEidasCertificate(input: string | Uint8Array): EidasCertificate {
  const der = typeof input === 'string' ? pemToDer(input) : Buffer.from(input);
  const x509 = new X509Certificate(der);
  const asn = AsnConvert.parse(der, Certificate);
  const tbs = asn.tbsCertificate;
  const subject = toDn(tbs.subject);
  const qcExtension = tbs.extensions?.find((extension) => extension.extnID === OID.qcStatements);
  const qc = qcExtension
    ? decodeQcStatements(new Uint8Array(qcExtension.extnValue.buffer))
    : { qcTypes: [], psd2: undefined };
  return Object.freeze({
    der,
    serialNumber: normaliseSerial(x509.serialNumber),
    subject,
    issuer: toDn(tbs.issuer),
    organizationIdentifier: field(subject, OID.organizationIdentifier),
    organizationName: field(subject, OID.organizationName),
    commonName: field(subject, OID.commonName),
    qcTypes: qc.qcTypes,
    psd2: qc.psd2,
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    fingerprint256: x509.fingerprint256.replaceAll(':', '').toLowerCase(),
    publicKey: x509.publicKey,
    x509,
    ...revocationUrls(tbs.extensions),
  });
}

export function hasRole(certificate: EidasCertificate, role: Psd2Role): boolean {
  return certificate.psd2?.roles.includes(role) ?? false;
}
