/**
 * The bench's TPP: a card issuer (PSP_IC) with a QWAC for mutual TLS and a QSealC for request signatures,
 * both from the bench's sandbox CA, and what it sends: its registration and its signed STET requests.
 */

import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  computeDigest,
  headersToSign,
  issueEidasCertificate,
  type KeyAndCertificate,
  readEidasCertificate,
  serialAndIssuerKeyId,
  signMessage,
} from '@openstet/protocol';
import type { PooledRequest } from './load.ts';

export const TPP = { organizationIdentifier: 'PSDFR-ACPR-12345', organizationName: 'Bench TPP' } as const;

/** The seed's funds-confirmation request: 123.45 EUR on Marc's first account (covered). */
export const FUNDS_REQUEST = JSON.stringify({
  paymentCoverageRequestId: 'MyCoverage123456',
  instructedAmount: { currency: 'EUR', amount: '123.45' },
  accountId: { iban: 'FR7613807008043001965405158' },
});

/** What a client needs to open an mTLS connection to the bank: the CA to trust and the TPP's QWAC. */
export interface ClientTls {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

export interface BenchTpp {
  readonly tls: ClientTls;
  readonly qseal: KeyAndCertificate;
  /** The QWAC's SHA-256 fingerprint, lower-case hex: what the bank binds access tokens to (RFC 8705 §3). */
  readonly qwacFingerprint256: string;
}

/** Issues the TPP's QWAC and QSealC from the bench's sandbox CA (the one the bank trusts). */
export async function createTpp(ca: KeyAndCertificate): Promise<BenchTpp> {
  const subject = { ...TPP, roles: ['PSP_IC' as const] };
  const [qwac, qseal] = await Promise.all([
    issueEidasCertificate(ca, { kind: 'qwac', ...subject }),
    issueEidasCertificate(ca, { kind: 'qsealc', ...subject }),
  ]);
  return {
    tls: { ca: ca.certificatePem, cert: qwac.certificatePem, key: qwac.privateKeyPem },
    qseal,
    qwacFingerprint256: readEidasCertificate(qwac.certificatePem).fingerprint256,
  };
}

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One request over mTLS with node:https, to set up and to check each route before loading it. */
function send(
  method: 'GET' | 'POST',
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string | undefined,
  tls: ClientTls,
): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const request = httpsRequest(
      url,
      { method, headers, ...tls, servername: 'localhost', agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** One POST over mTLS. */
export function post(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  tls: ClientTls,
): Promise<Reply> {
  return send('POST', url, headers, body, tls);
}

/** One GET over mTLS (the AISP reads). */
export function get(url: string, headers: Readonly<Record<string, string>>, tls: ClientTls): Promise<Reply> {
  return send('GET', url, headers, undefined, tls);
}

/** Awaits `reply` and checks its status; returns it for further checks. */
export async function expectStatus(what: string, reply: Promise<Reply>, status: number): Promise<Reply> {
  const answer = await reply;
  if (answer.status !== status)
    throw new Error(`${what}: expected ${status}, got ${answer.status}: ${answer.body}`);
  return answer;
}

/** Registers the TPP's QSealC, as a card issuer does once before its first funds check. */
export async function registerQseal(mtlsUrl: string, tpp: BenchTpp): Promise<void> {
  const registration = JSON.stringify({
    redirect_uris: ['https://tpp.example/cb'],
    client_name: TPP.organizationName,
    signing_certificate: tpp.qseal.certificatePem,
  });
  const headers = { 'content-type': 'application/json' };
  await expectStatus('POST /register', post(`${mtlsUrl}/register`, headers, registration, tpp.tls), 201);
}

/**
 * The headers of one signed STET request (X-Request-ID, Date, Content-Type, Digest, Signature, plus
 * `extra`, e.g. the Authorization header, unsigned as STET allows), as tpp-request.ts in the tests makes
 * them; a GET has no body, so no Content-Type nor Digest. Signing is the TPP's cost, not the bank's, so it
 * stays out of the measured loop (`signedPool`).
 */
export async function signedHeaders(
  qseal: KeyAndCertificate,
  target: string,
  body: string,
  extra: Readonly<Record<string, string>> = {},
  method: 'GET' | 'POST' = 'POST',
): Promise<Record<string, string>> {
  const hasBody = method !== 'GET';
  const headers: Record<string, string> = {
    'x-request-id': randomUUID(),
    date: new Date().toUTCString(),
    ...(hasBody ? { 'content-type': 'application/json', digest: computeDigest(body) } : {}),
    ...extra,
  };
  const signature = await signMessage(
    { method, target, headers },
    {
      keyId: serialAndIssuerKeyId(readEidasCertificate(qseal.certificatePem)),
      privateKey: qseal.privateKeyPem,
      headers: headersToSign(Object.keys(headers), hasBody),
    },
  );
  return { ...headers, signature };
}

/** What the TPP sends in one request of a pool: the body, and its unsigned extra headers (Authorization). */
export interface Unsigned {
  readonly body: string;
  readonly extra?: Readonly<Record<string, string>>;
}

/**
 * `count` distinct signed requests (`method` on `target`, path and query as sent), the i-th made of
 * `request(i)` (a GET's body is empty), signed before the measurement: the bank
 * refuses a replayed X-Request-ID (ADR 0004), so each request sent must be new, as a real TPP's are. Their
 * Date stays within the bank's 300 s clock skew for a run this short.
 */
export async function signedPool(
  qseal: KeyAndCertificate,
  target: string,
  count: number,
  request: (index: number) => Unsigned,
  method: 'GET' | 'POST' = 'POST',
): Promise<PooledRequest[]> {
  const pool: PooledRequest[] = [];
  while (pool.length < count) {
    const batch = Array.from({ length: Math.min(256, count - pool.length) }, (_, i) =>
      request(pool.length + i),
    );
    pool.push(
      ...(await Promise.all(
        batch.map(async ({ body, extra }) => ({
          headers: await signedHeaders(qseal, target, body, extra, method),
          body,
        })),
      )),
    );
  }
  return pool;
}
