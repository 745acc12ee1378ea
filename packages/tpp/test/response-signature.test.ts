import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { computeDigest, signMessage } from '@openstet/protocol';
import { ResponseSignatureError } from '../src/index.ts';
import { checkResponseSignature } from '../src/response-signature.ts';
import type { HttpResponse } from '../src/transport.ts';

const seal = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const body = Buffer.from('{"result":true}');

/** An answer as the bank signs it (STET CR199): Date, Digest and X-Request-ID under its seal. */
async function signedAnswer(requestId: string): Promise<HttpResponse> {
  const headers: Record<string, string> = {
    date: new Date().toUTCString(),
    digest: computeDigest(body),
    'x-request-id': requestId,
  };
  const signature = await signMessage(
    { headers },
    { keyId: 'SN=1,CA=CN=Bank', privateKey: seal.privateKey, headers: ['date', 'digest', 'x-request-id'] },
  );
  return { status: 200, headers: { ...headers, signature }, body };
}

test("a bank-signed answer counts only for the request it answers: another request's, replayed, is refused", async () => {
  const answer = await signedAnswer('11111111-1111-4111-8111-111111111111');
  assert.equal(
    await checkResponseSignature(answer, seal.publicKey, '11111111-1111-4111-8111-111111111111'),
    'verified',
  );
  await assert.rejects(
    checkResponseSignature(answer, seal.publicKey, '22222222-2222-4222-8222-222222222222'),
    (error: Error) =>
      error instanceof ResponseSignatureError &&
      error.message ===
        'The signed answer is for another request: X-Request-ID 11111111-1111-4111-8111-111111111111 instead of 22222222-2222-4222-8222-222222222222',
  );
  const tampered = { ...answer, body: Buffer.from('{"result":false}') };
  await assert.rejects(
    checkResponseSignature(tampered, seal.publicKey, '11111111-1111-4111-8111-111111111111'),
    ResponseSignatureError,
  );
  const unsigned = { ...answer, headers: { 'x-request-id': '11111111-1111-4111-8111-111111111111' } };
  assert.equal(
    await checkResponseSignature(unsigned, seal.publicKey, '11111111-1111-4111-8111-111111111111'),
    'absent',
  );
});
