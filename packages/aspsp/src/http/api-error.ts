/**
 * The one error type of the server. `code` is the STET/CFONB short code where the bank's profile defines
 * one (seed "Codes erreurs": AC01, AC04, AC06, FF01, BADS, NGAC, NIMP, TMRQ, IPSU, INTS, INTE) and an
 * explicit openstet code for trust-chain refusals the profile leaves unnamed (README, "Error codes").
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** The catalogue: every refusal the server gives is built here, so codes and statuses stay consistent. */
export const Errors = Object.freeze({
  invalidBody: (message: string) => new ApiError(400, 'FF01', message),
  invalidHeader: (message: string) => new ApiError(400, 'HEADER_INVALID', message),
  invalidSignature: (message: string) => new ApiError(400, 'SIGNATURE_INVALID', message),
  invalidDigest: (message: string) => new ApiError(400, 'DIGEST_INVALID', message),
  certificateRequired: (message: string) => new ApiError(401, 'CERTIFICATE_REQUIRED', message),
  invalidCertificate: (message: string) => new ApiError(403, 'CERTIFICATE_INVALID', message),
  notLicensed: (message: string) => new ApiError(403, 'TPP_NOT_LICENSED', message),
  licenceWithdrawn: (message: string) => new ApiError(403, 'LICENCE_WITHDRAWN', message),
  roleMissing: (message: string) => new ApiError(403, 'ROLE_MISSING', message),
  forbidden: (message: string) => new ApiError(403, 'FORBIDDEN', message),
  notFound: (message: string) => new ApiError(404, 'NOT_FOUND', message),
  methodNotAllowed: (message: string, allow: readonly string[]) =>
    new ApiError(405, 'NIMP', message, { allow: allow.join(', ') }),
  payloadTooLarge: (message: string) => new ApiError(413, 'BODY_TOO_LARGE', message),
  unsupportedMediaType: (message: string) => new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', message),
  internal: () =>
    new ApiError(500, 'INTE', 'Internal error at the bank: quote the X-Request-ID to the bank support'),
});
