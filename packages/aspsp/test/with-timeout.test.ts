import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, test } from 'node:test';
import { sandboxCoreBanking } from '../src/bank/sandbox/sandbox-core-banking.ts';
import { withDeadline, withTimeout } from '../src/bank/with-timeout.ts';
import { type CoreBanking, CoreBankingUnavailable } from '../src/core/ports/core-banking.ts';

const failing: CoreBanking = {
  ...sandboxCoreBanking(),
  async findPsu() {
    throw new Error('ECONNREFUSED 10.0.0.7:1521 (core-db-prod)');
  },
};

describe('a failing or slow core banking system is CoreBankingUnavailable (503 INTS)', () => {
  test('an answer within the limit passes through unchanged', async () => {
    const bank = withTimeout(sandboxCoreBanking(), 1000);
    assert.equal((await bank.findPsu('13807', 'D0999990I0'))?.psuId, 'psu-marc');
  });

  test('a failure keeps its cause but no internal detail in the message', async () => {
    await assert.rejects(withTimeout(failing, 1000).findPsu('13807', 'D0999990I0'), (error) => {
      assert.ok(error instanceof CoreBankingUnavailable);
      assert.equal(error.message, 'core banking failed to answer findPsu');
      assert.match(String((error.cause as Error).message), /ECONNREFUSED/);
      return true;
    });
  });

  test('a synchronous throw is caught like a rejection', async () => {
    const throwing: CoreBanking = {
      ...sandboxCoreBanking(),
      fundsCheck: () => {
        throw new Error('driver bug');
      },
    };
    await assert.rejects(
      withTimeout(throwing, 1000).fundsCheck('13807', 'psu-marc', 'FR7613807008043001965405158'),
      CoreBankingUnavailable,
    );
  });

  test('no answer within the limit is a timeout', async () => {
    const bank = withTimeout(sandboxCoreBanking(), 50);
    await assert.rejects(bank.fundsCheck('13807', 'psu-iris', 'FR7613807008043001965411172'), {
      name: 'CoreBankingUnavailable',
      message: 'core banking did not answer fundsCheck within 50 ms',
    });
  });

  test('one request: its calls share one budget, and the call after the budget is spent is never made', async () => {
    let clock = 0;
    const asked: string[] = [];
    // Each call takes 40 ms of the request's clock, and answers at once.
    const slow: CoreBanking = {
      ...sandboxCoreBanking(),
      findPsu: async (establishment, onlineBankingId) => {
        asked.push('findPsu');
        clock += 40;
        return sandboxCoreBanking().findPsu(establishment, onlineBankingId);
      },
      currentAccounts: async (psuId) => {
        asked.push('currentAccounts');
        clock += 40;
        return sandboxCoreBanking().currentAccounts(psuId);
      },
      fundsCheck: async (establishment, psuId, iban) => {
        asked.push('fundsCheck');
        return sandboxCoreBanking().fundsCheck(establishment, psuId, iban);
      },
    };
    const bank = withDeadline(slow, 60, () => clock);
    assert.equal((await bank.findPsu('13807', 'D0999990I0'))?.psuId, 'psu-marc');
    assert.equal((await bank.currentAccounts('psu-marc'))[0]?.status, 'open');
    // 80 ms of 60 are gone: with withTimeout(…, 60) each call alone would have had its 60 ms.
    await assert.rejects(bank.fundsCheck('13807', 'psu-marc', 'FR7613807008043001965405158'), {
      name: 'CoreBankingUnavailable',
      message: "core banking did not answer fundsCheck within the request's 60 ms",
    });
    assert.deepEqual(asked, ['findPsu', 'currentAccounts']);
  });

  test('a call of the request that hangs is cut at what is left of the budget, not at the whole budget', async () => {
    let clock = 0;
    // 10 s of budget, 9.95 s already spent: the hanging call (Iris's funds check) gets 50 ms.
    const bank = withDeadline(sandboxCoreBanking(), 10_000, () => clock);
    clock = 9_950;
    const started = performance.now();
    await assert.rejects(bank.fundsCheck('13807', 'psu-iris', 'FR7613807008043001965411172'), {
      name: 'CoreBankingUnavailable',
      message: "core banking did not answer fundsCheck within the request's 10000 ms",
    });
    // With the whole budget it would have waited 10 s.
    assert.ok(performance.now() - started < 5_000);
  });

  test('the payment calls are bounded too: a payment on a system that never answers is CoreBankingUnavailable', async () => {
    const never = () => new Promise<never>(() => {});
    const hanging: CoreBanking = {
      ...sandboxCoreBanking(),
      executePayment: never,
      orderState: never,
      cancelOrder: never,
    };
    const bank = withTimeout(hanging, 50);
    const order = {
      orderId: 'request.0.0',
      establishment: '13807',
      debtorIban: 'FR7613807008043001965405158',
      amount: { currency: 'EUR', minorUnits: 5000n },
      creditorName: 'SCI Les Tilleuls',
      creditorIban: 'FR7630004008190001234560143',
      label: 'VIR SEPA SCI Les Tilleuls',
      instant: false,
      executionDate: '2026-03-02',
    };
    // openstet then sends the same order again later: the books answer what they did (idempotent).
    for (const [operation, call] of [
      ['executePayment', () => bank.executePayment(order)],
      ['orderState', () => bank.orderState(order.orderId)],
      ['cancelOrder', () => bank.cancelOrder(order.orderId)],
    ] as const)
      await assert.rejects(call(), {
        name: 'CoreBankingUnavailable',
        message: `core banking did not answer ${operation} within 50 ms`,
      });
  });
});
