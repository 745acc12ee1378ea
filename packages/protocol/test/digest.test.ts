import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeDigest, HttpSignatureError, verifyDigest } from '../src/index.ts';

const reason = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof HttpSignatureError);
    return error.reason;
  }
  return 'accepted';
};

describe('Digest (RFC 3230) is checked over the exact body bytes', () => {
  test('known vectors: the empty body and {"hello": "world"}', () => {
    assert.equal(computeDigest(''), 'SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    assert.equal(computeDigest('{"hello": "world"}'), 'SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=');
  });

  test('a matching digest passes, whatever the case of the algorithm, with several algorithms listed', () => {
    const body = Buffer.from('{"a":1}');
    assert.equal(
      reason(() => verifyDigest(computeDigest(body), body)),
      'accepted',
    );
    assert.equal(
      reason(() => verifyDigest(computeDigest(body).replace('SHA-256', 'sha-256'), body)),
      'accepted',
    );
    assert.equal(
      reason(() => verifyDigest(`${computeDigest(body)}, ${computeDigest(body, 'SHA-512')}`, body)),
      'accepted',
    );
    assert.equal(
      reason(() => verifyDigest(`MD5=abc, ${computeDigest(body)}`, body)),
      'accepted',
    );
  });

  test('one changed byte, whitespace included, is a mismatch', () => {
    const digest = computeDigest('{"a":1}');
    assert.equal(
      reason(() => verifyDigest(digest, Buffer.from('{"a": 1}'))),
      'digest-mismatch',
    );
  });

  test('an unsupported algorithm alone or a malformed header is refused with its own reason', () => {
    assert.equal(
      reason(() => verifyDigest('MD5=rL0Y20zC+Fzt72VPzMSk2A==', Buffer.from('x'))),
      'digest-unsupported',
    );
    assert.equal(
      reason(() => verifyDigest('SHA-256', Buffer.from('x'))),
      'digest-malformed',
    );
  });

  test('each algorithm at most once: a repeated SHA-256 is malformed, since each value hashes the whole body again (review finding 8)', () => {
    const body = Buffer.from('{"a":1}');
    assert.equal(
      reason(() => verifyDigest(`${computeDigest(body)},${computeDigest(body)}`, body)),
      'digest-malformed',
    );
    assert.equal(
      reason(() => verifyDigest(Array(300).fill(computeDigest(body)).join(','), body)),
      'digest-malformed',
    );
    assert.equal(
      reason(() =>
        verifyDigest(`${computeDigest(body)}, ${computeDigest(body).replace('SHA-256', 'sha-256')}`, body),
      ),
      'digest-malformed',
      'the algorithm name is case-insensitive, so this is the same algorithm twice',
    );
  });
});
