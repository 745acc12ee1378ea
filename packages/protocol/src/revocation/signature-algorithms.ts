import { type KeyObject, sign, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import { signingProfile } from '../eidas/signing-key.ts';
import { oid, sequence } from './der-write.ts';
import { refuse } from './errors.ts';

interface SignatureAlgorithm {
  readonly oid: string;
  readonly hash: 'sha256' | 'sha384' | 'sha512';
  readonly keyType: 'rsa' | 'ec';
}

// SHA-2 with RSA PKCS#1 v1.5 (RFC 4055 §5) or ECDSA (RFC 5758 §3.2). SHA-1 signatures are refused:
// chosen-prefix collisions make them forgeable, and ETSI TS 119 312 no longer recommends SHA-1 for signing.
const ALGORITHMS: readonly SignatureAlgorithm[] = [
  { oid: '1.2.840.113549.1.1.11', hash: 'sha256', keyType: 'rsa' },
  { oid: '1.2.840.113549.1.1.12', hash: 'sha384', keyType: 'rsa' },
  { oid: '1.2.840.113549.1.1.13', hash: 'sha512', keyType: 'rsa' },
  { oid: '1.2.840.10045.4.3.2', hash: 'sha256', keyType: 'ec' },
  { oid: '1.2.840.10045.4.3.3', hash: 'sha384', keyType: 'ec' },
  { oid: '1.2.840.10045.4.3.4', hash: 'sha512', keyType: 'ec' },
];

/**
 * Verifies a signature over the exact bytes received (never a re-encoding of what was parsed) and
 * throws `RevocationDataError` when the algorithm is not accepted or the signature does not verify.
 */
export function verifySignedBytes(
  signed: Uint8Array,
  algorithmOid: string,
  signature: Uint8Array,
  publicKey: KeyObject,
  what: string,
): void {
  const algorithm = ALGORITHMS.find((candidate) => candidate.oid === algorithmOid);
  if (!algorithm) {
    refuse(
      'algorithm-unsupported',
      `${what} is signed with ${algorithmOid}: use SHA-256/384/512 with RSA or ECDSA`,
    );
  }
  let valid = false;
  try {
    valid =
      publicKey.asymmetricKeyType === algorithm.keyType &&
      verify(algorithm.hash, signed, publicKey, signature);
  } catch {
    valid = false; // a malformed ECDSA signature throws instead of returning false
  }
  if (!valid) refuse('signature-invalid', `${what} signature does not verify with the issuer's key`);
}

/** How a CA signs its CRLs and OCSP responses: the AlgorithmIdentifier to write, and the signing itself. */
export interface CaSigner {
  readonly algorithm: asn1js.Sequence;
  readonly sign: (data: Uint8Array) => Buffer;
}

/** sha256WithRSAEncryption for an RSA key; ECDSA with the hash of the curve's strength for an EC key. */
export function caSigner(privateKey: KeyObject): CaSigner {
  const profile = signingProfile(privateKey);
  const hash = profile.hash.replace('-', '').toLowerCase() as SignatureAlgorithm['hash'];
  const found = ALGORITHMS.find(
    (candidate) => candidate.keyType === profile.keyType && candidate.hash === hash,
  );
  if (!found) throw new TypeError(`no signature algorithm for ${profile.keyType} with ${hash}`);
  return {
    // RSA parameters are NULL (RFC 4055 §5); ECDSA parameters are absent (RFC 5758 §3.2).
    algorithm:
      profile.keyType === 'rsa' ? sequence(oid(found.oid), new asn1js.Null()) : sequence(oid(found.oid)),
    sign: (data) => sign(hash, data, privateKey),
  };
}
