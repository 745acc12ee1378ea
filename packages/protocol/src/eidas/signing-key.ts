import { createPrivateKey, type KeyObject, webcrypto } from 'node:crypto';

export type SignatureHash = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** How a CA key signs: RSA PKCS#1 v1.5 with SHA-256, or ECDSA with the hash that matches the curve. */
export interface SigningProfile {
  readonly keyType: 'rsa' | 'ec';
  readonly hash: SignatureHash;
  /** The WebCrypto curve name of an EC key. */
  readonly namedCurve?: 'P-256' | 'P-384' | 'P-521';
}

/** A CA private key imported for @peculiar/x509's generators, with the signature algorithm to use. */
export interface SigningKey {
  readonly key: webcrypto.CryptoKey;
  readonly algorithm: webcrypto.RsaHashedImportParams | webcrypto.EcdsaParams;
}

// Each curve with the hash of the same strength, the pairs TLS 1.3 fixes (RFC 8446 §4.2.3).
const CURVES: Readonly<Record<string, SigningProfile>> = {
  prime256v1: { keyType: 'ec', hash: 'SHA-256', namedCurve: 'P-256' },
  secp384r1: { keyType: 'ec', hash: 'SHA-384', namedCurve: 'P-384' },
  secp521r1: { keyType: 'ec', hash: 'SHA-512', namedCurve: 'P-521' },
};

export function signingProfile(key: KeyObject): SigningProfile {
  if (key.asymmetricKeyType === 'rsa') return { keyType: 'rsa', hash: 'SHA-256' };
  const curve =
    key.asymmetricKeyType === 'ec' ? CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''] : undefined;
  if (!curve) throw new TypeError('a CA key must be RSA or EC on P-256, P-384 or P-521');
  return curve;
}

/** Imports a PEM private key (PKCS#8 or PKCS#1, as OpenSSL or we write them) for signing with WebCrypto. */
export async function importSigningKey(pem: string): Promise<SigningKey> {
  const keyObject = createPrivateKey(pem);
  const profile = signingProfile(keyObject);
  const der = keyObject.export({ type: 'pkcs8', format: 'der' });
  const algorithm =
    profile.keyType === 'rsa'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: profile.hash }
      : { name: 'ECDSA', namedCurve: profile.namedCurve ?? 'P-256', hash: profile.hash };
  const key = await webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
  return { key, algorithm };
}
