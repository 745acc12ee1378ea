import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, test } from 'node:test';
import { pemBlocks, pemToDer } from '../src/index.ts';
import { testPki } from './fixtures.ts';

const derOf = (pem: string) => Buffer.from(new X509Certificate(pem).raw);

describe('PEM (RFC 7468) is read in one linear pass', () => {
  test('every block of the wanted label, in order; other labels and stray text are skipped', async () => {
    const { ca, qsealc } = await testPki();
    const text = `chain:\n${qsealc.certificatePem}${qsealc.privateKeyPem}\n${ca.certificatePem}trailer`;
    assert.deepEqual(pemBlocks(text), [derOf(qsealc.certificatePem), derOf(ca.certificatePem)]);
    assert.equal(pemBlocks(text, 'PRIVATE KEY').length, 1);
    assert.throws(() => pemToDer('-----BEGIN CERTIFICATE-----\nAAAA'), /no PEM CERTIFICATE block found/);
  });

  test('a block is the last BEGIN before its END: 60 000 BEGIN lines without an END (1 MB) are skipped (review finding 2)', {
    // A guard, not a measurement: the linear scan takes milliseconds. The pattern it replaced (a lazy body
    // with a back-reference) spent seconds here and returned the garbage between the first BEGIN and the END.
    timeout: 10_000,
  }, async () => {
    const { qsealc } = await testPki();
    const hostile = `-----BEGIN CERTIFICATE-----${'-----BEGIN A-----'.repeat(60_000)}${qsealc.certificatePem}`;
    assert.ok(hostile.length > 1_000_000);
    assert.deepEqual(pemBlocks(hostile), [derOf(qsealc.certificatePem)]);
  });
});
