import { createPublicKey, type KeyObject } from 'node:crypto';
import { signingKeyProblem } from '@openstet/protocol';
import { loadPem, type PemSource } from './credentials.ts';
import { ResponseSignatureError } from './errors.ts';
import { checkResponseSignature } from './response-signature.ts';
import type { SignedExchange } from './signed-transport.ts';

/** The bank's QSealC public key, refused at start-up when no bank could sign with it. */
export function bankSealKey(certificate: PemSource | undefined): KeyObject | undefined {
  if (!certificate) return undefined;
  const key = createPublicKey(loadPem(certificate));
  const problem = signingKeyProblem(key);
  if (problem) throw new TypeError(`bankSealCertificate ${problem}`);
  return key;
}

/**
 * For an operation the bank signs (STET CR199): a 2xx answer without a signature is refused, and one
 * whose signature fails throws. Without a configured seal there is nothing to check against.
 */
export async function requireSignedAnswer(
  { response, sentRequestId }: SignedExchange,
  bankSeal: KeyObject | undefined,
): Promise<void> {
  if (!bankSeal) return;
  if ((await checkResponseSignature(response, bankSeal, sentRequestId)) === 'absent')
    throw new ResponseSignatureError('The bank did not sign this response (STET CR199)');
}

/** For `rawCall`, which never throws on the bank's answer: the signature's state, reported. */
export async function answerSignatureStatus(
  { response, sentRequestId }: SignedExchange,
  bankSeal: KeyObject | undefined,
): Promise<'verified' | 'invalid' | 'absent' | 'unchecked'> {
  if (!bankSeal) return 'unchecked';
  try {
    return await checkResponseSignature(response, bankSeal, sentRequestId);
  } catch (error) {
    if (error instanceof ResponseSignatureError) return 'invalid';
    throw error;
  }
}
