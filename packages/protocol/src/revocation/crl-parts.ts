import type { ExtensionValue } from './der-read.ts';
import { readTime } from './der-time.ts';
import {
  childrenOf,
  contentsOf,
  encodingOf,
  expectTag,
  explicitTag,
  readWholeTlv,
  TAG,
  type Tlv,
} from './der-tlv.ts';
import { refuse } from './errors.ts';
import { extensionsAt } from './tlv-extensions.ts';

/** A CertificateList (RFC 5280 §5.1) located in the bytes received, before any of it is trusted. */
export interface CrlParts {
  /** The bytes received (a view, not a copy), which `revokedCertificates` points into. */
  readonly der: Buffer;
  /** tbsCertList exactly as received: what the signature covers (RFC 5280 §5.1.1.3). */
  readonly signed: Uint8Array;
  /** The whole AlgorithmIdentifier encodings: outside, and inside what is signed (tbsCertList.signature). */
  readonly signatureAlgorithm: Uint8Array;
  readonly signedAlgorithm: Uint8Array;
  readonly signature: Uint8Array;
  /** DER of the issuer Name. */
  readonly issuer: Uint8Array;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  /** Located, not read: `revokedSerials` walks it once the signature is verified. */
  readonly revokedCertificates: Tlv | undefined;
  readonly extensions: readonly ExtensionValue[];
}

const isTime = (tlv: Tlv | undefined): boolean =>
  tlv?.tag === TAG.utcTime || tlv?.tag === TAG.generalizedTime;

/** signatureValue BIT STRING: a signature is whole octets, so the unused-bits octet is 0. */
function signatureOf(der: Uint8Array, tlv: Tlv | undefined): Uint8Array {
  const bits = contentsOf(der, expectTag(tlv, TAG.bitString, 'CRL signatureValue'));
  if (bits.length < 2 || bits[0] !== 0) refuse('malformed', 'CRL signatureValue is not whole octets');
  return bits.subarray(1);
}

/** version is absent from v1 CRLs and v2 (the integer 1) when present (RFC 5280 §5.1.2.1). */
function checkVersion(der: Uint8Array, tlv: Tlv): void {
  const value = contentsOf(der, tlv);
  if (value.length !== 1 || value[0] !== 1) refuse('malformed', 'CRL version is not v2');
}

/**
 * Parses the outer structure of a CRL and its tbsCertList fields in order (RFC 5280 §5.1): version
 * OPTIONAL, signature, issuer, thisUpdate, nextUpdate OPTIONAL, revokedCertificates OPTIONAL,
 * crlExtensions [0] EXPLICIT OPTIONAL. Checks nothing a signature would prove.
 */
export function parseCrl(received: Uint8Array): CrlParts {
  const der = Buffer.from(received.buffer, received.byteOffset, received.byteLength);
  const outer = expectTag(readWholeTlv(der, 'CRL'), TAG.sequence, 'CRL');
  const [tbs, algorithm, signature, extra] = childrenOf(der, outer, 'CertificateList');
  if (extra) refuse('malformed', 'CRL has more fields than a CertificateList');
  const signed = expectTag(tbs, TAG.sequence, 'tbsCertList');
  const fields = childrenOf(der, signed, 'tbsCertList');
  const versioned = fields[0]?.tag === TAG.integer;
  if (fields[0] && versioned) checkVersion(der, fields[0]);
  const [signedAlgorithm, issuer, thisUpdate, ...rest] = fields.slice(versioned ? 1 : 0);
  let next = 0;
  const optional = (matches: (tlv: Tlv | undefined) => boolean): Tlv | undefined =>
    matches(rest[next]) ? rest[next++] : undefined;
  const nextUpdate = optional(isTime);
  const revokedCertificates = optional((tlv) => tlv?.tag === TAG.sequence);
  const extensions = optional((tlv) => tlv?.tag === explicitTag(0));
  if (next !== rest.length) refuse('malformed', 'tbsCertList has fields a CRL does not');
  const [extensionList, extraList] = extensions ? childrenOf(der, extensions, 'crlExtensions') : [];
  if (extensions && (!extensionList || extraList)) refuse('malformed', 'crlExtensions must hold one list');
  return {
    der,
    signed: encodingOf(der, signed),
    signatureAlgorithm: encodingOf(der, expectTag(algorithm, TAG.sequence, 'CRL signatureAlgorithm')),
    signedAlgorithm: encodingOf(der, expectTag(signedAlgorithm, TAG.sequence, 'tbsCertList signature')),
    signature: signatureOf(der, signature),
    issuer: encodingOf(der, expectTag(issuer, TAG.sequence, 'CRL issuer')),
    thisUpdate: readTime(der, thisUpdate, 'CRL thisUpdate'),
    nextUpdate: nextUpdate ? readTime(der, nextUpdate, 'CRL nextUpdate') : undefined,
    revokedCertificates,
    extensions: extensionList ? extensionsAt(der, extensionList, 'CRL') : [],
  };
}
