/** A STET API refusal: the bank's ErrorModel with the HTTP status and the request id to quote. */
export class StetError extends Error {
  override readonly name = 'StetError';
  constructor(
    /** HTTP status, e.g. 403. */
    readonly status: number,
    /** The ErrorModel `error` code, e.g. `AC01`, `NGAC`, `FF01`. */
    readonly code: string,
    message: string,
    /** The `X-Request-ID` of the call: quote it to the bank. */
    readonly requestId: string,
  ) {
    super(message);
  }
}

/** An OAuth refusal at the token or revocation endpoint (RFC 6749 §5.2), or at /authorize. */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    readonly status: number,
    /** RFC 6749 error code, e.g. `invalid_grant`. */
    readonly code: string,
    description: string,
  ) {
    super(description);
  }
}

/** The bank's response signature (STET CR199) is missing where required, or does not verify. */
export class ResponseSignatureError extends Error {
  override readonly name = 'ResponseSignatureError';
}
