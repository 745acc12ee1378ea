import { constants, type KeyObject, sign, verify } from 'node:crypto';

/**
 * The signature algorithms of a draft-cavage `Signature` header, for the two key types an eIDAS QSealC
 * carries (ETSI TS 119 312: RSA and ECDSA):
 * - `rsa-sha256`: RSASSA-PKCS1-v1_5 with SHA-256, the STET profile, with an RSA key;
 * - `ecdsa-sha256`: ECDSA with SHA-256, with an EC key (P-256 in practice). Signed DER-encoded, as
 *   node:crypto, OpenSSL and Joyent's http-signature write it; verified DER or raw r‖s (IEEE P1363, as
 *   WebCrypto and .NET write it);
 * - `hs2019`: the algorithm follows the key (draft-cavage-http-signatures-12 §2.3): the draft names
 *   RSASSA-PSS with SHA-512 and ECDSA with SHA-512, while many TPPs send SHA-256 under that name, so a
 *   verifier accepts either.
 * An algorithm never verifies with the other key type: a `rsa-sha256` header and an EC key is a failure,
 * not a fallback.
 *
 * The work runs on the libuv thread pool (node:crypto's callback form): a bank verifying thousands of
 * signatures a second keeps its event loop free for the next request.
 */
export type SignatureAlgorithm = 'rsa-sha256' | 'ecdsa-sha256' | 'hs2019';

type KeyType = 'rsa' | 'ec';

interface Scheme {
  readonly hash: 'sha256' | 'sha512';
  readonly options: object;
}

const PKCS1_SHA256: Scheme = { hash: 'sha256', options: { padding: constants.RSA_PKCS1_PADDING } };
const PSS_SHA512: Scheme = {
  hash: 'sha512',
  options: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 },
};
const ECDSA_SHA256: Scheme = { hash: 'sha256', options: {} };
const ECDSA_SHA512: Scheme = { hash: 'sha512', options: {} };
const P1363 = { dsaEncoding: 'ieee-p1363' } as const;
const ECDSA_SHA256_P1363: Scheme = { hash: 'sha256', options: P1363 };
const ECDSA_SHA512_P1363: Scheme = { hash: 'sha512', options: P1363 };

/** What a signer produces, by algorithm and key type; absent where the pair is not allowed. */
const SIGNING: Readonly<Record<SignatureAlgorithm, Partial<Record<KeyType, Scheme>>>> = {
  'rsa-sha256': { rsa: PKCS1_SHA256 },
  'ecdsa-sha256': { ec: ECDSA_SHA256 },
  hs2019: { rsa: PSS_SHA512, ec: ECDSA_SHA512 },
};

/** What a verifier accepts, in the order tried; no algorithm parameter reads as hs2019. */
const VERIFYING: Readonly<Record<SignatureAlgorithm, Partial<Record<KeyType, readonly Scheme[]>>>> = {
  'rsa-sha256': { rsa: [PKCS1_SHA256] },
  'ecdsa-sha256': { ec: [ECDSA_SHA256, ECDSA_SHA256_P1363] },
  hs2019: {
    rsa: [
      { hash: 'sha512', options: { ...PSS_SHA512.options, saltLength: constants.RSA_PSS_SALTLEN_AUTO } },
      PKCS1_SHA256,
    ],
    ec: [ECDSA_SHA512, ECDSA_SHA256, ECDSA_SHA512_P1363, ECDSA_SHA256_P1363],
  },
};

export function isSupportedAlgorithm(name: string | undefined): name is SignatureAlgorithm | undefined {
  return name === undefined || Object.hasOwn(SIGNING, name);
}

function keyType(key: KeyObject): KeyType | undefined {
  const type = key.asymmetricKeyType;
  return type === 'rsa' || type === 'ec' ? type : undefined;
}

/** The algorithm to name for a key: `rsa-sha256` (STET) for RSA, `ecdsa-sha256` for EC. */
export function algorithmFor(key: KeyObject): SignatureAlgorithm {
  const type = keyType(key);
  if (!type) throw new TypeError(`A QSealC key is RSA or EC, not ${key.asymmetricKeyType ?? 'unknown'}`);
  return type === 'rsa' ? 'rsa-sha256' : 'ecdsa-sha256';
}

function verifyAsync(scheme: Scheme, data: Buffer, key: KeyObject, signature: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    // A signature that cannot even be decoded (a DER error for ECDSA) is an invalid signature.
    verify(scheme.hash, data, { key, ...scheme.options }, signature, (error, valid) =>
      resolve(!error && valid),
    );
  });
}

export function signBytes(algorithm: SignatureAlgorithm, data: Buffer, key: KeyObject): Promise<Buffer> {
  const type = keyType(key);
  const scheme = type && SIGNING[algorithm][type];
  if (!scheme) throw new TypeError(`${algorithm} cannot sign with a ${key.asymmetricKeyType} key`);
  return new Promise((resolve, reject) => {
    sign(scheme.hash, data, { key, ...scheme.options }, (error, signature) =>
      error ? reject(error) : resolve(signature),
    );
  });
}

export async function verifyBytes(
  algorithm: SignatureAlgorithm | undefined,
  data: Buffer,
  key: KeyObject,
  signature: Buffer,
): Promise<boolean> {
  const type = keyType(key);
  const schemes = (type && VERIFYING[algorithm ?? 'hs2019'][type]) ?? [];
  for (const scheme of schemes) {
    if (await verifyAsync(scheme, data, key, signature)) return true;
  }
  return false;
}
