import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStetErrorCode, STET_ERROR_CODES } from '../src/index.ts';

describe('the error code catalogue', () => {
  test('it holds exactly the codes the bank answers with (packages/aspsp http/api-error.ts and /register)', () => {
    assert.deepEqual(Object.keys(STET_ERROR_CODES).sort(), [
      'AC01',
      'AC04',
      'AC06',
      'AM03',
      'BADS',
      'BAD_REQUEST',
      'BODY_TOO_LARGE',
      'CERTIFICATE_INVALID',
      'CERTIFICATE_REQUIRED',
      'CERTIFICATE_REVOKED',
      'CONFLICT',
      'DIGEST_INVALID',
      'FF01',
      'FORBIDDEN',
      'HEADER_INVALID',
      'INTE',
      'INTS',
      'IPSU',
      'LICENCE_WITHDRAWN',
      'MISDIRECTED_REQUEST',
      'NGAC',
      'NIMP',
      'NOT_FOUND',
      'PAYMENT_NOT_APPROVED',
      'REQUEST_REPLAYED',
      'REVOCATION_UNAVAILABLE',
      'ROLE_MISSING',
      'SIGNATURE_INVALID',
      'TMRQ',
      'TOKEN_INVALID',
      'TPP_NOT_LICENSED',
      'UNSUPPORTED_MEDIA_TYPE',
      'invalid_client_metadata',
      'invalid_redirect_uri',
    ]);
  });

  test("the seed's codes keep the seed's status and French meaning", () => {
    const seed = Object.fromEntries(
      Object.entries(STET_ERROR_CODES)
        .filter(([, entry]) => entry.source === 'seed')
        .map(([code, entry]) => [code, `${entry.status} ${entry.meaning.split(' ')[0]}`]),
    );
    assert.deepEqual(seed, {
      FF01: '400 InvalidFileFormat',
      AC01: '400 IncorrectAccountNumber',
      AC04: '400 ClosedAccountNumber',
      AC06: '403 BlockedAccount',
      NGAC: '403 NotGrantedAccount',
      IPSU: '403 InvalidPSU',
      BADS: '403 BadScope',
      TMRQ: '429 TooManyRequest',
      INTS: '503 InternalServerError',
      INTE: '500 InternalError',
      NIMP: '405 NotImplemented',
    });
  });

  test('every status is an error status and every meaning a sentence', () => {
    for (const [code, entry] of Object.entries(STET_ERROR_CODES)) {
      assert.ok(entry.status >= 400 && entry.status < 600, code);
      assert.ok(entry.meaning.length > 10, code);
    }
  });

  test('isStetErrorCode knows the catalogue and nothing else', () => {
    assert.equal(isStetErrorCode('FF01'), true);
    assert.equal(isStetErrorCode('invalid_redirect_uri'), true);
    assert.equal(isStetErrorCode('toString'), false);
    assert.equal(isStetErrorCode('ff01'), false);
  });
});
