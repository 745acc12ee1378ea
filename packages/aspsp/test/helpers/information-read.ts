import type { InjectApp } from './inject-app.ts';
import type { TppCredentials } from './pki.ts';
import { proxyCertificateHeader, signedHeaders } from './tpp-request.ts';

/**
 * A signed STET GET with a Bearer token over the TPP's QWAC; `url` is path and query, as linked. `headers`
 * are signed with the others; `overrides` replace headers after signing (a broken signature, a bad token).
 */
export async function stetGet(
  bank: InjectApp,
  tpp: TppCredentials,
  accessToken: string,
  url: string,
  headers: Readonly<Record<string, string>> = {},
  overrides: Readonly<Record<string, string>> = {},
) {
  const signed = await signedHeaders(tpp, {
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${accessToken}`, ...headers },
  });
  return bank.app.mtls.inject({
    method: 'GET',
    url,
    headers: { ...signed, ...overrides, ...proxyCertificateHeader(tpp.qwac.certificatePem) },
  });
}

/** A signed STET PUT with a JSON body (Digest and Content-Type signed) and a Bearer token. */
export async function stetPut(
  bank: InjectApp,
  tpp: TppCredentials,
  accessToken: string,
  url: string,
  body: unknown,
) {
  const payload = JSON.stringify(body);
  const signed = await signedHeaders(tpp, {
    method: 'PUT',
    url,
    body: payload,
    headers: { authorization: `Bearer ${accessToken}`, 'psu-ip-address': '192.0.2.10' },
  });
  return bank.app.mtls.inject({
    method: 'PUT',
    url,
    payload,
    headers: { ...signed, ...proxyCertificateHeader(tpp.qwac.certificatePem) },
  });
}
