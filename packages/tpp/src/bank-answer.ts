import { isErrorModel } from '@openstet/protocol';
import { StetError } from './errors.ts';
import type { HttpResponse } from './transport.ts';

/** The X-Request-ID the bank echoed (every STET answer carries it back), else the one sent. */
export function answeredRequestId(response: HttpResponse, sent: string): string {
  const value = response.headers['x-request-id'];
  return (Array.isArray(value) ? value[0] : value) || sent;
}

/**
 * A refusal as a `StetError`: the code and message of the bank's STET `ErrorModel` when the body is one,
 * else `HTTP_<status>` (a proxy's error page, an empty body), never a JSON parse error.
 */
export function stetError(response: HttpResponse, sentRequestId: string): StetError {
  const requestId = answeredRequestId(response, sentRequestId);
  const body = parseJson(response.body);
  const wait = retryAfter(response);
  return isErrorModel(body)
    ? new StetError(response.status, body.error, body.message, requestId, wait)
    : new StetError(
        response.status,
        `HTTP_${response.status}`,
        `The bank answered ${response.status}`,
        requestId,
        wait,
      );
}

/** `Retry-After` in seconds (RFC 9110 §10.2.3, the delay form); undefined when absent or a date. */
function retryAfter(response: HttpResponse): number | undefined {
  const value = response.headers['retry-after'];
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
