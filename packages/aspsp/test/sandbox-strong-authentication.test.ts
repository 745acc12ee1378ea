import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sandboxCoreBanking } from '../src/bank/sandbox/sandbox-core-banking.ts';
import {
  maskPhoneNumber,
  sandboxStrongAuthentication,
} from '../src/bank/sandbox/sandbox-strong-authentication.ts';

async function marc() {
  const profile = await sandboxCoreBanking().findPsu('13807', 'D0999990I0');
  assert.ok(profile);
  return profile;
}

describe('sandbox SCA: the seed SMS code 12345678 ("Code SMS pour authentification")', () => {
  test('12345678 is accepted, spaces aside', async () => {
    const sca = sandboxStrongAuthentication();
    assert.equal(await sca.verify(await marc(), '12345678'), true);
    assert.equal(await sca.verify(await marc(), ' 1234 5678 '), true);
  });

  test('anything else is refused, whatever its length', async () => {
    const sca = sandboxStrongAuthentication();
    for (const otp of ['', '1234567', '123456789', '12345679', '87654321', '12345678\u0000', 'abcdefgh']) {
      assert.equal(await sca.verify(await marc(), otp), false, JSON.stringify(otp));
    }
  });

  test('the challenge names the SMS channel and a masked phone number', async () => {
    assert.deepEqual(await sandboxStrongAuthentication().challenge(await marc()), {
      channel: 'sms',
      maskedDestination: '06 ** ** ** 78',
    });
  });

  test('masking keeps only the first and last groups of digits', () => {
    assert.equal(maskPhoneNumber('06 39 98 10 78'), '06 ** ** ** 78');
    assert.equal(maskPhoneNumber(''), '** ** ** ** **');
  });
});
