import { type SigningKey, signedRequestHeaders } from './request-signature.ts';
import type { HttpResponse, Transport } from './transport.ts';

/** One STET call to sign and send: the path under the API base URL, with the version. */
export interface SignedRequest {
  readonly method: string;
  /** E.g. `/v1.4.2/funds-confirmations`. */
  readonly path: string;
  /** The body text, signed through its Digest and sent byte for byte. */
  readonly body: string | undefined;
  readonly accessToken: string;
  readonly psuHeaders: Readonly<Record<string, string>> | undefined;
  /** No effect at the bank: safe to send again after a network failure. */
  readonly retryable: boolean;
}

/** The bank's answer, with the X-Request-ID the request went with (its signed answer must echo it). */
export interface SignedExchange {
  readonly response: HttpResponse;
  readonly sentRequestId: string;
}

export type SendSigned = (request: SignedRequest) => Promise<SignedExchange>;

export interface SignedTransportOptions {
  readonly apiBaseUrl: string;
  readonly signing: SigningKey;
  readonly send: Transport;
  /** Extra attempts after a network failure, for `retryable` requests only. */
  readonly retries: number;
}

/**
 * Signs (STET Part I §3.5) and sends under the API base URL. A network failure is retried only when the
 * request is `retryable`, and each attempt is signed again with a new X-Request-ID and Date: the bank
 * refuses an X-Request-ID it has already seen as a replay, and the first attempt may have reached it.
 */
export function signedTransport(options: SignedTransportOptions): SendSigned {
  return async (request) => {
    const url = new URL(`${options.apiBaseUrl}${request.path}`);
    for (let attempt = 0; ; attempt++) {
      const headers = await signedRequestHeaders(options.signing, {
        method: request.method,
        target: `${url.pathname}${url.search}`,
        body: request.body,
        headers: { authorization: `Bearer ${request.accessToken}`, ...request.psuHeaders },
      });
      try {
        const response = await options.send({
          method: request.method,
          url: url.href,
          headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
        });
        return { response, sentRequestId: headers['x-request-id'] ?? '' };
      } catch (error) {
        if (!request.retryable || attempt >= options.retries) throw error;
      }
    }
  };
}
