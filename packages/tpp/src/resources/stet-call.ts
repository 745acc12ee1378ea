import type { KeyObject } from 'node:crypto';
import { API_METHODS, type ApiMethodName } from '../api-methods.ts';
import { answeredRequestId, stetError } from '../bank-answer.ts';
import { requireSignedAnswer } from '../bank-seal.ts';
import { type CallOptions, DEFAULT_TOKEN_KEY } from '../client-options.ts';
import type { TokenSession } from '../session/token-session.ts';
import type { SendSigned } from '../signed-transport.ts';

/** A 2xx answer of a STET operation: its JSON, its headers, and the X-Request-ID to quote to the bank. */
export interface StetAnswer {
  readonly json: unknown;
  /** E.g. the `Location` of a created payment request. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly requestId: string;
}

/**
 * Calls the operation `name`. `path` replaces the operation's path under its version when the call names a
 * resource (`/accounts/{id}/balances`) or follows a link the bank gave (with its query).
 */
export type StetCall = (
  name: ApiMethodName,
  body: unknown,
  callOptions?: CallOptions,
  path?: string,
) => Promise<StetAnswer>;

/**
 * One STET operation, read top to bottom: its method, path and version from the operations table,
 * signed and sent with the customer's fresh token (one refresh and one retry after a 401), a refusal
 * thrown as `StetError`, and a 2xx answer the bank must sign (STET CR199) checked before it is read.
 */
export function stetCall(
  sendSigned: SendSigned,
  session: TokenSession,
  bankSeal: KeyObject | undefined,
): StetCall {
  return async (name, body, callOptions = {}, path = API_METHODS[name].path) => {
    const operation = API_METHODS[name];
    const exchange = await session.withAccessToken(callOptions.tokenKey ?? DEFAULT_TOKEN_KEY, (accessToken) =>
      sendSigned({
        method: operation.method,
        path: `/${operation.version}${path}`,
        body: body === undefined ? undefined : JSON.stringify(body),
        accessToken,
        psuHeaders: callOptions.psuHeaders,
        retryable: operation.retryable,
      }),
    );
    const { response, sentRequestId } = exchange;
    if (response.status < 200 || response.status >= 300) throw stetError(response, sentRequestId);
    if (operation.signedResponse) await requireSignedAnswer(exchange, bankSeal);
    return {
      // `PUT /consents` answers 201 without a body.
      json: response.body.length === 0 ? undefined : JSON.parse(response.body.toString('utf8')),
      headers: response.headers,
      requestId: answeredRequestId(response, sentRequestId),
    };
  };
}
