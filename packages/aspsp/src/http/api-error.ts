import type { StetErrorCode } from '@openstet/protocol';

/**
 * The one error type of the server. `code` is the STET/CFONB short code where the bank's profile defines
 * one (seed "Codes erreurs": AC01, AC04, AC06, FF01, BADS, NGAC, NIMP, TMRQ, IPSU, INTS, INTE) and an
 * explicit openstet code for trust-chain refusals the profile leaves unnamed (README, "Error codes").
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: StetErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** The catalogue: every refusal the server gives is built here, so codes and statuses stay consistent. */
export const Errors = Object.freeze({
  invalidBody: (message: string) => new ApiError(400, 'FF01', message),
  /** Seed "Codes erreurs" of the funds-confirmation service (CFONB codes where they exist). */
  incorrectAccount: (message: string) => new ApiError(400, 'AC01', message),
  closedAccount: (message: string) => new ApiError(400, 'AC04', message),
  blockedAccount: (message: string) => new ApiError(403, 'AC06', message),
  accountNotGranted: (message: string) => new ApiError(403, 'NGAC', message),
  invalidPsu: (message: string) => new ApiError(403, 'IPSU', message),
  /** ISO 20022 AM03 "NotAllowedCurrency": STET funds checks do not convert currencies (STET 1.6.3 text). */
  currencyNotAllowed: (message: string) => new ApiError(400, 'AM03', message),
  invalidHeader: (message: string) => new ApiError(400, 'HEADER_INVALID', message),
  invalidSignature: (message: string) => new ApiError(400, 'SIGNATURE_INVALID', message),
  invalidDigest: (message: string) => new ApiError(400, 'DIGEST_INVALID', message),
  /** A verified signed request whose X-Request-ID the TPP already used within the freshness window (ADR 0004). */
  replayedRequest: (message: string) => new ApiError(400, 'REQUEST_REPLAYED', message),
  certificateRequired: (message: string) => new ApiError(401, 'CERTIFICATE_REQUIRED', message),
  invalidCertificate: (message: string) => new ApiError(403, 'CERTIFICATE_INVALID', message),
  /** The QWAC is revoked by its CA (CRL or OCSP), or unknown to the CA's responder. */
  revokedCertificate: (message: string) => new ApiError(403, 'CERTIFICATE_REVOKED', message),
  /** No CRL or OCSP source of a certificate answered, and the bank refuses then (OPENSTET_REVOCATION_SOFT_FAIL). */
  revocationUnavailable: (message: string, retryAfterSeconds: number) =>
    new ApiError(503, 'REVOCATION_UNAVAILABLE', message, { 'retry-after': String(retryAfterSeconds) }),
  notLicensed: (message: string) => new ApiError(403, 'TPP_NOT_LICENSED', message),
  licenceWithdrawn: (message: string) => new ApiError(403, 'LICENCE_WITHDRAWN', message),
  roleMissing: (message: string) => new ApiError(403, 'ROLE_MISSING', message),
  forbidden: (message: string) => new ApiError(403, 'FORBIDDEN', message),
  /** RFC 6750 §3: a 401 carries `WWW-Authenticate: Bearer error="invalid_token"`. */
  invalidToken: (message: string) =>
    new ApiError(401, 'TOKEN_INVALID', message, { 'www-authenticate': 'Bearer error="invalid_token"' }),
  badScope: (message: string) =>
    new ApiError(403, 'BADS', message, { 'www-authenticate': 'Bearer error="insufficient_scope"' }),
  tooManyRequests: (message: string, retryAfterSeconds: number) =>
    new ApiError(429, 'TMRQ', message, { 'retry-after': String(retryAfterSeconds) }),
  coreBankingUnavailable: () =>
    new ApiError(503, 'INTS', "The bank's account systems did not answer: retry later", {
      'retry-after': '5',
    }),
  notFound: (message: string) => new ApiError(404, 'NOT_FOUND', message),
  /** A payment confirmed before the PSU approved it (or its cancellation): nothing moves without them (RTS Art. 5). */
  paymentNotApproved: (message: string) => new ApiError(409, 'PAYMENT_NOT_APPROVED', message),
  /** RFC 9110 §15.5.10: confirmed already, final, or a reference used for another request. */
  conflict: (message: string) => new ApiError(409, 'CONFLICT', message),
  /** The host names no establishment of this bank, or differs from the TLS server name (RFC 9110 §15.5.20). */
  misdirected: (message: string) => new ApiError(421, 'MISDIRECTED_REQUEST', message),
  methodNotAllowed: (message: string, allow: readonly string[]) =>
    new ApiError(405, 'NIMP', message, { allow: allow.join(', ') }),
  payloadTooLarge: (message: string) => new ApiError(413, 'BODY_TOO_LARGE', message),
  unsupportedMediaType: (message: string) => new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', message),
  internal: () =>
    new ApiError(500, 'INTE', 'Internal error at the bank: quote the X-Request-ID to the bank support'),
});
