import { constants, type KeyObject, sign, verify } from 'node:crypto';

/**
 * `rsa-sha256` is RSASSA-PKCS1-v1_5 with SHA-256 (the STET profile). `hs2019` leaves the algorithm to the
 * key (draft-cavage-http-signatures-12 §2.3): with an RSA key the draft names RSASSA-PSS with SHA-512,
 * while many TPPs send PKCS#1 v1.5 SHA-256 under that name, so a verifier accepts either.
 */
export type SignatureAlgorithm = 'rsa-sha256' | 'hs2019';

const PSS = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 } as const;

export function isSupportedAlgorithm(name: string | undefined): name is SignatureAlgorithm | undefined {
  return name === undefined || name === 'rsa-sha256' || name === 'hs2019';
}

export function signBytes(algorithm: SignatureAlgorithm, data: Buffer, key: KeyObject): Buffer {
  if (algorithm === 'hs2019') return sign('sha512', data, { key, ...PSS });
  return sign('sha256', data, { key, padding: constants.RSA_PKCS1_PADDING });
}

export function verifyBytes(
  algorithm: SignatureAlgorithm | undefined,
  data: Buffer,
  key: KeyObject,
  signature: Buffer,
): boolean {
  const pkcs1 = () => verify('sha256', data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  if (algorithm === 'rsa-sha256') return pkcs1();
  const pss = verify(
    'sha512',
    data,
    { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
    signature,
  );
  return pss || pkcs1();
}
