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
export function stetPut(
  bank: InjectApp,
  tpp: TppCredentials,
  accessToken: string,
  url: string,
  body: unknown,
) {
  return stetPutText(bank, tpp, accessToken, url, JSON.stringify(body));
}

/** `stetPut` with the body's text as given, even when it is not JSON. */
export async function stetPutText(
  bank: InjectApp,
  tpp: TppCredentials,
  accessToken: string,
  url: string,
  payload: string,
) {
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

/** The test TPP (Acme Cards) at the seed's establishment: the scope of the account ids it is given. */
export const ACME_AT_13807 = { establishment: '13807', clientId: 'PSDFR-ACPR-12345' } as const;
