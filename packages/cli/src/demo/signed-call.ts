import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:https';
import {
  computeDigest,
  headersToSign,
  type KeyAndCertificate,
  readEidasCertificate,
  serialAndIssuerKeyId,
  signMessage,
} from '@openstet/protocol';

export interface RawAnswer {
  readonly status: number;
  readonly body: string;
  readonly requestId: string;
}

export interface SignedCaller {
  /** A STET call with any method and any body text, signed like the SDK signs (STET Part I §3.5). */
  call(method: string, url: string, accessToken: string, body?: string): Promise<RawAnswer>;
  close(): void;
}

/**
 * The demo's lower-level signed call, for what the SDK's typed methods cannot send on purpose: a GET on
 * a POST-only path, bodies missing a required field. Same mTLS, same signature as the SDK.
 */
export function signedCaller(tpp: {
  readonly qwac: KeyAndCertificate;
  readonly qseal: KeyAndCertificate;
  readonly ca: string;
}): SignedCaller {
  const agent = new Agent({
    keepAlive: true,
    cert: tpp.qwac.certificatePem,
    key: tpp.qwac.privateKeyPem,
    ca: tpp.ca,
  });
  const keyId = serialAndIssuerKeyId(readEidasCertificate(tpp.qseal.certificatePem));
  const call = async (
    method: string,
    url: string,
    accessToken: string,
    body?: string,
  ): Promise<RawAnswer> => {
    const target = new URL(url);
    const headers: Record<string, string> = {
      'x-request-id': randomUUID(),
      date: new Date().toUTCString(),
      ...(body !== undefined ? { 'content-type': 'application/json', digest: computeDigest(body) } : {}),
    };
    const signature = await signMessage(
      { method, target: target.pathname, headers },
      {
        keyId,
        privateKey: tpp.qseal.privateKeyPem,
        headers: headersToSign(Object.keys(headers), body !== undefined),
      },
    );
    return new Promise((resolve, reject) => {
      const outgoing = request(
        target,
        { method, agent, headers: { ...headers, signature, authorization: `Bearer ${accessToken}` } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              requestId: String(response.headers['x-request-id'] ?? ''),
            }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };
  return { call, close: () => agent.destroy() };
}
