import type { StetErrorCode } from '@openstet/protocol';

/**
 * A STET API refusal: the bank's ErrorModel with the HTTP status and the request id to quote.
 * @example
 * try {
 *   await bank.fundsConfirmation({ iban: 'FR7613807008043001965405352', amount: '1.00', currency: 'EUR' });
 * } catch (error) {
 *   if (error instanceof StetError && error.code === 'NGAC') console.log(`ask for consent (${error.requestId})`);
 * }
 */
export class StetError extends Error {
  override readonly name = 'StetError';
  constructor(
    /** HTTP status, e.g. 403. */
    readonly status: number,
    /**
     * The ErrorModel `error` code, e.g. `AC01`, `NGAC`, `FF01`: one of openstet's catalogue, or any other
     * text, since another STET bank may answer codes of its own (and `HTTP_<status>` without an ErrorModel).
     */
    readonly code: StetErrorCode | (string & {}),
    message: string,
    /** The `X-Request-ID` of the call: quote it to the bank. */
    readonly requestId: string,
    /**
     * Seconds the bank asks to wait (`Retry-After` of a 429 `TMRQ` or a 503), when it says: e.g. the time
     * until an unattended read is allowed again (RTS Art. 36(5)(b)).
     */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * An OAuth refusal at the token or revocation endpoint (RFC 6749 §5.2), or at /authorize.
 * @example
 * try {
 *   await bank.refresh();
 * } catch (error) {
 *   if (error instanceof OAuthError && error.code === 'invalid_grant') console.log('send the customer to the bank again');
 * }
 */
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

/**
 * The bank's response signature (STET CR199) is missing where required, or does not verify: never act on
 * that answer.
 * @example
 * try {
 *   await bank.fundsConfirmation({ iban: 'FR7613807008043001965405158', amount: '10.00', currency: 'EUR' });
 * } catch (error) {
 *   if (error instanceof ResponseSignatureError) console.log('answer not signed by the bank: declined');
 * }
 */
export class ResponseSignatureError extends Error {
  override readonly name = 'ResponseSignatureError';
}
