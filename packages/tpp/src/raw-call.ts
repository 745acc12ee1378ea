import type { KeyObject } from 'node:crypto';
import { answeredRequestId } from './bank-answer.ts';
import { answerSignatureStatus } from './bank-seal.ts';
import { DEFAULT_TOKEN_KEY } from './client-options.ts';
import type { SendSigned } from './signed-transport.ts';
import type { TokenStore } from './token-store.ts';

/** A request for `rawCall`: sent as given, signed. */
export interface RawRequest {
  readonly method: string;
  /** Under `apiBaseUrl`, with the version, e.g. `/v1.4.2/funds-confirmations`. */
  readonly path: string;
  /** The body text, sent byte for byte (with its Digest), even when it is not valid JSON. */
  readonly body?: string;
  readonly tokenKey?: string;
  /** Sends this access token rather than the stored one. */
  readonly accessToken?: string;
  readonly psuHeaders?: Readonly<Record<string, string>>;
}

/** What the bank answered to a `rawCall`, untouched. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** The `X-Request-ID` of the call. */
  readonly requestId: string;
  /**
   * The bank's signature of the answer (STET CR199) checked against `bankSealCertificate` and this
   * request's X-Request-ID: `verified`, `invalid`, `absent`, or `unchecked` without a configured seal.
   * Act on a `result` only when it is `verified`.
   */
  readonly responseSignature: 'verified' | 'invalid' | 'absent' | 'unchecked';
}

export function rawCallMethods(sendSigned: SendSigned, store: TokenStore, bankSeal: KeyObject | undefined) {
  return {
    /**
     * Any STET call, signed and sent exactly as given, answered exactly as the bank answered: it never
     * throws on a 4xx or 5xx (only on a network failure), never refreshes a token and never retries. For
     * what the typed methods cannot send: an operation the SDK does not know yet, a deliberately wrong
     * request in your own tests. `path` is under `apiBaseUrl`; the token is the stored one under
     * `tokenKey`, or `accessToken` when given.
     * @example
     * const answer = await bank.rawCall({ method: 'GET', path: '/v1.4.2/funds-confirmations' });
     * if (answer.status === 405) console.log(answer.requestId, answer.body);
     */
    async rawCall(request: RawRequest): Promise<RawAnswer> {
      const accessToken =
        request.accessToken ?? (await store.get(request.tokenKey ?? DEFAULT_TOKEN_KEY))?.accessToken ?? '';
      const exchange = await sendSigned({
        method: request.method,
        path: request.path,
        body: request.body,
        accessToken,
        psuHeaders: request.psuHeaders,
        retryable: false,
      });
      return {
        status: exchange.response.status,
        headers: exchange.response.headers,
        body: exchange.response.body.toString('utf8'),
        requestId: answeredRequestId(exchange.response, exchange.sentRequestId),
        responseSignature: await answerSignatureStatus(exchange, bankSeal),
      };
    },
  };
}
