import {
  checkBody,
  type EidasCertificate,
  readEidasCertificate,
  StetSchemas,
  signingKeyProblem,
} from '@openstet/protocol';
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

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A redirect URI the schema let through (a string of 1 to 140 characters): one a browser may be sent to. */
function redirectUri(value: string, index: number): string {
  const field = `redirect_uris[${index}]`;
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

/** The schema let through a PEM string of at most 16 KiB (checked before any parsing): a QSealC of this TPP. */
function signingCertificate(
  value: string,
  organizationIdentifier: string,
  trustStore: TrustStore,
  now: Date,
): EidasCertificate {
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

/** The schema checked it is an https string; it must also parse as a URL. */
function optionalUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!URL.canParse(value))
    throw invalidMetadata('signing_certificate_url must be an https URL (used as keyId, never fetched)');
  return new URL(value).href;
}

/**
 * Validates a registration body (RFC 7591 §2 metadata, BPCE `/register`) against its schema
 * (`@openstet/protocol`), then what a schema cannot say: redirect URIs a browser may be sent to, and a
 * QSealC of the same organisation as the QWAC, issued by a trusted QTSP (Airlock STET checks).
 */
export function parseRegistration(
  body: unknown,
  organizationIdentifier: string,
  trustStore: TrustStore,
  now: Date,
): RegistrationInput {
  // RFC 7591 §3.2.2: a bad redirect URI is invalid_redirect_uri, any other field invalid_client_metadata.
  const problem = checkBody(StetSchemas.ClientRegistrationRequest, body);
  if (problem)
    throw problem.path.startsWith('redirect_uris')
      ? invalidRedirectUri(problem.message)
      : invalidMetadata(problem.message);
  const fields = body as StetSchemas.ClientRegistrationRequest;
  if (fields.client_id !== undefined && fields.client_id !== organizationIdentifier) {
    throw invalidMetadata(
      `client_id must be your organizationIdentifier ${organizationIdentifier} or absent`,
    );
  }
  return Object.freeze({
    clientName: fields.client_name.trim(),
    redirectUris: Object.freeze([...new Set(fields.redirect_uris.map(redirectUri))]),
    signingCertificate: signingCertificate(
      fields.signing_certificate,
      organizationIdentifier,
      trustStore,
      now,
    ),
    signingCertificatePem: fields.signing_certificate,
    signingCertificateUrl: optionalUrl(fields.signing_certificate_url),
    requirePkce: fields.require_pkce === true,
  });
}
