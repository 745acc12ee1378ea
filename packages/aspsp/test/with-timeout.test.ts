import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CoreBanking, CoreBankingUnavailable } from '../src/bank/core-banking.ts';
import { sandboxCoreBanking } from '../src/bank/sandbox/sandbox-core-banking.ts';
import { withTimeout } from '../src/bank/with-timeout.ts';

const failing: CoreBanking = {
  ...sandboxCoreBanking(),
  async findPsu() {
    throw new Error('ECONNREFUSED 10.0.0.7:1521 (core-db-prod)');
  },
};

describe('a failing or slow core banking system is CoreBankingUnavailable (503 INTS)', () => {
  test('an answer within the limit passes through unchanged', async () => {
    const bank = withTimeout(sandboxCoreBanking(), 1000);
    assert.equal((await bank.findPsu('D0999990I0'))?.psuId, 'psu-marc');
  });

  test('a failure keeps its cause but no internal detail in the message', async () => {
    await assert.rejects(withTimeout(failing, 1000).findPsu('D0999990I0'), (error) => {
      assert.ok(error instanceof CoreBankingUnavailable);
      assert.equal(error.message, 'core banking failed to answer findPsu');
      assert.match(String((error.cause as Error).message), /ECONNREFUSED/);
      return true;
    });
  });

  test('a synchronous throw is caught like a rejection', async () => {
    const throwing: CoreBanking = {
      ...sandboxCoreBanking(),
      subscription: () => {
        throw new Error('driver bug');
      },
    };
    await assert.rejects(withTimeout(throwing, 1000).subscription('psu-marc'), CoreBankingUnavailable);
  });

  test('no answer within the limit is a timeout', async () => {
    const bank = withTimeout(sandboxCoreBanking(), 50);
    await assert.rejects(bank.position('FR7613807008043001965411172'), {
      name: 'CoreBankingUnavailable',
      message: 'core banking did not answer position within 50 ms',
    });
  });
});
