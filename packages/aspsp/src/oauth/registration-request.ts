import { type EidasCertificate, readEidasCertificate, signingKeyProblem } from '@openstet/protocol';
import { ApiError } from '../http/api-error.ts';
import type { TrustStore } from '../trust/trust-store.ts';

/** RFC 7591 §3.2.2 error codes, carried in the ErrorModel `error` field. */
const invalidMetadata = (message: string) => new ApiError(400, 'invalid_client_metadata', message);
const invalidRedirectUri = (message: string) => new ApiError(400, 'invalid_redirect_uri', message);

export interface RegistrationInput {
  readonly clientName: string;
  readonly redirectUris: readonly string[];
  readonly signingCertificate: EidasCertificate;
  readonly signingCertificatePem: string;
  readonly signingCertificateUrl: string | undefined;
  readonly requirePkce: boolean;
}

const MAX_REDIRECT_URIS = 10;
/** The seed's `redirect_uri` is "Chaîne [140]". */
const MAX_URI_LENGTH = 140;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** A QSealC in PEM is 2 to 4 KB; the cap is checked before any parsing (a body may hold 256 KiB). */
const MAX_CERTIFICATE_LENGTH = 16 * 1024;

function redirectUri(value: unknown, index: number): string {
  const field = `redirect_uris[${index}]`;
  if (typeof value !== 'string' || value.length === 0)
    throw invalidRedirectUri(`${field} must be a non-empty string`);
  if (value.length > MAX_URI_LENGTH)
    throw invalidRedirectUri(`${field} is longer than ${MAX_URI_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidRedirectUri(`${field} is not an absolute URL`);
  }
  // RFC 6749 §3.1.2: no fragment. §10.5/BCP 212: https, except loopback during development.
  if (value.includes('#')) throw invalidRedirectUri(`${field} must not contain a fragment (RFC 6749 §3.1.2)`);
  // RFC 3986 §3.2.1: user:password in a URI is deprecated, and `user@` disguises the real host from the
  // customer and from redirect-URI checks (RFC 9700 §4.1). `https://@host` has an empty userinfo.
  const authority = value.slice(value.indexOf('//') + 2).split(/[/?#]/, 1)[0] ?? '';
  if (url.username !== '' || url.password !== '' || authority.includes('@'))
    throw invalidRedirectUri(`${field} must not contain user information (user:password@)`);
  const localHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !localHttp) {
    throw invalidRedirectUri(`${field} must use https (http only for localhost or 127.0.0.1)`);
  }
  return value;
}

function signingCertificate(
  value: unknown,
  organizationIdentifier: string,
  trustStore: TrustStore,
  now: Date,
): EidasCertificate {
  if (typeof value !== 'string' || !value.includes('-----BEGIN CERTIFICATE-----')) {
    throw invalidMetadata('signing_certificate must be your QSealC as a PEM string');
  }
  if (value.length > MAX_CERTIFICATE_LENGTH)
    throw invalidMetadata(
      `signing_certificate is longer than ${MAX_CERTIFICATE_LENGTH} characters: send your QSealC alone`,
    );
  let certificate: EidasCertificate;
  try {
    certificate = readEidasCertificate(value);
  } catch {
    throw invalidMetadata('signing_certificate is not a readable X.509 certificate');
  }
  if (!certificate.qcTypes.includes('eseal'))
    throw invalidMetadata('signing_certificate must be a QSealC (QcType eseal)');
  if (certificate.organizationIdentifier !== organizationIdentifier) {
    throw invalidMetadata(
      `signing_certificate belongs to ${certificate.organizationIdentifier ?? 'no organisation'}, not ${organizationIdentifier}`,
    );
  }
  if (!trustStore.issued(certificate, now))
    throw invalidMetadata('signing_certificate is not issued by a QTSP CA this bank trusts');
  if (now < certificate.notBefore || now > certificate.notAfter)
    throw invalidMetadata('signing_certificate is not valid now');
  const keyProblem = signingKeyProblem(certificate.publicKey);
  if (keyProblem) throw invalidMetadata(`signing_certificate ${keyProblem}`);
  return certificate;
}

function optionalBoolean(value: unknown, field: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw invalidMetadata(`${field} must be true or false`);
  return value;
}

function optionalUrl(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !URL.canParse(value) || !value.startsWith('https://')) {
    throw invalidMetadata('signing_certificate_url must be an https URL (used as keyId, never fetched)');
  }
  return new URL(value).href;
}

/**
 * Validates a registration body (RFC 7591 §2 metadata, BPCE `/register`): redirect URIs, client name and a
 * QSealC of the same organisation as the QWAC, issued by a trusted QTSP (Airlock STET checks).
 */
export function parseRegistration(
  body: unknown,
  organizationIdentifier: string,
  trustStore: TrustStore,
  now: Date,
): RegistrationInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidMetadata(
      'Body must be a JSON object with redirect_uris, client_name and signing_certificate',
    );
  }
  const fields = body as Record<string, unknown>;
  if (fields.client_id !== undefined && fields.client_id !== organizationIdentifier) {
    throw invalidMetadata(
      `client_id must be your organizationIdentifier ${organizationIdentifier} or absent`,
    );
  }
  const uris = fields.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0)
    throw invalidRedirectUri('redirect_uris must be a non-empty array of URLs');
  if (uris.length > MAX_REDIRECT_URIS)
    throw invalidRedirectUri(`redirect_uris holds at most ${MAX_REDIRECT_URIS} URLs`);
  const name = fields.client_name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 140) {
    throw invalidMetadata(
      'client_name must be a non-empty string of at most 140 characters (shown to customers)',
    );
  }
  return Object.freeze({
    clientName: name.trim(),
    redirectUris: Object.freeze([...new Set(uris.map(redirectUri))]),
    signingCertificate: signingCertificate(
      fields.signing_certificate,
      organizationIdentifier,
      trustStore,
      now,
    ),
    signingCertificatePem: fields.signing_certificate as string,
    signingCertificateUrl: optionalUrl(fields.signing_certificate_url),
    requirePkce: optionalBoolean(fields.require_pkce, 'require_pkce'),
  });
}
