import { createPrivateKey, type KeyObject } from 'node:crypto';
import { algorithmFor, type SignatureAlgorithm, signBytes } from './algorithms.ts';
import { formatSignatureHeader } from './signature-header.ts';
import { type SignableMessage, signingString } from './signing-string.ts';

export interface SignOptions {
  /** e.g. `SN=1A2B,CA=CN=Some QTSP,C=FR` (see `serialAndIssuerKeyId`) or the certificate's URL. */
  readonly keyId: string;
  /** The QSealC private key, PEM or KeyObject. */
  readonly privateKey: KeyObject | string;
  /** Header names to sign, in order (see `headersToSign`). */
  readonly headers: readonly string[];
  /** Default: `rsa-sha256` (STET) for an RSA key, `ecdsa-sha256` for an EC key. */
  readonly algorithm?: SignatureAlgorithm;
}

/** Signs a message and returns the `Signature` header value (draft-cavage-http-signatures-12 §2.3). */
export async function signMessage(message: SignableMessage, options: SignOptions): Promise<string> {
  const key =
    typeof options.privateKey === 'string' ? createPrivateKey(options.privateKey) : options.privateKey;
  const algorithm = options.algorithm ?? algorithmFor(key);
  const data = Buffer.from(signingString(message, options.headers), 'utf8');
  return formatSignatureHeader({
    keyId: options.keyId,
    algorithm,
    headers: options.headers,
    signature: await signBytes(algorithm, data, key),
  });
}
