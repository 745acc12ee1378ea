import { randomUUID } from 'node:crypto';
import {
  computeDigest,
  headersToSign,
  readEidasCertificate,
  serialAndIssuerKeyId,
  signMessage,
} from '@openstet/protocol';
import type { TppCredentials } from './pki.ts';

export interface SignedRequestOptions {
  readonly method: string;
  /** Path and query, as on the request line. */
  readonly url: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Overrides the keyId (defaults to the QSealC's BPCE form). */
  readonly keyId?: string;
  /** Overrides the signed header list. */
  readonly signedHeaders?: readonly string[];
  /** Signs with another private key than the TPP's QSealC. */
  readonly privateKeyPem?: string;
}

/** The headers a well-behaved TPP sends on a STET call: X-Request-ID, Date, Digest, Signature. */
export async function signedHeaders(
  tpp: TppCredentials,
  options: SignedRequestOptions,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    'x-request-id': randomUUID(),
    date: new Date().toUTCString(),
    ...(options.body !== undefined
      ? { 'content-type': 'application/json', digest: computeDigest(options.body) }
      : {}),
    ...options.headers,
  };
  const signature = await signMessage(
    { method: options.method, target: options.url, headers },
    {
      keyId: options.keyId ?? serialAndIssuerKeyId(readEidasCertificate(tpp.qseal.certificatePem)),
      privateKey: options.privateKeyPem ?? tpp.qseal.privateKeyPem,
      headers: options.signedHeaders ?? headersToSign(Object.keys(headers), options.body !== undefined),
    },
  );
  return { ...headers, signature };
}

/** How a TLS-terminating proxy passes the client certificate (nginx `$ssl_client_escaped_cert`). */
export function proxyCertificateHeader(certificatePem: string): Record<string, string> {
  return { 'x-ssl-client-cert': encodeURIComponent(certificatePem) };
}
