import type { KeyObject } from 'node:crypto';

/**
 * The curves of ETSI TS 119 312 for ECDSA seals, by their OpenSSL names: NIST P-256, P-384 and P-521,
 * and the Brainpool curves some QTSPs issue.
 */
const SEAL_CURVES = new Set([
  'prime256v1',
  'secp384r1',
  'secp521r1',
  'brainpoolP256r1',
  'brainpoolP384r1',
  'brainpoolP512r1',
]);

/**
 * Why a QSealC key cannot sign STET messages, or undefined when it can: an algorithm of this package
 * (rsa-sha256, ecdsa-sha256, hs2019) at a strength ETSI TS 119 312 still accepts, i.e. RSA of at least
 * 2048 bits or ECDSA on one of its curves. The bank applies it at registration and at every verification;
 * the SDK to the bank's seal.
 */
export function signingKeyProblem(key: KeyObject): string | undefined {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa')
    return (details.modulusLength ?? 0) >= 2048 ? undefined : 'has an RSA key under 2048 bits';
  if (key.asymmetricKeyType === 'ec')
    return SEAL_CURVES.has(details.namedCurve ?? '')
      ? undefined
      : 'has an EC key off the ETSI TS 119 312 curves (P-256, P-384, P-521, Brainpool)';
  return 'must hold an RSA or EC key (rsa-sha256, ecdsa-sha256 or hs2019)';
}
