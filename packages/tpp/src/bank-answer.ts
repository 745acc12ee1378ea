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
  return isErrorModel(body)
    ? new StetError(response.status, body.error, body.message, requestId)
    : new StetError(
        response.status,
        `HTTP_${response.status}`,
        `The bank answered ${response.status}`,
        requestId,
      );
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
