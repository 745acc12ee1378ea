import type { KeyObject } from 'node:crypto';
import { findHeader, HttpSignatureError, verifyMessageSignature } from '@openstet/protocol';
import { ResponseSignatureError } from './errors.ts';
import type { HttpResponse } from './transport.ts';

/**
 * Checks the bank's signature of a response (STET CR199): Digest of the body, and a Signature covering
 * `digest` and `x-request-id` that verifies with the bank's seal certificate you configured, on the
 * `X-Request-ID` this request was sent with: a signed answer to another request, replayed, is refused.
 * Says whether the response was signed at all; throws `ResponseSignatureError` when a signature fails.
 */
export async function checkResponseSignature(
  response: HttpResponse,
  bankSeal: KeyObject,
  sentRequestId: string,
): Promise<'verified' | 'absent'> {
  const headers = response.headers as Record<string, string | string[] | undefined>;
  const signature = findHeader(headers, 'signature');
  if (signature === undefined) return 'absent';
  try {
    await verifyMessageSignature({ headers }, signature, {
      requiredHeaders: ['digest', 'x-request-id'],
      resolveKey: () => bankSeal,
      body: response.body,
    });
  } catch (error) {
    if (error instanceof HttpSignatureError)
      throw new ResponseSignatureError(`The bank's response signature is invalid: ${error.message}`);
    throw error;
  }
  const answered = findHeader(headers, 'x-request-id');
  if (answered !== sentRequestId) {
    throw new ResponseSignatureError(
      `The signed answer is for another request: X-Request-ID ${answered} instead of ${sentRequestId}`,
    );
  }
  return 'verified';
}
