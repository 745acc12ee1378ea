import type { KeyObject } from 'node:crypto';
import { findHeader, HttpSignatureError, verifyMessageSignature } from '@openstet/protocol';
import { ResponseSignatureError } from './errors.ts';
import type { HttpResponse } from './transport.ts';

/**
 * Checks the bank's signature of a response (STET CR199): Digest of the body, and a Signature covering
 * `digest` and `x-request-id` that verifies with the bank's seal certificate you configured. A response
 * without a Signature passes unless `required` (the caller decides per method).
 */
export async function verifyResponseSignature(
  response: HttpResponse,
  bankSeal: KeyObject,
  required: boolean,
): Promise<void> {
  const headers = response.headers as Record<string, string | string[] | undefined>;
  const signature = findHeader(headers, 'signature');
  if (signature === undefined) {
    if (required) throw new ResponseSignatureError('The bank did not sign this response (STET CR199)');
    return;
  }
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
}
