import type { KeyObject } from 'node:crypto';

/** NIST curves of ETSI TS 119 312 for ECDSA seals, by their OpenSSL names. */
const SEAL_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1']);

/**
 * The QSealC's key must be one the signature algorithms take (rsa-sha256, ecdsa-sha256, hs2019) at a
 * strength ETSI TS 119 312 still accepts: RSA of at least 2048 bits, ECDSA on P-256, P-384 or P-521.
 */
export function signingKeyProblem(key: KeyObject): string | undefined {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa')
    return (details.modulusLength ?? 0) >= 2048 ? undefined : 'has an RSA key under 2048 bits';
  if (key.asymmetricKeyType === 'ec')
    return SEAL_CURVES.has(details.namedCurve ?? '') ? undefined : 'has an EC key off P-256, P-384 and P-521';
  return 'must hold an RSA or EC key (rsa-sha256, ecdsa-sha256 or hs2019)';
}
