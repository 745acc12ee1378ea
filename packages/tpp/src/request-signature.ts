import { randomUUID } from 'node:crypto';
import {
  computeDigest,
  headersToSign,
  readEidasCertificate,
  serialAndIssuerKeyId,
  signMessage,
} from '@openstet/protocol';

export interface SigningKey {
  readonly keyId: string;
  readonly privateKey: string;
}

/**
 * The headers of a STET call, signed (STET Part I §3.5): `X-Request-ID`, `Date`, `Digest` and
 * `Content-Type` with a body, every `psu-*` header given, and a `Signature` over them with the QSealC.
 */
export async function signedRequestHeaders(
  signing: SigningKey,
  call: {
    method: string;
    target: string;
    body: string | undefined;
    headers: Readonly<Record<string, string>>;
  },
): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    'x-request-id': randomUUID(),
    date: new Date().toUTCString(),
    ...(call.body !== undefined
      ? { 'content-type': 'application/json', digest: computeDigest(call.body) }
      : {}),
    ...Object.fromEntries(Object.entries(call.headers).map(([name, value]) => [name.toLowerCase(), value])),
  };
  const toSign = headersToSign(
    Object.keys(headers).filter((name) => name !== 'authorization'),
    call.body !== undefined,
  );
  const signature = await signMessage(
    { method: call.method, target: call.target, headers },
    { keyId: signing.keyId, privateKey: signing.privateKey, headers: toSign },
  );
  return { ...headers, signature };
}

/**
 * The QSealC as a signing key. The keyId is `SN=<serial>,CA=<issuer DN>` by default (BPCE's profile),
 * or the URL where the bank can fetch the certificate (STET Part I §3.5 allows both).
 */
export function qsealSigningKey(
  certificatePem: string,
  privateKeyPem: string,
  keyIdStyle: 'serial-and-issuer' | { readonly url: string } | undefined,
): SigningKey {
  const keyId =
    typeof keyIdStyle === 'object'
      ? keyIdStyle.url
      : serialAndIssuerKeyId(readEidasCertificate(certificatePem));
  return { keyId, privateKey: privateKeyPem };
}
