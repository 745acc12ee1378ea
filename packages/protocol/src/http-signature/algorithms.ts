import { constants, type KeyObject, sign, verify } from 'node:crypto';

/**
 * `rsa-sha256` is RSASSA-PKCS1-v1_5 with SHA-256 (the STET profile). `hs2019` leaves the algorithm to the
 * key (draft-cavage-http-signatures-12 §2.3): with an RSA key the draft names RSASSA-PSS with SHA-512,
 * while many TPPs send PKCS#1 v1.5 SHA-256 under that name, so a verifier accepts either.
 *
 * The RSA work runs on the libuv thread pool (node:crypto's callback form): a bank verifying thousands of
 * signatures a second keeps its event loop free for the next request.
 */
export type SignatureAlgorithm = 'rsa-sha256' | 'hs2019';

const PKCS1 = { padding: constants.RSA_PKCS1_PADDING } as const;

export function isSupportedAlgorithm(name: string | undefined): name is SignatureAlgorithm | undefined {
  return name === undefined || name === 'rsa-sha256' || name === 'hs2019';
}

function verifyAsync(
  hash: string,
  data: Buffer,
  key: KeyObject,
  options: object,
  signature: Buffer,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    verify(hash, data, { key, ...options }, signature, (error, valid) =>
      error ? reject(error) : resolve(valid),
    );
  });
}

export function signBytes(algorithm: SignatureAlgorithm, data: Buffer, key: KeyObject): Promise<Buffer> {
  const [hash, options] =
    algorithm === 'hs2019'
      ? ['sha512', { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 }]
      : ['sha256', PKCS1];
  return new Promise((resolve, reject) => {
    sign(hash, data, { key, ...options }, (error, signature) => (error ? reject(error) : resolve(signature)));
  });
}

export async function verifyBytes(
  algorithm: SignatureAlgorithm | undefined,
  data: Buffer,
  key: KeyObject,
  signature: Buffer,
): Promise<boolean> {
  const pkcs1 = () => verifyAsync('sha256', data, key, PKCS1, signature);
  if (algorithm === 'rsa-sha256') return pkcs1();
  const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO };
  return (await verifyAsync('sha512', data, key, pss, signature).catch(() => false)) || pkcs1();
}
